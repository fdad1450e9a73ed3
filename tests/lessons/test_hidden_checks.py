"""Every lesson's hidden checks, run in-process on every variant (fast test-the-tests)."""
import pytest

from autograder import variants
from autograder.compare import StudentMistake
from autograder.course import lessons
from tests.lessons.inprocess import hidden_outcomes

CASES = [(lesson, style, answers) for lesson in lessons()
         for style, answers in variants.for_lesson(lesson).CORRECT.items()]
MISTAKES = [(lesson, m) for lesson in lessons() for m in variants.for_lesson(lesson).MISTAKES]


@pytest.mark.parametrize("lesson", lessons(), ids=lambda l: l.id)
def test_instructor_solution_passes_every_hidden_check(lesson):
    assert {k: v for k, v in hidden_outcomes(lesson, {}).items() if v} == {}


@pytest.mark.parametrize("lesson,style,answers", CASES, ids=lambda x: getattr(x, "id", str(x))[:20])
def test_correct_alternatives_pass(lesson, style, answers):
    assert {k: str(v) for k, v in hidden_outcomes(lesson, answers).items() if v} == {}


@pytest.mark.parametrize("lesson,mistake", MISTAKES, ids=lambda x: getattr(x, "student", None) or x.id)
def test_each_mistake_fails_its_own_check_only_and_is_named(lesson, mistake):
    outcomes = hidden_outcomes(lesson, {mistake.cell: mistake.source})
    failed = {k for k, v in outcomes.items() if v}
    assert failed == {mistake.test_cell, *mistake.also_fails}
    err = outcomes[mistake.test_cell]
    assert isinstance(err, StudentMistake) and err.mistake is not None, repr(err)
    assert err.mistake.code == mistake.mistake, str(err)
