"""Grade one submission in a scratch course of its own (runs in a worker process).

The worker never touches the instructor's course: it gets the submitted notebook's
text and a template gradebook (the lessons, no students), builds a throw-away nbgrader
course around them, runs nbgrader's own ``autograde`` and ``generate_feedback`` there,
and returns what came out as plain data. The coordinator (``autograder.grading``)
records it in the real gradebook. The same function runs in a local process pool or on
a Dask cluster.
"""
import os
import shutil
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

# One worker per core: kernels must not start a BLAS thread pool each on top of that.
SINGLE_THREADED = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


@dataclass
class Task:
    lesson_id: str
    student: str
    notebook_name: str         # e.g. "need_for_optimization.ipynb"
    notebook_text: str         # the submitted notebook, as the student sent it
    template_db: bytes         # SQLite gradebook holding the lessons (no students)
    timestamp: str | None = None


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


def grade(task):
    """Autograde ``task`` with nbgrader in a scratch course; return an ``Outcome``."""
    from .build import nbgrader_api

    warnings.filterwarnings("ignore", message=".*not in session.*")
    for key, value in SINGLE_THREADED.items():
        os.environ.setdefault(key, value)  # inherited by the kernel nbgrader starts
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="grade-") as scratch:
        root = Path(scratch)
        (root / "gradebook.db").write_bytes(task.template_db)
        (root / "source" / task.lesson_id).mkdir(parents=True)  # no extra files to copy
        folder = root / "submitted" / task.student / task.lesson_id
        folder.mkdir(parents=True)
        (folder / task.notebook_name).write_text(task.notebook_text)
        if task.timestamp:
            (folder / "timestamp.txt").write_text(task.timestamp)
        api = nbgrader_api(root)
        result = api.autograde(task.lesson_id, task.student, force=True, create=True)
        outcome = Outcome(task.lesson_id, task.student, bool(result["success"]),
                          log=result.get("log", "") + result.get("error", ""))
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
    outcome.seconds = time.perf_counter() - start
    return outcome


def _scores(api, task):
    from nbgrader.api import Gradebook

    notebook = os.path.splitext(task.notebook_name)[0]
    with Gradebook(api.coursedir.db_url) as gradebook:
        submitted = gradebook.find_submission_notebook(notebook, task.lesson_id, task.student)
        return {g.name: (g.auto_score, g.max_score) for g in submitted.grades}


def template_gradebook(course_root, lesson_ids):
    """A fresh SQLite gradebook with the lessons' cells and no students, as bytes.

    Made by nbgrader generate_assignment from source/, so it works whatever database
    the course itself uses (SQLite, PostgreSQL, ...).
    """
    from .build import generate_release

    with tempfile.TemporaryDirectory(prefix="template-") as scratch:
        root = Path(scratch)
        (root / "source").symlink_to(Path(course_root, "source").resolve(), True)
        generate_release(root, lesson_ids)
        data = (root / "gradebook.db").read_bytes()
        shutil.rmtree(root / "release", ignore_errors=True)
    return data
