"""docs/glossary.md: every term in English and Thai, with the lesson where it first
appears; the translated lessons link to it."""
import re

import nbformat
import pytest

from autograder import translation
from autograder.course import lessons
from tests.conftest import ROOT

GLOSSARY = ROOT / "docs" / "glossary.md"
THAI = re.compile(r"[\u0e00-\u0e7f]")


def _rows():
    rows = re.findall(r"^\| (.+?) \| (.+?) \| (\d\d) \|$", GLOSSARY.read_text(encoding="utf-8"),
                      re.M)
    assert len(rows) >= 50
    return rows


def _markdown(path):
    """The prose of a notebook's markdown (code and formulas left out: `\\Delta` is no
    "delta")."""
    nb = nbformat.read(path, as_version=4)
    return translation.prose("\n".join(c.source for c in nb.cells if c.cell_type == "markdown"))


def _english_text():
    return [(lesson.id[:2], _markdown(lesson.source_notebook).lower()) for lesson in lessons()]


def test_terms_are_sorted_unique_and_have_a_thai_term():
    english = [en for en, _, _ in _rows()]
    assert english == sorted(english, key=str.lower) and len(set(english)) == len(english)
    for en, th, _ in _rows():
        assert THAI.search(th), f"{en}: no Thai term"


def test_each_term_is_listed_with_the_lesson_where_it_first_appears():
    texts = _english_text()
    for en, _, number in _rows():
        pattern = r"\b" + r"\s+".join(map(re.escape, en.lower().split()))
        first = next((n for n, text in texts if re.search(pattern, text)), None)
        assert first == number, f"{en!r} first appears in lesson {first}, not {number}"


def test_the_thai_lesson_that_introduces_a_term_uses_the_glossary_term():
    """The glossary's Thai (without its parenthesis) is the word the Thai lesson uses."""
    thai = {lesson.id[:2]: _markdown(translation.edition_notebook(lesson, "th"))
            for lesson in translation.complete_lessons("th")}
    for en, th, number in _rows():
        if number in thai:
            word = re.sub(r"\s*\(.*?\)", "", th)
            assert word in thai[number], f"{en}: lesson {number} does not say {word!r}"


@pytest.mark.parametrize("lang", list(translation.COMPLETE))
def test_translated_lessons_link_to_the_glossary(lang):
    target = re.search(r"\]\(([^)]+)\)", translation.GLOSSARY_LINK[lang]).group(1)
    for lesson in translation.complete_lessons(lang):
        for folder in ("source", "release"):
            notebook = translation.edition_root(lang) / folder / lesson.id / lesson.notebook_name
            first = next(c for c in nbformat.read(notebook, as_version=4).cells
                         if c.cell_type == "markdown")
            assert translation.GLOSSARY_LINK[lang] in first.source
            # the glossary travels with the notebook (a student's fetched folder has it)
            assert (notebook.parent / target).read_bytes() == GLOSSARY.read_bytes()
