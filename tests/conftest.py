"""Shared fixtures. The expensive one, ``graded_class``, runs the real nbgrader
autograde once per test session over the whole sample class (every lesson's correct
styles, mistakes, blank and half-done work) and hands the results to many tests."""
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
#: LESSONS=02_chain_rule,03_delta_recurrences restricts the slow, per-lesson tests.
LESSON_IDS = os.environ.get("LESSONS", "").split(",") if os.environ.get("LESSONS") else None


def selected_lessons():
    from autograder.course import lessons
    return [l for l in lessons() if LESSON_IDS is None or l.id in LESSON_IDS]

# nbgrader runs helper scripts (alembic) by name: put this interpreter's scripts first.
os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory):
    """The sample class written, autograded and given feedback in a scratch course."""
    from autograder import build, grading, samples

    root = tmp_path_factory.mktemp("course")
    build.release_into(root)
    students = samples.write_sample_class(root, lesson_ids=LESSON_IDS)
    run = grading.autograde(root, lesson_ids=LESSON_IDS)
    results = grading.cell_results(root, run.graded)
    return {"root": root, "students": students, "run": run, "results": results}


def results_of(graded_class, student):
    return [r for r in graded_class["results"]
            if (r.student, r.lesson_id) == (student.student, student.lesson_id)]
