"""Run a lesson's hidden checks in this process, without nbgrader or a kernel.

Fast and precise, this complements the real autograde of ``test_sample_class.py``:
the setup cell and the solution cells (with a variant's answers) are executed in a
fresh namespace, then each test cell's hidden block runs and its outcome is recorded.
"""
import re

import matplotlib
import nbformat

from autograder.compare import StudentMistake
from autograder.samples import solution_cells

matplotlib.use("Agg")
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)


def hidden_outcomes(lesson, answers):
    """test cell id -> None (passed) or the StudentMistake / exception it raised."""
    nb = nbformat.read(lesson.source_notebook, as_version=4)
    solutions = {**solution_cells(nb), **answers}
    namespace = {"__name__": "__main__"}
    outcomes = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code":
            continue
        if meta.get("grade_id") == "setup" or meta.get("solution"):
            source = solutions.get(meta.get("grade_id"), cell.source)
            try:
                exec(compile(source, meta.get("grade_id", "cell"), "exec"), namespace)
            except Exception:  # noqa: BLE001 - a broken answer is part of the scenario
                pass
        elif meta.get("grade"):
            hidden = "\n".join(HIDDEN.findall(cell.source))
            try:
                exec(compile(hidden, meta["grade_id"], "exec"), namespace)
                outcomes[meta["grade_id"]] = None
            except (StudentMistake, Exception) as err:  # noqa: BLE001
                outcomes[meta["grade_id"]] = err
    return outcomes
