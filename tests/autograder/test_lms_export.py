"""Grades back to the LMS (autograder.lms_export): Canvas's and Moodle's import layouts,
parsed back, every student and score checked."""
import csv
import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from nbgrader.api import Gradebook

from autograder.course import lessons
from autograder.lms_export import export_for_lms

L1, L2 = lessons()[0].id, lessons()[1].id
#: nbgrader id -> {lesson: (auto score of each of two 5-point cells, late penalty)}
CLASS = {"ada": {L1: ((5, 5), 0), L2: ((5, 2), 0)},
         "alan": {L1: ((5, 5), 4)},             # late: 10 - 4; L2 not submitted: 0
         "grace": {L1: ((0, 0), 0), L2: ((5, 5), 0)},
         "mallory": {L1: ((5, 5), 0)}}          # not in the roster
EXPECTED = {"ada": {L1: "10", L2: "7"}, "alan": {L1: "6", L2: "0"},
            "grace": {L1: "0", L2: "10"}}
ROSTER = ("student_id,name,lms_id,sis_id,login,email,section\n"
          "ada,Ada Lovelace,101,S-1,alovelace,ada@uni.example,A\n"
          "alan,Alan Turing,102,S-2,aturing,alan@uni.example,B\n"
          "grace,\"Hopper, Grace\",103,S-3,ghopper,grace@uni.example,A\n")


@pytest.fixture
def course(tmp_path):
    root = tmp_path / "course"
    root.mkdir()
    with Gradebook("sqlite:///" + str(root / "gradebook.db")) as gb:
        for lesson in (L1, L2):
            gb.update_or_create_assignment(lesson, duedate=datetime(2026, 11, 20))
            gb.add_notebook("nb", lesson)
            for cell in ("test_a", "test_b"):
                gb.add_grade_cell(cell, "nb", lesson, max_score=5, cell_type="code")
        for student, work in CLASS.items():
            gb.add_student(student)
            for lesson, (scores, penalty) in work.items():
                gb.add_submission(lesson, student,
                                  timestamp=datetime(2026, 11, 20) + timedelta(hours=1))
                notebook = gb.find_submission_notebook("nb", lesson, student)
                for grade, score in zip(sorted(notebook.grades, key=lambda g: g.name), scores):
                    grade.auto_score = score
                notebook.late_submission_penalty = penalty
                gb.db.commit()
    (tmp_path / "roster.csv").write_text(ROSTER)
    return root


def _rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def test_canvas_layout_with_every_student_and_score(course, tmp_path):
    path, problems = export_for_lms(course, "canvas", tmp_path / "canvas.csv",
                                    tmp_path / "roster.csv", canvas_ids={L1: "4711"})
    rows = _rows(path)
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                       f"{L1} (4711)", L2]
    assert rows[1][0].strip() == "Points Possible" and rows[1][5:] == ["10", "10"]
    people = {row[1]: row for row in rows[2:]}
    assert people["101"][:5] == ["Ada Lovelace", "101", "S-1", "alovelace", "A"]
    assert people["103"][0] == "Hopper, Grace"  # a comma survives CSV quoting
    by_login = {"alovelace": "ada", "aturing": "alan", "ghopper": "grace"}
    got = {by_login[row[3]]: {L1: row[5], L2: row[6]} for row in rows[2:]}
    assert got == EXPECTED
    assert problems == [f"mallory: not in the roster {tmp_path / 'roster.csv'}; left out"]


@pytest.mark.parametrize("identifier,column,keys", [
    ("email", "Email address", {"ada@uni.example": "ada", "alan@uni.example": "alan",
                                "grace@uni.example": "grace"}),
    ("idnumber", "ID number", {"S-1": "ada", "S-2": "alan", "S-3": "grace"}),
])
def test_moodle_layout_by_the_chosen_identifier(course, tmp_path, identifier, column, keys):
    path, problems = export_for_lms(course, "moodle", tmp_path / "moodle.csv",
                                    tmp_path / "roster.csv", identifier=identifier)
    rows = _rows(path)
    assert rows[0] == [column, L1, L2]
    got = {keys[row[0]]: {L1: row[1], L2: row[2]} for row in rows[1:]}
    assert got == EXPECTED
    assert len(problems) == 1 and problems[0].startswith("mallory:")


def test_without_a_roster_the_student_id_is_the_login(course, tmp_path):
    path, problems = export_for_lms(course, "moodle", tmp_path / "m.csv",
                                    identifier="username", lesson_ids=[L2])
    assert _rows(path) == [["Username", L2], ["ada", "7"], ["alan", "0"], ["grace", "10"],
                           ["mallory", "0"]]
    assert problems == []


def test_the_export_command(course, tmp_path):
    out = tmp_path / "canvas.csv"
    done = subprocess.run([sys.executable, "-m", "autograder.cli", "export", "1",
                           "--format", "canvas", "--roster", tmp_path / "roster.csv",
                           "-o", out, "--course", course, "--canvas-id", "01=4711"],
                          capture_output=True, text=True)
    assert done.returncode == 1, done.stderr  # mallory is left out: flagged, not failed
    assert "left out: mallory" in done.stdout
    rows = _rows(out)
    assert rows[0][5:] == [f"{L1} (4711)"]
    assert sorted(row[5] for row in rows[2:]) == ["0", "10", "6"]
