"""nbgrader configuration of the course "Learning by backpropagation" (the instructor's).

Everything nbgrader writes stays inside this folder (the course root): the gradebook,
the exchange, submissions and feedback. One machine and no root access are enough to
release, fetch, submit, collect, autograde and return feedback.

nbgrader reads this file in every one of its commands and in JupyterLab's extensions,
so it only sets values: it creates no folder, changes no environment variable and
imports nothing of the grader (preprocessors are named by their import path and loaded
by nbconvert when feedback is made). `make release` creates the exchange folder; the
grader sets each kernel's environment itself. The student's image has its own config
(deploy/student/nbgrader_config.py).
"""
import os
import tomllib

c = get_config()  # noqa: F821 (injected by traitlets when this file is loaded)

# traitlets gives a config file its own path as __file__: the course root is its folder.
HERE = os.path.dirname(os.path.abspath(__file__))

with open(os.path.join(HERE, "course", "course.toml"), "rb") as f:
    COURSE = tomllib.load(f)["course"]

c.CourseDirectory.course_id = COURSE["id"]
c.CourseDirectory.root = HERE
# The gradebook: nbgrader's default, gradebook.db (SQLite) in the course root. Any
# SQLAlchemy URL nbgrader accepts works instead, e.g.
# c.CourseDirectory.db_url = "postgresql://grader@dbhost/backprop" (README, "Instructors").
#
# The jupytext .py files next to each source notebook hold the solutions: never release them.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.py",
                            "*.orig", "*.rej", "*~"]  # nor editor and patch leftovers

# An exchange inside the course: no /srv, no root. `make release` creates the folder.
c.Exchange.root = os.path.join(HERE, "exchange")
c.Exchange.path_includes_course = True

# Execution: a per-cell timeout, fast and quiet kernels, immediate shutdown (a graceful
# shutdown waits for the kernel to answer and can stall for seconds per notebook).
c.Execute.timeout = 60
c.Execute.startup_timeout = 60
c.Execute.shutdown_kernel = "immediate"
c.Execute.extra_arguments = [
    "--HistoryManager.enabled=False",
    "--InteractiveShell.colors=nocolor",
    "--IPKernelApp.log_level=ERROR",
    # plots inline whatever MPLBACKEND the grading machine has: feedback shows them
    "--IPKernelApp.matplotlib=inline",
]

# The student's stub for a solution cell.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Feedback: hide the code of hidden tests, keep their failure messages and every output
# the student made (plots included). ClearHiddenTests removes the hidden lines from the
# test cell; ShortenTestTracebacks drops the traceback frames that would quote them.
# Import paths, not classes: nbconvert's Exporter.register_preprocessor imports them.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "autograder.feedback.ShortenTestTracebacks",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
c.ClearHiddenTests.enforce_metadata = True
