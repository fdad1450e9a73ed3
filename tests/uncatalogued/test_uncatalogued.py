"""The uncatalogued mistakes lose their marks, and no catalogued mistake claims them."""
import pytest

from autograder.compare import StudentMistake
from tests.uncatalogued.run import lesson_mistakes, outcome

CASES = lesson_mistakes()


def test_the_set_covers_every_lesson():
    per_lesson = {}
    for lesson, _ in CASES:
        per_lesson[lesson.number] = per_lesson.get(lesson.number, 0) + 1
    assert len(CASES) >= 30
    assert sorted(per_lesson) == list(range(1, 10))
    assert min(per_lesson.values()) >= 2


@pytest.mark.parametrize("lesson,mistake", CASES,
                         ids=[f"{l.number:02d}-{m.cell}-{i}" for i, (l, m) in enumerate(CASES)])
def test_each_uncatalogued_mistake_loses_its_marks_without_a_catalogued_name(lesson, mistake):
    err = outcome(lesson, mistake)
    assert isinstance(err, StudentMistake), repr(err)
    assert err.mistake is None, str(err)
