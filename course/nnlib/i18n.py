"""The language nnlib speaks: its messages, widget labels and figure text.

English is the source. A translation is a gettext catalog shipped inside nnlib,
``nnlib/locale/<lang>/LC_MESSAGES/nnlib.mo`` (compiled from the ``.po`` next to it by
``autograder translate``), read with the standard library's ``gettext``.

The notebooks' code cells are the same in every edition, so the language is never
chosen in code. It is, in this order:

1. the environment variable ``NNLIB_LANG`` (a deployment's setting; the grader sets it
   for each submission's kernel from the notebook's edition);
2. the file ``nnlib-language.txt`` in the folder the kernel runs in, the notebook's
   own folder in JupyterLab: each lesson folder of a translated release ships one;
3. English.

Anything but a language nnlib has a catalog for means English.

Figure text is translated when a figure is drawn (``Figure.draw``): each title, axis
label, legend entry and text whose English is in the catalog is replaced by its
translation. So a title written in a notebook's code cell is translated too. A catalog
entry may hold ``{...}`` placeholders (``Eight steps, α = {alpha}``): it then matches
any text of that form, and the translation gets each placeholder's text back.
"""
import functools
import gettext
import os
import re
from importlib import resources
from pathlib import Path

ENV = "NNLIB_LANG"
SETTING_FILE = "nnlib-language.txt"
LANGUAGES = ("th",)  # the translations shipped (English is the source)
DOMAIN = "nnlib"


def known(tag):
    """``tag`` when nnlib has a catalog for it, else "en"."""
    tag = tag.strip().lower() if isinstance(tag, str) else ""
    return tag if tag in LANGUAGES else "en"


def language():
    """The language in use now (see the module's docstring)."""
    if os.environ.get(ENV):
        return known(os.environ[ENV])
    try:
        return known(Path(SETTING_FILE).read_text(encoding="utf-8")[:20])
    except (OSError, UnicodeDecodeError):
        return "en"


@functools.lru_cache(maxsize=None)
def _catalog(lang):
    if lang not in LANGUAGES:
        return gettext.NullTranslations()
    folder = resources.files("nnlib") / "locale"
    with resources.as_file(folder) as localedir:
        return gettext.translation(DOMAIN, localedir=str(localedir), languages=[lang],
                                   fallback=True)


def gettext_(message):
    """``message`` in the language in use (the English when it has no translation)."""
    return _catalog(language()).gettext(message)


_ = gettext_
tr = gettext_  # the same, for a module that uses ``_`` as a throwaway name


def N_(message):
    """Marks a string for the catalog without translating it here (it is translated
    where it is shown, e.g. a figure's text when the figure is drawn)."""
    return message


# --- text in figures -----------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@functools.lru_cache(maxsize=None)
def _patterns(lang):
    """(regex, placeholders, translation) for every catalog entry with placeholders."""
    found = []
    catalog = _catalog(lang)
    for english, translated in getattr(catalog, "_catalog", {}).items():
        if not isinstance(english, str) or "{" not in english or "{{" in english:
            continue
        holes = _PLACEHOLDER.findall(english)
        if not holes:
            continue
        parts = _PLACEHOLDER.split(english)
        regex = "(.+?)".join(re.escape(p) for p in parts)
        found.append((re.compile(regex + r"\Z", re.S), holes, translated))
    return found


def translate_text(text, lang=None):
    """A figure's text in ``lang`` (default: the language in use): the catalog's
    translation of the whole text, or of the entry with placeholders it matches."""
    lang = lang or language()
    if lang == "en" or not text or not isinstance(text, str):
        return text
    catalog = _catalog(lang)
    translated = catalog.gettext(text)
    if translated != text:
        return translated
    for regex, holes, target in _patterns(lang):
        match = regex.match(text)
        if match:
            for hole, value in zip(holes, match.groups()):
                target = target.replace(hole, value, 1)
            return target
    return text


def translate_figure(fig, lang=None):
    """Replace every English text of ``fig`` that the catalog knows by its translation."""
    lang = lang or language()
    if lang == "en":
        return
    from matplotlib.text import Text
    for artist in fig.findobj(Text):
        text = artist.get_text()
        translated = translate_text(text, lang)
        if translated != text:
            artist.set_text(translated)
        if "$" in translated and _THAI.search(translated):
            _thai_mathtext(artist)


_THAI = re.compile(r"[\u0e00-\u0e7f]")


def _thai_mathtext(artist):
    """A text with $math$ is drawn whole by mathtext, which has no font fallback: its
    words in the text's first family (DejaVu Sans, no Thai), its math in DejaVu. Such a
    text is set in Noto Sans Thai alone, math included (mathtext's "custom" font set):
    it has Latin letters and digits too; Greek and symbols fall back to mathtext's."""
    import matplotlib

    from .fonts import THAI_FAMILY, use_thai_font
    use_thai_font()
    for style in ("rm", "it", "bf", "sf", "cal", "tt"):  # one face: the variable font's
        matplotlib.rcParams[f"mathtext.{style}"] = THAI_FAMILY
    artist.set_fontfamily(THAI_FAMILY)  # the words outside $...$: mathtext's "default"
    artist.get_fontproperties().set_math_fontfamily("custom")


def install_figure_translation():
    """Translate each figure's text just before it is drawn (once per draw)."""
    from matplotlib.figure import Figure
    if getattr(Figure.draw, "_nnlib_translates", False):
        return
    draw = Figure.draw

    @functools.wraps(draw)
    def translated_draw(self, renderer):
        translate_figure(self)
        return draw(self, renderer)

    translated_draw._nnlib_translates = True
    Figure.draw = translated_draw
