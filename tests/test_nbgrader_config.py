"""nbgrader_config.py: what nbgrader itself reads from it, and that reading it changes
nothing (nbgrader and JupyterLab's extensions load it in every command)."""
import json
import shutil
import subprocess
import sys

from nbgrader.apps import NbGraderAPI
from traitlets.config.loader import PyFileConfigLoader
from traitlets.utils.importstring import import_item

from tests.conftest import ROOT


def config(root=ROOT):
    return PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()


def test_course_id_gradebook_and_exchange_live_in_the_course():
    api = NbGraderAPI(config=config())
    assert api.coursedir.course_id == "backprop"
    assert api.coursedir.root == str(ROOT)
    # nbgrader's own default, from CourseDirectory.root: the config names no other path
    assert api.coursedir.db_url == f"sqlite:///{ROOT}/gradebook.db"
    c = config()
    assert c.Exchange.root == str(ROOT / "exchange")
    assert c.Exchange.path_includes_course is True


def test_paths_follow_the_folder_the_config_lies_in(tmp_path):
    """A copy of the course (a fresh clone elsewhere) is a course of its own."""
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    shutil.copytree(ROOT / "course", tmp_path / "course", ignore=shutil.ignore_patterns("nnlib"))
    api = NbGraderAPI(config=config(tmp_path))
    assert api.coursedir.root == str(tmp_path)
    assert api.coursedir.db_url == f"sqlite:///{tmp_path}/gradebook.db"
    assert config(tmp_path).Exchange.root == str(tmp_path / "exchange")


LOAD_AND_REPORT = """
import json, os, sys
sys.modules["autograder"] = None  # importing the grader would raise ImportError
before = dict(os.environ)
from traitlets.config.loader import PyFileConfigLoader
PyFileConfigLoader("nbgrader_config.py", path=sys.argv[1]).load_config()
print(json.dumps({"environ_changed": sorted(k for k in set(before) | set(os.environ)
                                            if before.get(k) != os.environ.get(k)),
                  "grader_modules": sorted(m for m, module in sys.modules.items()
                                           if m.startswith("autograder") and module),
                  "files": sorted(os.listdir(sys.argv[1]))}))
"""


def test_loading_the_config_has_no_side_effects_and_needs_no_grader(tmp_path):
    """No folder created, no environment variable set, nothing of autograder imported:
    a student image or a bare nbgrader can read it."""
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    shutil.copytree(ROOT / "course", tmp_path / "course", ignore=shutil.ignore_patterns("nnlib"))
    done = subprocess.run([sys.executable, "-I", "-c", LOAD_AND_REPORT, str(tmp_path)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen == {"environ_changed": [], "grader_modules": [],
                    "files": ["course", "nbgrader_config.py"]}


def test_kernels_have_a_timeout_and_shut_down_immediately():
    c = config()
    assert 0 < c.Execute.timeout <= 120
    assert c.Execute.shutdown_kernel == "immediate"
    assert "--HistoryManager.enabled=False" in c.Execute.extra_arguments


def test_feedback_hides_hidden_tests_but_not_outputs():
    """Preprocessors are import paths (nbconvert's Exporter.register_preprocessor imports
    them); each names a real preprocessor."""
    from nbconvert.preprocessors import Preprocessor
    from nbgrader.preprocessors import ClearHiddenTests, ClearOutput

    from autograder.feedback import ShortenTestTracebacks

    classes = [import_item(name) for name in config().GenerateFeedback.preprocessors]
    assert all(issubclass(cls, Preprocessor) for cls in classes)
    assert ClearHiddenTests in classes and ShortenTestTracebacks in classes
    assert ClearOutput not in classes


def test_authored_scripts_are_never_released():
    assert "*.py" in config().CourseDirectory.ignore


def test_the_grader_uses_the_gradebook_the_config_names(tmp_path):
    """The course itself: the config's db_url (any SQLAlchemy URL); a scratch course:
    a SQLite gradebook of its own; an explicit db_url wins."""
    from autograder.build import nbgrader_api

    assert nbgrader_api(ROOT).coursedir.db_url == NbGraderAPI(config=config()).coursedir.db_url
    assert nbgrader_api(tmp_path).coursedir.db_url == f"sqlite:///{tmp_path}/gradebook.db"
    other = f"sqlite:///{tmp_path}/elsewhere/grades.sqlite"
    assert nbgrader_api(ROOT, db_url=other).coursedir.db_url == other
