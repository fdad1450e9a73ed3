"""Benchmarks: the project's speed measured against what users would otherwise use.

``python -m bench`` (``make bench``) measures, side by side in one run on this machine:

(a) grading throughput: ``autograder grade`` against stock sequential ``nbgrader
    autograde`` (and ``generate_feedback``), and the per-submission overhead over a
    bare nbclient execution of the same notebooks;            -> ``bench.grading``
(b) every source notebook's run time and its hidden tests' time; -> ``bench.notebooks``
(c) ``nnlib`` numerics against PyTorch on the CPU;             -> ``bench.numerics``
(d) scaling curves as plots;                                   -> ``bench.plots``
(e) with ``--scaling``: the whole sample class on a Dask cluster against the local
    pool, at 1, 2 and 4 workers.                               -> ``bench.scaling``

and writes the table of ratios to ``docs/benchmarks.md`` (``bench.report``).
"""
import os
from dataclasses import dataclass
from pathlib import Path

#: the last whole run of the test suite (written by tests/conftest.py, read by the bench)
SUITE_RECORD = Path(__file__).resolve().parent.parent / "test-artifacts" / "suite.json"

# Every process the bench starts (nbgrader, workers, kernels, the numerics run) uses one
# BLAS thread, as the graders do: the comparisons are then one core against one core.
SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def single_threaded_env():
    """os.environ with one BLAS/OpenMP thread per process (set in place and returned)."""
    os.environ.update(SINGLE_THREADED)
    return os.environ


@dataclass(frozen=True)
class Sizes:
    """How much the bench measures. ``FULL`` is ``make bench``; ``SMOKE`` is the test's."""

    lesson_ids: tuple | None = None     # lessons of the graded class (None: all eight)
    per_lesson: int = 6                 # sample submissions per lesson (6 x 8 = 48)
    ours_runs: int = 2                  # 2: ours before and after the others (A-B-A)
    scaling_counts: tuple = (8, 16)     # class sizes of the scaling curve (8: every lesson)
    notebook_lessons: tuple | None = None  # lessons timed top to bottom (None: all)
    notebook_runs: int = 2              # runs per lesson (the fastest is reported)
    repeat: int = 7                     # timeit repeats (the minimum is reported)
    gradcheck_widths: tuple = (2, 4, 8, 16, 32, 64, 128)  # hidden units, gradcheck curve
    numerics_scale: float = 1.0         # batch sizes of (c), as a fraction of the lesson's
    cluster_workers: tuple = (1, 2, 4)  # (e): worker processes, Dask and the local pool
    cluster_lessons: tuple | None = None  # (e): lessons of the class (None: all)
    cluster_full: bool = True           # (e): the whole sample class (False: its short tour)
    demo: bool = True                   # time `make demo` (the smoke test does not)


FULL = Sizes()
SMOKE = Sizes(lesson_ids=("01_need_for_optimization",), per_lesson=2, ours_runs=1, scaling_counts=(),
              notebook_lessons=("01_need_for_optimization",), notebook_runs=1, repeat=2,
              gradcheck_widths=(2, 4), numerics_scale=0.1, cluster_workers=(1, 2),
              cluster_lessons=("01_need_for_optimization",), cluster_full=False, demo=False)
