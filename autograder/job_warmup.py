"""What every grading job needs, loaded once in the forkserver that forks the jobs.

Each submission is graded in a fresh child process (``autograder.worker``), so that a
job can be killed and nothing of one student's run reaches the next. Children are
forked from a server process that imported this module: the grader's lesson checks
(and the plotting libraries they import), nbgrader's converters, its gradebook's
database mappings, and the feedback page's templates compiled. A job then starts warm,
instead of paying about a second of imports and template compilation each time.
"""
import importlib
import pkgutil

import nbformat
import sqlalchemy.orm
from nbgrader.api import Gradebook  # noqa: F401 - its mapped classes, configured below
from nbgrader.apps import NbGraderAPI  # noqa: F401 - imported here to be inherited
from nbgrader.converters import Autograde, GenerateFeedback

import autograder.lessons
from . import execute, structure, worker  # noqa: F401
from .feedback import FeedbackExporter


def _warm():
    for info in pkgutil.iter_modules(autograder.lessons.__path__):
        importlib.import_module(f"autograder.lessons.{info.name}")
    sqlalchemy.orm.configure_mappers()  # else each job's first gradebook query does it
    # the feedback page, with nbgrader's feedback template: its compiled code stays in
    # feedback.TEMPLATE_CODE, which every job's exporter reads
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("warm"),
                                         nbformat.v4.new_code_cell("1")])
    FeedbackExporter(config=GenerateFeedback().config).from_notebook_node(nb, resources={
        "nbgrader": {"notebook": "warm", "score": 0, "max_score": 0, "late_penalty": 0}})


_warm()
