"""The record of stock nbgrader's grades (bench.stock_record), which
tests/test_sample_class.py compares the grader's scores with."""
import json

from nbgrader.api import Gradebook

from autograder import samples
from autograder.course import lessons
from bench.stock_record import RECORD, compare, fingerprint


def test_the_record_covers_every_sample_submission_of_every_lesson():
    record = json.loads(RECORD.read_text())
    for lesson in lessons():
        students = {s.student for s in samples.sample_class(lesson_ids=[lesson.id])}
        part = record[lesson.id]
        assert set(part["submissions"]) == students, lesson.id
        assert {key.split("/")[0] for key in part["scores"]} == students, lesson.id


def test_a_submission_stock_did_not_grade_is_stale_not_compared(tmp_path):
    first = lessons()[0]
    for student, text in (("instructor", "{}"), ("not-in-the-record", "{}")):
        folder = tmp_path / "submitted" / student / first.id
        folder.mkdir(parents=True)
        (folder / first.notebook_name).write_text(text)
    Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}").close()
    stale, compared, differ = compare(tmp_path)
    assert stale == [f"{first.id}/instructor", f"{first.id}/not-in-the-record"]
    assert (compared, differ) == (0, [])


def test_a_changed_lesson_makes_its_whole_record_stale(tmp_path, monkeypatch):
    first = lessons()[0]
    folder = tmp_path / "submitted" / "instructor" / first.id
    folder.mkdir(parents=True)
    (folder / first.notebook_name).write_text("{}")
    Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}").close()
    monkeypatch.setattr("bench.stock_record.fingerprint", lambda lesson: "changed")
    assert compare(tmp_path) == ([first.id], 0, [])
    assert fingerprint(first) == json.loads(RECORD.read_text())[first.id]["fingerprint"]
