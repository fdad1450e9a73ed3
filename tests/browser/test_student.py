"""A student's path in JupyterLab: fetch the lessons from the Assignments tab, run each
one as released, answer lesson 01, Validate, Submit."""
import ast
import re

import nbformat
import pytest

from tests.browser.conftest import COURSE_ID, LESSONS, open_assignment_list, readme_dir

FIRST = LESSONS[0]


def test_assignment_list_fetches_every_lesson(lab_page, fetched):
    page = open_assignment_list(lab_page)
    rows = page.locator("#fetched_assignments_list > .list_item:has(.item_name)")
    rows.first.wait_for()
    names = [n.strip() for n in rows.locator(".item_name").all_inner_texts()]
    assert [lesson.id for lesson in LESSONS] == [n for n in names if n in fetched]
    for lesson in LESSONS:  # fetched into the student's folder, from the course's exchange
        assert (fetched[lesson.id] / lesson.notebook_name).is_file()
    assert page.locator("#course_list_default").inner_text().strip() == COURSE_ID
    lab_page.screenshot("student-assignments", readme_dir=readme_dir())


def solution_code(lesson, grade_id):
    """The reference answer of one solution cell, as a student who solved it would type it."""
    nb = nbformat.read(lesson.source_notebook, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            lines = [l for l in cell.source.splitlines() if "### BEGIN SOLUTION" not in l
                     and "### END SOLUTION" not in l]
            return "\n".join(lines)
    raise KeyError(grade_id)


def solution_cells(notebook):
    nb = nbformat.read(notebook, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    return {i: c.metadata["nbgrader"]["grade_id"] for i, c in enumerate(code)
            if c.metadata.get("nbgrader", {}).get("solution")}


def defined_names(code):
    """Names a cell's code binds (assignments, defs, imports, loop targets)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def unexpected_errors(lesson, cells):
    """Errors not caused by an unanswered exercise. Allowed: NotImplementedError (the
    stub of an exercise, raised where it is called), and NameError for a name that an
    earlier cell would have defined had it not stopped at such a NotImplementedError
    (e.g. a plot of the training that calls the learner's functions)."""
    solution = [c for c in nbformat.read(lesson.source_notebook, as_version=4).cells
                if c.cell_type == "code"]
    assert len(solution) == len(cells), "release and source notebooks differ in cells"
    undefined, unexpected = set(), []
    for cell, source in zip(cells, solution):
        for error in cell.errors:
            missing = re.search(r"NameError: name '(\w+)' is not defined", error)
            if "NotImplementedError" in error:
                undefined |= defined_names(source.source)
            elif not (missing and missing.group(1) in undefined):
                unexpected.append((cell.index, error[-400:]))
    return unexpected


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.id)
def test_released_lesson_runs_with_only_unanswered_errors(lab_page, fetched, lesson):
    """Run All on the lesson as fetched: every cell runs; the only errors come from the
    exercises not yet answered; interactives that need no answer render and respond."""
    lab_page.open(f"{COURSE_ID}/{lesson.id}/{lesson.notebook_name}")
    lab_page.run_all()
    cells = lab_page.cells()
    assert all(re.search(r"\[\d+\]", c.prompt) for c in cells), \
        [c.prompt for c in cells if not re.search(r"\[\d+\]", c.prompt)]
    assert unexpected_errors(lesson, cells) == []
    assert any("NotImplementedError" in e for c in cells for e in c.errors), \
        "an unanswered lesson should raise NotImplementedError"
    for box in lab_page.interactives().all():
        if box.locator(".widget-output img").count():
            assert lab_page.poke(box, which=1), "an interactive without controls"
        else:  # it needs an answer: it says so, instead of an empty figure
            assert "is not written yet" in box.locator(".widget-output").inner_text()
    lab_page.screenshot(f"release-{lesson.id}")


def test_student_answers_validates_and_submits(lab_page, fetched):
    """Lesson 01 answered in the browser: no errors left, the interactive responds,
    Validate passes, and Submit lands it in the exchange."""
    path = fetched[FIRST.id] / FIRST.notebook_name
    lab_page.open(f"{COURSE_ID}/{FIRST.id}/{FIRST.notebook_name}")
    for index, grade_id in solution_cells(path).items():
        lab_page.set_cell(index, solution_code(FIRST, grade_id))
    lab_page.save()
    lab_page.run_all()
    cells = lab_page.cells()
    assert [(c.index, c.errors) for c in cells if c.errors] == []
    boxes = lab_page.interactives()
    assert boxes.count() >= 1
    assert lab_page.poke(boxes.first)
    boxes.first.scroll_into_view_if_needed()
    lab_page.screenshot("student-interactive", readme_dir=readme_dir())

    page = lab_page.page
    page.locator(f"{'.jp-NotebookPanel:not(.lm-mod-hidden)'} .validate-button").click()
    page.locator(".nbgrader-SuccessDialog").wait_for(timeout=120_000)
    lab_page.screenshot("student-validate", readme_dir=readme_dir())
    page.locator(".nbgrader-SuccessDialog button.jp-Dialog-button").click()
    lab_page.save()

    page = open_assignment_list(lab_page)
    row = page.locator("#fetched_assignments_list > .list_item").filter(has_text=FIRST.id)
    row.locator(".item_status button:text-is('Submit')").click()
    page.locator("#submitted_assignments_list > .list_item").filter(has_text=FIRST.id) \
        .first.wait_for()
    inbound = list((lab_page.lab.root / "exchange" / COURSE_ID / "inbound").glob(f"*+{FIRST.id}+*"))
    assert inbound, "the submission is not in the course's exchange"
    assert (inbound[0] / FIRST.notebook_name).is_file()
    lab_page.screenshot("student-submitted", readme_dir=readme_dir())
