"""release -> fetch -> submit -> collect on one machine, as a student and an instructor
would, with the exchange inside the course and no root access."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

LESSON = "01_need_for_optimization"


def nbgrader(*args, cwd):
    bin_dir = Path(sys.executable).parent
    result = subprocess.run([str(bin_dir / "nbgrader"), *args], cwd=cwd, text=True,
                            capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_release_fetch_submit_collect(tmp_path):
    course = tmp_path / "course"
    student_home = tmp_path / "student"
    course.mkdir(), student_home.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "course", course / "course")
    (course / "source").symlink_to(ROOT / "source")
    exchange = f"--Exchange.root={course / 'exchange'}"

    nbgrader("generate_assignment", LESSON, "--force", cwd=course)
    nbgrader("release_assignment", LESSON, exchange, cwd=course)
    nbgrader("fetch_assignment", LESSON, "--course=backprop", exchange, cwd=student_home)
    fetched = student_home / LESSON / "need_for_optimization.ipynb"
    assert fetched.exists()
    nbgrader("submit", LESSON, "--course=backprop", exchange, cwd=student_home)
    nbgrader("collect", LESSON, exchange, cwd=course)
    user = os.environ.get("USER") or __import__("getpass").getuser()
    assert (course / "submitted" / user / LESSON / "need_for_optimization.ipynb").exists()
