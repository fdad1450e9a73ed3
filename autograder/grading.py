"""Autograde, generate feedback, export grades and tabulate results, on nbgrader's API.

Everything here goes through nbgrader (``NbGraderAPI``, its gradebook and its CSV
export plugin), so instructors keep nbgrader's folders, formgrader and ``nbgrader
export``. Each worker returns its verdicts as structured data (``autograder.worker``);
they are recorded once, in the gradebook and in a marker file beside the graded
notebook, and read back from there, never parsed out of notebook text.
"""
import hashlib
import hmac
import json
import os
import secrets
import time
import warnings
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .build import nbgrader_api
from .course import course_folder, lessons, submitted_folders
from .safe_files import NotARegularFile, is_regular, read_regular
from .timings import rounded
from .worker import Outcome, Task, grade_within_limit, template_gradebook

KEY_FILE = ".autograder-key"  # seeds the hidden checks' cases; never leaves the grader


@dataclass
class CellResult:
    """The outcome of one test cell of one student's notebook."""

    student: str
    lesson_id: str
    cell: str
    score: float
    max_score: float
    message: str = ""          # the failure message, as the student sees it
    mistake: str | None = None  # the catalogue code named in that message

    @property
    def passed(self):
        return self.score >= self.max_score


@dataclass
class GradingRun:
    course_root: Path
    graded: list = field(default_factory=list)   # (lesson_id, student) graded now
    skipped: list = field(default_factory=list)  # already graded, unchanged since
    flagged: list = field(default_factory=list)  # (lesson_id, student, reason)
    sandbox: str = "none"                        # the isolation mode actually used
    warning: str | None = None                   # when that mode is weaker than bwrap
    workers: set = field(default_factory=set)    # host:pid of every process that graded
    seconds: float = 0.0
    execution_seconds: float = 0.0               # summed over workers
    timings: list = field(default_factory=list)  # {part: seconds} of each graded submission
    draw_figures: bool = False                   # figures rendered in graded notebooks

    @property
    def failures(self):
        return self.flagged


def submissions(course_root, lesson_ids=None):
    """(lesson_id, student) for every submission folder (nbgrader's submitted/), sorted."""
    return sorted((lesson_id, student) for lesson_id, student, _ in submitted_folders(course_root)
                  if lesson_ids is None or lesson_id in lesson_ids)


def _notebook_name(lesson_id):
    return next(l for l in lessons() if l.id == lesson_id).notebook_name


def _submitted_path(course_root, lesson_id, student):
    return course_folder(course_root, "submitted", student, lesson_id) / _notebook_name(lesson_id)


def find_notebook(course_root, lesson_id, student):
    """(path or None, flags): the submitted notebook, also when misnamed."""
    expected = _submitted_path(course_root, lesson_id, student)
    if is_regular(expected):
        return expected, []
    others = sorted(p for p in expected.parent.glob("*.ipynb") if is_regular(p))
    if not others:
        return None, [f"no notebook was submitted (expected {expected.name})"]
    found = others[0]
    note = f"the notebook was submitted as {found.name}, not {expected.name}; graded anyway"
    if len(others) > 1:
        note += f" (the first of {len(others)} notebooks in the folder)"
    return found, [note]


def _marker(course_root, lesson_id, student):
    return course_folder(course_root, "autograded", student, lesson_id) / ".autograder.json"


def _fingerprint(course_root, lesson_id, student):
    """A digest of the submission folder's plain files (links and pipes count by name)."""
    folder = course_folder(course_root, "submitted", student, lesson_id)
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        if is_regular(path):
            try:
                digest.update(read_regular(path))
            except NotARegularFile:
                digest.update(b"\1")
    return digest.hexdigest()


def _course_key(course_root):
    """The course's secret for seeding hidden checks (made on first use, mode 0600)."""
    path = Path(course_root, KEY_FILE)
    try:
        return read_regular(path, max_bytes=4096).strip()
    except NotARegularFile:
        key = secrets.token_hex(32).encode()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key


def _case_seed(key, lesson_id, student):
    return hmac.new(key, f"{lesson_id}|{student}".encode(), hashlib.sha256).hexdigest()


def _already_graded(course_root, lesson_id, student, gradebook):
    """Graded before, from these very files, and recorded in the gradebook."""
    from nbgrader.api import MissingEntry

    marker = _marker(course_root, lesson_id, student)
    if not marker.exists():
        return False
    try:
        recorded = json.loads(marker.read_text())
    except ValueError:
        return False
    if recorded.get("fingerprint") != _fingerprint(course_root, lesson_id, student):
        return False
    notebook = Path(_notebook_name(lesson_id)).stem
    try:
        submitted = gradebook.find_submission_notebook(notebook, lesson_id, student)
    except MissingEntry:
        return False
    return all(g.auto_score is not None for g in submitted.grades)


def _write_atomically(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


#: the files nbgrader's collect leaves beside a submitted notebook and its autograde and
#: generate_feedback copy along: `nbgrader release_feedback` reads both from feedback/
NBGRADER_BOOKKEEPING = ("timestamp.txt", "submission_secret.txt")


def _copy_bookkeeping(course_root, lesson_id, student, with_feedback):
    """Copy the submission's bookkeeping files as stock nbgrader does, read as files a
    student supplied (regular files, a few hundred bytes at most)."""
    submitted = _submitted_path(course_root, lesson_id, student).parent
    for name in NBGRADER_BOOKKEEPING:
        try:
            text = read_regular(submitted / name, 1000).decode(errors="replace")
        except (NotARegularFile, OSError):
            continue
        for folder in ("autograded", "feedback") if with_feedback else ("autograded",):
            _write_atomically(course_folder(course_root, folder, student, lesson_id) / name, text)


def _record(course_root, api, outcome, fingerprint, timestamp):
    """Store a worker's outcome: files first (with the marker), then the gradebook.

    A crash before the gradebook commit leaves a marker without grades, which the next
    run treats as not graded; after it, the submission counts as done. Either way a
    rerun ends with exactly one set of grades. The scores are the verdicts' (structured
    data from the worker); nbgrader's SaveAutoGrades reads the graded notebook only for
    what it records beside them (comments, cell bookkeeping).

    The late penalty is nbgrader's own AssignLatePenalties, run here with the course's
    config (``api.config``: its late-submission plugin) on the course's gradebook: only
    there are the due date and the student's extension, which the worker never sees.
    """
    from nbgrader.api import Gradebook
    from nbgrader.preprocessors import AssignLatePenalties, SaveAutoGrades

    db_url = api.coursedir.db_url  # the config's, or nbgrader's default for the root
    lesson_id, student = outcome.lesson_id, outcome.student
    name = _notebook_name(lesson_id)
    if outcome.ok:
        _write_atomically(course_folder(course_root, "autograded", student, lesson_id) / name,
                          outcome.autograded_text)
        if outcome.feedback_html:
            _write_atomically(course_folder(course_root, "feedback", student, lesson_id) /
                              (Path(name).stem + ".html"), outcome.feedback_html)
        _copy_bookkeeping(course_root, lesson_id, student, bool(outcome.feedback_html))
    _write_marker(course_root, outcome, fingerprint)
    with Gradebook(db_url) as gradebook:
        kwargs = {"timestamp": timestamp} if timestamp else {}
        gradebook.update_or_create_student(student)
        gradebook.update_or_create_submission(lesson_id, student, **kwargs)
    resources = {"nbgrader": {"notebook": Path(name).stem, "assignment": lesson_id,
                              "student": student, "db_url": db_url}}
    if outcome.ok:
        nb = nbformat.reads(outcome.autograded_text, as_version=4)
        SaveAutoGrades().preprocess(nb, resources)
    with Gradebook(db_url) as gradebook:
        submitted = gradebook.find_submission_notebook(Path(name).stem, lesson_id, student)
        for grade in submitted.grades:
            if grade.max_score == 0:
                continue
            # nothing could run: every test scores 0, as for a missing file
            grade.auto_score = outcome.scores.get(grade.name, (0.0,))[0] if outcome.ok else 0
            grade.needs_manual_grade = False
        gradebook.db.commit()
    # after the scores: a penalty depends on them (e.g. 'zero' takes the whole score)
    AssignLatePenalties(config=api.config).preprocess(nbformat.v4.new_notebook(), resources)


def _write_marker(course_root, outcome, fingerprint):
    """The marker beside the graded notebook: what the next run and the report read."""
    _write_atomically(_marker(course_root, outcome.lesson_id, outcome.student), json.dumps(
        {"fingerprint": fingerprint, "ok": outcome.ok, "seconds": round(outcome.seconds, 3),
         "flags": _flags(outcome), "verdicts": outcome.verdicts,
         "timings": rounded(outcome.timings)}))


def _reason(log):
    lines = [line for line in log.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else "nbgrader could not grade this submission"


def _flags(outcome):
    """Every reason to look at this submission, plain words first."""
    flags = list(outcome.flags)
    if not outcome.ok and not any("notebook" in flag for flag in flags):
        flags.append("nbgrader could not grade this submission: " + _reason(outcome.log))
    return flags


def _read_marker(course_root, lesson_id, student):
    try:
        return json.loads(_marker(course_root, lesson_id, student).read_text())
    except (OSError, ValueError):
        return {}


def _recorded_flags(course_root, lesson_id, student):
    try:
        return _read_marker(course_root, lesson_id, student).get("flags", [])
    except (OSError, ValueError):
        return []


def autograde(course_root, lesson_ids=None, workers=None, force=False, progress=None,
              sandbox_mode="auto", limits=None, scheduler=None, draw_figures=False):
    """Autograde every submission under ``course_root/submitted`` and write feedback.

    Each submission runs in a worker, in a scratch course of its own with its kernel
    sandboxed (see ``autograder.worker`` and ``autograder.sandbox``); results go to the
    course's gradebook through nbgrader's SaveAutoGrades. Submissions graded before
    from the same files are skipped, so an interrupted run can simply be started again;
    ``force`` regrades everything. Workers are local processes (``workers``, default:
    the cores), or a Dask cluster when ``scheduler`` is an address (``"local"`` starts a
    Dask cluster on this machine). Figures are not drawn (no grade depends on one, and
    drawing them costs more than the checks): ``draw_figures`` draws them as stock
    nbgrader does, so the graded notebooks and feedback show them.
    """
    with warnings.catch_warnings():  # nbgrader's gradebook warns of SQLAlchemy sessions
        warnings.filterwarnings("ignore", message=".*not in session.*")
        return _autograde(course_root, lesson_ids, workers, force, progress, sandbox_mode,
                          limits, scheduler, draw_figures)


def _autograde(course_root, lesson_ids, workers, force, progress, sandbox_mode, limits,
               scheduler, draw_figures):
    from nbgrader.api import Gradebook

    from . import sandbox
    from .sandbox import Limits

    run = GradingRun(Path(course_root), draw_figures=draw_figures)
    start = time.perf_counter()
    run.sandbox, run.warning = sandbox.resolve(sandbox_mode)
    python = sandbox.kernel_python()
    sandbox.student_environment(python)  # refuses an environment that holds the grader
    api = nbgrader_api(course_root)
    todo = submissions(course_root, lesson_ids)
    with Gradebook(api.coursedir.db_url) as gradebook:
        skipped = {pair for pair in todo if not force and
                   _already_graded(course_root, *pair, gradebook)}
    for pair in todo:
        if pair in skipped:
            run.skipped.append(pair)
            run.flagged += [(*pair, flag) for flag in _recorded_flags(course_root, *pair)]
    pending = [pair for pair in todo if pair not in skipped]
    if pending:
        tasks = _tasks(course_root, pending, run.sandbox, limits or Limits(), python,
                       draw_figures)
        with _executor(workers, scheduler, len(tasks)) as pool:
            for index, (key, outcome) in enumerate(pool.grade_all(tasks), 1):
                task, fingerprint = tasks[key]
                started = time.perf_counter()
                _record(course_root, api, outcome, fingerprint, task.timestamp)
                outcome.timings["recording"] = time.perf_counter() - started
                _write_marker(course_root, outcome, fingerprint)  # now with every part
                run.timings.append(rounded(outcome.timings))
                run.execution_seconds += outcome.seconds
                run.workers.add(outcome.worker)
                run.graded.append(key)
                run.flagged += [(*key, flag) for flag in _flags(outcome)]
                if progress:
                    progress(index, len(tasks), f"{key[0]} / {key[1]}")
    run.seconds = time.perf_counter() - start
    return run


def _tasks(course_root, pending, mode, limits, python, draw_figures=False):
    """{(lesson_id, student): (Task, fingerprint)} for the submissions to grade."""
    template, released = template_gradebook(course_root, sorted({l for l, _ in pending}))
    key = _course_key(course_root)
    tasks = {}
    for lesson_id, student in pending:
        path, flags = find_notebook(course_root, lesson_id, student)
        text = ""
        if path is not None:
            try:
                text = read_regular(path).decode("utf-8", errors="replace")
            except NotARegularFile as err:
                flags.append(str(err))
        stamp = read_timestamp(course_root, lesson_id, student, flags)
        task = Task(lesson_id, student, _notebook_name(lesson_id), text, template,
                    released[lesson_id], stamp, flags, mode, limits, python,
                    _case_seed(key, lesson_id, student), draw_figures)
        tasks[(lesson_id, student)] = (task, _fingerprint(course_root, lesson_id, student))
    return tasks


def read_timestamp(course_root, lesson_id, student, flags):
    """The text of the submission's ``timestamp.txt``, as nbgrader's Autograde reads it
    (``nbgrader.utils.parse_utc``), or None when there is none.

    Stock nbgrader refuses to grade a submission whose time stamp it cannot read; here
    it is graded as on time and flagged, so an instructor checks its time by hand.
    """
    from nbgrader.utils import parse_utc

    stamp_file = _submitted_path(course_root, lesson_id, student).parent / "timestamp.txt"
    if not is_regular(stamp_file):
        return None
    try:
        stamp = read_regular(stamp_file, 200).decode(errors="replace").strip()
        if stamp:
            parse_utc(stamp)
        return stamp or None
    except (NotARegularFile, ValueError, OverflowError) as err:
        flags.append(f"the submission time in timestamp.txt cannot be read ({err}); "
                     "it was graded as on time, with no late penalty: check its time")
        return None


def _failed(task, error):
    """The outcome of a job whose worker itself failed (the batch goes on)."""
    return Outcome(task.lesson_id, task.student, False, log=repr(error), flags=list(
        task.flags) + [f"the grading worker failed ({type(error).__name__}); it scores 0"])


class _LocalPool:
    """Jobs on this machine: each in a child process of its own, under a time limit."""

    def __init__(self, workers):
        self.pool = ThreadPoolExecutor(max_workers=workers)

    def grade_all(self, tasks):
        futures = {self.pool.submit(grade_within_limit, task): key
                   for key, (task, _) in tasks.items()}
        for future in as_completed(futures):
            key = futures[future]
            try:
                yield key, future.result()
            except Exception as err:  # noqa: BLE001 - never end the batch
                yield key, _failed(tasks[key][0], err)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.pool.shutdown(cancel_futures=True)


class _DaskPool:
    """Workers of a Dask distributed cluster: at ``address``, or a local one.

    Each job runs in a child process of the Dask worker (``grade_within_limit``), so
    workers must not be daemonic (``DASK_DISTRIBUTED__WORKER__DAEMON=False``).
    """

    def __init__(self, address, workers):
        import dask
        from dask.distributed import Client, LocalCluster

        self.cluster = None
        if address == "local":
            with dask.config.set({"distributed.worker.daemon": False}):
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                            processes=True, dashboard_address=None)
            address = self.cluster.scheduler_address
        self.client = Client(address)

    def grade_all(self, tasks):
        from dask.distributed import as_completed as dask_completed

        futures = {}
        for key, (task, _) in tasks.items():
            # pure=False: a regrade of identical files must run again, not hit a cache
            futures[self.client.submit(grade_within_limit, task, pure=False,
                                       key=f"grade-{key[0]}-{key[1]}-{time.time_ns()}")] = key
        for future in dask_completed(futures):
            key = futures[future]
            try:
                yield key, future.result()
            except Exception as err:  # noqa: BLE001 - a lost worker: flag, go on
                yield key, _failed(tasks[key][0], err)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _executor(workers, scheduler, count):
    workers = max(1, min(workers or os.cpu_count() or 1, count))
    return _DaskPool(scheduler, workers) if scheduler else _LocalPool(workers)


@dataclass
class ClassGrading:
    """What grading a class leaves: the run, every test cell's result, and the files."""

    run: GradingRun
    results: list
    grades: Path     # nbgrader's CSV export
    report: Path     # the class report (HTML)
    intake: object = None  # autograder.intake.Intake, when an LMS download was imported


def grade_class(course_root, lesson_ids=None, *, source=None, roster=None, pattern=None,
                lms_timezone=None, title="Class report", log=lambda line: None,
                report_lang="en", **options):
    """Grade a class: what ``autograder grade`` does, and ``make demo`` after writing its
    sample class.

    Imports an LMS download first when ``source`` is given (one lesson; ``roster``,
    ``pattern``, ``lms_timezone``: see ``autograder.intake``), autogrades every
    submission with feedback (``options``: see ``autograde``), then writes nbgrader's
    CSV export ``grades.csv`` and the class report ``report.html`` in the course root
    (nbgrader's ``CourseDirectory.root``), in ``report_lang`` (each student's feedback
    is in the language of the student's own edition).
    """
    from .report import write_report

    intake = None
    if source is not None:
        from .intake import import_submissions

        if not lesson_ids or len(lesson_ids) != 1:
            raise ValueError("an LMS download (--from) needs exactly one lesson")
        intake = import_submissions(course_root, lesson_ids[0], _notebook_name(lesson_ids[0]),
                                    source, roster, pattern, lms_timezone)
        log(f"Imported {len(intake.imported)} notebooks from {source} "
            f"({intake.layout or 'no layout recognised'})")
        for problem in intake.problems:
            log(f"  not imported: {problem}")
    root = Path(nbgrader_api(course_root).coursedir.root)
    run = autograde(course_root, lesson_ids, **options)
    grades = export_grades(course_root, root / "grades.csv")
    results = cell_results(course_root, run.graded + run.skipped)
    report = write_report(root / "report.html", run, results, grades.name, title=title,
                          lang=report_lang)
    return ClassGrading(run, results, grades, report, intake)


def export_grades(course_root, destination):
    """Write nbgrader's own CSV export (the columns of ``nbgrader export``)."""
    from nbgrader.api import Gradebook
    from nbgrader.plugins.export import CsvExportPlugin

    api = nbgrader_api(course_root)
    with Gradebook(api.coursedir.db_url) as gradebook:
        CsvExportPlugin(to=str(destination)).export(gradebook)
    return Path(destination)


def cell_results(course_root, graded):
    """CellResult for every test cell of every graded (lesson_id, student).

    Scores come from the gradebook; messages and mistake codes from the verdicts the
    coordinator recorded beside the graded notebook (structured, never parsed).
    """
    from nbgrader.api import Gradebook, MissingEntry

    api = nbgrader_api(course_root)
    by_id = {lesson.id: lesson for lesson in lessons()}
    results = []
    with Gradebook(api.coursedir.db_url) as gradebook:
        for lesson_id, student in graded:
            notebook = by_id[lesson_id].script.stem
            try:
                submitted = gradebook.find_submission_notebook(notebook, lesson_id, student)
            except MissingEntry:
                continue
            verdicts = _read_marker(course_root, lesson_id, student).get("verdicts", {})
            for grade in submitted.grades:
                if grade.max_score == 0:
                    continue
                verdict = verdicts.get(grade.name) or {}
                message = verdict.get("message") if isinstance(verdict, dict) else ""
                mistake = verdict.get("mistake") if isinstance(verdict, dict) else None
                results.append(CellResult(student, lesson_id, grade.name, grade.score,
                                          grade.max_score, message or "", mistake))
    return results


def class_table(results):
    """A plain-text table: one row per student, one column per test cell."""
    columns = list(dict.fromkeys((r.lesson_id, r.cell) for r in results))
    columns.sort(key=lambda column: column[0])  # stable: cells keep notebook order
    students = sorted({r.student for r in results})
    cell = {(r.student, r.lesson_id, r.cell): r for r in results}
    head = ["student"] + [name for _, name in columns] + ["total"]
    rows = []
    for student in students:
        row, got, total = [student], 0.0, 0.0
        for lesson_id, name in columns:
            r = cell.get((student, lesson_id, name))
            if r is None:
                row.append("")
                continue
            got, total = got + r.score, total + r.max_score
            text = f"{r.score:g}/{r.max_score:g}"
            if not r.passed:
                text += f" {r.mistake}" if r.mistake else " ✗"
            row.append(text)
        row.append(f"{got:g}/{total:g}")
        rows.append(row)
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    line = lambda r: "  ".join(str(x).ljust(w) for x, w in zip(r, widths)).rstrip()
    return "\n".join([line(head), line(["-" * w for w in widths])] + [line(r) for r in rows])

