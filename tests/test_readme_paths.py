"""The README's three paths (Students, Instructors, Self-learners), run exactly as
written: every fenced `sh` block of a section, line by line, each line a command that
must succeed, in a fresh copy of the course. A command added to a block is run too, so
the README cannot drift from what works.

A copy of the course shares the project's environments (.venv, .venv-student, linked),
and PYTHONPATH puts the copy's own `autograder` and `nnlib` first: everything the
commands build, grade and write lands in the copy. Commands that start JupyterLab
(`make lab`, `make course-lab`) are started, asked for their file list, and stopped.
"""
import getpass
import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from autograder.build import nbgrader_api, release_course
from autograder.course import course_info, lessons
from tests.conftest import ROOT

SERVERS = ("make lab", "make course-lab")
#: what a copy of the course leaves out: environments (linked instead), git, and
#: everything the course's commands or the tests make
NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", ".venv-student", "test-artifacts", "demo", "gradebook.db", "exchange",
    "submitted", "autograded", "feedback", ".autograder-key", "backprop", "grades.csv",
    "report.html", "__pycache__", "*.egg-info", "build", ".pytest_cache")


def section(heading):
    """The README's text under ``## heading``, its ### subsections included."""
    readme = (ROOT / "README.md").read_text()
    start = readme.index(f"\n## {heading}\n")
    end = readme.find("\n## ", start + 1)
    return readme[start:end if end > 0 else None]


def commands(heading):
    """Every line of every ```sh block of the section, in order."""
    blocks = re.findall(r"```sh\n(.*?)```", section(heading), re.S)
    assert blocks, f"the README's {heading} section has no sh block"
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


@pytest.fixture
def course(tmp_path):
    """A fresh copy of the course, as a clone would be, and a home of its own."""
    if subprocess.run(["make", "-q", ".venv/.installed", ".venv-student/.installed"],
                      cwd=ROOT).returncode != 0:
        pytest.fail("the environments are out of date: run make (the copy shares them)")
    copy = tmp_path / "course"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED)  # copy2: make sees no newer pyproject
    for environment in (".venv", ".venv-student"):
        (copy / environment).symlink_to(ROOT / environment, target_is_directory=True)
    (tmp_path / "home").mkdir()
    env = {**os.environ, "PYTHONPATH": f"{copy}:{copy / 'course'}",
           "HOME": str(tmp_path / "home"), "BROWSER": "true"}  # JupyterLab opens no browser
    return copy, env


def run_section(heading, cwd, env, tmp_path):
    """Run the section's commands; returns {server command: the file names it lists}."""
    served = {}
    for command in commands(heading):
        if command.split("#")[0].strip() in SERVERS:
            served[command.split("#")[0].strip()] = serve_and_stop(command, cwd, env, tmp_path)
            continue
        done = subprocess.run(["sh", "-c", command], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, \
            f"README {heading}: `{command}` failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return served


def serve_and_stop(command, cwd, env, tmp_path):
    """Start a JupyterLab command, wait for the URL it prints, list its root folder
    through the server's REST API, stop it (its whole process group)."""
    log = tmp_path / "server.log"
    # Port 0: the system picks a free port. Two servers on one machine both asking for
    # 8888 race (jupyter_server probes the port, closes it and binds it later, so both can
    # pick it, and one exits); a CI run failed so.
    env = {**env, "JUPYTER_PORT": "0"}
    with open(log, "w") as out:
        server = subprocess.Popen(["sh", "-c", command], cwd=cwd, env=env, stdout=out,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while not (found := re.search(r"http://127\.0\.0\.1:(\d+)/lab\?token=(\w+)",
                                      log.read_text())):
            assert server.poll() is None, f"`{command}` ended:\n{log.read_text()[-3000:]}"
            assert time.monotonic() < deadline, f"`{command}` did not start: {log}"
            time.sleep(0.5)
        port, token = found.groups()
        listing = list_root(f"http://127.0.0.1:{port}/api/contents?token={token}", server,
                            deadline, log)
        programs = {argv[0] for argv in session_commands(server.pid)}
        return {"names": {item["name"] for item in listing["content"]}, "programs": programs}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def list_root(url, server, deadline, log):
    """The server's listing of its root folder. jupyter_server prints its URL before its
    event loop binds the port, so a refused connection is retried while it runs."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=30) as reply:
                return json.load(reply)
        except urllib.error.URLError as refused:
            if not isinstance(refused.reason, ConnectionRefusedError):
                raise
            assert server.poll() is None, f"the server ended:\n{log.read_text()[-3000:]}"
            assert time.monotonic() < deadline, f"the server never listened: {log}"
            time.sleep(0.2)


def session_commands(session):
    """The argv of every process in the session ``session`` leads: argv[0] of a Python
    script started by its shebang is the environment's interpreter."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            argv = (proc / "cmdline").read_bytes().decode(errors="replace").split("\0")
        except OSError:  # not a process any more
            continue
        if int(fields[3]) == session and argv[0]:  # after the name: state ppid pgrp session
            found.append(argv)
    return found


def test_the_instructors_path(course, tmp_path):
    """Release, fetch and submit as a student, collect, `autograder grade`, feedback to
    the student, export; then stock `nbgrader autograde` and feedback on the same course;
    and the course's JupyterLab."""
    copy, env = course
    served = run_section("Instructors", copy, env, tmp_path)
    first, student = lessons()[0], getpass.getuser()
    api = nbgrader_api(copy, config_root=copy)
    # formgrader's view after `make release`: every lesson released
    assert {a["name"]: a["status"] for a in api.get_assignments()} == \
        {lesson.id: "released" for lesson in lessons()}
    with Gradebook(api.coursedir.db_url) as gradebook:
        submission = gradebook.find_submission_notebook(first.source_notebook.stem, first.id,
                                                        student)
        assert submission.max_score > 0 and submission.score == 0  # submitted as released
    assert (copy / "autograded" / student / first.id / first.notebook_name).is_file()
    assert (copy / "feedback" / student / first.id / first.notebook_name).with_suffix(
        ".html").is_file()
    fetched = copy / course_info()["id"] / first.id
    assert list((fetched / "feedback").glob(f"*/{Path(first.notebook_name).stem}.html"))
    grades = (copy / "grades.csv").read_text().splitlines()
    assert any(line.startswith(f"{first.id},") and f",{student}," in line for line in grades)
    lab = served["make course-lab"]
    assert {"source", "release", "nbgrader_config.py"} <= lab["names"]
    assert str(ROOT / ".venv" / "bin" / "python") in lab["programs"]


def test_the_students_path(course, tmp_path, student_image_env):
    """In the student image's environment, from a home folder: fetch, validate, submit.
    Only the exchange's place differs: the hub mounts it at /srv/nbgrader/exchange; here
    a config in the home folder (nbgrader reads the working folder's last) points it at
    the course copy's, released as `make release` does."""
    copy, _ = course
    release_course(copy)
    home = tmp_path / "student"
    home.mkdir()
    (home / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.Exchange.root = {str(copy / 'exchange')!r}\n")
    env = {**student_image_env.env, "HOME": str(home)}
    run_section("Students", home, env, tmp_path)
    first = lessons()[0]
    assert (home / course_info()["id"] / first.id / first.notebook_name).is_file()
    inbound = copy / "exchange" / course_info()["id"] / "inbound"
    assert list(inbound.glob(f"{getpass.getuser()}+{first.id}+*/{first.notebook_name}"))


def test_the_self_learners_path(course, tmp_path):
    """`make lab`: the lessons copied to ~/backprop-lessons, JupyterLab on them, run by
    the student's environment (no grader)."""
    copy, env = course
    served = run_section("Self-learners", copy, env, tmp_path)
    lessons_copy = Path(env["HOME"]) / "backprop-lessons"
    for lesson in lessons():
        assert (lessons_copy / lesson.id / lesson.notebook_name).read_text() == \
            lesson.release_notebook().read_text()
    lab = served["make lab"]
    assert lab["names"] == {lesson.id for lesson in lessons()}
    assert str(ROOT / ".venv-student" / "bin" / "python") in lab["programs"]
    assert str(ROOT / ".venv" / "bin" / "python") not in lab["programs"]
