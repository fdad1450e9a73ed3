"""A smoke run of ``make bench`` at tiny sizes, so the bench cannot rot.

Two submissions of lesson 01, one lesson timed, tiny numerics: every row of the table
must be produced with a finite, positive ratio. The targets are not asserted here (the
sizes are too small for them to mean anything): ``make bench`` measures those.
"""
import math
import time

import pytest

import bench
from bench.__main__ import run

BUDGET_SECONDS = 180  # typically about a minute on the 2-core machine, loaded or not

EXPECTED_ROWS = ["a.throughput", "a.throughput+feedback", "a.throughput-figures",
                 "a.figures", "a.same-grades", "a.floor", "a.overhead", "a.demo",
                 "a.test-suite", "b.run",
                 "b.hidden", "c.1", "c.2", "c.3", "d.gradcheck"]


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    start = time.perf_counter()
    rows, page = run(bench.SMOKE, out, log=lambda *_: None)
    return out, rows, page, time.perf_counter() - start


def test_smoke_run_fits_its_time_budget(smoke):
    assert smoke[3] < BUDGET_SECONDS


def test_every_row_is_there_with_a_sane_ratio(smoke):
    _, rows, _, _ = smoke
    assert [r.key for r in rows] == EXPECTED_ROWS
    for row in rows:
        if row.key == "a.demo":  # the smoke run does not time `make demo`
            assert row.ratio is None and row.ours == "not timed in this run", row
            continue
        if row.key == "a.test-suite":  # from the last whole `make test`, if any
            assert (row.ratio is None) == (not bench.SUITE_RECORD.exists()), row
            continue
        if row.ratio is None:  # only PyTorch's rows, and only without PyTorch
            assert row.key.startswith("c.") and row.other == "not installed", row
            continue
        if row.key == "a.same-grades":  # a share of differing cells: 0 is the target
            assert row.ratio >= 0, row
            continue
        assert math.isfinite(row.ratio) and row.ratio > 0, row


def test_pytorch_rows_when_pytorch_is_installed(smoke):
    pytest.importorskip("torch")
    for row in smoke[1]:
        if row.key.startswith("c."):
            assert row.ratio is not None and "results agree to" in row.what


def test_page_has_the_table_the_lessons_and_the_plots(smoke):
    out, rows, page, _ = smoke
    assert (out / "benchmarks.md").read_text() == page
    assert "| row | measurement" in page and "make bench" in page
    assert "01_need_for_optimization" in page
    for png in ("grading_scaling.png", "gradcheck.png"):
        assert (out / "bench" / png).stat().st_size > 1000
        assert f"](bench/{png})" in page


def test_page_breaks_each_submission_down_beside_the_floor(smoke):
    _, _, page, _ = smoke
    table = page.split("## Where a submission's time goes", 1)[1].split("## Lessons")[0]
    for part in ("kernel start", "imports", "teaching cells", "student cells", "test cells",
                 "nbgrader steps", "feedback", "recording", "figures (not drawn while grading)",
                 "**total**"):
        assert f"| {part} |" in table, part
    # the floor has a value for the parts it shares (kernel start: the interpreter's)
    kernel = next(line for line in table.splitlines() if line.startswith("| kernel start |"))
    assert kernel.count("×") == 1, kernel


def test_our_grades_equal_stock_nbgrader_s(smoke):
    """The smoke class (lesson 01: the instructor and a mistake) scores alike with
    stock ``nbgrader autograde`` and ``autograder grade``; ``make bench`` compares its
    whole class the same way (row a.same-grades)."""
    row = next(r for r in smoke[1] if r.key == "a.same-grades")
    assert row.met and row.ratio == 0 and "0 differ" in row.ours, row


def test_the_time_budgets_are_shares_of_60_s_and_20_min():
    from bench.report import budget_rows

    suite = {"seconds": 1500.0, "commit": "abc1234", "finished": "2026-11-30 07:00",
             "passed": 10, "failed": 1, "error": 0, "skipped": 2}
    demo, test = budget_rows(45.0, suite)
    assert (demo.ratio, demo.met, demo.ours) == (0.75, True, "45.0 s")
    assert (test.ratio, test.met, test.ours) == (1.25, False, "25.0 min")
    assert "abc1234" in test.what and "1 failed" in test.what
    demo, test = budget_rows(None, None)
    assert demo.ratio is None and test.ratio is None and test.ours == "not run"
