"""nbgrader configuration of the course "Learning by backpropagation".

Everything nbgrader writes stays inside this folder (the course root): the gradebook,
the exchange, submissions and feedback. One machine and no root access are enough to
release, fetch, submit, collect, autograde and return feedback.
"""
import os
import tomllib

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import ClearHiddenTests, GetGrades

from autograder.feedback import ShortenTestTracebacks

c = get_config()  # noqa: F821 (injected by traitlets when this file is loaded)

HERE = os.path.dirname(os.path.abspath(__file__))

# Kernels inherit this environment. Graders run one kernel per core, so one BLAS thread
# each: on a loaded machine OpenBLAS's spinning threads slow training cells tenfold.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
with open(os.path.join(HERE, "course", "course.toml"), "rb") as f:
    COURSE = tomllib.load(f)["course"]

c.CourseDirectory.course_id = COURSE["id"]
c.CourseDirectory.root = HERE
# The gradebook is SQLite in the course root. Any SQLAlchemy URL nbgrader accepts works
# here, e.g. "postgresql://grader@dbhost/backprop" (see README, "Instructors").
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(HERE, "gradebook.db")
# The jupytext .py files next to each source notebook hold the solutions: never release them.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.py",
                            "*.orig", "*.rej", "*~"]  # nor editor and patch leftovers

# An exchange inside the course: no /usr/local/share, no root. nbgrader wants it to exist.
c.Exchange.root = os.path.join(HERE, "exchange")
c.Exchange.path_includes_course = True
os.makedirs(c.Exchange.root, exist_ok=True)

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
c.GenerateFeedback.preprocessors = [
    GetGrades,
    ClearHiddenTests,
    ShortenTestTracebacks,
    CSSHTMLHeaderPreprocessor,
]
c.ClearHiddenTests.enforce_metadata = True
