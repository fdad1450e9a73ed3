"""What each sandbox mode protects on this machine, measured by a probe notebook.

docs/grading-safety.md states what every mode protects; this runs the same probes in a
kernel started by ``TrustedExecute`` in each mode available here and checks the
statement, so the document cannot drift from the code. In every mode the kernel runs on
the student's environment: it cannot import the grader.
"""
import json
import os
import shutil
import socket
import tempfile
from pathlib import Path

import nbformat
import pytest

from autograder import sandbox
from autograder.course import ROOT
from autograder.execute import TrustedExecute
from tests.conftest import kernels_running

PROBE = """
import json, os, socket
import numpy
def attempt(action):
    try:
        action()
        return True
    except Exception:
        return False
found = {{
    "read_source": attempt(lambda: open({source!r}, "rb").read(10)),
    "write_outside": attempt(lambda: open({outside!r}, "w").write("x")),  # see below
    "network": attempt(lambda: socket.create_connection(("127.0.0.1", {port}), timeout=3)),
    "allocate_8gb": attempt(lambda: numpy.empty(2**30)),  # 8 GB, never touched
    "see_grader_process": attempt(lambda: os.kill({grader_pid}, 0)),
    "import_grader": attempt(lambda: __import__("autograder.lessons")),
}}
print("PROBE" + json.dumps(found))
"""
# True: the kernel could do it. From docs/grading-safety.md, "Isolation modes".
EXPECTED = {
    "bwrap": {"read_source": False, "write_outside": False, "network": False,
              "allocate_8gb": False, "see_grader_process": False, "import_grader": False},
    "user": {"read_source": True, "write_outside": False, "network": True,
             "allocate_8gb": False, "see_grader_process": False, "import_grader": False},
    "rlimit": {"read_source": True, "write_outside": True, "network": True,
               "allocate_8gb": False, "see_grader_process": True, "import_grader": False},
    "none": {"read_source": True, "write_outside": True, "network": True,
             "allocate_8gb": True, "see_grader_process": True, "import_grader": False},
}


def skip_unless_available(mode):
    try:
        sandbox.resolve(mode)
    except RuntimeError as err:
        pytest.skip(f"not available on this machine: {err}")


@pytest.fixture
def listener():
    server = socket.create_server(("127.0.0.1", 0))
    yield server.getsockname()[1]
    server.close()


@pytest.mark.parametrize("mode", list(EXPECTED))
def test_what_each_mode_protects(mode, listener):
    skip_unless_available(mode)
    scratch = Path(tempfile.mkdtemp(prefix="probe-"))
    try:
        os.chmod(scratch, 0o711)  # as the worker's scratch course: passable, not listable
        work = scratch / "notebook"
        work.mkdir(mode=0o777)
        outside = scratch / "outside.txt"
        code = PROBE.format(source=str(ROOT / "source" / "01_need_for_optimization" /
                                       "need_for_optimization.py"),
                            outside=str(outside), port=listener, grader_pid=os.getpid())
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        execute = TrustedExecute(mode=mode, scratch=str(scratch / "kernels"),
                                 python=sandbox.kernel_python(), record_id="probe",
                                 timeout=30, cell_seconds=30, total_seconds=60)
        execute.preprocess(nb, {"metadata": {"path": str(work)}})
        assert kernels_running(scratch) == [], "the kernel outlived its notebook"
        text = "".join(o.get("text", "") for o in nb.cells[0].outputs)
        assert "PROBE" in text, nb.cells[0].outputs
        found = json.loads(text.split("PROBE", 1)[1])
        # bubblewrap's /tmp is private: a write there succeeds but never reaches the host
        found["write_outside"] = outside.exists()
        assert found == EXPECTED[mode]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def test_auto_falls_back_loudly_without_bubblewrap(monkeypatch):
    monkeypatch.setattr(sandbox, "_bwrap_works", lambda: False)
    mode, warning = sandbox.resolve("auto")
    assert mode in ("user", "rlimit")
    assert warning.startswith("WARNING") and mode in warning
    with pytest.raises(RuntimeError, match="bubblewrap"):
        sandbox.resolve("bwrap")
    with pytest.raises(ValueError, match="unknown sandbox mode"):
        sandbox.resolve("docker")


@pytest.mark.parametrize("mode", list(EXPECTED))
def test_every_mode_gives_the_solution_full_marks_and_no_flag(mode, tmp_path):
    """The trusted checks work however the kernel is started."""
    from autograder import build, grading, samples
    from autograder.course import lesson as find_lesson

    skip_unless_available(mode)
    lesson = "01_need_for_optimization"
    root = tmp_path / "course"
    build.release_into(root, [lesson])
    instructor = samples.students_for(find_lesson(lesson))[0]
    samples.write_submission(instructor, root, root / "release")
    run = grading.autograde(root, [lesson], workers=1, sandbox_mode=mode)
    assert run.flagged == [] and run.sandbox == mode
    results = grading.cell_results(root, run.graded)
    assert results and all(r.passed for r in results)
