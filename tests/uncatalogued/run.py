"""Every uncatalogued mistake, graded in-process: the outcome of its own test cell."""
import importlib

from autograder.course import lessons
from tests.lessons.inprocess import hidden_outcomes


def lesson_mistakes():
    """(lesson, Uncatalogued) for every lesson's set."""
    out = []
    for lesson in lessons():
        module = importlib.import_module(f"tests.uncatalogued.lesson{lesson.number:02d}")
        out += [(lesson, mistake) for mistake in module.MISTAKES]
    return out


def outcome(lesson, mistake):
    """The failure of the mistake's own test cell (None when it passed)."""
    return hidden_outcomes(lesson, {mistake.cell: mistake.source})[mistake.test_cell]
