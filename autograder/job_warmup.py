"""What every grading job needs, loaded once in the forkserver that forks the jobs.

Each submission is graded in a fresh child process (``autograder.worker``), so that a
job can be killed and nothing of one student's run reaches the next. Children are
forked from a server process that imported this module: the grader's lesson checks
(and the plotting libraries they import), nbgrader's converters and nbconvert's HTML
exporter with its templates compiled. A job then starts warm, instead of paying about
a second of imports and template compilation each time.
"""
import importlib
import pkgutil

import nbformat
from nbconvert.exporters import HTMLExporter
from nbgrader.apps import NbGraderAPI  # noqa: F401 - imported here to be inherited
from nbgrader.converters import Autograde, GenerateFeedback  # noqa: F401

import autograder.lessons
from . import execute, structure, worker  # noqa: F401


def _warm():
    for info in pkgutil.iter_modules(autograder.lessons.__path__):
        importlib.import_module(f"autograder.lessons.{info.name}")
    # nbgrader's feedback is nbconvert's HTML export: compile its templates now
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("warm"),
                                         nbformat.v4.new_code_cell("1")])
    HTMLExporter().from_notebook_node(nb)


_warm()
