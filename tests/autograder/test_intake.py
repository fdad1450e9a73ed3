"""LMS downloads mapped to student ids (autograder.intake)."""
import os
import zipfile

import pytest

from autograder.intake import import_submissions

NAME = "need_for_optimization.ipynb"
LESSON = "01_need_for_optimization"


def _notebook(path, text='{"cells": []}'):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def _submitted(course):
    return sorted(p.relative_to(course / "submitted").as_posix()
                  for p in (course / "submitted").rglob("*.ipynb"))


def test_canvas_zip_with_a_roster(tmp_path):
    archive = tmp_path / "submissions.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("lovelaceada_12345_999_need_for_optimization.ipynb", '{"cells": [1]}')
        z.writestr("turingalan_LATE_67890_998_need_for_optimization-1.ipynb", "{}")
        z.writestr("__MACOSX/._lovelaceada_12345_999_need_for_optimization.ipynb", "x")
        z.writestr("hopper_55555_997_need_for_optimization.ipynb", "{}")
    roster = tmp_path / "roster.csv"
    roster.write_text("student_id,lms_id,name\nada,12345,Ada Lovelace\nalan,67890,Alan Turing\n")
    course = tmp_path / "course"
    intake = import_submissions(course, LESSON, NAME, archive, roster)
    assert intake.layout == "Canvas"
    assert _submitted(course) == [f"ada/{LESSON}/{NAME}", f"alan/{LESSON}/{NAME}"]
    assert (course / "submitted" / "ada" / LESSON / NAME).read_text() == '{"cells": [1]}'
    assert (course / "submitted" / "ada" / LESSON / "timestamp.txt").exists()
    assert intake.problems == ["hopper_55555_997_need_for_optimization.ipynb: '55555' is "
                               "not in the roster"]


def test_moodle_folders_map_by_id(tmp_path):
    download = tmp_path / "download"
    _notebook(download / "Ada Lovelace_12345_assignsubmission_file_" / "my lesson.ipynb")
    course = tmp_path / "course"
    intake = import_submissions(course, LESSON, NAME, download)
    assert intake.layout == "Moodle"
    assert _submitted(course) == [f"12345/{LESSON}/{NAME}"]


def test_blackboard_keeps_the_newest_attempt(tmp_path):
    download = tmp_path / "download"
    _notebook(download / "L01_jdoe_attempt_2026-11-20-10-00-00_nb.ipynb", '{"old": 1}')
    _notebook(download / "L01_jdoe_attempt_2026-11-21-09-30-00_nb.ipynb", '{"new": 1}')
    course = tmp_path / "course"
    intake = import_submissions(course, LESSON, NAME, download)
    assert intake.layout == "Blackboard"
    assert (course / "submitted" / "jdoe" / LESSON / NAME).read_text() == '{"new": 1}'
    assert "2026-11-21 09:30:00" in (course / "submitted/jdoe" / LESSON / "timestamp.txt").read_text()
    assert len(intake.problems) == 1 and "older notebook of jdoe" in intake.problems[0]


def test_a_folder_per_student_and_a_custom_pattern(tmp_path):
    download = tmp_path / "download"
    _notebook(download / "jdoe" / "whatever.ipynb")
    _notebook(download / "asmith" / "work" / "lesson.ipynb")
    course = tmp_path / "course"
    import_submissions(course, LESSON, NAME, download)
    assert _submitted(course) == [f"asmith/{LESSON}/{NAME}", f"jdoe/{LESSON}/{NAME}"]
    other = tmp_path / "other"
    intake = import_submissions(other, LESSON, NAME, download,
                                pattern=r"^(?P<student>[a-z])[a-z]+/")
    assert sorted(intake.imported) == ["a", "j"]


def test_zip_times_decide_which_attempt_is_newest(tmp_path):
    """The LMS's upload times travel in the zip; the time of import must not count."""
    archive = tmp_path / "canvas.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(zipfile.ZipInfo("doe_12345_1_lesson.ipynb", (2026, 11, 20, 10, 0, 0)),
                   '{"second": 1}')
        z.writestr(zipfile.ZipInfo("doe_12345_2_lesson-1.ipynb", (2026, 11, 19, 9, 0, 0)),
                   '{"first": 1}')
    course = tmp_path / "course"
    import_submissions(course, LESSON, NAME, archive)
    folder = course / "submitted" / "12345" / LESSON
    assert (folder / NAME).read_text() == '{"second": 1}'
    assert "2026-11-20" in (folder / "timestamp.txt").read_text()


def test_zip_entries_cannot_escape_the_scratch_folder(tmp_path):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("../../escaped.ipynb", "{}")
        z.writestr("ok_1_2_nb.ipynb", "{}")
    course = tmp_path / "course"
    import_submissions(course, LESSON, NAME, archive)
    assert not (tmp_path / "escaped.ipynb").exists()
    assert not any(p.name == "escaped.ipynb" for p in tmp_path.rglob("*"))


def test_student_ids_are_made_safe_for_paths(tmp_path):
    download = tmp_path / "download"
    _notebook(download / "Dr. O'Neil (2)" / "nb.ipynb")
    course = tmp_path / "course"
    intake = import_submissions(course, LESSON, NAME, download)
    assert list(intake.imported) == ["Dr._O_Neil_2_"]
    for student in intake.imported:
        assert "/" not in student and student not in (".", "..")
        assert (course / "submitted" / student).resolve().parent == \
            (course / "submitted").resolve()


def test_a_missing_source_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="not a folder or a zip"):
        import_submissions(tmp_path / "c", LESSON, NAME, tmp_path / "nope")
