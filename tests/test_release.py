"""source/ and release/ are what the build makes, and nothing secret reaches students."""
import json
import re

import nbformat
import pytest

from autograder import build
from autograder.course import lessons
from tests.conftest import ROOT

SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)


def test_source_notebooks_match_their_jupytext_scripts():
    assert build.build_notebooks(check=True) == [], "run `make notebooks`"


def test_committed_release_is_what_nbgrader_generates(tmp_path):
    fresh = build.release_into(tmp_path)
    committed = ROOT / "release"
    names = lambda d: sorted(p.relative_to(d).as_posix() for p in d.rglob("*") if p.is_file())
    assert names(fresh) == names(committed), "run `make release`"
    for rel in names(fresh):
        a = json.loads((fresh / rel).read_text())
        b = json.loads((committed / rel).read_text())
        assert a == b, f"release/{rel} has drifted: run `make release`"


def test_make_release_registers_and_releases_every_lesson(tmp_path):
    """What `make release` leaves (here in a scratch course): every lesson in the
    gradebook with its notebook, as formgrader and nbgrader autograde need, and released
    to the course's exchange, as formgrader shows and students fetch."""
    from nbgrader.api import Gradebook

    (tmp_path / "source").symlink_to(ROOT / "source", target_is_directory=True)
    release = build.release_course(tmp_path)
    api = build.nbgrader_api(tmp_path)
    assert {a["name"]: a["status"] for a in api.get_assignments()} == \
        {lesson.id: "released" for lesson in lessons()}
    with Gradebook(api.coursedir.db_url) as gradebook:
        for lesson in lessons():
            gradebook.find_notebook(lesson.source_notebook.stem, lesson.id)  # raises if absent
    for lesson in lessons():
        outbound = tmp_path / "exchange" / "backprop" / "outbound" / lesson.id
        assert (outbound / lesson.notebook_name).read_text() == \
            lesson.release_notebook(tmp_path).read_text()
    assert release == tmp_path / "release"
    build.release_course(tmp_path)  # a second run replaces the released lessons


def _secrets():
    """Every solution block and hidden-test block of every source notebook."""
    for lesson in lessons():
        nb = nbformat.read(lesson.source_notebook, as_version=4)
        for cell in nb.cells:
            for pattern in (SOLUTION, HIDDEN):
                for block in pattern.findall(cell.source):
                    yield lesson.id, block


def _lines(text):
    return [" ".join(line.split()) for line in text.splitlines() if len(line.strip()) > 25]


def _student_visible_text():
    texts = {p: p.read_text() for p in (ROOT / "release").rglob("*.ipynb")}
    # and the translated editions' releases (editions/<lang>/release)
    texts.update({p: p.read_text(encoding="utf-8")
                  for p in (ROOT / "editions").glob("*/release/**/*.ipynb")})
    texts.update({p: p.read_text() for p in (ROOT / "course" / "nnlib").rglob("*.py")})
    # the self-checks' public fixtures ship with nnlib too
    texts.update({p: p.read_text() for p in (ROOT / "course" / "nnlib").rglob("*.json")})
    return {p: " ".join(t.replace("\\n", "\n").split()) for p, t in texts.items()}


@pytest.mark.parametrize("lesson_id,block", list(_secrets()), ids=lambda x: str(x)[:30])
def test_no_solution_or_hidden_test_reaches_release_or_nnlib(lesson_id, block):
    """A block is leaked where every one of its distinctive lines (over 25 characters)
    appears: single generic lines such as a loop header may recur in given code. A block
    with no such line is looked for whole."""
    lines = _lines(block) or [" ".join(block.split())]
    if len(lines[0]) < 20:
        pytest.skip(f"a block this short cannot be told apart from given code: {lines[0]!r}")
    for path, text in _student_visible_text().items():
        leaked = all(line in text for line in lines)
        assert not leaked, f"{path.relative_to(ROOT)} contains a solution block of {lesson_id}"


def test_release_has_stubs_and_no_markers():
    for path in (ROOT / "release").rglob("*.ipynb"):
        text = path.read_text()
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text
        assert "raise NotImplementedError()" in text
        nb = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
