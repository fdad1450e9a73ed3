"""The sample class: nbgrader submissions built from each lesson's variants.

For every lesson the class has one student per correct style, one per catalogued
mistake, a blank submission (the release as handed out), a half-done one and one with
a syntax error. Each ``SampleStudent`` knows what grading must find, so the demo can
print it and the tests can assert it.
"""
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import variants
from .course import ROOT, lessons

SUBMITTED_AT = "2026-11-23 09:00:00.000000 UTC"
_MARKER = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$\n?", re.M)


@dataclass(frozen=True)
class SampleStudent:
    """A student of the sample class and the outcome their lesson notebook must get."""

    student: str
    lesson_id: str
    answers: dict                         # solution cell id -> code; missing ids stay stubs
    full_marks: bool = False
    zero: bool = False                     # blank work: every test cell scores 0
    failing_tests: tuple = ()              # test cells that must lose their points
    passing_tests: tuple = ()              # test cells that must keep their points
    mistake: str | None = None             # code the feedback must name
    description: str = ""
    notes: dict = field(default_factory=dict)


def solution_cells(notebook):
    """solution cell id -> the instructor's code with the solution markers removed."""
    return {cell.metadata["nbgrader"]["grade_id"]: _MARKER.sub("", cell.source)
            for cell in notebook.cells
            if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution")}


def test_cells(notebook):
    return [cell.metadata["nbgrader"]["grade_id"] for cell in notebook.cells
            if cell.metadata.get("nbgrader", {}).get("grade")]


def students_for(lesson, root=ROOT):
    """The sample students of one lesson."""
    source = nbformat.read(lesson.source_notebook, as_version=4)
    solutions = solution_cells(source)
    tests = test_cells(source)
    module = variants.for_lesson(lesson)
    out = [SampleStudent("instructor", lesson.id, solutions, full_marks=True,
                         passing_tests=tuple(tests), description="the instructor's solution")]
    for style, answers in module.CORRECT.items():
        out.append(SampleStudent(f"correct-{style}", lesson.id, {**solutions, **answers},
                                 full_marks=True, passing_tests=tuple(tests),
                                 description=f"correct, {style}"))
    for m in module.MISTAKES:
        failing = (m.test_cell,) + tuple(m.also_fails)
        out.append(SampleStudent(
            m.student, lesson.id, {**solutions, m.cell: m.source},
            failing_tests=failing, passing_tests=tuple(t for t in tests if t not in failing),
            mistake=m.mistake, description=f"{m.cell}: {m.mistake}"))
    out.append(SampleStudent("blank", lesson.id, {}, zero=True, failing_tests=tuple(tests),
                             description="the release, untouched"))
    half = dict(list(solutions.items())[: max(1, len(solutions) // 2)])
    # a solution cell may have no test cell of its own (lesson 09's pasted earlier code)
    out.append(SampleStudent("half-done", lesson.id, half,
                             passing_tests=tuple(f"test_{c}" for c in half
                                                 if f"test_{c}" in tests),
                             failing_tests=tuple(f"test_{c}" for c in solutions
                                                 if c not in half and f"test_{c}" in tests),
                             description="first half of the exercises"))
    # later exercises may call earlier ones: break the last one that defines a function
    last = [cell for cell, src in solutions.items() if "def " in src][-1]
    broken = solutions[last].replace("def ", "def def ", 1)
    out.append(SampleStudent("syntax-error", lesson.id, {**solutions, last: broken},
                             failing_tests=(f"test_{last}",),
                             passing_tests=tuple(t for t in tests if t != f"test_{last}"),
                             description=f"a syntax error in {last}"))
    return out


def sample_class(root=ROOT, lesson_ids=None, full=True):
    """The sample students of the chosen lessons.

    full=True: every variant (what the test suite grades). full=False: a tour of three
    submissions per lesson, what ``make demo`` grades in about a minute and a half: the
    instructor's solution, one catalogued mistake, and blank or half-done work.
    """
    chosen = []
    for index, lesson in enumerate(lessons(root)):
        if lesson_ids is None or lesson.id in lesson_ids:
            students = students_for(lesson, root)
            chosen += students if full else _tour(students, index)
    return chosen


def _tour(students, index):
    by_name = {s.student: s for s in students}
    mistakes = [s for s in students if s.mistake]
    unfinished = by_name["blank" if index % 2 == 0 else "half-done"]
    return [by_name["instructor"], mistakes[index % len(mistakes)], unfinished]


def write_submission(student, course_root, release_root=ROOT / "release"):
    """Write ``course_root/submitted/<student>/<lesson>/<notebook>`` for a sample student."""
    lesson = next(l for l in lessons() if l.id == student.lesson_id)
    nb = nbformat.read(lesson.release_notebook(release_root.parent), as_version=4)
    for cell in nb.cells:
        cell_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell_id in student.answers:
            cell.source = student.answers[cell_id]
    target = Path(course_root) / "submitted" / student.student / lesson.id
    target.mkdir(parents=True, exist_ok=True)
    path = target / lesson.notebook_name
    nbformat.write(nb, path)
    (target / "timestamp.txt").write_text(SUBMITTED_AT)  # as `nbgrader submit` leaves it
    return path


def write_sample_class(course_root, lesson_ids=None, full=True):
    """Write the sample submissions under ``course_root/submitted``; returns the students."""
    students = sample_class(lesson_ids=lesson_ids, full=full)
    for student in students:  # from the release made in this course, never a stale one
        write_submission(student, course_root, release_root=Path(course_root) / "release")
    return students


def feedback_path(course_root, student):
    lesson = next(l for l in lessons() if l.id == student.lesson_id)
    return Path(course_root, "feedback", student.student, lesson.id,
                lesson.script.stem + ".html")


def outcome_problems(student, results, feedback_html):
    """What differs between a sample student's expected and actual grading (empty: none).

    results: the CellResults of this student's notebook; feedback_html: its feedback page.
    """
    problems = []
    by_cell = {r.cell: r for r in results}
    if not by_cell:
        return [f"{student.student}: no grades were recorded"]
    for cell in student.failing_tests:
        if cell not in by_cell or by_cell[cell].passed:
            problems.append(f"{student.student}: {cell} should lose its points")
    for cell in student.passing_tests:
        if cell not in by_cell or not by_cell[cell].passed:
            why = by_cell[cell].message if cell in by_cell else "missing"
            problems.append(f"{student.student}: {cell} should keep its points ({why})")
    if student.mistake:
        named = [r.mistake for r in results if not r.passed]
        if student.mistake not in named:
            problems.append(f"{student.student}: the grade should name {student.mistake}, "
                            f"got {named or 'no mistake code'}")
        if f"[{student.mistake}]" not in feedback_html:
            problems.append(f"{student.student}: the feedback does not name {student.mistake}")
    return problems
