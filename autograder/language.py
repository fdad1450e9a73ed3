"""The language of the grader's words: per submission, from a closed list.

A submission's feedback speaks the language of the edition the student worked in. The
grader reads it from the notebook's metadata (``"edition": "th"``, written by
``autograder build --lang th``) when it starts grading the notebook
(``autograder.execute``), and sets it here for the duration (``speaking``). The
notebook is the student's to forge: its tag only *selects* among the catalogs below,
and anything else (a missing, misspelt, over-long or unknown tag, a path, a number)
means English. The mistake codes stay the same in every language; only the words
change.

The translations are the catalog ``autograder/locale/<lang>/autograder.po`` (see
``autograder.message_catalogs``); an English message with no current translation is
shown in English.
"""
import contextlib
import contextvars
import functools
from pathlib import Path

LANGUAGES = ("th",)  # the translations of the grader's messages (English is the source)
_FOLDER = Path(__file__).resolve().parent / "locale"
_language = contextvars.ContextVar("autograder_language", default="en")


def known(tag):
    """``tag`` when it names a catalog we have, else "en". Never builds a path from it."""
    if isinstance(tag, str):
        for lang in LANGUAGES:
            if tag.strip().lower() == lang:
                return lang
    return "en"


def language_of(nb):
    """The language of a (student's) notebook: its edition, when it is one we speak."""
    try:
        return known(nb.get("metadata", {}).get("edition"))
    except AttributeError:
        return "en"


def current():
    return _language.get()


@contextlib.contextmanager
def speaking(lang):
    """The grader's messages in ``lang`` (checked with ``known``) inside the block."""
    token = _language.set(known(lang))
    try:
        yield
    finally:
        _language.reset(token)


@functools.lru_cache(maxsize=None)
def _catalog(lang):
    """msgid -> translation, for the current (not fuzzy) entries of ``lang``."""
    if lang not in LANGUAGES:
        return {}
    path = _FOLDER / lang / "autograder.po"
    if not path.exists():
        return {}
    # imported here, not at the top: stock `nbgrader autograde` imports the checks in the
    # student's kernel, and an English run should not load Babel there
    from babel.messages.pofile import read_po

    with open(path, "rb") as f:
        catalog = read_po(f)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def gettext(message, lang=None):
    """``message`` in ``lang`` (default: the current language)."""
    lang = known(lang) if lang is not None else current()
    if lang == "en":
        return message
    return _catalog(lang).get(message, message)


_ = gettext
tr = gettext  # the same, where a module uses ``_`` as a throwaway name (the lessons)


def N_(message):
    """Marks ``message`` for the catalog; it is translated where it is shown."""
    return message
