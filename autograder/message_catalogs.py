"""The catalogs of what the code says to a student: nnlib's and the grader's.

The lessons' markdown has its catalogs in ``autograder.translation``. The words the
*code* shows have two more, one per distribution, English always the source:

- ``nnlib``: the student's library (self-check verdicts, widget labels, figure titles,
  axis labels and legends, including those written in the lessons' code cells), in
  ``course/nnlib/locale/<lang>/LC_MESSAGES/nnlib.po``, compiled to ``nnlib.mo`` next to
  it, which ships in the student's wheel and is read by ``nnlib.i18n``;
- ``autograder``: the grader's messages (the mistake catalogue, the comparisons'
  wording, the verdicts under test cells, the class report's headings), in
  ``autograder/locale/<lang>/autograder.po``, read by ``autograder.language``.

The English messages are found in the source by reading its syntax tree (``extract``):
``_("...")``, ``tr("...")`` and ``N_("...")`` calls, a ``Mistake``'s message, and (for nnlib and the
lessons' code) the strings given to a figure as a title, an axis label or a legend
label. An f-string becomes an entry with ``{placeholders}``. ``update`` merges them into
the catalog as ``autograder translate`` does for the lessons: a changed message keeps
its old translation marked fuzzy, a new one gets an empty entry. ``problems`` lists
what is missing or stale; the tests require none.
"""
import ast
import io
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from .course import ROOT, lessons
from .translation import new_catalog

LANGUAGES = ("th",)

# Source files whose messages are still being translated, per language: their missing
# entries are listed by ``pending`` (and shown in English) rather than failing the
# tests. Every other message must have a current translation.
PENDING = {"th": set()}

# keyword arguments, parameters and methods whose string is figure or widget text
FIGURE_KEYWORDS = {"title", "xlabel", "ylabel", "label", "suptitle", "description",
                   "default_title"}
FIGURE_METHODS = {"set_title", "set_xlabel", "set_ylabel", "suptitle", "supxlabel",
                  "supylabel"}
TICK_METHODS = {"set_xticks", "set_yticks"}
# nnlib helpers whose positional strings are a title and axis labels
FIGURE_HELPERS = {"axes", "axes_labels", "_stage_axes"}
MARKERS = {"_", "N_", "tr", "gettext_"}


@dataclass(frozen=True)
class Domain:
    name: str
    sources: tuple      # folders (relative to the root) of Python files to read
    figures: bool       # whether figure text is collected too
    lesson_code: bool   # whether the lessons' code cells (source/*/*.py) are read too

    def po_path(self, lang, root=ROOT):
        if self.name == "nnlib":
            return Path(root) / "course" / "nnlib" / "locale" / lang / "LC_MESSAGES" / "nnlib.po"
        return Path(root) / "autograder" / "locale" / lang / "autograder.po"

    def mo_path(self, lang, root=ROOT):
        return self.po_path(lang, root).with_suffix(".mo") if self.name == "nnlib" else None


NNLIB = Domain("nnlib", ("course/nnlib",), figures=True, lesson_code=True)
GRADER = Domain("autograder", ("autograder",), figures=False, lesson_code=False)
DOMAINS = (NNLIB, GRADER)

HEADER = """\
# What the {name} code says to a student, one entry per message. Written by
# `autograder translate`; translate each msgstr. Keep every {{placeholder}}, number,
# formula and code name; technical terms in English in parentheses at first use."""


def _has_words(text):
    """Whether a string has words to translate (not only symbols, math or code)."""
    rest = re.sub(r"\$[^$]*\$", " ", text)
    rest = re.sub(r"\{[^{}]*\}", " ", rest)
    return re.search(r"[A-Za-z]{2,}", rest) is not None


def _string(node):
    """The msgid of a string node: a constant as it is, an f-string with {placeholders};
    None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                if "{" in value.value or "}" in value.value:
                    return None  # literal braces would read as placeholders
                parts.append(value.value)
            else:
                parts.append("{" + ast.unparse(value.value) + "}")
        return "".join(parts)
    return None


def _name(func):
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def messages_in(source, figures, where):
    """(msgid, location) of every message in Python ``source``."""
    found = []

    def add(node, text):
        if text and _has_words(text):
            found.append((text, (where, node.lineno)))

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name in MARKERS and node.args:
                add(node, _string(node.args[0]) if isinstance(node.args[0], ast.Constant)
                    else None)
            elif name == "Mistake" and len(node.args) >= 2:
                add(node, _string(node.args[1]) if isinstance(node.args[1], ast.Constant)
                    else None)
            elif figures:
                for keyword in node.keywords:
                    if keyword.arg in FIGURE_KEYWORDS:
                        add(node, _string(keyword.value))
                if name in FIGURE_METHODS and node.args:
                    add(node, _string(node.args[0]))
                if name in FIGURE_HELPERS:
                    for arg in node.args:
                        add(node, _string(arg))
                if name in TICK_METHODS and len(node.args) >= 2:  # tick labels
                    labels = node.args[1]
                    if isinstance(labels, (ast.List, ast.Tuple)):
                        for element in labels.elts:
                            add(node, _string(element))
                    elif isinstance(labels, ast.ListComp):
                        add(node, _string(labels.elt))
        elif figures and isinstance(node, (ast.FunctionDef, ast.Lambda)):
            args = node.args
            positional = args.posonlyargs + args.args
            pairs = list(zip(positional[len(positional) - len(args.defaults):], args.defaults))
            pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
            for arg, default in pairs:
                if arg.arg in FIGURE_KEYWORDS:
                    add(default, _string(default))
    return found


def extract(domain, root=ROOT):
    """Every English message of ``domain``, in source order: msgid -> locations."""
    root = Path(root)
    files = []
    for folder in domain.sources:
        files += sorted(p for p in (root / folder).rglob("*.py")
                        if "locale" not in p.parts)
    if domain.lesson_code:
        files += [lesson.script for lesson in lessons(root)]
    found = {}
    for path in files:
        where = path.relative_to(root).as_posix()
        for msgid, location in messages_in(path.read_text(encoding="utf-8"),
                                           domain.figures, where):
            found.setdefault(msgid, []).append(location)
    if domain is GRADER:
        template = root / "autograder" / "templates" / "class_report.html.j2"
        for number, line in enumerate(template.read_text().splitlines(), 1):
            for match in re.finditer(r"""_\("((?:[^"\\]|\\.)*)"\)""", line):
                found.setdefault(match.group(1), []).append(
                    (template.relative_to(root).as_posix(), number))
    return found


def template(domain, root=ROOT):
    catalog = new_catalog(f"backprop {domain.name}", HEADER.format(name=domain.name))
    for msgid, locations in extract(domain, root).items():
        message = catalog.add(msgid, locations=locations[:3])
        message.flags -= {"python-format", "python-brace-format"}
    return catalog


def read_catalog(path):
    with open(path, "rb") as f:
        return read_po(f)


def po_bytes(catalog):
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, include_previous=True, ignore_obsolete=True,
             sort_output=False)
    return re.sub(rb'^"Generated-By: .*\n', b"", buffer.getvalue(), flags=re.M)


def mo_bytes(catalog):
    """The compiled catalog, translated and current entries only."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def update(domain, lang, root=ROOT):
    """Merge the source's messages into ``domain``'s ``lang`` catalog (and compile it);
    return ``problems``."""
    path = domain.po_path(lang, root)
    fresh = template(domain, root)
    if path.exists():
        catalog = read_catalog(path)
        catalog.update(fresh, update_header_comment=False, no_fuzzy_matching=False)
        for field in ("msgid_bugs_address", "last_translator", "language_team"):
            setattr(catalog, field, getattr(fresh, field))
    else:
        catalog = fresh
        catalog.locale = lang
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(po_bytes(catalog))
    if domain.mo_path(lang, root) is not None:
        domain.mo_path(lang, root).write_bytes(mo_bytes(read_catalog(path)))
    return problems(domain, lang, root)


_PLACEHOLDERS = re.compile(r"\{[^{}]*\}")
_NUMBER = re.compile(r"(?<![A-Za-z_])\d+(?:[.,]\d+)*")


def problems(domain, lang, root=ROOT):
    """Entries missing, untranslated, stale or obsolete; translations that lost a
    placeholder or a number; a compiled catalog out of step with its .po."""
    path = domain.po_path(lang, root)
    name = path.relative_to(root)
    if not path.exists():
        return [f"{name}: no catalog (run `autograder translate --lang {lang}`)"]
    catalog = read_catalog(path)
    wanted = extract(domain, root)
    found = []
    for msgid, locations in wanted.items():
        where = ", ".join(f"{f}:{n}" for f, n in locations[:2])
        entry = catalog.get(msgid)
        if entry is None or not entry.string:
            if not _pending(locations, lang):
                found.append(f"missing ({where}): {msgid[:60]!r}")
        elif entry.fuzzy:
            found.append(f"stale: the English changed ({where}): {msgid[:60]!r}")
        else:
            english = _PLACEHOLDERS.sub(" ", msgid)
            lost = sorted(set(_PLACEHOLDERS.findall(msgid)) - set(_PLACEHOLDERS.findall(entry.string)))
            lost += sorted(set(_NUMBER.findall(english)) - set(_NUMBER.findall(entry.string)))
            if lost:
                found.append(f"translation lost {', '.join(lost)} ({where})")
    for message in catalog:
        if message.id and message.id not in wanted:
            found.append(f"obsolete (no such English message): {message.id[:60]!r}")
    mo = domain.mo_path(lang, root)
    if mo is not None and (not mo.exists() or mo.read_bytes() != mo_bytes(catalog)):
        found.append(f"{mo.relative_to(root)} is not the compiled {name}: run "
                     f"`autograder translate --lang {lang}`")
    return found


def _pending(locations, lang):
    return all(path in PENDING.get(lang, ()) for path, _ in locations)


def pending(domain, lang, root=ROOT):
    """The untranslated messages of the files still being translated (``PENDING``)."""
    catalog = read_catalog(domain.po_path(lang, root))
    return [msgid for msgid, locations in extract(domain, root).items()
            if _pending(locations, lang) and not (catalog.get(msgid) and catalog.get(msgid).string)]
