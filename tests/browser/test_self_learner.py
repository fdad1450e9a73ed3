"""A self-learner's path, and the solution notebooks: every lesson with its answers runs
top to bottom in JupyterLab without an error or a warning, shows its plots, and its
interactive responds to every control; the one-line self-check names a mistake."""
import re
import shutil

import nbformat
import pytest

from tests.browser.conftest import LESSONS, readme_dir
from tests.browser.test_student import solution_cells, solution_code
from tests.conftest import ROOT


def figure_cells(lesson):
    """Indices of the code cells that draw: plt.show() or an interactive explorer."""
    nb = nbformat.read(lesson.source_notebook, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    return [i for i, c in enumerate(code)
            if "plt.show()" in c.source or re.search(r"\w+_explorer\(", c.source)]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.id)
def test_solution_notebook_runs_clean_with_plots_and_interactive(lab_page, lesson):
    lab_page.open(f"source/{lesson.id}/{lesson.notebook_name}")
    assert lab_page.run_all() == 1, "Run All stopped at an error"
    cells = lab_page.cells()
    assert [(c.index, c.errors) for c in cells if c.errors] == []  # no error, no warning
    no_figure = [i for i in figure_cells(lesson) if cells[i].images == 0]
    assert no_figure == [], f"cells that should draw but show no figure: {no_figure}"
    boxes = lab_page.interactives()
    assert boxes.count() >= 1, "every lesson has an interactive"
    for n, box in enumerate(boxes.all()):
        assert box.locator(".widget-output img").count() == 1
        moved = lab_page.poke(box)
        assert moved, "an interactive with no control that responds"
        box.scroll_into_view_if_needed()
        lab_page.screenshot(f"interactive-{lesson.id}-{n}", locator=box)
    lab_page.screenshot(f"solution-{lesson.id}")
    # The same figures in JupyterLab's dark theme: each keeps its own opaque, light
    # background (dark text on it stays readable) while the notebook around turns dark.
    lab_page.set_theme("JupyterLab Dark")
    try:
        seen = lab_page.figure_colours()
        dark = [int(x) for x in re.findall(r"\d+", seen["background"])[:3]]
        assert sum(dark) < 3 * 100, f"the dark theme did not apply: {seen['background']}"
        assert seen["figures"], "no figure was rendered"
        for figure in seen["figures"]:
            assert figure["corner"][3] == 255, "a figure with a transparent background"
            assert sum(figure["corner"][:3]) > 600, f"a figure on a dark background: {figure}"
        lab_page.screenshot(f"solution-dark-{lesson.id}")
    finally:
        lab_page.set_theme("JupyterLab Light")


def test_self_check_names_a_mistake_then_passes(lab_page):
    """A learner on their own: lesson 01 from release/, a classic mistake in mse, and
    `check(mse)` in a cell of their own names it; fixed, the check passes."""
    lesson = LESSONS[0]
    folder = lab_page.lab.root / "self-study"
    folder.mkdir(exist_ok=True)
    shutil.copy(ROOT / "release" / lesson.id / lesson.notebook_name, folder)
    lab_page.open(f"self-study/{lesson.notebook_name}")
    index = next(i for i, g in solution_cells(folder / lesson.notebook_name).items()
                 if g == "mse")
    correct = solution_code(lesson, "mse")
    mistaken = correct.replace("np.mean(", "np.sum(")
    assert mistaken != correct
    lab_page.run_cell(0)  # the lesson's setup cell: imports
    lab_page.set_cell(index, mistaken)
    lab_page.run_cell(index)
    output = lab_page.add_cell_below(index, "from nnlib.selfcheck import check\ncheck(mse)")
    assert "✗ mse" in output and "divide by the number of examples" in output, output
    assert "def " not in output and "reference" not in output  # nothing secret shown
    lab_page.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell") \
        .nth(index).scroll_into_view_if_needed()
    lab_page.screenshot("self-learner-check", readme_dir=readme_dir())
    lab_page.set_cell(index, correct)
    lab_page.run_cell(index)
    output = lab_page.run_cell(index + 1)
    assert "✓ mse passed" in output, output
