"""Due dates, extensions and late-submission plugins: `autograder grade` applies them
exactly as stock `nbgrader autograde` does.

One class of lesson 01 (the instructor's solution, submitted by three students: on
time, late, and late but within an extension) is graded twice, in two copies of one
course: by stock `nbgrader autograde` run in the course folder, and by `autograder
grade`. The course's own nbgrader_config.py chooses the late-submission plugin, as an
instructor's would, and renames nbgrader's submitted/ folder (both graders find the
submissions through nbgrader's CourseDirectory). Both must record the same score and
penalty for every student.
"""
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from autograder import build, grading, samples
from autograder.course import lesson as find_lesson

LESSON = find_lesson("01")
DUE = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)
#: student -> (submitted after the due date, extension)
CLASS = {
    "on-time": (-timedelta(hours=1), None),
    "late": (timedelta(hours=2, minutes=30), None),
    "extended": (timedelta(hours=5), timedelta(days=1)),
}

# nbgrader's documented plugin hooks (docs: "Late submission plugin"): the built-in
# plugin with its 'zero' method, and a custom plugin subtracting a point per hour.
ZERO = 'c.LateSubmissionPlugin.penalty_method = "zero"\n'
PER_HOUR = '''
import math
from nbgrader.plugins import BasePlugin

class OnePointPerHour(BasePlugin):
    def late_submission_penalty(self, student_id, score, total_seconds_late):
        return math.ceil(total_seconds_late / 3600)

c.AssignLatePenalties.plugin_class = OnePointPerHour
'''
#: student -> penalty each plugin must give the instructor's solution (full marks)
EXPECTED_PENALTY = {"zero": {"on-time": 0, "late": "all", "extended": 0},
                    "per_hour": {"on-time": 0, "late": 3, "extended": 0}}


def _course(root, plugin_config):
    root.mkdir(parents=True)
    (root / "nbgrader_config.py").write_text(
        "c = get_config()  # noqa: F821\nc.CourseDirectory.course_id = 'backprop'\n"
        "c.CourseDirectory.submitted_directory = 'collected'\n" + plugin_config)
    build.release_into(root, [LESSON.id])
    solution = next(s for s in samples.students_for(LESSON) if s.student == "instructor")
    from nbgrader.api import Gradebook
    with Gradebook("sqlite:///" + str(root / "gradebook.db")) as gradebook:
        gradebook.update_or_create_assignment(LESSON.id, duedate=DUE)
        for student, (after_due, extension) in CLASS.items():
            path = samples.write_submission(
                samples.SampleStudent(student, LESSON.id, solution.answers), root,
                release_root=root / "release")
            stamp = (DUE + after_due).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
            (path.parent / "timestamp.txt").write_text(stamp)
            gradebook.update_or_create_student(student)
            if extension:
                gradebook.update_or_create_submission(LESSON.id, student, extension=extension)
    (root / "submitted").rename(root / "collected")
    return root


def _recorded(root):
    """student -> (raw score, late penalty, max score), from the course's gradebook
    (nbgrader subtracts the penalty from the raw score in its exports)."""
    from nbgrader.api import Gradebook
    with Gradebook("sqlite:///" + str(root / "gradebook.db")) as gradebook:
        return {s: (round(nb.score, 6), nb.late_submission_penalty or 0, nb.max_score)
                for s in CLASS
                for nb in [gradebook.find_submission_notebook(LESSON.script.stem, LESSON.id, s)]}


@pytest.mark.parametrize("plugin", ["zero", "per_hour"])
def test_late_penalties_match_stock_nbgrader(tmp_path, plugin):
    config = {"zero": ZERO, "per_hour": PER_HOUR}[plugin]
    stock = _course(tmp_path / "stock", config)
    ours = tmp_path / "ours"
    shutil.copytree(stock, ours, symlinks=True)
    nbgrader = Path(sys.executable).parent / "nbgrader"
    done = subprocess.run([nbgrader, "autograde", LESSON.id], cwd=stock,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    graded = grading.grade_class(ours, [LESSON.id], workers=2)
    assert sorted(s for _, s in graded.run.graded) == sorted(CLASS)
    assert graded.run.flagged == []
    assert graded.grades == ours / "grades.csv" and graded.report == ours / "report.html"
    assert (ours / "autograded" / "late" / LESSON.id / LESSON.notebook_name).exists()

    expected, got = _recorded(stock), _recorded(ours)
    assert got == expected
    for student, want in EXPECTED_PENALTY[plugin].items():
        raw_score, penalty, max_score = got[student]
        assert raw_score == max_score, student  # the instructor's solution
        assert penalty == (max_score if want == "all" else want), student


def test_an_unreadable_time_stamp_is_flagged_and_graded_as_on_time(tmp_path):
    folder = tmp_path / "submitted" / "ada" / LESSON.id
    folder.mkdir(parents=True)
    flags = []
    assert grading.read_timestamp(tmp_path, LESSON.id, "ada", flags) is None
    assert flags == []  # no timestamp.txt: nbgrader's "not submitted at a known time"
    (folder / "timestamp.txt").write_text("2026-11-20 13:00:00.000000 UTC\n")
    assert grading.read_timestamp(tmp_path, LESSON.id, "ada", flags) == \
        "2026-11-20 13:00:00.000000 UTC"
    (folder / "timestamp.txt").write_text("yesterday, before the deadline")
    assert grading.read_timestamp(tmp_path, LESSON.id, "ada", flags) is None
    assert len(flags) == 1 and "cannot be read" in flags[0] and "no late penalty" in flags[0]
