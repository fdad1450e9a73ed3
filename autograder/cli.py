"""The ``autograder`` command: build the release, grade a class, run the demo.

    autograder build [--notebooks] [--check]   notebooks from jupytext sources; release/,
                                               every lesson in the gradebook and released;
                                               the self-checks' fixtures (course/nnlib/fixtures)
    autograder build --lang th [--check]       the Thai edition: editions/th/source and release
    autograder translate --lang th [LESSON ...]  update the Thai catalogs (locale/th/) from
                                               the English; list missing and stale entries
    autograder grade [LESSON ...]              autograde submitted/: feedback, grades.csv,
                                               report.html (see `autograder grade --help`)
    autograder export --format canvas|moodle   the gradebook's scores as a CSV for the LMS's
                                               grade import (see `autograder export --help`)
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
from .display_text import for_terminal, one_line
from .language import LANGUAGES as I18N_LANGUAGES
from .translation import LANGUAGES

EXIT_COMPLETED, EXIT_FLAGGED, EXIT_FAILED = 0, 1, 2


class ProgressBar:
    """A one-line progress bar with an ETA, redrawn in place on ``stream`` (stderr)."""

    def __init__(self, stream=sys.stderr, width=30, clock=time.perf_counter):
        # The clock starts with the bar, made just before grading starts: the first
        # submission's time counts, so the first ETA is a real estimate, never 0 s.
        self.stream, self.width, self.clock = stream, width, clock
        self.start = clock()

    def __call__(self, done, total, label):
        elapsed = self.clock() - self.start
        eta = elapsed / done * (total - done)
        filled = int(self.width * done / total)
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} "
                          f"{elapsed:5.0f}s elapsed, ETA {eta:4.0f}s  {one_line(label, 40):<40}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def cmd_build(args):
    from .fixtures import build_fixtures

    if args.lang != "en":
        return build_edition(args)
    stale = build.build_notebooks(check=args.check)
    if args.check:
        for path in stale:
            print(f"stale: {path.relative_to(ROOT)} (run `make notebooks`)")
        stale_fixtures = build_fixtures(check=True)
        for path in stale_fixtures:
            print(f"stale: {path.relative_to(ROOT)} (run `make release`)")
        return 1 if stale or stale_fixtures else 0
    for path in stale:
        print(f"wrote {path.relative_to(ROOT)}")
    if not args.notebooks:
        release = build.release_course()
        print(f"wrote {release.relative_to(ROOT)}/, every lesson in the gradebook and released")
        for path in build_fixtures():  # from the notebooks' solutions and the variants
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


def build_edition(args):
    """``build --lang``: a translated edition of the lessons whose catalog is complete."""
    from .translation import COMPLETE

    stale = build.build_edition(args.lang, check=args.check)
    for path in stale:
        print(f"{'stale' if args.check else 'wrote'}: {path.relative_to(ROOT)}")
    if args.check:
        return 1 if stale else 0
    if not args.notebooks:
        print(f"wrote {build.build_release(lang=args.lang).relative_to(ROOT)}/ "
              f"({len(COMPLETE[args.lang])} lessons translated)")
    return 0


def cmd_translate(args):
    """Update the catalogs of a language from the English and list what needs work."""
    from .course import lesson as find_lesson, lessons
    from .translation import COMPLETE, catalog_path, extract

    chosen = [find_lesson(l) for l in args.lessons] or lessons()
    unfinished = 0
    for lesson in chosen:
        found = extract(lesson, args.lang)
        state = "complete" if lesson.id in COMPLETE[args.lang] else "being translated"
        print(f"{catalog_path(lesson, args.lang).relative_to(ROOT)}: {len(found)} to do "
              f"({state})")
        for problem in found if args.verbose else []:
            print(f"  {problem}")
        unfinished += bool(found) and lesson.id in COMPLETE[args.lang]
    if not args.lessons:  # the code's words too: nnlib's and the grader's catalogs
        from . import message_catalogs

        for domain in message_catalogs.DOMAINS:
            found = message_catalogs.update(domain, args.lang)
            left = message_catalogs.pending(domain, args.lang)
            path = domain.po_path(args.lang).relative_to(ROOT)
            print(f"{path}: {len(found)} to do"
                  + (f" (+{len(left)} in files still being translated)" if left else ""))
            for problem in found if args.verbose else []:
                print(f"  {problem}")
            unfinished += bool(found)
    return 1 if unfinished else 0


def cmd_demo(args):
    from .demo import run_demo

    start = time.perf_counter()
    root = ROOT / "demo"
    print("1. Building the source notebooks and release/ ...")
    build.build_notebooks()
    build.build_release()
    if args.lang != "en":
        print(f"   and the {LANGUAGES[args.lang]} edition (editions/{args.lang}/) ...")
        build.build_edition(args.lang)
        build.build_release(lang=args.lang)
    edition = "" if args.lang == "en" else f" ({LANGUAGES[args.lang]} edition)"
    print(f"2. Writing a sample class{edition} to {root.relative_to(ROOT)}/ and autograding it ...")
    demo = run_demo(root, workers=args.workers, full=args.full, progress=ProgressBar(),
                    lang=args.lang)
    print("\n" + for_terminal(demo.report) + "\n")
    print(f"Grades: demo/grades.csv   Feedback: demo/feedback/   Reports: demo/report.html, "
          f"demo/report.txt"
          f"   ({time.perf_counter() - start:.0f} s in all)")
    return EXIT_FAILED if demo.problems else EXIT_COMPLETED


def cmd_grade(args):
    from .course import lesson as find_lesson
    from .sandbox import Limits

    root = Path(args.course).resolve()
    try:
        lesson_ids = [find_lesson(l).id for l in args.lessons] or None
    except KeyError as err:
        print(f"autograder: {err.args[0]}", file=sys.stderr)
        return EXIT_FAILED
    if args.source and (not lesson_ids or len(lesson_ids) != 1):
        print("autograder: --from needs exactly one lesson", file=sys.stderr)
        return EXIT_FAILED
    limits = Limits(cell_seconds=args.cell_timeout, total_seconds=args.timeout,
                    memory_bytes=int(args.memory * 2**30))
    progress = ProgressBar() if sys.stderr.isatty() or args.progress else None
    graded = grading.grade_class(
        root, lesson_ids, source=args.source, roster=args.roster, pattern=args.pattern,
        lms_timezone=args.lms_timezone, log=lambda line: print(one_line(line)),
        workers=args.workers, force=args.force, progress=progress,
        sandbox_mode=args.sandbox, limits=limits, scheduler=args.scheduler,
        draw_figures=args.figures, report_lang=args.report_lang)
    if graded.run.warning:
        print(graded.run.warning, file=sys.stderr)
    print(summary(graded.run, graded.results, graded.grades, graded.report))
    return EXIT_FLAGGED if graded.run.flagged else EXIT_COMPLETED


def cmd_export(args):
    from .course import lesson as find_lesson
    from .lms_export import export_for_lms

    try:
        lesson_ids = [find_lesson(l).id for l in args.lessons]
        options = {"identifier": args.moodle_id} if args.format == "moodle" else \
            {"canvas_ids": {find_lesson(lesson).id: canvas_id for lesson, canvas_id in
                            (pair.split("=", 1) for pair in args.canvas_id)}}
    except (KeyError, ValueError) as err:
        print(f"autograder: {err.args[0]}", file=sys.stderr)
        return EXIT_FAILED
    path, problems = export_for_lms(Path(args.course).resolve(), args.format, args.output,
                                    args.roster, lesson_ids, **options)
    print(f"Wrote {path} for {args.format.capitalize()}'s grade import")
    for problem in problems:
        print(f"  left out: {one_line(problem)}")
    return EXIT_FLAGGED if problems else EXIT_COMPLETED


def summary(run, results, grades, report):
    """What ``grade`` prints: the class table, totals and every flag, safe for a terminal
    (student ids, file names and messages come from submissions)."""
    lines = [for_terminal(grading.class_table(results)), "",
             f"{len(run.graded)} graded, {len(run.skipped)} unchanged since the last run, "
             f"{len({(l, s) for l, s, _ in run.flagged})} flagged, in {run.seconds:.1f} s "
             f"(sandbox: {run.sandbox}). Grades: {grades}  Report: {report}"]
    lines += [f"flagged: {one_line(student, 80)} / {lesson_id}: {one_line(reason)}"
              for lesson_id, student, reason in run.flagged]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="autograder", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="regenerate source notebooks, release/ and the "
                                    "self-checks' fixtures")
    p.add_argument("--notebooks", action="store_true", help="only the source notebooks")
    p.add_argument("--check", action="store_true", help="only report stale notebooks and fixtures")
    p.add_argument("--lang", default="en", choices=["en", *LANGUAGES],
                   help="the edition: en (source/, release/) or a translation "
                        "(editions/LANG/source and release, same assignment and notebook names)")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("translate", help="update a language's catalogs (locale/LANG/*.po) "
                                        "from the English and count what is missing or stale")
    p.add_argument("lessons", nargs="*", metavar="LESSON", help="lesson ids or numbers (all)")
    p.add_argument("--lang", required=True, choices=list(LANGUAGES))
    p.add_argument("-v", "--verbose", action="store_true", help="list every entry to do")
    p.set_defaults(func=cmd_translate)
    p = sub.add_parser("grade", help="autograde a class (nbgrader's submitted/ layout)")
    p.add_argument("lessons", nargs="*", help="lesson ids or numbers (default: all)")
    p.add_argument("--course", default=".", help="the nbgrader course root (default: .)")
    p.add_argument("--workers", type=int, default=None, help="parallel workers (default: cores)")
    p.add_argument("--force", action="store_true", help="regrade unchanged submissions too")
    p.add_argument("--progress", action="store_true", help="progress bar even when not a tty")
    p.add_argument("--sandbox", default="auto", choices=["auto", "bwrap", "user", "rlimit", "none"],
                   help="isolation of each kernel (default: the strongest available; "
                        "docs/grading-safety.md says what each protects)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run the workers on this Dask scheduler (tcp://host:8786), or "
                        "'local' for a Dask cluster on this machine")
    p.add_argument("--cell-timeout", type=int, default=60, metavar="S", help="per cell (60)")
    p.add_argument("--timeout", type=int, default=600, metavar="S",
                   help="per notebook (600)")
    p.add_argument("--memory", type=float, default=3, metavar="GB", help="per kernel (3)")
    p.add_argument("--figures", action="store_true",
                   help="draw the notebooks' figures in the graded notebooks and feedback, "
                        "as stock nbgrader does (no grade depends on them; grading is "
                        "about a third slower)")
    p.add_argument("--from", dest="source", metavar="PATH",
                   help="a folder or zip of notebooks downloaded from an LMS: imported into "
                        "submitted/ first (needs one lesson)")
    p.add_argument("--roster", metavar="CSV", help="maps LMS ids, logins, emails or names "
                   "to student ids (column student_id)")
    p.add_argument("--pattern", metavar="REGEX",
                   help="a regex with a 'student' group for the download's file paths")
    p.add_argument("--lms-timezone", metavar="ZONE",
                   help="the LMS's time zone (e.g. Europe/Berlin) for the submission times "
                        "it writes without one (default: this machine's)")
    p.add_argument("--report-lang", default="en", choices=["en", *I18N_LANGUAGES],
                   help="the class report's language (each student's feedback is in the "
                        "language of the student's edition, whatever this says)")
    p.set_defaults(func=cmd_grade)
    p = sub.add_parser("export", help="grades as a CSV for Canvas's or Moodle's import")
    p.add_argument("lessons", nargs="*", help="lesson ids or numbers (default: all)")
    p.add_argument("--format", required=True, choices=["canvas", "moodle"])
    p.add_argument("-o", "--output", required=True, metavar="CSV")
    p.add_argument("--course", default=".", help="the nbgrader course root (default: .)")
    p.add_argument("--roster", metavar="CSV", help="maps student ids to the LMS's (column "
                   "student_id and any of name, lms_id, sis_id, login, email, section); "
                   "without it the student id is the LMS login")
    p.add_argument("--moodle-id", default="email", choices=["email", "username", "idnumber"],
                   help="the column Moodle finds users by (default: email)")
    p.add_argument("--canvas-id", action="append", default=[], metavar="LESSON_ID=ID",
                   help="the Canvas id of a lesson's assignment (else Canvas creates one)")
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("demo", help="grade the embedded sample class end to end")
    p.add_argument("--workers", type=int, default=None, help="parallel workers (default: cores)")
    p.add_argument("--full", action="store_true",
                   help="every sample submission of every lesson (as the tests grade)")
    p.add_argument("--lang", default="en", choices=["en", *LANGUAGES],
                   help="the edition the sample class works in: th grades a Thai class, "
                        "with Thai feedback and a Thai class report")
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
