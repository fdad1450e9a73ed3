"""``python -m bench [--smoke] [--scaling] [--out DIR]``: measure everything, print the
table, write ``DIR/benchmarks.md`` and its plots in ``DIR/bench/`` (default DIR: docs/).
``--scaling`` adds (e), the whole sample class on a Dask cluster against the local pool
(``bench.scaling``; about half an hour more on 2 cores)."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import (FULL, SMOKE, SUITE_RECORD, grading, notebooks, numerics, plots, report,
               scaling, single_threaded_env)

DOCS = Path(__file__).resolve().parent.parent / "docs"


def time_demo(log):
    """Wall seconds of ``make demo`` in this checkout, as an instructor runs it."""
    log("    make demo")
    root = DOCS.parent
    start = time.perf_counter()
    done = subprocess.run(["make", "demo"], cwd=root, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"make demo failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return time.perf_counter() - start


def run(sizes=FULL, out_dir=DOCS, log=print, with_scaling=False):
    """Measure (a)-(d), and (e) when ``with_scaling``, at ``sizes``; write the page and
    plots under ``out_dir``.

    Returns (rows, markdown text).
    """
    start = time.perf_counter()
    env = single_threaded_env()
    loads = [os.getloadavg()[0]]  # the machine's 1-minute load, sampled between phases
    out_dir = Path(out_dir)
    (out_dir / "bench").mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        log("(a) grading throughput")
        graded = grading.measure(sizes, work, log)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    loads.append(os.getloadavg()[0])
    demo_seconds = time_demo(log) if sizes.demo else None
    log("(b) notebook run times")
    timings = notebooks.time_lessons(sizes.notebook_lessons, sizes.notebook_runs)
    loads.append(os.getloadavg()[0])
    log("(c) nnlib against PyTorch, and the gradcheck curve")
    measured = numerics.measure(sizes, env)
    loads.append(os.getloadavg()[0])
    log("(d) plots")
    figures = [("Grading wall time against the number of submissions",
                plots.grading_scaling(graded.scaling, out_dir / "bench" / "grading_scaling.png")),
               ("Numerical gradient against backprop",
                plots.gradcheck_cost(measured["gradcheck"], out_dir / "bench" / "gradcheck.png"))]
    suite = json.loads(SUITE_RECORD.read_text()) if SUITE_RECORD.exists() else None
    rows = (report.grading_rows(graded) + report.budget_rows(demo_seconds, suite)
            + report.notebook_rows(timings)
            + report.numerics_rows(measured) + report.scaling_rows(graded, measured["gradcheck"]))
    if with_scaling:
        log("(e) the whole sample class: Dask cluster on loopback against the local pool")
        work = Path(tempfile.mkdtemp(prefix="bench-scaling-"))
        try:
            cluster = scaling.measure(sizes.cluster_workers, work, sizes.cluster_lessons,
                                      sizes.cluster_full, log)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        loads.append(os.getloadavg()[0])
        rows += scaling.rows(cluster)
        figures.append(("Dask cluster against the local pool, the whole sample class",
                        scaling.plot(cluster, out_dir / "bench" / "dask_scaling.png")))
    page = report.markdown(rows, timings, measured,
                           [(title, path.relative_to(out_dir).as_posix()) for title, path in figures],
                           (time.perf_counter() - start) / 60, loads,
                           report.breakdown_table(graded) if graded.breakdown and graded.floor
                           else "")
    (out_dir / "benchmarks.md").write_text(page)
    return rows, page


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes (what the test runs)")
    parser.add_argument("--scaling", action="store_true",
                        help="also (e): the whole sample class on Dask and on the local pool")
    parser.add_argument("--out", default=str(DOCS), help="where benchmarks.md goes")
    args = parser.parse_args(argv)
    rows, _ = run(SMOKE if args.smoke else FULL, Path(args.out), with_scaling=args.scaling)
    print("\n" + report.table(rows, markdown=False))
    print(f"\nWritten: {Path(args.out) / 'benchmarks.md'}")
    missed = [r.key for r in rows if r.met is False]
    if missed:
        print("targets not met: " + ", ".join(missed) + " (see the page for why)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
