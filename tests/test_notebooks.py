"""Every source notebook runs top to bottom with its solutions: no error, no warning,
within the time budget, and with a figure for every plotting cell."""
import time

import nbformat
import pytest

from autograder.prompt_replies import PromptNotebookClient
from tests.conftest import selected_lessons

BUDGET_SECONDS = 10  # per lesson on this 2-core machine, kernel start included


def execute(path):
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    PromptNotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   shutdown_kernel="immediate",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb, time.perf_counter() - start


@pytest.mark.parametrize("lesson", selected_lessons(), ids=lambda l: l.id)
def test_solution_notebook_runs_clean_and_fast(lesson):
    nb, seconds = execute(lesson.source_notebook)
    problems = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        name = cell.metadata.get("nbgrader", {}).get("grade_id", cell.source[:40])
        for output in cell.outputs:
            if output.output_type == "error":
                problems.append(f"{name}: {output.ename}: {output.evalue}")
            elif output.output_type == "stream" and output.name == "stderr":
                problems.append(f"{name} wrote to stderr: {output.text[:200]}")
        if "plt.show()" in cell.source and not any(
                "image/png" in o.get("data", {}) for o in cell.outputs):
            problems.append(f"{name}: calls plt.show() but shows no figure")
    assert problems == []
    assert seconds < BUDGET_SECONDS, f"{lesson.id} took {seconds:.1f} s"
