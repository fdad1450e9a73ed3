"""The deployment files in deploy/.

The student image's environment is built here the way its Dockerfile builds it: a copy
of course/ and deploy/student/, then deploy/student/install.sh, in a plain venv (no
container daemon runs here). In it the grader cannot be imported, no file holds a hidden
check or a solution of source/, only nbgrader's student extensions are on, and a student
fetches every lesson from an exchange, runs it and self-checks a function. The two
Dockerfiles are parsed for what they install.
"""
import re
import subprocess
import tomllib
from collections import defaultdict
from types import SimpleNamespace

import nbformat
import pytest

from autograder.course import course_info, lessons
from tests.browser.test_student import unexpected_errors
from tests.conftest import ROOT
from tests.test_release import _lines, _secrets

DEPLOY = ROOT / "deploy"


def dockerfile(path):
    """[(INSTRUCTION, arguments)]: continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", "\n".join(line for line in path.read_text().splitlines()
                                         if not line.lstrip().startswith("#")))
    return [(line.split(None, 1)[0].upper(), " ".join(line.split()[1:]))
            for line in text.splitlines() if line.strip()]


# --- the student's environment, built as the image builds it (conftest.student_image_env)
def run(command, env, cwd, timeout=600):
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, f"{command}:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


def test_the_grader_cannot_be_imported_there(student_image_env):
    done = subprocess.run([student_image_env.python, "-c", "import autograder"], cwd=student_image_env.home,
                          env=student_image_env.env, capture_output=True, text=True)
    assert done.returncode != 0 and "No module named 'autograder'" in done.stderr
    assert list(student_image_env.prefix.rglob("autograder")) == []
    found = run([student_image_env.python, "-c", "import nnlib; print(nnlib.__file__)"],
                student_image_env.env, cwd=student_image_env.home).stdout.strip()
    assert found.startswith(str(student_image_env.prefix)), "nnlib must be installed, not linked"


def leaked_blocks(folder, scratch):
    """[(lesson id, file)] for every block of source/ (a solution or hidden tests) whose
    distinctive lines all lie in one file under ``folder``, the rule of
    tests/test_release.py; grep looks for every line in one pass over every file."""
    blocks = [(lesson_id, _lines(block) or [" ".join(block.split())])
              for lesson_id, block in _secrets()]
    needles = sorted({line for _, lines in blocks for line in lines})
    patterns = scratch / "needles.txt"
    # as written in code, and as quoted inside JSON (a notebook, a fixture)
    patterns.write_text("\n".join(needles + [n.replace('"', '\\"') for n in needles]) + "\n")
    done = subprocess.run(["grep", "-rFoI", "-f", str(patterns), str(folder)],
                          capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr  # 1: nothing found
    found = defaultdict(set)
    for line in done.stdout.splitlines():
        path, _, match = line.partition(":")
        found[path].add(match.replace('\\"', '"'))
    return [(lesson_id, path) for lesson_id, lines in blocks for path, matched in found.items()
            if set(lines) <= matched]


def test_the_leak_search_finds_every_lessons_solutions_in_source(tmp_path):
    """The search below, pointed at source/ itself, finds every lesson's blocks."""
    found = {lesson_id for lesson_id, _ in leaked_blocks(ROOT / "source", tmp_path)}
    assert found == {lesson.id for lesson in lessons()}


def test_no_hidden_check_or_solution_of_source_is_there(student_image_env):
    assert leaked_blocks(student_image_env.prefix, student_image_env.base) == []


def test_only_nbgraders_student_extensions_are_on(student_image_env):
    lab = run([str(student_image_env.prefix / "bin" / "jupyter"), "labextension", "list"],
              student_image_env.env, cwd=student_image_env.home)
    said = lab.stdout + lab.stderr
    disabled = said.split("Disabled extensions:")[1] if "Disabled extensions:" in said else ""
    off = set(re.findall(r"@jupyter/nbgrader:[\w-]+", disabled))
    assert off == {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                   "@jupyter/nbgrader:course-list"}
    server = run([str(student_image_env.prefix / "bin" / "jupyter"), "server", "extension", "list"],
                 student_image_env.env, cwd=student_image_env.home)
    said = re.sub(r"\x1b\[[0-9;]*m", "", server.stdout + server.stderr)
    state = dict(re.findall(r"(nbgrader\.server_extensions\.\w+) (enabled|disabled)", said))
    assert state == {"nbgrader.server_extensions.formgrader": "disabled",
                     "nbgrader.server_extensions.course_list": "disabled",
                     "nbgrader.server_extensions.assignment_list": "enabled",
                     "nbgrader.server_extensions.validate_assignment": "enabled"}


def test_a_student_fetches_and_runs_every_lesson_there(student_image_env):
    """The instructor releases (as `make release` does, here in a scratch course); the
    student's nbgrader, configured by the image's nbgrader_config.py alone (course id,
    course folder), fetches each lesson; every lesson runs with the environment's own
    kernel, and its only errors are those of unanswered exercises."""
    from autograder.build import release_course

    course = student_image_env.base / "course"
    course.mkdir()
    (course / "source").symlink_to(ROOT / "source", target_is_directory=True)
    release_course(course)
    nbgrader = str(student_image_env.prefix / "bin" / "nbgrader")
    exchange = f"--Exchange.root={course / 'exchange'}"  # the hub mounts it at /srv/nbgrader
    fetched = []
    for lesson in lessons():
        run([nbgrader, "fetch_assignment", lesson.id, exchange], student_image_env.env,
            cwd=student_image_env.home)
        fetched.append(student_image_env.home / course_info()["id"] / lesson.id / lesson.notebook_name)
    run([str(student_image_env.prefix / "bin" / "jupyter"), "nbconvert", "--to", "notebook",
         "--execute", "--allow-errors", "--inplace", *map(str, fetched)],
        student_image_env.env, cwd=student_image_env.home, timeout=900)
    for lesson, path in zip(lessons(), fetched):
        nb = nbformat.read(path, as_version=4)
        cells = [SimpleNamespace(index=index, errors=[
                     f"{o.ename}: {o.evalue}" for o in cell.outputs if o.output_type == "error"])
                 for index, cell in enumerate(c for c in nb.cells if c.cell_type == "code")]
        assert all(cell.execution_count for cell in nb.cells if cell.cell_type == "code")
        assert unexpected_errors(lesson, cells) == [], lesson.id
        assert any(e.startswith("NotImplementedError") for c in cells for e in c.errors)


SELF_CHECK = """
import numpy as np
from nnlib.selfcheck import check

def mse(y_hat, y):
    return float(np.mean((np.asarray(y_hat) - np.asarray(y)) ** 2))
assert check(mse) is True

def mse(y_hat, y):  # the catalogued mistake: a sum where the mean belongs
    return float(np.sum((np.asarray(y_hat) - np.asarray(y)) ** 2))
assert check(mse) is False
"""


def test_self_checks_run_there_offline(student_image_env):
    said = run([student_image_env.python, "-c", SELF_CHECK], student_image_env.env,
               cwd=student_image_env.home).stdout
    assert "✓ mse passed" in said
    assert "✗ mse:" in said and "[times_m]" in said


# --- the container files ----------------------------------------------------------------
def test_the_student_image_installs_the_students_side_only():
    steps = dockerfile(DEPLOY / "student" / "Dockerfile")
    assert steps[0][0] == "FROM" and steps[0][1].startswith("quay.io/jupyter/base-notebook:")
    copied = [args.split()[-2] for step, args in steps if step == "COPY"]
    assert copied == ["course", "deploy/student"]  # never the grader, source/ or release/
    assert any(step == "RUN" and "sh deploy/student/install.sh" in args for step, args in steps)
    install = (DEPLOY / "student" / "install.sh").read_text()
    pip = re.search(r"^python -m pip install (.*)$", install, re.M).group(1).split()
    assert pip[0] == "'./course[lab]'"  # not --editable: the image keeps no repository
    grader = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert pip[1:] == ["'" + next(r for r in grader if r.startswith("nbgrader")) + "'"]


def test_the_students_nbgrader_config_names_the_course_and_a_shared_exchange():
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(DEPLOY / "student")).load_config()
    instructor = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    assert config.CourseDirectory.course_id == course_info()["id"]
    assert config.Exchange.path_includes_course == instructor.Exchange.path_includes_course
    assert config.Exchange.root == "/srv/nbgrader/exchange"
    assert set(config) == {"CourseDirectory", "Exchange", "Execute"}


def test_the_grading_image_installs_the_grader_and_bubblewrap():
    steps = dockerfile(DEPLOY / "grader" / "Dockerfile")
    runs = " ".join(args for step, args in steps if step == "RUN")
    assert re.search(r"apt-get install [^&]*\bbubblewrap\b", runs)
    assert re.search(r"make \.venv/\.installed \.venv-student/\.installed", runs)
    ignored = (DEPLOY / "grader" / "Dockerfile.dockerignore").read_text().split()
    for never_copied in (".venv", ".venv-student", ".autograder-key", "gradebook.db",
                         "submitted", "exchange"):
        assert never_copied in ignored
