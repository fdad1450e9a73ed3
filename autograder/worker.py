"""Grade one submission in a scratch course of its own (runs in a worker process).

The worker never touches the instructor's course: it gets the submitted notebook's
text and a template gradebook (the lessons, no students), builds a throw-away nbgrader
course around them, runs nbgrader's own ``autograde`` and ``generate_feedback`` there
with :class:`~autograder.execute.TrustedExecute` in place of nbgrader's ``Execute``,
and returns what came out as plain data: the verdict of every test cell, the graded
notebook and the feedback. The coordinator (``autograder.grading``) records it in the
real gradebook.

:func:`grade_within_limit` runs :func:`grade` in a child process with a wall-clock
limit enforced from outside: a job that hangs or crashes is killed with every process
it started, and comes back as a flagged outcome. Any exception while grading flags the
submission instead of ending the batch. The same function runs in the local pool and
on a Dask cluster.
"""
import json
import multiprocessing
import os
import signal
import socket
import tempfile
import time
import uuid
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from .sandbox import Limits

# One worker per core: kernels must not start a BLAS thread pool each on top of that.
SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
MAX_NOTEBOOK_BYTES = 100 * 2**20  # refused: flagged and scored 0
LARGE_NOTEBOOK_MB = 5              # graded, and flagged
MAX_JSON_DEPTH = 64                # a notebook is 5 levels deep; more is an attack


@dataclass
class Task:
    lesson_id: str
    student: str
    notebook_name: str         # e.g. "need_for_optimization.ipynb"
    notebook_text: str         # the submitted notebook, as the student sent it
    template_db: bytes         # SQLite gradebook holding the lessons (no students)
    release_text: str = ""     # the released notebook, to compare the submission with
    timestamp: str | None = None
    flags: list = field(default_factory=list)  # found while reading the submission
    sandbox_mode: str = "none"  # a mode of autograder.sandbox, already resolved
    limits: Limits = field(default_factory=Limits)
    kernel_python: str = ""     # the student environment's Python (sandbox.kernel_python)
    seed_hex: str = "00"        # seeds the hidden checks' cases (secret, per submission)
    draw_figures: bool = False  # render figures as PNG in the graded notebook and feedback


@dataclass
class Outcome:
    lesson_id: str
    student: str
    ok: bool
    autograded_text: str = ""  # the executed notebook nbgrader wrote
    feedback_html: str = ""
    scores: dict = field(default_factory=dict)    # test cell id -> (score, max_score)
    verdicts: dict = field(default_factory=dict)  # test cell id -> Verdict.as_dict()
    log: str = ""
    seconds: float = 0.0
    flags: list = field(default_factory=list)   # plain-language reasons to look at it
    worker: str = ""                            # host:pid of the process that graded it
    timings: dict = field(default_factory=dict)  # part -> seconds (autograder.timings)


def json_depth_ok(text, limit=MAX_JSON_DEPTH):
    """Whether no bracket nests deeper than ``limit`` (checked before any parser runs)."""
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return False
        elif char in "]}":
            depth -= 1
    return True


def read_notebook(text):
    """(the notebook, None) if ``text`` is a notebook nbgrader can grade, else
    (None, why not, in plain words). The submission is parsed here, once."""
    import nbformat

    if not text.strip():
        return None, "the notebook file is empty"
    if len(text.encode()) > MAX_NOTEBOOK_BYTES:
        return None, f"the notebook file is larger than {MAX_NOTEBOOK_BYTES // 2**20} MB"
    if not json_depth_ok(text):
        return None, f"the notebook file nests more than {MAX_JSON_DEPTH} levels deep"
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as err:
        return None, (f"the notebook file is not valid JSON (line "
                      f"{getattr(err, 'lineno', '?')}, column {getattr(err, 'colno', '?')}): "
                      "it was damaged, truncated or edited outside Jupyter")
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return None, "the file is JSON but not a Jupyter notebook (it has no list of cells)"
    try:  # nbformat.reads, minus its second parse of the text
        major, minor = nbformat.reader.get_version(data)
        nb = nbformat.convert(nbformat.versions[major].to_notebook_json(
            data, minor=minor), 4)
    except Exception as err:  # noqa: BLE001 - any reason nbformat refuses it
        return None, f"the notebook is not in a format Jupyter can read ({type(err).__name__})"
    return nb, None


def grade(task):
    """Autograde ``task`` with nbgrader in a scratch course; return an ``Outcome``.

    Never raises: whatever goes wrong flags this submission, and the batch goes on.
    """
    warnings.filterwarnings("ignore", message=".*not in session.*")
    for key, value in SINGLE_THREADED.items():
        os.environ.setdefault(key, value)
    start = time.perf_counter()
    outcome = Outcome(task.lesson_id, task.student, False, flags=list(task.flags),
                      worker=f"{socket.gethostname()}:{os.getpid()}")
    try:
        nb, problem = read_notebook(task.notebook_text)
        if problem:
            outcome.flags.append(problem)
            outcome.log = problem
        else:
            _grade_readable(nb, task, outcome)
    except BaseException as err:  # noqa: BLE001 - RecursionError, MemoryError, anything
        if isinstance(err, KeyboardInterrupt):
            raise
        outcome.ok = False
        outcome.flags.append(f"the grader failed on this submission ({type(err).__name__}); "
                             "it scores 0 until an instructor looks at it")
    outcome.flags = list(dict.fromkeys(outcome.flags))
    outcome.seconds = time.perf_counter() - start
    return outcome


def _grade_readable(nb, task, outcome):
    from .source_scan import suspicious_code
    from .timings import add

    start = time.perf_counter()
    megabytes = len(task.notebook_text.encode()) / 2**20
    if megabytes > LARGE_NOTEBOOK_MB:
        outcome.flags.append(f"the notebook file is {megabytes:.0f} MB, mostly stored "
                             "outputs; they were cleared before grading")
    student_cells = [c.source for c in nb.cells if c.cell_type == "code"
                     and not c.metadata.get("nbgrader", {}).get("locked")]
    outcome.flags += [f"suspicious code: {why}" for why in suspicious_code(student_cells)]
    add(outcome.timings, "preparation", time.perf_counter() - start)
    with tempfile.TemporaryDirectory(prefix="grade-") as scratch:
        _autograde_in(Path(scratch), task, outcome)


def _autograde_in(root, task, outcome):
    """Build a scratch course at ``root``, autograde and give feedback there."""
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata,
                                        ClearOutput, DeduplicateIds, IgnorePattern,
                                        LimitOutput, OverwriteCells, OverwriteKernelspec,
                                        SaveAutoGrades)

    from .build import nbgrader_api
    from .execute import RECORDS, TrustedExecute, new_record
    from .feedback import FeedbackExporter
    from .startup import scratch_gradebooks_unsynced
    from .structure import InspectSubmission
    from .timings import add, timed

    start = time.perf_counter()
    scratch_gradebooks_unsynced(root)
    (root / "gradebook.db").write_bytes(task.template_db)
    (root / "source" / task.lesson_id).mkdir(parents=True)  # no extra files to copy
    folder = root / "submitted" / task.student / task.lesson_id
    folder.mkdir(parents=True)
    (folder / task.notebook_name).write_text(task.notebook_text)
    if task.timestamp:
        (folder / "timestamp.txt").write_text(task.timestamp)
    private = root / "private"
    private.mkdir()
    release = private / "release.ipynb"
    release.write_text(task.release_text)
    for path in (root / "gradebook.db", root / "submitted", root / "source", private):
        os.chmod(path, 0o700 if path.is_dir() else 0o600)
    os.chmod(root, 0o711)  # the kernel's user may pass through, never list or read
    record_id = uuid.uuid4().hex
    new_record(record_id)
    limits = task.limits
    api = nbgrader_api(
        root,
        **{"Autograde.sanitize_preprocessors": [
               InspectSubmission, ClearOutput, DeduplicateIds,
               OverwriteKernelspec, OverwriteCells, CheckCellMetadata],
           "Autograde.autograde_preprocessors": [
               TrustedExecute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
               SaveAutoGrades, AssignLatePenalties, CheckCellMetadata],
           "GenerateFeedback.exporter_class": FeedbackExporter,
           "InspectSubmission.release_path": str(release),
           "InspectSubmission.record_id": record_id,
           "TrustedExecute.mode": task.sandbox_mode,
           "TrustedExecute.scratch": str(root / "kernels"),
           "TrustedExecute.python": task.kernel_python,
           "TrustedExecute.record_id": record_id,
           "TrustedExecute.seed_hex": task.seed_hex,
           "TrustedExecute.draw_figures": task.draw_figures,
           "TrustedExecute.timeout": limits.cell_seconds,
           "TrustedExecute.cell_seconds": limits.cell_seconds,
           "TrustedExecute.total_seconds": limits.total_seconds,
           "TrustedExecute.memory_bytes": limits.memory_bytes,
           "TrustedExecute.cell_output_bytes": limits.cell_output_bytes,
           "TrustedExecute.total_output_bytes": limits.total_output_bytes})
    (root / "kernels").mkdir()
    add(outcome.timings, "preparation", time.perf_counter() - start)
    start = time.perf_counter()
    try:
        result = api.autograde(task.lesson_id, task.student, force=True, create=True)
    finally:
        record = RECORDS.pop(record_id, None) or {"verdicts": {}, "events": [], "timings": {}}
        executed = record["timings"]
        for part, seconds in executed.items():
            add(outcome.timings, part, seconds)
        add(outcome.timings, "nbgrader steps",
            max(0.0, time.perf_counter() - start - sum(executed.values())))
    outcome.ok = bool(result["success"])
    outcome.log = result.get("log", "") + result.get("error", "")
    outcome.flags += [text for _, text in record["events"]]
    autograded = root / "autograded" / task.student / task.lesson_id / task.notebook_name
    if not (outcome.ok and autograded.exists()):
        outcome.ok = False
        return
    outcome.autograded_text = autograded.read_text()
    outcome.verdicts = {gid: v.as_dict() for gid, v in record["verdicts"].items()}
    with timed(outcome.timings, "nbgrader steps"):
        outcome.scores = _scores(api, task, outcome.verdicts, outcome.flags)
    with timed(outcome.timings, "feedback"):
        feedback = api.generate_feedback(task.lesson_id, task.student, force=True)
    html = root / "feedback" / task.student / task.lesson_id / \
        task.notebook_name.replace(".ipynb", ".html")
    if feedback["success"] and html.exists():
        outcome.feedback_html = html.read_text()


def _scores(api, task, verdicts, flags):
    """test cell id -> (score, max score), from the verdicts alone.

    nbgrader's own reading of the graded notebook (SaveAutoGrades, in the scratch
    gradebook) must agree; if it ever does not, the verdict wins and the submission
    is flagged.
    """
    from nbgrader.api import Gradebook

    notebook = os.path.splitext(task.notebook_name)[0]
    scores = {}
    with Gradebook(api.coursedir.db_url) as gradebook:
        submitted = gradebook.find_submission_notebook(notebook, task.lesson_id, task.student)
        for grade in submitted.grades:
            if grade.max_score == 0:
                continue
            verdict = verdicts.get(grade.name)
            score = grade.max_score if verdict and verdict["passed"] else 0.0
            if grade.auto_score is not None and grade.auto_score != score:
                flags.append(f"nbgrader read {grade.name} as {grade.auto_score:g} points; "
                             f"the grader's verdict is {score:g}, which counts")
            scores[grade.name] = (score, grade.max_score)
    return scores


# --- the job's wall-clock limit, enforced from outside ---------------------------------
def _job(task, connection):
    """A job process: one submission, forked warm (see autograder.job_warmup)."""
    os.setpgrp()  # the job and what it starts can be killed together
    try:
        connection.send(grade(task))
    finally:
        connection.close()


def grade_within_limit(task):
    """``grade(task)`` in a child process, killed with its descendants past the job's
    wall-clock limit (``task.limits.job_seconds``); always returns an ``Outcome``."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["autograder.job_warmup"])
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_job, args=(task, sender), daemon=False)
    start = time.perf_counter()
    process.start()
    sender.close()
    outcome, why = None, None
    try:
        if receiver.poll(task.limits.job_seconds):
            outcome = receiver.recv()
        else:
            why = f"grading it ran past the job's time limit of {task.limits.job_seconds} s"
    except (EOFError, OSError):
        why = "the process grading it crashed"
    finally:
        _kill_tree(process.pid)
        process.join(10)
        receiver.close()
    if outcome is None:
        outcome = Outcome(task.lesson_id, task.student, False,
                          flags=list(task.flags) + [why + "; it scores 0"], log=why,
                          seconds=time.perf_counter() - start)
    outcome.worker = f"{socket.gethostname()}:{os.getpid()}"  # the worker, not its job
    # the job's process: fork, the pipe, and whatever grade() did not time itself
    outcome.timings["job start"] = max(
        0.0, time.perf_counter() - start - sum(outcome.timings.values()))
    return outcome


def _kill_tree(pid):
    """Kill ``pid`` and every process descending from it (kernels included)."""
    children = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    doomed, stack = [], [pid]
    while stack:
        current = stack.pop()
        doomed.append(current)
        stack += children.get(current, [])
    for victim in doomed:
        try:
            os.kill(victim, signal.SIGKILL)
        except OSError:
            pass


def template_gradebook(course_root, lesson_ids):
    """A fresh SQLite gradebook with the lessons' cells and no students, as bytes, and
    the released notebooks' text by lesson id.

    Made by nbgrader generate_assignment from source/, so it works whatever database
    the course itself uses (SQLite, PostgreSQL, ...).
    """
    import shutil

    from .build import generate_release
    from .startup import scratch_gradebooks_unsynced

    with tempfile.TemporaryDirectory(prefix="template-") as scratch:
        root = Path(scratch)
        scratch_gradebooks_unsynced(root)
        (root / "source").symlink_to(Path(course_root, "source").resolve(), True)
        generate_release(root, lesson_ids)
        data = (root / "gradebook.db").read_bytes()
        released = {lesson_id: next((root / "release" / lesson_id).glob("*.ipynb")).read_text()
                    for lesson_id in lesson_ids}
        shutil.rmtree(root / "release", ignore_errors=True)
    return data, released
