"""The uncatalogued mistakes lose their marks, no catalogued mistake claims them, and the
explainer (autograder/explain.py) says what is wrong for at least 90 % of them."""
import re

import pytest

from autograder.compare import StudentMistake
from tests.uncatalogued.run import lesson_mistakes, outcome

CASES = lesson_mistakes()
IDS = [f"{l.number:02d}-{m.cell}-{i}" for i, (l, m) in enumerate(CASES)]


@pytest.fixture(scope="module")
def outcomes():
    return [outcome(lesson, mistake) for lesson, mistake in CASES]


def test_the_set_covers_every_lesson():
    per_lesson = {}
    for lesson, _ in CASES:
        per_lesson[lesson.number] = per_lesson.get(lesson.number, 0) + 1
    assert len(CASES) >= 30
    assert sorted(per_lesson) == list(range(1, 10))
    assert min(per_lesson.values()) >= 2


@pytest.mark.parametrize("lesson,mistake", CASES, ids=IDS)
def test_each_uncatalogued_mistake_loses_its_marks_without_a_catalogued_name(lesson, mistake):
    err = outcome(lesson, mistake)
    assert isinstance(err, StudentMistake), repr(err)
    assert err.mistake is None, str(err)


def test_at_least_90_percent_are_named(outcomes):
    """Named: the message says what is wrong (a factor, a term, a transform, a pattern or
    a broken symmetry), not only where. The rate per lesson is printed (pytest -s)."""
    per_lesson = {}
    for (lesson, mistake), err in zip(CASES, outcomes):
        named, total = per_lesson.get(lesson.number, (0, 0))
        per_lesson[lesson.number] = (named + bool(err.named), total + 1)
        if not err.named:
            print(f"unexplained: lesson {lesson.number:02d} {mistake.cell}: "
                  f"{mistake.description}")
    for number, (named, total) in sorted(per_lesson.items()):
        print(f"lesson {number:02d}: {named}/{total} named")
    named = sum(n for n, _ in per_lesson.values())
    print(f"all lessons: {named}/{len(CASES)} = {named / len(CASES):.0%}")
    assert named >= 0.9 * len(CASES)


def test_an_explanation_follows_the_usual_message(outcomes):
    for err in outcomes:
        if err.explanation:
            assert str(err).endswith(err.explanation)
            assert "the largest difference is" in str(err) or err.named


# The four mistakes of issue 17, each with what its explanation must say.
ISSUE_17 = [
    ("cost", "divided by K·m", r"the cross-entropy term is 1/K times the right one"),
    ("backprop", "λ/(2m)·W", r"the regularization term \(λ/m\)·W is ½ times the right one"),
    ("backprop", "σ′ = a(1 − a) again", r"the output δ\^\(L\) is multiplied by σ′ = a\(1 − a\)"),
    ("l2_penalty", "square of the sum",
     r"When the signs of some weights flip, your l2_penalty.* changes"),
]


@pytest.mark.parametrize("cell,words,expected", ISSUE_17, ids=[c for c, *_ in ISSUE_17])
def test_the_issues_four_mistakes_are_explained(cell, words, expected):
    (lesson, mistake), = [(l, m) for l, m in CASES
                          if m.cell == cell and words in m.description]
    err = outcome(lesson, mistake)
    assert err.named
    assert re.search(expected, str(err)), str(err)
