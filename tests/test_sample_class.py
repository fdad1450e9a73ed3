"""Test the tests: the real nbgrader autograde on every lesson's sample submissions.

(a) the instructor's solution scores full marks; (b) the untouched release scores 0
without a crash; (c) every catalogued mistake loses the points of its function's test,
keeps the others, and is named in the feedback; (d) every alternative correct
implementation scores full marks.
(e) every test cell scores what stock ``nbgrader autograde`` scored it (its record).
"""
import pytest

from autograder import samples
from tests.conftest import LESSON_IDS

STUDENTS = samples.sample_class(lesson_ids=LESSON_IDS)


@pytest.mark.parametrize("student", STUDENTS, ids=lambda s: f"{s.lesson_id[:2]}-{s.student}")
def test_sample_student_is_graded_as_expected(graded_class, student):
    html_path = samples.feedback_path(graded_class.root, student)
    html = html_path.read_text() if html_path.exists() else ""
    results = graded_class.results_of(student)
    assert samples.outcome_problems(student, results, html) == []
    if student.full_marks:
        assert all(r.passed for r in results) and results
    if student.zero:
        assert results and all(r.score == 0 for r in results)


def test_nbgrader_graded_every_submission(graded_class):
    assert graded_class.run.failures == []
    assert len(graded_class.run.graded) == len(STUDENTS)


def test_every_test_cell_scores_what_stock_nbgrader_scored_it(graded_class):
    """Stock ``nbgrader autograde`` (the hidden tests run in the kernel) graded the same
    sample class; ``make stock-grades`` recorded its scores (bench.stock_record). The
    grader, with its checks out of the kernel, must score every test cell the same."""
    from bench.stock_record import compare

    stale, compared, differ = compare(graded_class.root, LESSON_IDS)
    assert not stale, ("these lessons, their checks or their sample submissions changed "
                       "since stock nbgrader's grades were recorded; run "
                       f"`make stock-grades` (or python -m bench.stock_record "
                       f"{' '.join(sorted({s.split('/')[0] for s in stale}))}): {stale}")
    assert compared >= len(STUDENTS), "every sample submission has a graded test cell"
    assert differ == [], "(lesson, student/test cell, stock's score, ours)"


def test_every_lesson_has_mistakes_and_two_correct_styles_per_function():
    import nbformat

    from autograder import variants
    from tests.conftest import selected_lessons
    for lesson in selected_lessons():
        module = variants.for_lesson(lesson)
        solutions = samples.solution_cells(nbformat.read(lesson.source_notebook, 4))
        assert len(module.CORRECT) >= 2
        for style in module.CORRECT.values():
            assert set(style) == set(solutions), "each style answers every exercise"
        assert {m.cell for m in module.MISTAKES} <= set(solutions)
