"""LMS downloads mapped to student ids (autograder.intake)."""
import struct
import zipfile
from datetime import datetime, timezone

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
    intake = import_submissions(course, LESSON, NAME, download, lms_timezone="UTC")
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


def _stamp(course, student):
    from nbgrader.utils import parse_utc  # read back as nbgrader's Autograde reads it
    text = (course / "submitted" / student / LESSON / "timestamp.txt").read_text()
    return parse_utc(text).replace(tzinfo=timezone.utc)  # nbgrader keeps UTC, zoneless


def _utc_member(name, utc, local_fields):
    """A zip member whose DOS time says ``local_fields`` and whose extended timestamp
    field (0x5455, as Info-ZIP and most zip tools write it) says ``utc``."""
    member = zipfile.ZipInfo(name, local_fields)
    member.extra = struct.pack("<HHBi", 0x5455, 5, 1, int(utc.timestamp()))
    return member


def test_moodle_without_folders_and_the_newest_attempt_by_zip_time(tmp_path):
    """Moodle's two namings; two files of one student: the later upload wins, and its
    time (in the LMS's zone) is the submission's time."""
    archive = tmp_path / "moodle.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(zipfile.ZipInfo("Ada Lovelace_12345_assignsubmission_file_nb.ipynb",
                                   (2026, 11, 20, 23, 30, 0)), '{"late": 1}')
        z.writestr(zipfile.ZipInfo("Ada Lovelace_12345_assignsubmission_file/nb.ipynb",
                                   (2026, 11, 20, 9, 0, 0)), '{"early": 1}')
        z.writestr(zipfile.ZipInfo("Alan Turing_67890_assignsubmission_file_/x.ipynb",
                                   (2026, 11, 19, 8, 0, 0)), '{"alan": 1}')
    course = tmp_path / "course"
    intake = import_submissions(course, LESSON, NAME, archive, lms_timezone="Asia/Bangkok")
    assert intake.layout == "Moodle"
    assert sorted(intake.imported) == ["12345", "67890"]
    assert (course / "submitted/12345" / LESSON / NAME).read_text() == '{"late": 1}'
    # 23:30 in Bangkok (UTC+7) is 16:30 UTC
    assert _stamp(course, "12345") == datetime(2026, 11, 20, 16, 30, tzinfo=timezone.utc)
    assert _stamp(course, "67890") == datetime(2026, 11, 19, 1, 0, tzinfo=timezone.utc)
    assert intake.problems == ["Ada Lovelace_12345_assignsubmission_file/nb.ipynb: an older "
                               "notebook of 12345; the newest was kept"]


def test_a_zip_members_utc_time_beats_its_local_time(tmp_path):
    """Zip tools store a UTC time beside the zoneless DOS time: it decides, whatever
    zone the LMS or this machine is in."""
    first = datetime(2026, 11, 20, 10, 0, tzinfo=timezone.utc)
    second = datetime(2026, 11, 20, 11, 0, tzinfo=timezone.utc)
    archive = tmp_path / "canvas.zip"
    with zipfile.ZipFile(archive, "w") as z:
        # the DOS times disagree with the UTC ones (and with each other's order)
        z.writestr(_utc_member("doe_12345_1_nb.ipynb", second, (2026, 1, 1, 0, 0, 0)),
                   '{"second": 1}')
        z.writestr(_utc_member("doe_12345_2_nb-1.ipynb", first, (2026, 12, 31, 0, 0, 0)),
                   '{"first": 1}')
    course = tmp_path / "course"
    import_submissions(course, LESSON, NAME, archive, lms_timezone="America/New_York")
    assert (course / "submitted/12345" / LESSON / NAME).read_text() == '{"second": 1}'
    assert _stamp(course, "12345") == second


def test_blackboard_times_in_the_file_name_are_read_in_the_lms_zone(tmp_path):
    download = tmp_path / "download"
    _notebook(download / "L01_jdoe_attempt_2026-11-20-10-00-00_nb.ipynb")
    course = tmp_path / "course"
    import_submissions(course, LESSON, NAME, download, lms_timezone="Europe/Berlin")
    assert _stamp(course, "jdoe") == datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def test_a_folders_file_times_are_the_submission_times(tmp_path):
    """An export already unpacked (e.g. by the instructor's unzip, which keeps times)."""
    import os
    download = tmp_path / "download"
    old = _notebook(download / "jdoe" / "a.ipynb", '{"old": 1}')
    new = _notebook(download / "jdoe" / "b.ipynb", '{"new": 1}')
    when = datetime(2026, 11, 20, 10, 0, tzinfo=timezone.utc).timestamp()
    os.utime(old, (when + 60, when + 60))
    os.utime(new, (when + 120, when + 120))
    course = tmp_path / "course"
    import_submissions(course, LESSON, NAME, download)
    assert (course / "submitted/jdoe" / LESSON / NAME).read_text() == '{"new": 1}'
    assert _stamp(course, "jdoe").timestamp() == when + 120
