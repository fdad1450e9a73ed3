"""The repository layout, the two installation routes and the two commands."""
import re
import subprocess
import sys
import tomllib
import venv

import yaml

from tests.conftest import ROOT


def _name(requirement):
    return re.split(r"[<>=!~ ;\[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _spec(requirement):
    return requirement.strip()[len(_name(requirement)):].replace(" ", "")


STUDENT_DISTRIBUTION = "backprop-lessons"  # course/pyproject.toml; conda installs it with pip


#: pip's name -> conda-forge's, where they differ (anaconda.org/conda-forge/<name>).
#: Playwright's Python package is `playwright` on PyPI, `playwright-python` on
#: conda-forge (conda-forge's `playwright` is not it).
CONDA_FORGE_NAMES = {"playwright": "playwright-python"}


def pip_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = project["dependencies"] + project["optional-dependencies"]["test"]
    return {_name(r): _spec(r) for r in reqs if _name(r) != STUDENT_DISTRIBUTION}


def pip_requirements_by_conda_forge_name():
    return {CONDA_FORGE_NAMES.get(name, name): spec for name, spec in pip_requirements().items()}


def conda_requirements():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    return {_name(d): _spec(d) for d in conda if _name(d) not in ("python", "pip")}, env


def test_environment_yml_lists_exactly_the_pip_dependencies():
    conda, _ = conda_requirements()
    assert conda == pip_requirements_by_conda_forge_name()


def test_both_routes_agree_on_python_and_install_the_project():
    conda, env = conda_requirements()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    python = [d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python")]
    assert python == ["python" + project["requires-python"]]
    pip_section = [d for d in env["dependencies"] if isinstance(d, dict)][0]["pip"]
    assert any(line.endswith("--editable ./course") for line in pip_section)
    assert any(line.endswith("--editable .") for line in pip_section)


def test_two_distributions_the_grader_depends_on_the_students():
    grader = tomllib.loads((ROOT / "pyproject.toml").read_text())
    student = tomllib.loads((ROOT / "course" / "pyproject.toml").read_text())
    assert student["project"]["name"] == STUDENT_DISTRIBUTION
    packages = student["tool"]["setuptools"]["packages"]
    # nnlib and its data, and one data-only package per translation of its words
    assert [p for p in packages if ".locale." not in p] == ["nnlib", "nnlib.data", "nnlib.fixtures"]
    assert [p for p in packages if ".locale." in p] == ["nnlib.locale.th.LC_MESSAGES"]
    assert STUDENT_DISTRIBUTION in grader["project"]["dependencies"]
    assert "nnlib" not in grader["tool"]["setuptools"]["packages"]
    assert grader["project"]["scripts"]["autograder"] == "autograder.cli:main"
    import autograder.cli
    import nnlib
    assert callable(autograder.cli.main)
    assert nnlib.__file__.startswith(str(ROOT / "course" / "nnlib"))


def test_the_students_environment_cannot_import_the_grader():
    """make builds .venv-student from course/ alone: grading kernels run there."""
    from autograder import sandbox
    found = sandbox.student_environment(sandbox.kernel_python())
    assert found["nnlib"] == str(ROOT / "course" / "nnlib")
    assert not found["prefix"].startswith(str(ROOT / ".venv") + "/")


def test_layout():
    for path in ["course", "source", "release", "autograder", "tests", "nbgrader_config.py",
                 "environment.yml", "pyproject.toml", "README.md", "Makefile", ".ci/run"]:
        assert (ROOT / path).exists(), path


def test_ci_runs_make_test_and_make_creates_the_venv():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    makefile = (ROOT / "Makefile").read_text()
    for target in ("demo:", "test:"):
        assert re.search(rf"^{target} \$\(STAMP\)", makefile, re.M), target
    assert re.search(r"^\$\(STAMP\): pyproject.toml", makefile, re.M)  # stale -> reinstall
    assert "-m venv" in makefile


def test_readme_quick_start_shows_the_two_commands_first():
    readme = (ROOT / "README.md").read_text()
    first_block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", readme, re.S).group(1)
    commands = [line.strip() for line in first_block.splitlines() if line.strip()]
    assert [c for c in commands if c.startswith("make")][:2] == ["make demo", "make test"]
    for section in ("## Students", "## Instructors", "## Self-learners"):
        assert section in readme


# pip's own complaint about this machine's index settings, not about the project
MACHINE_INDEX_NOTICE = re.compile(r"^WARNING: Location '.*' is ignored")


def test_installing_both_distributions_prints_no_warning(tmp_path):
    """make's install command, `pip install -e ./course -e '.[test]'`, into an empty
    venv (dependencies left out: the warnings come from building our two projects).
    setuptools warns about an editable install that needs a meta path finder unless
    each pyproject maps its packages to a plain folder (package-dir)."""
    venv.create(tmp_path / "venv", with_pip=False)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(tmp_path / "venv" / "bin" / "python"),
         "install", "--quiet", "--no-deps", "--editable", "./course", "--editable", ".[test]"],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    said = [line for line in (done.stdout + done.stderr).splitlines()
            if line.strip() and not MACHINE_INDEX_NOTICE.match(line)]
    assert said == []
