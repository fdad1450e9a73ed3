"""The grading command around the sample class: report, grades.csv, reruns, exit codes."""
import csv
import subprocess
import sys

from autograder import grading
from tests.conftest import GRADER_SCRATCH, ROOT, kernels_running


def test_demo_report_and_nbgrader_export(graded_class):
    report = (graded_class.root / "report.txt").read_text()
    assert "every sample student was graded as expected" in report
    named = sum(1 for s in graded_class.students if s.mistake)
    assert f"catalogued mistakes named in the feedback: {named} of {named}" in report
    with open(graded_class.root / "grades.csv") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["assignment", "duedate", "timestamp", "student_id", "last_name",
                             "first_name", "email", "raw_score", "late_submission_penalty",
                             "score", "max_score"]
    graded = {(s.lesson_id, s.student) for s in graded_class.students}
    submitted = {(r["assignment"], r["student_id"]) for r in rows if r["timestamp"]}
    assert submitted == graded


def test_demo_writes_the_html_class_report(graded_class):
    page = (graded_class.root / "report.html").read_text()
    assert "Flagged submissions" in page and "grades.csv" in page
    for lesson_id in {s.lesson_id for s in graded_class.students}:
        assert lesson_id in page
    per_cell = {}
    for r in graded_class.results:
        if r.mistake:
            per_cell.setdefault((r.lesson_id, r.cell), set()).add(r.mistake)
    for codes in per_cell.values():  # the report lists the five most common per exercise
        for mistake in codes if len(codes) <= 5 else ():
            assert f"<code>{mistake}</code>" in page, f"{mistake} is not in the report"


def test_rerun_changes_nothing_and_executes_nothing(graded_class):
    before = {(r.student, r.lesson_id, r.cell): r.score for r in graded_class.results}
    run = grading.autograde(graded_class.root)
    assert run.graded == [] and len(run.skipped) == len(graded_class.students)
    after = grading.cell_results(graded_class.root, run.skipped)
    assert {(r.student, r.lesson_id, r.cell): r.score for r in after} == before


def test_grade_command_exit_codes(graded_class, tmp_path):
    command = [sys.executable, "-m", "autograder.cli", "grade", "--course"]
    done = subprocess.run(command + [str(graded_class.root)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "0 graded" in done.stdout and "flagged" in done.stdout
    assert (graded_class.root / "report.html").exists()
    missing = subprocess.run(command + [str(tmp_path), "99"], capture_output=True, text=True)
    assert missing.returncode == 2 and "no lesson '99'" in missing.stderr


def test_progress_bar_shows_counts_and_an_eta():
    import io

    from autograder.cli import ProgressBar

    out = io.StringIO()
    now = iter([0.0, 10.0, 20.0, 40.0])  # the bar starts, then three submissions end
    bar = ProgressBar(stream=out, width=10, clock=lambda: next(now))
    for done in (1, 2, 4):
        bar(done, 4, f"lesson / student {done}")
    lines = out.getvalue().split("\r")
    assert "[##........] 1/4" in lines[1] and "ETA   30s" in lines[1]  # 10 s each, 3 left
    assert "ETA   20s" in lines[2]
    assert lines[-1].startswith("[##########] 4/4") and lines[-1].endswith("\n")


def test_kill_9_mid_run_then_rerun_gives_the_uninterrupted_grades(graded_class, tmp_path):
    """None lost, none duplicated, no finished submission executed twice."""
    import os
    import signal
    import time

    import pytest
    from nbgrader.api import Gradebook

    from autograder import build, samples

    lesson = "01_need_for_optimization"
    if lesson not in {s.lesson_id for s in graded_class.students}:
        pytest.skip("lesson 01 is not in this run's selection")
    root = tmp_path / "course"
    build.release_into(root, [lesson])
    students = samples.write_sample_class(root, [lesson])
    everything = set(grading.submissions(root))
    script = f"from autograder import grading; grading.autograde({str(root)!r}, workers=2)"
    proc = subprocess.Popen([sys.executable, "-c", script], start_new_session=True)
    deadline = time.monotonic() + 300
    while len(list(root.glob("autograded/*/*/.autograder.json"))) < 4:
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)  # the coordinator and its workers, at once
    proc.wait()
    db_url = f"sqlite:///{root}/gradebook.db"
    with Gradebook(db_url) as gradebook:
        finished = {pair for pair in everything
                    if grading._already_graded(root, *pair, gradebook)}
    assert 0 < len(finished) < len(everything)

    rerun = grading.autograde(root, workers=2)
    assert set(rerun.skipped) == finished
    assert set(rerun.graded) == everything - finished
    after = grading.cell_results(root, sorted(everything))
    uninterrupted = {(r.student, r.cell): r.score for r in graded_class.results
                     if r.lesson_id == lesson}
    assert {(r.student, r.cell): r.score for r in after} == uninterrupted
    with Gradebook(db_url) as gradebook:
        assert len(gradebook.find_assignment(lesson).submissions) == len(students)
    assert kernels_running(GRADER_SCRATCH) == [], "kernels outlived the killed run"
