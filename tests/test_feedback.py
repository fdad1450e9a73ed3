"""Feedback hides hidden test code and keeps failure messages; figures are drawn only
when asked for (``autograder grade --figures``: tests/test_worker_parts.py)."""
import re

from autograder import samples
from tests.conftest import ROOT


def _feedback(graded_class, name):
    student = next(s for s in graded_class.students if s.student == name)
    return samples.feedback_path(graded_class.root, student).read_text()


def test_feedback_hides_hidden_tests_and_reference_code(graded_class):
    for student in graded_class.students:
        html = samples.feedback_path(graded_class.root, student).read_text()
        assert "HIDDEN TESTS" not in html
        assert "from autograder" not in html
        assert not re.search(r"lesson\d\d\.check_", html)
        assert "reference_" not in html  # no frame of the reference code in tracebacks


def test_feedback_keeps_the_failure_message_and_names_the_figures(graded_class):
    mistaken = next(s for s in graded_class.students if s.mistake)
    html = _feedback(graded_class, mistaken.student)
    assert f"[{mistaken.mistake}]" in html
    # the demo grades as `autograder grade` does by default: figures in their text form
    assert not re.search(r"<img[^>]*src=\"data:image/png", html)
    assert re.search(r"&lt;Figure size \d+x\d+ with \d+ Axes&gt;", html)
