"""Translated editions of the lessons: gettext catalogs kept in step with the English.

English is the single source. Each lesson has one catalog per language,
``locale/<lang>/<lesson id>.po``. Its unit is one markdown **block** (a paragraph, a
list, a table, a heading: text between blank lines, with fenced code and display math
kept whole). The msgid is the English block itself and the location says which cell and
block it came from (``cell-03:1``), so:

- a changed English block no longer matches its entry: ``extract`` marks the old
  translation *fuzzy* (with the old English kept as ``#| msgid`` for the translator) or,
  for a new block, adds an empty entry;
- a block with no prose (display math, a rule, ``</details>``) is copied as it is and
  never enters the catalog.

The Thai notebook of a lesson (``editions/<lang>/source/<lesson id>/<name>.ipynb``) is
the English source notebook with each markdown block replaced by its translation: the
same cells, ids and nbgrader metadata, byte-identical code cells. Its release
(``editions/<lang>/release/``) is made by nbgrader's ``generate_assignment`` as for
English, under the same assignment ids and notebook names, so the gradebook, grade ids,
points and checksums are the same for both editions.
"""
import datetime
import io
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import nbformat
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from .course import ROOT, lessons

LANGUAGES = {"th": "Thai"}

# Lessons whose catalog is complete, per language: their translated notebooks are built
# and released, and the tests require every entry to be translated and current. A
# lesson not listed here is still being translated.
COMPLETE = {
    "th": [
        "01_need_for_optimization",
        "02_chain_rule",
        "03_delta_recurrences",
        "04_gradcheck",
        "05_initialization",
        "06_sgd_momentum",
        "07_l2_regularization",
        "08_parameter_sharing",
        "09_capstone",
    ],
}

# The glossary, linked from the first cell of each translated notebook. Each lesson
# folder of a translated edition holds a copy of docs/glossary.md (``lesson_files``),
# which nbgrader's release hands out with the notebook: the link works in a student's
# fetched folder, not only in the repository.
GLOSSARY = ROOT / "docs" / "glossary.md"
GLOSSARY_LINK = {
    "th": "ศัพท์เทคนิคภาษาอังกฤษ–ไทยทั้งหมดอยู่ใน [อภิธานศัพท์ (glossary)](glossary.md)",
}
# The file that tells nnlib which language to speak (nnlib.language.SETTING_FILE), next to
# each translated notebook: a self-learner who opens the notebook gets the edition's
# language with no step of their own.
LANGUAGE_FILE = "nnlib-language.txt"


def lesson_files(lang, root=ROOT):
    """name -> bytes of the files each lesson folder of the ``lang`` edition holds
    besides its notebook (released with it)."""
    return {"glossary.md": (Path(root) / "docs" / "glossary.md").read_bytes(),
            LANGUAGE_FILE: f"{lang}\n".encode()}

HEADER = """\
# The markdown of lesson {lesson}, one entry per block (paragraph, list, table,
# heading). Written by `autograder translate`; translate the msgstr of each entry.
# Keep every number, LaTeX formula and `code` span of the English; technical terms
# in English in parentheses the first time they appear. Locations: cell id:block."""
EPOCH = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)

_FENCE = re.compile(r"^\s*(```|~~~)")
_SEPARATOR = re.compile(r"(\n[ \t]*\n(?:[ \t]*\n)*)")


def catalog_path(lesson, lang, root=ROOT):
    return Path(root) / "locale" / lang / f"{lesson.id}.po"


def edition_root(lang, root=ROOT):
    return Path(root) / "editions" / lang


def edition_notebook(lesson, lang, root=ROOT):
    return edition_root(lang, root) / "source" / lesson.id / lesson.notebook_name


def complete_lessons(lang, root=ROOT):
    return [l for l in lessons(root) if l.id in COMPLETE[lang]]


# --- markdown blocks ----------------------------------------------------------------

def split_blocks(text):
    """``text`` as alternating [block, separator, block, ...]; joining them gives it back.

    Blank lines inside fenced code or display math ($$ ... $$) do not split a block.
    """
    pieces = _SEPARATOR.split(text)
    merged = [pieces[0]]
    for separator, block in zip(pieces[1::2], pieces[2::2]):
        if _inside_fence(merged[-1]) or merged[-1].count("$$") % 2:
            merged[-1] += separator + block
        else:
            merged += [separator, block]
    return merged


def _inside_fence(block):
    return sum(1 for line in block.splitlines() if _FENCE.match(line)) % 2 == 1


def _indent(block):
    lines = [line for line in block.splitlines() if line.strip()]
    return min((len(line) - len(line.lstrip(" ")) for line in lines), default=0)


def message_of(block):
    """The catalog's msgid for a block: the block without its common indentation."""
    return textwrap.dedent(block)


def has_prose(block):
    """Whether a block has words to translate once code, math, HTML and URLs are gone."""
    rest = prose(block)
    rest = re.sub(r"<[^>]+>", " ", rest)
    rest = re.sub(r"\]\([^)]*\)", "]", rest)
    return re.search(r"[A-Za-z]{2,}", rest) is not None


# --- what a translation must keep -------------------------------------------------

_FENCED = re.compile(r"^\s*(```|~~~).*?^\s*\1", re.S | re.M)
# a code span may wrap onto the next line (never across a blank line: blocks end there)
_CODE = re.compile(r"`[^`]+`")
_DISPLAY_MATH = re.compile(r"\$\$.+?\$\$", re.S)
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)(?:[^$\\]|\\.)+?\$", re.S)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def prose(text):
    """``text`` without its code and formulas: the words a translation translates."""
    for pattern in (_FENCED, _CODE, _DISPLAY_MATH, _INLINE_MATH):
        text = pattern.sub(" ", text)
    return text


def _normal_space(text):
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Invariants:
    """What a translation of a block must contain exactly as the English block has it."""

    code: set       # inline code spans and fenced code blocks, whitespace normalised
    formulas: set   # LaTeX, $...$ and $$...$$, whitespace normalised
    numbers: set    # numbers in the prose (outside code and formulas)

    @classmethod
    def of(cls, block):
        code = {_normal_space(m.group(0)) for m in _FENCED.finditer(block)}
        rest = _FENCED.sub(" ", block)
        code.update(_normal_space(m) for m in _CODE.findall(rest))
        rest = _CODE.sub(" ", rest)
        formulas = {_normal_space(m) for m in _DISPLAY_MATH.findall(rest)}
        rest = _DISPLAY_MATH.sub(" ", rest)
        formulas.update(_normal_space(m) for m in _INLINE_MATH.findall(rest))
        rest = _INLINE_MATH.sub(" ", rest)
        rest = re.sub(r"\]\([^)]*\)", "]", rest)  # a link's target is not prose
        return cls(code, formulas, set(_NUMBER.findall(rest)))

    def missing_from(self, other):
        """What of this (English) block's invariants ``other`` (its translation) lacks."""
        lost = []
        for kind, name in (("code", "code"), ("formulas", "formula"), ("numbers", "number")):
            gone = getattr(self, kind) - getattr(other, kind)
            lost += [f"{name} {item!r}" for item in sorted(gone)]
        return lost


# --- catalogs ---------------------------------------------------------------------

def markdown_blocks(nb):
    """(cell id, block index, block) for every block with prose, in notebook order."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        blocks = split_blocks(cell.source)[::2]
        for index, block in enumerate(blocks):
            if has_prose(block):
                yield cell["id"], index, block


def new_catalog(project, header_comment):
    """An empty catalog of the course's, with the same header fields in every catalog."""
    return Catalog(project=project, version="1", fuzzy=False, header_comment=header_comment,
                   # fixed dates: re-running extract on unchanged English changes nothing
                   creation_date=EPOCH, revision_date=EPOCH,
                   msgid_bugs_address="the course's issue tracker",
                   last_translator="the course's translators",
                   language_team="the course's translators")


def template(lesson):
    """A catalog with an empty entry for every English block of ``lesson``."""
    nb = nbformat.read(lesson.source_notebook, as_version=4)
    catalog = new_catalog(f"backprop {lesson.id}", HEADER.format(lesson=lesson.id))
    for cell_id, index, block in markdown_blocks(nb):
        message = catalog.add(message_of(block), locations=[(cell_id, index + 1)])
        # LaTeX braces are not format placeholders: no format checks on translations
        message.flags -= {"python-format", "python-brace-format"}
    return catalog


def read_catalog(path):
    with open(path, "rb") as f:
        return read_po(f)


def write_catalog(catalog, path):
    buffer = io.BytesIO()
    # width=0: no rewrapping, Thai has no spaces to wrap at; a block's own line breaks
    # are kept
    write_po(buffer, catalog, width=0, include_previous=True, ignore_obsolete=True,
             sort_output=False)
    # without Babel's version, so that the committed catalogs do not depend on it
    text = re.sub(rb'^"Generated-By: .*\n', b"", buffer.getvalue(), flags=re.M)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text)


def extract(lesson, lang, root=ROOT):
    """Update ``lesson``'s catalog for ``lang`` from its English; return what is left to
    translate (``problems``).

    New blocks get empty entries; changed ones keep their old translation, marked fuzzy;
    entries of blocks that are gone are dropped.
    """
    path = catalog_path(lesson, lang, root)
    fresh = template(lesson)
    if path.exists():
        catalog = read_catalog(path)
        # a changed block keeps its old translation, marked fuzzy, and its old English
        # (written as `#| msgid`) so the translator sees what changed
        catalog.update(fresh, update_header_comment=False)
        # the header is the build's, not a translator's: one for every catalog
        for field in ("msgid_bugs_address", "last_translator", "language_team"):
            setattr(catalog, field, getattr(fresh, field))
    else:
        catalog = fresh
        catalog.locale = lang
    write_catalog(catalog, path)
    return problems(lesson, lang, root)


def problems(lesson, lang, root=ROOT):
    """Entries of the catalog that are missing, untranslated, fuzzy or obsolete, and
    translations that lost a number, a formula or a code span of their English."""
    path = catalog_path(lesson, lang, root)
    if not path.exists():
        return [f"{path.relative_to(root)}: no catalog (run `autograder translate --lang {lang}`)"]
    catalog = read_catalog(path)
    wanted = {message.id: message for message in template(lesson) if message.id}
    found = []
    for msgid, english in wanted.items():
        where = ", ".join(f"{c}:{i}" for c, i in english.locations)
        entry = catalog.get(msgid)
        if entry is None or not entry.string:
            found.append(f"missing ({where}): {msgid[:60]!r}")
        elif entry.fuzzy:
            found.append(f"stale: the English changed ({where}): {msgid[:60]!r}")
        else:
            lost = Invariants.of(msgid).missing_from(Invariants.of(entry.string))
            if lost:
                found.append(f"translation lost {', '.join(lost)} ({where})")
    for message in catalog:
        if message.id and message.id not in wanted:
            found.append(f"obsolete (no such English block): {message.id[:60]!r}")
    return found


# --- translated notebooks ---------------------------------------------------------

def translate_markdown(text, catalog):
    """``text`` with each block that has prose replaced by its translation."""
    pieces = split_blocks(text)
    for i in range(0, len(pieces), 2):
        block = pieces[i]
        if not has_prose(block):
            continue
        entry = catalog.get(message_of(block))
        if entry is None or not entry.string or entry.fuzzy:
            raise KeyError(f"no current translation of {message_of(block)[:60]!r}")
        pieces[i] = textwrap.indent(entry.string, " " * _indent(block))
    return "".join(pieces)


def translated_notebook(lesson, lang, root=ROOT):
    """The ``lang`` notebook of ``lesson``: its English source with translated markdown."""
    nb = nbformat.read(lesson.source_notebook, as_version=4)
    catalog = read_catalog(catalog_path(lesson, lang, root))
    first_markdown = True
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = translate_markdown(cell.source, catalog)
            if first_markdown:
                cell.source += "\n\n" + GLOSSARY_LINK[lang]
                first_markdown = False
    # which edition a notebook is, for a grader or a student who holds one of each
    nb.metadata["edition"] = lang
    nbformat.validate(nb)
    return nb


def without_glossary_link(source, lang):
    """A translated cell's markdown without the glossary link the build appends."""
    suffix = "\n\n" + GLOSSARY_LINK[lang]
    return source[:-len(suffix)] if source.endswith(suffix) else source
