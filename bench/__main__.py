"""``python -m bench [--smoke] [--out DIR]``: measure everything, print the table, write
``DIR/benchmarks.md`` and its plots in ``DIR/bench/`` (default DIR: docs/)."""
import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import FULL, SMOKE, grading, notebooks, numerics, plots, report, single_threaded_env

DOCS = Path(__file__).resolve().parent.parent / "docs"


def run(sizes=FULL, out_dir=DOCS, log=print):
    """Measure (a)-(d) at ``sizes``; write the page and plots under ``out_dir``.

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
    rows = (report.grading_rows(graded) + report.notebook_rows(timings)
            + report.numerics_rows(measured) + report.scaling_rows(graded, measured["gradcheck"]))
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
    parser.add_argument("--out", default=str(DOCS), help="where benchmarks.md goes")
    args = parser.parse_args(argv)
    rows, _ = run(SMOKE if args.smoke else FULL, Path(args.out))
    print("\n" + report.table(rows, markdown=False))
    print(f"\nWritten: {Path(args.out) / 'benchmarks.md'}")
    missed = [r.key for r in rows if r.met is False]
    if missed:
        print("targets not met: " + ", ".join(missed) + " (see the page for why)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
