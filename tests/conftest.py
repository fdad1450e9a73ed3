"""Shared fixtures. The expensive one, ``graded_class``, runs the real nbgrader
autograde once per test session over the whole sample class (every lesson's correct
styles, mistakes, blank and half-done work) and hands the results to many tests."""
import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
#: LESSONS=02_chain_rule,03_delta_recurrences restricts the slow, per-lesson tests.
LESSON_IDS = os.environ.get("LESSONS", "").split(",") if os.environ.get("LESSONS") else None


def selected_lessons():
    from autograder.course import lessons
    return [l for l in lessons() if LESSON_IDS is None or l.id in LESSON_IDS]

# nbgrader runs helper scripts (alembic) by name: put this interpreter's scripts first.
os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]
# Kernels started by the tests: one BLAS thread each, as the grading workers use.
for _key in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_key, "1")


#: every grading worker's scratch folders start with this (``autograder.worker``)
GRADER_SCRATCH = os.path.join(tempfile.gettempdir(), "grade-")


def kernels_running(under):
    """PIDs of kernel processes whose connection file lies under the folder ``under``
    (the grader keeps each kernel's sockets and connection file in its scratch folder)."""
    under, found = str(under), []
    for proc in Path("/proc").iterdir():
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:  # not a process, or it just ended
            continue
        args = [a.decode(errors="replace") for a in argv]
        if any("ipykernel" in a for a in args) and any(a.startswith(under) for a in args):
            found.append(int(proc.name))
    return found


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory):
    """The demo's sample class, written, autograded and given feedback in a scratch
    course by the very code ``make demo`` runs (``autograder.demo.run_demo``)."""
    from autograder.demo import run_demo

    return run_demo(tmp_path_factory.mktemp("course") / "demo", LESSON_IDS, log=lambda *_: None)
