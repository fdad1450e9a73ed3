"""The ``autograder`` command: build the release, grade a class, run the demo.

    autograder build [--notebooks] [--check]   notebooks from jupytext sources; release/
    autograder grade [LESSON ...]              autograde submitted/, write feedback, grades.csv
    autograder demo                            the embedded sample class, graded end to end

Exit codes of ``grade``: 0 completed, 1 completed with flagged submissions, 2 failed
(a fault of the tool itself, never of a submission).
"""
import argparse
import sys
import time
from pathlib import Path

from . import build, grading
from .course import ROOT

EXIT_COMPLETED, EXIT_FLAGGED, EXIT_FAILED = 0, 1, 2


class ProgressBar:
    """A one-line progress bar with an ETA, redrawn in place on ``stream`` (stderr)."""

    def __init__(self, stream=sys.stderr, width=30):
        self.stream, self.width, self.start = stream, width, None

    def __call__(self, done, total, label):
        now = time.perf_counter()
        if self.start is None:
            self.start = now
        elapsed = now - self.start
        eta = elapsed / done * (total - done)
        filled = int(self.width * done / total)
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} "
                          f"{elapsed:5.0f}s elapsed, ETA {eta:4.0f}s  {label[:40]:<40}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def cmd_build(args):
    stale = build.build_notebooks(check=args.check)
    if args.check:
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)} (run `make notebooks`)")
        return 1 if stale else 0
    for path in stale:
        print(f"wrote {path.relative_to(ROOT)}")
    if not args.notebooks:
        print(f"wrote {build.build_release().relative_to(ROOT)}/")
    return 0


def cmd_demo(args):
    from .demo import run_demo

    start = time.perf_counter()
    root = ROOT / "demo"
    print("1. Building the source notebooks and release/ ...")
    build.build_notebooks()
    build.build_release()
    print(f"2. Writing a sample class to {root.relative_to(ROOT)}/ and autograding it ...")
    demo = run_demo(root, workers=args.workers, full=args.full, progress=ProgressBar())
    print("\n" + demo.report + "\n")
    print(f"Grades: demo/grades.csv   Feedback: demo/feedback/   Report: demo/report.txt"
          f"   ({time.perf_counter() - start:.0f} s in all)")
    return EXIT_FAILED if demo.problems else EXIT_COMPLETED


def cmd_grade(args):
    from .course import lesson as find_lesson

    root = Path(args.course).resolve()
    try:
        lesson_ids = [find_lesson(l).id for l in args.lessons] or None
    except KeyError as err:
        print(f"autograder: {err.args[0]}", file=sys.stderr)
        return EXIT_FAILED
    progress = ProgressBar() if sys.stderr.isatty() or args.progress else None
    run = grading.autograde(root, lesson_ids, workers=args.workers, force=args.force,
                            progress=progress)
    grades = grading.export_grades(root, root / "grades.csv")
    results = grading.cell_results(root, run.graded + run.skipped)
    print(grading.class_table(results))
    print(f"\n{len(run.graded)} graded, {len(run.skipped)} unchanged since the last run, "
          f"{len(run.flagged)} flagged, in {run.seconds:.1f} s. Grades: {grades}")
    for lesson_id, student, reason in run.flagged:
        print(f"flagged: {student} / {lesson_id}: {reason}")
    return EXIT_FLAGGED if run.flagged else EXIT_COMPLETED


def main(argv=None):
    parser = argparse.ArgumentParser(prog="autograder", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="regenerate source notebooks and release/")
    p.add_argument("--notebooks", action="store_true", help="only the source notebooks")
    p.add_argument("--check", action="store_true", help="only report stale notebooks")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("grade", help="autograde a class (nbgrader's submitted/ layout)")
    p.add_argument("lessons", nargs="*", help="lesson ids or numbers (default: all)")
    p.add_argument("--course", default=".", help="the nbgrader course root (default: .)")
    p.add_argument("--workers", type=int, default=None, help="parallel workers (default: cores)")
    p.add_argument("--force", action="store_true", help="regrade unchanged submissions too")
    p.add_argument("--progress", action="store_true", help="progress bar even when not a tty")
    p.set_defaults(func=cmd_grade)
    p = sub.add_parser("demo", help="grade the embedded sample class end to end")
    p.add_argument("--workers", type=int, default=None, help="parallel workers (default: cores)")
    p.add_argument("--full", action="store_true",
                   help="every sample submission of every lesson (as the tests grade)")
    p.set_defaults(func=cmd_demo)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except Exception:  # noqa: BLE001 - a fault of the tool: say so and exit "failed"
        import traceback
        traceback.print_exc()
        print("autograder: failed (this is a fault of the tool, not of a submission)",
              file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
