"""The parts of a submission's time: which cell counts where, and how they add up."""
import pytest

from autograder import timings


def _cell(source, **nbgrader):
    return {"cell_type": "code", "source": source, "metadata": {"nbgrader": nbgrader}}


@pytest.mark.parametrize("cell, part", [
    (_cell("def mse(y_hat, y):\n    return 0", solution=True, grade=False), "student cells"),
    (_cell("import numpy as np", solution=True), "student cells"),  # the student's, still
    (_cell("check(mse)", grade=True, solution=False), "test cells"),
    (_cell("import numpy as np\nrng = np.random.default_rng(0)", locked=True), "imports"),
    (_cell("from nnlib import plotting", locked=True), "imports"),
    (_cell("plotting.loss_curve(w, loss)", locked=True), "teaching cells"),
    (_cell("def f(:\n", locked=True), "teaching cells"),          # cannot parse: no import
    ({"cell_type": "code", "source": ["import ", "numpy"], "metadata": {}}, "imports"),
    (_cell("if True:\n    import numpy", locked=True), "teaching cells"),  # top level only
])
def test_each_cell_counts_in_one_part(cell, part):
    assert timings.cell_part(cell) == part


def test_timed_parts_add_up_and_unknown_parts_are_refused():
    spent = {}
    timings.add(spent, "feedback", 0.25)
    timings.add(spent, "feedback", 0.5)
    with timings.timed(spent, "kernel start"):
        pass
    assert spent["feedback"] == 0.75 and spent["kernel start"] >= 0
    with pytest.raises(ValueError):
        timings.add(spent, "figures", 1.0)
    assert list(timings.rounded({"feedback": 0.12345, "job start": 1.0})) == \
        ["job start", "feedback"]  # in the order a job meets them


def test_summary_counts_a_missing_part_as_zero():
    summary = timings.summary([{"feedback": 1.0, "kernel start": 2.0},
                               {"feedback": 3.0}, {"feedback": 2.0, "kernel start": 1.0}])
    assert summary["feedback"] == (2.0, 2.0)
    assert summary["kernel start"] == (1.0, 1.0)
    assert "recording" not in summary and timings.summary([]) == {}
