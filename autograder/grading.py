"""Autograde, generate feedback, export grades and tabulate results, on nbgrader's API.

Everything here goes through nbgrader (``NbGraderAPI``, its gradebook and its CSV
export plugin), so instructors keep nbgrader's folders, formgrader and ``nbgrader
export``. Results are read back from the gradebook and from the autograded notebooks,
whose test-cell errors carry the mistake codes of ``autograder.mistakes``.
"""
import hashlib
import json
import multiprocessing
import os
import re
import time
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .build import nbgrader_api
from .course import ROOT, lessons
from .worker import Task, grade, template_gradebook

MISTAKE_CODE = re.compile(r"\[([a-z0-9_]+)\]\s*$")


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

    @property
    def failures(self):
        return self.flagged


def submissions(course_root, lesson_ids=None):
    """(lesson_id, student) for every notebook folder under submitted/, sorted."""
    found = []
    for lesson_dir in sorted(Path(course_root, "submitted").glob("*/*")):
        lesson_id, student = lesson_dir.name, lesson_dir.parent.name
        if lesson_dir.is_dir() and (lesson_ids is None or lesson_id in lesson_ids):
            found.append((lesson_id, student))
    return found


def _notebook_name(lesson_id):
    return next(l for l in lessons() if l.id == lesson_id).notebook_name


def _submitted_path(course_root, lesson_id, student):
    return Path(course_root, "submitted", student, lesson_id, _notebook_name(lesson_id))


def find_notebook(course_root, lesson_id, student):
    """(path or None, flags): the submitted notebook, also when misnamed."""
    expected = _submitted_path(course_root, lesson_id, student)
    if expected.exists():
        return expected, []
    others = sorted(expected.parent.glob("*.ipynb"))
    if not others:
        return None, [f"no notebook was submitted (expected {expected.name})"]
    found = others[0]
    note = f"the notebook was submitted as {found.name}, not {expected.name}; graded anyway"
    if len(others) > 1:
        note += f" (the first of {len(others)} notebooks in the folder)"
    return found, [note]


def _marker(course_root, lesson_id, student):
    return Path(course_root, "autograded", student, lesson_id, ".autograder.json")


def _fingerprint(course_root, lesson_id, student):
    folder = Path(course_root, "submitted", student, lesson_id)
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


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


def _record(course_root, db_url, outcome, fingerprint, timestamp):
    """Store a worker's outcome: files first (with the marker), then the gradebook.

    A crash before the gradebook commit leaves a marker without grades, which the next
    run treats as not graded; after it, the submission counts as done. Either way a
    rerun ends with exactly one set of grades.
    """
    from nbgrader.api import Gradebook
    from nbgrader.preprocessors import SaveAutoGrades

    lesson_id, student = outcome.lesson_id, outcome.student
    name = _notebook_name(lesson_id)
    if outcome.ok:
        _write_atomically(Path(course_root, "autograded", student, lesson_id, name),
                          outcome.autograded_text)
        if outcome.feedback_html:
            _write_atomically(Path(course_root, "feedback", student, lesson_id,
                                   Path(name).stem + ".html"), outcome.feedback_html)
    _write_atomically(_marker(course_root, lesson_id, student), json.dumps(
        {"fingerprint": fingerprint, "ok": outcome.ok, "seconds": round(outcome.seconds, 3),
         "flags": _flags(outcome)}))
    with Gradebook(db_url) as gradebook:
        kwargs = {"timestamp": timestamp} if timestamp else {}
        gradebook.update_or_create_student(student)
        gradebook.update_or_create_submission(lesson_id, student, **kwargs)
        if not outcome.ok:  # nothing could run: every test scores 0, as for a missing file
            submitted = gradebook.find_submission_notebook(Path(name).stem, lesson_id, student)
            for grade in submitted.grades:
                grade.auto_score, grade.needs_manual_grade = 0, False
            gradebook.db.commit()
    if outcome.ok:
        nb = nbformat.reads(outcome.autograded_text, as_version=4)
        resources = {"nbgrader": {"notebook": Path(name).stem, "assignment": lesson_id,
                                  "student": student, "db_url": db_url}}
        SaveAutoGrades().preprocess(nb, resources)


def _reason(log):
    lines = [line for line in log.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else "nbgrader could not grade this submission"


def _flags(outcome):
    """Every reason to look at this submission, plain words first."""
    flags = list(outcome.flags)
    if not outcome.ok and not any("notebook" in flag for flag in flags):
        flags.append("nbgrader could not grade this submission: " + _reason(outcome.log))
    return flags


def _recorded_flags(course_root, lesson_id, student):
    try:
        return json.loads(_marker(course_root, lesson_id, student).read_text()).get("flags", [])
    except (OSError, ValueError):
        return []


def autograde(course_root, lesson_ids=None, workers=None, force=False, progress=None,
              sandbox_mode="auto", limits=None, scheduler=None):
    """Autograde every submission under ``course_root/submitted`` and write feedback.

    Each submission runs in a worker, in a scratch course of its own with its kernel
    sandboxed (see ``autograder.worker`` and ``autograder.sandbox``); results go to the
    course's gradebook through nbgrader's SaveAutoGrades. Submissions graded before
    from the same files are skipped, so an interrupted run can simply be started again;
    ``force`` regrades everything. Workers are local processes (``workers``, default:
    the cores), or a Dask cluster when ``scheduler`` is an address (``"local"`` starts a
    Dask cluster on this machine).
    """
    with warnings.catch_warnings():  # nbgrader's gradebook warns of SQLAlchemy sessions
        warnings.filterwarnings("ignore", message=".*not in session.*")
        return _autograde(course_root, lesson_ids, workers, force, progress, sandbox_mode,
                          limits, scheduler)


def _autograde(course_root, lesson_ids, workers, force, progress, sandbox_mode, limits,
               scheduler):
    from nbgrader.api import Gradebook

    from . import sandbox
    from .sandbox import Limits

    run = GradingRun(Path(course_root))
    start = time.perf_counter()
    run.sandbox, run.warning = sandbox.resolve(sandbox_mode)
    api = nbgrader_api(course_root)
    db_url = api.coursedir.db_url
    todo = submissions(course_root, lesson_ids)
    with Gradebook(db_url) as gradebook:
        skipped = {pair for pair in todo if not force and
                   _already_graded(course_root, *pair, gradebook)}
    for pair in todo:
        if pair in skipped:
            run.skipped.append(pair)
            run.flagged += [(*pair, flag) for flag in _recorded_flags(course_root, *pair)]
    pending = [pair for pair in todo if pair not in skipped]
    if pending:
        tasks = _tasks(course_root, pending, run.sandbox, limits or Limits())
        with _executor(workers, scheduler, len(tasks)) as pool:
            for index, (key, outcome) in enumerate(pool.grade_all(tasks), 1):
                task, fingerprint = tasks[key]
                _record(course_root, db_url, outcome, fingerprint, task.timestamp)
                run.execution_seconds += outcome.seconds
                run.workers.add(outcome.worker)
                run.graded.append(key)
                run.flagged += [(*key, flag) for flag in _flags(outcome)]
                if progress:
                    progress(index, len(tasks), f"{key[0]} / {key[1]}")
    run.seconds = time.perf_counter() - start
    return run


def _tasks(course_root, pending, mode, limits):
    """{(lesson_id, student): (Task, fingerprint)} for the submissions to grade."""
    template, released = template_gradebook(course_root, sorted({l for l, _ in pending}))
    tasks = {}
    for lesson_id, student in pending:
        path, flags = find_notebook(course_root, lesson_id, student)
        text = path.read_text(errors="replace") if path else ""
        stamp_file = _submitted_path(course_root, lesson_id, student).parent / "timestamp.txt"
        stamp = stamp_file.read_text().strip() if stamp_file.exists() else None
        task = Task(lesson_id, student, _notebook_name(lesson_id), text, template,
                    released[lesson_id], stamp, flags, mode, limits)
        tasks[(lesson_id, student)] = (task, _fingerprint(course_root, lesson_id, student))
    return tasks


class _LocalPool:
    """Worker processes on this machine (fork: they start with nbgrader imported)."""

    def __init__(self, workers):
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)

    def grade_all(self, tasks):
        futures = {self.pool.submit(grade, task): key for key, (task, _) in tasks.items()}
        for future in as_completed(futures):
            yield futures[future], future.result()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.pool.shutdown(cancel_futures=True)


class _DaskPool:
    """Workers of a Dask distributed cluster: at ``address``, or a local one."""

    def __init__(self, address, workers):
        from dask.distributed import Client, LocalCluster

        self.cluster = None
        if address == "local":
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                        processes=True, dashboard_address=None)
            address = self.cluster.scheduler_address
        self.client = Client(address)

    def grade_all(self, tasks):
        from dask.distributed import as_completed as dask_completed

        futures = {}
        for key, (task, _) in tasks.items():
            # pure=False: a regrade of identical files must run again, not hit a cache
            futures[self.client.submit(grade, task, pure=False, key=f"grade-{key[0]}-"
                                       f"{key[1]}-{time.time_ns()}")] = key
        for future in dask_completed(futures):
            yield futures[future], future.result()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _executor(workers, scheduler, count):
    workers = max(1, min(workers or os.cpu_count() or 1, count))
    return _DaskPool(scheduler, workers) if scheduler else _LocalPool(workers)


def export_grades(course_root, destination):
    """Write nbgrader's own CSV export (the columns of ``nbgrader export``)."""
    from nbgrader.api import Gradebook
    from nbgrader.plugins.export import CsvExportPlugin

    api = nbgrader_api(course_root)
    with Gradebook(api.coursedir.db_url) as gradebook:
        CsvExportPlugin(to=str(destination)).export(gradebook)
    return Path(destination)


def _failure_messages(notebook_path):
    """test cell id -> the error message of its last error output."""
    messages = {}
    if not notebook_path.exists():
        return messages
    nb = nbformat.read(notebook_path, as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade"):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    messages[meta["grade_id"]] = f"{output['ename']}: {output['evalue']}"
    return messages


def cell_results(course_root, graded):
    """CellResult for every test cell of every graded (lesson_id, student)."""
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
            path = Path(course_root, "autograded", student, lesson_id, notebook + ".ipynb")
            messages = _failure_messages(path)
            for grade in submitted.grades:
                if grade.max_score == 0:
                    continue
                message = messages.get(grade.name, "")
                code = MISTAKE_CODE.search(message)
                results.append(CellResult(student, lesson_id, grade.name, grade.score,
                                          grade.max_score, message, code and code.group(1)))
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

