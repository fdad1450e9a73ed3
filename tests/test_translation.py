"""Translated editions: catalogs in step with the English, notebooks that match it.

The English lessons are the single source. A lesson listed in ``translation.COMPLETE``
must have every block translated and current; its translated notebook must have the
English notebook's cells, ids, nbgrader metadata and code, and each translated block
must keep every number, formula and code span of its English block.
"""
import json
import re
import shutil

import nbformat
import pytest

from autograder import build, translation
from autograder.course import lessons
from autograder.translation import COMPLETE, Invariants
from tests.conftest import ROOT

# each language's script: a translated cell must contain some of it
SCRIPTS = {"th": re.compile(r"[\u0e00-\u0e7f]")}
EDITIONS = [(lang, lesson) for lang in COMPLETE for lesson in translation.complete_lessons(lang)]
IDS = [f"{lang}-{lesson.id[:2]}" for lang, lesson in EDITIONS]


def test_every_complete_lesson_exists():
    ids = {lesson.id for lesson in lessons()}
    for lang, done in COMPLETE.items():
        assert set(done) <= ids, f"{lang}: unknown lessons in COMPLETE"
        assert done, f"{lang}: no lesson translated yet"


@pytest.mark.parametrize("lang,lesson", EDITIONS, ids=IDS)
def test_catalog_has_no_missing_stale_or_damaged_entry(lang, lesson):
    assert translation.problems(lesson, lang) == [], \
        f"run `make translate LANG={lang}` and translate what it lists"


@pytest.mark.parametrize("lang,lesson", EDITIONS, ids=IDS)
def test_catalog_is_what_extract_writes(lang, lesson, tmp_path):
    """Re-extracting from unchanged English rewrites the committed catalog byte for byte."""
    committed = translation.catalog_path(lesson, lang)
    root = _copy_lesson(lesson, lang, tmp_path)
    translation.extract(_lesson_in(root, lesson), lang, root)
    assert translation.catalog_path(lesson, lang, root).read_bytes() == committed.read_bytes()


# --- the catalog notices English changes ---------------------------------------------

def _copy_lesson(lesson, lang, root):
    """A course root holding only ``lesson`` and its ``lang`` catalog."""
    folder = root / "source" / lesson.id
    folder.mkdir(parents=True)
    shutil.copy(lesson.script, folder)
    shutil.copy(lesson.source_notebook, folder)
    catalog = translation.catalog_path(lesson, lang, root)
    catalog.parent.mkdir(parents=True)
    shutil.copy(translation.catalog_path(lesson, lang), catalog)
    return root


def _lesson_in(root, lesson):
    return next(l for l in lessons(root) if l.id == lesson.id)


def _edit_markdown(lesson, root, edit):
    path = _lesson_in(root, lesson).source_notebook
    nb = nbformat.read(path, as_version=4)
    edit(nb)
    nbformat.write(nb, path)


FIRST = translation.complete_lessons("th")[0]


def test_a_changed_english_paragraph_makes_its_entry_stale(tmp_path):
    root = _copy_lesson(FIRST, "th", tmp_path)
    _, _, block = next(translation.markdown_blocks(
        nbformat.read(FIRST.source_notebook, as_version=4)))

    def reword(nb):
        cell = next(c for c in nb.cells if c.cell_type == "markdown")
        cell.source = cell.source.replace(block, block + " (revised)", 1)

    _edit_markdown(FIRST, root, reword)
    lesson = _lesson_in(root, FIRST)
    before = translation.problems(lesson, "th")
    assert any(p.startswith("missing") for p in before), before
    assert any(p.startswith("obsolete") for p in before), before
    after = translation.extract(lesson, "th", root)
    assert len(after) == 1 and after[0].startswith("stale"), after
    path = translation.catalog_path(lesson, "th", root)
    entry = translation.read_catalog(path).get(block + " (revised)")
    assert entry.fuzzy and entry.string, "the old translation is kept, marked fuzzy"
    assert f'#| msgid "{block}"' in path.read_text(encoding="utf-8"), "and the old English"
    with pytest.raises(KeyError):
        translation.translated_notebook(lesson, "th", root)


def test_a_new_english_paragraph_is_missing_until_translated(tmp_path):
    root = _copy_lesson(FIRST, "th", tmp_path)

    def add(nb):
        cell = next(c for c in nb.cells if c.cell_type == "markdown")
        cell.source += "\n\nA paragraph added to the English lesson."

    _edit_markdown(FIRST, root, add)
    lesson = _lesson_in(root, FIRST)
    found = translation.extract(lesson, "th", root)
    assert found == ["missing (cell-00:5): 'A paragraph added to the English lesson.'"]


def test_a_paragraph_without_prose_is_copied_not_translated():
    text = "Intro text.\n\n$$\nJ = \\frac{1}{m}\n\n\\sum_i L\n$$\n\n   </details>\n\n```\nx = 1\n\ny = 2\n```"
    blocks = translation.split_blocks(text)
    assert "".join(blocks) == text
    assert blocks[::2] == ["Intro text.", "$$\nJ = \\frac{1}{m}\n\n\\sum_i L\n$$",
                           "   </details>", "```\nx = 1\n\ny = 2\n```"]
    assert [translation.has_prose(b) for b in blocks[::2]] == [True, False, False, False]


# --- what a translation must keep ----------------------------------------------------

ENGLISH = ("With $w = 2$ and `lr = 0.01`, one step gives $$w = 2 - 0.01\\cdot(-24)$$ "
           "= 2.24 after 1,000 epochs.")


def test_a_faithful_translation_keeps_every_invariant():
    thai = ("เมื่อ $w = 2$ และ `lr = 0.01` ก้าวหนึ่งครั้งให้ $$w = 2 -\n  0.01\\cdot(-24)$$ "
            "= 2.24 หลัง 1,000 รอบการฝึก")
    assert Invariants.of(ENGLISH).missing_from(Invariants.of(thai)) == []


def test_a_code_span_may_wrap_onto_the_next_line():
    english = "Write `train(X, Y,\nbeta)`, where `costs` holds one number."
    thai = "เขียน `train(X, Y, beta)` โดย `costs` เก็บตัวเลขหนึ่งตัว"
    assert Invariants.of(english).code == {"`train(X, Y, beta)`", "`costs`"}
    assert Invariants.of(english).missing_from(Invariants.of(thai)) == []


@pytest.mark.parametrize("damaged,lost", [
    ("เมื่อ $w = 2$ และ `lr = 0.01` ได้ $$w = 2 - 0.01\\cdot(-24)$$ = 2.24 หลังหลายรอบ",
     ["number '1,000'"]),
    ("เมื่อ $w=3$ และ `lr = 0.01` ได้ $$w = 2 - 0.01\\cdot(-24)$$ = 2.24 หลัง 1,000 รอบ",
     ["formula '$w = 2$'"]),
    ("เมื่อ $w = 2$ และ lr = 0.01 ได้ $$w = 2 - 0.01\\cdot(-24)$$ = 2.24 หลัง 1,000 รอบ",
     ["code '`lr = 0.01`'"]),
])
def test_a_translation_that_drops_a_number_formula_or_code_span_is_caught(damaged, lost):
    assert Invariants.of(ENGLISH).missing_from(Invariants.of(damaged)) == lost


# --- the translated notebooks ---------------------------------------------------------

def _blocks(source):
    return translation.split_blocks(source)[::2]


@pytest.mark.parametrize("lang,lesson", EDITIONS, ids=IDS)
def test_edition_matches_the_english_mechanically(lang, lesson):
    english = nbformat.read(lesson.source_notebook, as_version=4)
    edition = nbformat.read(translation.edition_notebook(lesson, lang), as_version=4)
    assert len(edition.cells) == len(english.cells)
    first_markdown = next(c["id"] for c in english.cells if c.cell_type == "markdown")
    for en, tr in zip(english.cells, edition.cells):
        assert (tr["id"], tr.cell_type, tr.metadata) == (en["id"], en.cell_type, en.metadata)
        if en.cell_type != "markdown":
            assert tr.source == en.source, f"code cell {en['id']} differs"
            continue
        source = tr.source
        if en["id"] == first_markdown:
            assert source.endswith(translation.GLOSSARY_LINK[lang]), "no glossary link"
            source = translation.without_glossary_link(source, lang)
        en_blocks, tr_blocks = _blocks(en.source), _blocks(source)
        assert len(tr_blocks) == len(en_blocks), f"cell {en['id']}: paragraph count differs"
        if any(translation.has_prose(block) for block in en_blocks):
            # a block may rightly stay as it is (a list of formulas), a cell may not
            assert SCRIPTS[lang].search(source), f"cell {en['id']} is not translated"
        for index, (a, b) in enumerate(zip(en_blocks, tr_blocks), start=1):
            if not translation.has_prose(a):
                assert b == a, f"cell {en['id']}:{index} has no prose and must be copied"
                continue
            lost = Invariants.of(a).missing_from(Invariants.of(b))
            assert lost == [], f"cell {en['id']}:{index} lost {lost}"


@pytest.mark.parametrize("lang", list(COMPLETE))
def test_committed_editions_are_what_the_build_makes(lang):
    assert build.build_edition(lang, check=True) == [], f"run `make notebooks LANG={lang}`"


@pytest.mark.parametrize("lang", list(COMPLETE))
def test_committed_edition_release_is_what_nbgrader_generates(lang, tmp_path):
    source = translation.edition_root(lang) / "source"
    ids = [lesson.id for lesson in translation.complete_lessons(lang)]
    fresh = build.release_into(tmp_path, ids, source)
    committed = translation.edition_root(lang) / "release"
    names = lambda d: sorted(p.relative_to(d).as_posix() for p in d.rglob("*") if p.is_file())
    assert names(fresh) == names(committed), f"run `make release LANG={lang}`"
    for rel in names(fresh):
        if not rel.endswith(".ipynb"):  # the glossary and nnlib's language setting
            assert (fresh / rel).read_bytes() == (committed / rel).read_bytes(), rel
            continue
        assert json.loads((fresh / rel).read_text(encoding="utf-8")) == \
            json.loads((committed / rel).read_text(encoding="utf-8")), f"{rel} has drifted"


@pytest.mark.parametrize("lang,lesson", EDITIONS, ids=IDS)
def test_both_editions_release_the_same_assignment_to_nbgrader(lang, lesson):
    """Same assignment id and notebook name, same graded cells, points and code: the
    gradebook, autograding and the exports cannot tell the editions apart."""
    english = nbformat.read(lesson.release_notebook(), as_version=4)
    edition_path = translation.edition_root(lang) / "release" / lesson.id / lesson.notebook_name
    edition = nbformat.read(edition_path, as_version=4)

    def graded(nb):
        return [(c["id"], c.metadata.get("nbgrader"), c.source) for c in nb.cells
                if c.cell_type == "code" or c.metadata.get("nbgrader")]

    assert graded(edition) == graded(english)
    assert edition.metadata["edition"] == lang


# --- a class that mixes the editions ---------------------------------------------------

def test_a_class_can_mix_the_editions(tmp_path):
    """The English release's gradebook grades a Thai submission exactly as the same
    answers in the English notebook: same cells, scores and mistake codes."""
    import dataclasses

    from autograder import grading, samples

    lesson = FIRST
    root = tmp_path / "course"
    build.release_into(root, [lesson.id])  # the gradebook is made from the English source
    students = samples.sample_class(lesson_ids=[lesson.id], full=False)
    chosen = [s for s in students if s.student == "instructor"] + \
        [s for s in students if s.mistake][:1]
    editions = {"en": root / "release", "th": translation.edition_root("th") / "release"}
    for student in chosen:
        for lang, release in editions.items():
            renamed = dataclasses.replace(student, student=f"{student.student}-{lang}")
            samples.write_submission(renamed, root, release_root=release)
    run = grading.autograde(root, workers=1)
    assert run.flagged == []
    results = grading.cell_results(root, run.graded)
    by_edition = {}
    for r in results:
        name, lang = r.student.rsplit("-", 1)
        by_edition.setdefault(lang, set()).add((name, r.cell, r.score, r.max_score, r.mistake))
    assert by_edition["th"] == by_edition["en"]
    lost = [(score, mistake) for _, _, score, top, mistake in by_edition["th"] if score < top]
    assert lost and all(mistake for _, mistake in lost), "the mistake is named in Thai too"


@pytest.mark.parametrize("lang,lesson", EDITIONS, ids=IDS)
def test_edition_notebook_runs_without_errors_or_warnings(lang, lesson):
    """The translated notebook runs with its solutions as the English one does: no error
    and nothing on stderr, where matplotlib's "Glyph ... missing from font(s)" goes."""
    from tests.test_notebooks import execute

    nb, _ = execute(translation.edition_notebook(lesson, lang))
    problems = [f"{cell['id']}: {output.get('ename') or output.get('text', '')[:200]}"
                for cell in nb.cells if cell.cell_type == "code" for output in cell.outputs
                if output.output_type == "error"
                or (output.output_type == "stream" and output.name == "stderr")]
    assert problems == []
