"""(e) Scaling beyond one machine: a Dask cluster on loopback against the local pool.

``python -m bench --scaling`` (``make bench-scaling``) grades the whole sample class
(``autograder.samples.sample_class``: every lesson's correct styles, mistakes, blank and
half-done work) with ``autograder grade --workers N``, once on the local pool and once on
a Dask cluster (``--scheduler local``: a scheduler and N worker processes on loopback,
as a department runs them across machines), for each N. It reports wall time and
submissions per second per core used, and what that predicts for a large class spread
over many machines.
"""
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from autograder import samples

from .grading import copy_class, timed, write_class
from .stock_record import compare


@dataclass
class ScalingResult:
    submissions: int
    cores: int
    walls: dict     # (pool, workers) -> wall seconds; pool is "local" or "dask"
    # (pool, workers) -> bench.stock_record.compare of that run: (stale, compared, differ)
    same: dict = None

    def per_core(self, pool, workers):
        """Submissions per second per core in use (workers beyond the cores share them)."""
        return self.submissions / self.walls[pool, workers] / min(workers, self.cores)

    def predict(self, students=1000, machines=10):
        """Seconds to grade ``students`` submissions on ``machines`` like this one, each
        running a Dask worker per core, from the best measured rate per core."""
        best = max(self.per_core("dask", w) for p, w in self.walls if p == "dask")
        return students / (best * self.cores * machines)


def measure(worker_counts, work, lesson_ids=None, full=True, log=print):
    """Grade the sample class with each pool at each worker count; a ScalingResult."""
    work = Path(work)
    students = samples.sample_class(lesson_ids=lesson_ids, full=full)
    pristine = write_class(work / "pristine", students)
    walls, same = {}, {}
    for workers in worker_counts:
        for pool in ("local", "dask"):
            log(f"    {len(students)} submissions, {pool} pool, {workers} worker(s)")
            course = copy_class(pristine, work / f"{pool}-{workers}")
            command = [sys.executable, "-m", "autograder.cli", "grade", "--course",
                       str(course), "--workers", str(workers)]
            if pool == "dask":
                command += ["--scheduler", "local"]
            walls[pool, workers] = timed(f"{pool} {workers}", [command], course,
                                         len(students)).wall
            same[pool, workers] = compare(course)
            shutil.rmtree(course, ignore_errors=True)
    return ScalingResult(len(students), os.cpu_count() or 1, walls, same)


def rows(result):
    """Information rows: the Dask cluster against the local pool at each worker count,
    and the prediction for 1,000 students on 10 machines."""
    from .report import Row, seconds

    out = []
    for pool, workers in sorted(k for k in result.walls if k[0] == "dask"):
        local = result.walls.get(("local", workers))
        out.append(Row(
            f"e.dask-{workers}", f"{result.submissions} submissions (the whole sample class), "
            f"{workers} worker(s) on {result.cores} cores: Dask cluster on loopback wall "
            f"time / local pool wall time ({result.per_core('dask', workers):.2f} "
            f"submissions/s per core on Dask)",
            seconds(result.walls[pool, workers]), seconds(local),
            result.walls[pool, workers] / local if local else None))
    if result.same:
        stale = sorted({lesson for s, _, _ in result.same.values() for lesson in s})
        compared = sum(c for _, c, _ in result.same.values())
        differ = [d for _, _, found in result.same.values() for d in found]
        shown = "; ".join(f"{lesson} {cell}: stock {a}, ours {b}"
                          for lesson, cell, a, b in differ[:5])
        out.append(Row(
            "e.same-grades", f"test cells scored unlike stock `nbgrader autograde` "
            f"(tests/data/stock_grades.json) over every run above / test cells compared"
            + (f"; not compared, their record is stale: {', '.join(stale)}" if stale else ""),
            f"{len(differ)} differ", f"{compared} cells",
            len(differ) / compared if compared else None, "<=", 0.0,
            f"these cells differ: {shown}"))
    minutes = result.predict() / 60
    out.append(Row("e.prediction", "1,000 students on 10 machines like this one, a Dask "
                   "worker per core, at the best rate per core measured here: predicted "
                   "minutes", f"{minutes:.1f} min", "—", None))
    return out


def plot(result, path):
    """Wall time and submissions/s per core against workers, Dask beside the local pool."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    for pool, style in (("local", "o-"), ("dask", "s--")):
        counts = sorted(w for p, w in result.walls if p == pool)
        left.plot(counts, [result.walls[pool, w] for w in counts], style, label=pool)
        right.plot(counts, [result.per_core(pool, w) for w in counts], style, label=pool)
    left.set(xlabel="workers", ylabel="wall time (s)", ylim=(0, None),
             title=f"{result.submissions} submissions")
    right.set(xlabel="workers", ylabel="submissions / s per core", ylim=(0, None),
              title=f"rate per core ({result.cores} cores)")
    for ax in (left, right):
        ax.grid(alpha=0.3)
        ax.legend()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path
