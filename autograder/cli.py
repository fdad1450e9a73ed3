"""The ``autograder`` command: build the release, grade a class, run the demo.

    autograder build [--notebooks] [--check]   notebooks from jupytext sources; release/
    autograder grade [LESSON ...]              autograde submitted/, write feedback, grades.csv
    autograder demo                            the embedded sample class, graded end to end

Exit codes of ``grade``: 0 completed, 1 completed with flagged submissions, 2 failed
(a fault of the tool itself, never of a submission).
"""
import argparse
import shutil
import sys
import time

from . import build, grading, samples
from .course import ROOT
from pathlib import Path


def progress_bar(done, total, label, width=30, _start=[None]):
    """A one-line progress bar with an ETA, on stderr."""
    now = time.perf_counter()
    if _start[0] is None or done == 1:
        _start[0] = now - 1e-9
    elapsed = now - _start[0]
    eta = elapsed / done * (total - done)
    filled = int(width * done / total)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
                     f"{elapsed:5.0f}s elapsed, ETA {eta:4.0f}s  {label[:40]:<40}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


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
    start = time.perf_counter()
    root = ROOT / "demo"
    print("1. Building the source notebooks and release/ ...")
    build.build_notebooks()
    build.build_release()
    print(f"2. A sample class in {root.relative_to(ROOT)}/ ...")
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir()
    build.release_into(root)  # registers the lessons in the demo's own gradebook
    students = samples.write_sample_class(root)
    print(f"   {len(students)} submissions from {len({s.student for s in students})} students")
    print("3. Autograding with nbgrader and generating feedback ...")
    run = grading.autograde(root, progress=progress_bar)
    for lesson_id, student, reason in run.flagged:
        print(f"   flagged {lesson_id}/{student}: {reason}")
    grades = grading.export_grades(root, root / "grades.csv")
    results = grading.cell_results(root, run.graded + run.skipped)
    table = grading.class_table(results)
    problems = []
    for student in students:
        mine = [r for r in results if (r.student, r.lesson_id) == (student.student, student.lesson_id)]
        path = samples.feedback_path(root, student)
        html = path.read_text() if path.exists() else ""
        problems += samples.outcome_problems(student, mine, html)
    named = sum(1 for s in students if s.mistake)
    caught = named - len({p.split(":")[0] for p in problems if "name" in p})
    report = "\n".join([
        "Sample class: student x test cell (score/max, and the mistake named in feedback)",
        "", table, "",
        f"{len(run.graded)} submissions graded in {run.seconds:.1f} s",
        f"catalogued mistakes named in feedback: {caught} of {named}",
        "every sample student graded as expected" if not problems else
        "UNEXPECTED OUTCOMES:\n  " + "\n  ".join(problems),
    ])
    (root / "report.txt").write_text(report + "\n")
    print("\n" + report + "\n")
    print(f"Grades: {grades.relative_to(ROOT)}   Feedback: demo/feedback/   "
          f"Report: demo/report.txt   ({time.perf_counter() - start:.0f} s in all)")
    return 1 if problems or run.failures else 0


EXIT_COMPLETED, EXIT_FLAGGED, EXIT_FAILED = 0, 1, 2


def cmd_grade(args):
    from .course import lesson as find_lesson

    root = Path(args.course).resolve()
    try:
        lesson_ids = [find_lesson(l).id for l in args.lessons] or None
    except KeyError as err:
        print(f"autograder: {err.args[0]}", file=sys.stderr)
        return EXIT_FAILED
    progress = progress_bar if sys.stderr.isatty() or args.progress else None
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
