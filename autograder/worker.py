"""Grade one submission in a scratch course of its own (runs in a worker process).

The worker never touches the instructor's course: it gets the submitted notebook's
text and a template gradebook (the lessons, no students), builds a throw-away nbgrader
course around them, runs nbgrader's own ``autograde`` and ``generate_feedback`` there,
and returns what came out as plain data. The coordinator (``autograder.grading``)
records it in the real gradebook. The same function runs in a local process pool or on
a Dask cluster.
"""
import json
import os
import secrets
import socket
import shutil
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from . import integrity, sandbox
from .sandbox import Limits

# One worker per core: kernels must not start a BLAS thread pool each on top of that.
SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
MAX_NOTEBOOK_BYTES = 100 * 2**20  # refused: flagged and scored 0
LARGE_NOTEBOOK_MB = 5              # graded, and flagged


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


@dataclass
class Outcome:
    lesson_id: str
    student: str
    ok: bool
    autograded_text: str = ""  # the executed notebook nbgrader wrote
    feedback_html: str = ""
    scores: dict = field(default_factory=dict)  # test cell id -> (score, max_score)
    log: str = ""
    seconds: float = 0.0
    flags: list = field(default_factory=list)   # plain-language reasons to look at it
    worker: str = ""                            # host:pid of the process that graded it


def readable_notebook(text):
    """None if ``text`` is a notebook nbgrader can grade, else why not, in plain words."""
    import nbformat

    if not text.strip():
        return "the notebook file is empty"
    if len(text.encode()) > MAX_NOTEBOOK_BYTES:
        return f"the notebook file is larger than {MAX_NOTEBOOK_BYTES // 2**20} MB"
    try:
        data = json.loads(text)
    except ValueError as err:
        return (f"the notebook file is not valid JSON (line {getattr(err, 'lineno', '?')}, "
                f"column {getattr(err, 'colno', '?')}): it was damaged, truncated or edited "
                "outside Jupyter")
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        return "the file is JSON but not a Jupyter notebook (it has no list of cells)"
    try:
        nbformat.reads(text, as_version=4)
    except Exception as err:  # noqa: BLE001 - any reason nbformat refuses it
        return f"the notebook is not in a format Jupyter can read ({type(err).__name__})"
    return None


def grade(task):
    """Autograde ``task`` with nbgrader in a scratch course; return an ``Outcome``."""
    warnings.filterwarnings("ignore", message=".*not in session.*")
    for key, value in SINGLE_THREADED.items():
        os.environ.setdefault(key, value)
    start = time.perf_counter()
    outcome = Outcome(task.lesson_id, task.student, False, flags=list(task.flags),
                      worker=f"{socket.gethostname()}:{os.getpid()}")
    problem = readable_notebook(task.notebook_text)
    if problem:
        outcome.flags.append(problem)
        outcome.log = problem
    else:
        import nbformat
        megabytes = len(task.notebook_text.encode()) / 2**20
        if megabytes > LARGE_NOTEBOOK_MB:
            outcome.flags.append(f"the notebook file is {megabytes:.0f} MB, mostly stored "
                                 "outputs; they were cleared before grading")
        outcome.flags += [f"suspicious code: {reason}" for reason in
                          integrity.suspicious_code(nbformat.reads(task.notebook_text, 4))]
        with tempfile.TemporaryDirectory(prefix="grade-") as scratch:
            _autograde_in(Path(scratch), task, outcome)
    outcome.flags = list(dict.fromkeys(outcome.flags))
    outcome.seconds = time.perf_counter() - start
    return outcome


def _autograde_in(root, task, outcome):
    """Build a scratch course at ``root``, autograde and give feedback there."""
    from .build import nbgrader_api

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
    events = private / "events.jsonl"
    events.touch()
    for path in (root / "gradebook.db", root / "submitted", root / "source", private):
        os.chmod(path, 0o700 if path.is_dir() else 0o600)
    os.chmod(root, 0o711)  # the kernel's user may pass through, never list or read
    key = secrets.token_hex(32)
    from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata,
                                        ClearOutput, DeduplicateIds, IgnorePattern,
                                        LimitOutput, OverwriteCells, OverwriteKernelspec,
                                        SaveAutoGrades)
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    limits = task.limits
    api = nbgrader_api(
        root,
        **{"Autograde.sanitize_preprocessors": [
               integrity.InspectSubmission, ClearOutput, DeduplicateIds,
               OverwriteKernelspec, OverwriteCells, CheckCellMetadata],
           "Autograde.autograde_preprocessors": [
               sandbox.SandboxedExecute, integrity.VerifyIntegrity, IgnorePattern,
               ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
               AssignLatePenalties, CheckCellMetadata],
           "InspectSubmission.release_path": str(release),
           "InspectSubmission.events_path": str(events),
           "SandboxedExecute.mode": task.sandbox_mode,
           "SandboxedExecute.scratch": str(root / "kernels"),
           "SandboxedExecute.guard_key_hex": key,
           "SandboxedExecute.events_path": str(events),
           "SandboxedExecute.timeout": limits.cell_seconds,
           "SandboxedExecute.cell_seconds": limits.cell_seconds,
           "SandboxedExecute.total_seconds": limits.total_seconds,
           "SandboxedExecute.memory_bytes": limits.memory_bytes,
           "SandboxedExecute.cell_output_bytes": limits.cell_output_bytes,
           "SandboxedExecute.total_output_bytes": limits.total_output_bytes,
           "VerifyIntegrity.key_hex": key,
           "VerifyIntegrity.events_path": str(events)})
    (root / "kernels").mkdir()
    result = api.autograde(task.lesson_id, task.student, force=True, create=True)
    outcome.ok = bool(result["success"])
    outcome.log = result.get("log", "") + result.get("error", "")
    for line in events.read_text().splitlines():
        outcome.flags.append(json.loads(line)["text"])
    autograded = root / "autograded" / task.student / task.lesson_id / task.notebook_name
    if outcome.ok and autograded.exists():
        outcome.autograded_text = autograded.read_text()
        outcome.scores = _scores(api, task)
        feedback = api.generate_feedback(task.lesson_id, task.student, force=True)
        html = root / "feedback" / task.student / task.lesson_id / \
            task.notebook_name.replace(".ipynb", ".html")
        if feedback["success"] and html.exists():
            outcome.feedback_html = html.read_text()
    else:
        outcome.ok = False


def _scores(api, task):
    from nbgrader.api import Gradebook

    notebook = os.path.splitext(task.notebook_name)[0]
    with Gradebook(api.coursedir.db_url) as gradebook:
        submitted = gradebook.find_submission_notebook(notebook, task.lesson_id, task.student)
        return {g.name: (g.auto_score, g.max_score) for g in submitted.grades}


def template_gradebook(course_root, lesson_ids):
    """A fresh SQLite gradebook with the lessons' cells and no students, as bytes, and
    the released notebooks' text by lesson id.

    Made by nbgrader generate_assignment from source/, so it works whatever database
    the course itself uses (SQLite, PostgreSQL, ...).
    """
    from .build import generate_release

    with tempfile.TemporaryDirectory(prefix="template-") as scratch:
        root = Path(scratch)
        (root / "source").symlink_to(Path(course_root, "source").resolve(), True)
        generate_release(root, lesson_ids)
        data = (root / "gradebook.db").read_bytes()
        released = {lesson_id: next((root / "release" / lesson_id).glob("*.ipynb")).read_text()
                    for lesson_id in lesson_ids}
        shutil.rmtree(root / "release", ignore_errors=True)
    return data, released
