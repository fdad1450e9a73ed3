"""nbgrader_config.py: what nbgrader itself reads from it."""
from nbgrader.apps import NbGraderAPI
from traitlets.config.loader import PyFileConfigLoader

from tests.conftest import ROOT


def config():
    return PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()


def test_course_id_gradebook_and_exchange_live_in_the_course():
    api = NbGraderAPI(config=config())
    assert api.coursedir.course_id == "backprop"
    assert api.coursedir.db_url == f"sqlite:///{ROOT}/gradebook.db"
    c = config()
    assert c.Exchange.root == str(ROOT / "exchange")
    assert (ROOT / "exchange").is_dir()
    assert c.Exchange.path_includes_course is True


def test_kernels_have_a_timeout_and_shut_down_immediately():
    c = config()
    assert 0 < c.Execute.timeout <= 120
    assert c.Execute.shutdown_kernel == "immediate"
    assert "--HistoryManager.enabled=False" in c.Execute.extra_arguments


def test_feedback_hides_hidden_tests_but_not_outputs():
    from nbgrader.preprocessors import ClearHiddenTests, ClearOutput
    names = [p.__name__ for p in config().GenerateFeedback.preprocessors]
    assert ClearHiddenTests.__name__ in names and "ShortenTestTracebacks" in names
    assert ClearOutput.__name__ not in names


def test_authored_scripts_are_never_released():
    assert "*.py" in config().CourseDirectory.ignore


def test_the_grader_uses_the_gradebook_the_config_names(tmp_path):
    """The course itself: the config's db_url (any SQLAlchemy URL); a scratch course:
    a SQLite gradebook of its own; an explicit db_url wins."""
    from autograder.build import nbgrader_api

    assert nbgrader_api(ROOT).coursedir.db_url == config().CourseDirectory.db_url
    assert nbgrader_api(tmp_path).coursedir.db_url == f"sqlite:///{tmp_path}/gradebook.db"
    other = f"sqlite:///{tmp_path}/elsewhere/grades.sqlite"
    assert nbgrader_api(ROOT, db_url=other).coursedir.db_url == other
