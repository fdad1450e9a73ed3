"""One job, taken apart: figures are drawn only when asked for, the grade never depends
on them, and every part of the job's time is measured (``autograder.timings``)."""
import json
import re

import pytest

from autograder import build, grading, samples, sandbox, worker
from autograder.course import ROOT, lessons
from autograder.timings import PARTS

LESSON = lessons()[0]  # lesson 01 draws several figures


@pytest.fixture(scope="module")
def tasks(tmp_path_factory):
    """Lesson 01's instructor solution and one catalogued mistake, as grading tasks."""
    root = tmp_path_factory.mktemp("course")
    build.release_into(root, [LESSON.id])
    template, released = worker.template_gradebook(ROOT, [LESSON.id])
    everyone = samples.students_for(LESSON)
    chosen = [everyone[0], next(s for s in everyone if s.mistake)]
    made = []
    for student in chosen:
        samples.write_submission(student, root, release_root=root / "release")
        path, _ = grading.find_notebook(root, LESSON.id, student.student)
        made.append(worker.Task(LESSON.id, student.student, LESSON.notebook_name,
                                path.read_text(), template, released[LESSON.id],
                                sandbox_mode=sandbox.resolve("auto")[0],
                                kernel_python=sandbox.kernel_python(), seed_hex="ab"))
    return made


def _pngs(text):
    return len(re.findall(r"image/png", text))


@pytest.fixture(scope="module")
def outcomes(tasks):
    """Each task graded with and without figures: {(student, draw): Outcome}."""
    graded = {}
    for task in tasks:
        for draw in (False, True):
            task.draw_figures = draw
            graded[task.student, draw] = worker.grade_within_limit(task)
    return graded


def test_figures_are_not_drawn_unless_asked_for(outcomes):
    for (student, draw), outcome in outcomes.items():
        assert outcome.ok, outcome.log
        nb = json.loads(outcome.autograded_text)
        shown = [o for c in nb["cells"] if c["cell_type"] == "code"
                 for o in c.get("outputs", []) if o.get("output_type") == "display_data"]
        if draw:
            assert _pngs(outcome.autograded_text) >= 2
            assert len(re.findall(r"<img[^>]*src=\"data:image/png", outcome.feedback_html)) >= 2
        else:
            assert _pngs(outcome.autograded_text) == 0 and "data:image/png" not in \
                outcome.feedback_html
            # each figure still shows, in its text form
            assert any(re.fullmatch(r"<Figure size \d+x\d+ with \d+ Axes>",
                                    "".join(o["data"].get("text/plain", ""))) for o in shown)


def test_grades_and_verdicts_do_not_depend_on_figures(outcomes, tasks):
    for task in tasks:
        plain, drawn = outcomes[task.student, False], outcomes[task.student, True]
        assert plain.scores == drawn.scores
        assert {k: (v["passed"], v.get("mistake")) for k, v in plain.verdicts.items()} == \
            {k: (v["passed"], v.get("mistake")) for k, v in drawn.verdicts.items()}
    mistaken = tasks[1]
    assert any(not v["passed"] for v in outcomes[mistaken.student, False].verdicts.values())


def test_every_part_of_the_job_is_measured(outcomes):
    for outcome in outcomes.values():
        timings = outcome.timings
        assert set(timings) <= set(PARTS)
        for part in ("job start", "preparation", "kernel start", "imports",
                     "teaching cells", "student cells", "test cells", "nbgrader steps",
                     "feedback"):
            assert timings.get(part, 0) > 0, (part, timings)
        assert "recording" not in timings  # the coordinator's part, added there
        # the parts measured inside the job add up to no more than the job itself
        inside = sum(v for k, v in timings.items() if k != "job start")
        assert inside <= outcome.seconds + 0.05, (inside, outcome.seconds)


def test_drawing_figures_costs_kernel_time(outcomes, tasks):
    """Lesson 01's cells take longer with figures drawn (measured, not assumed)."""
    def cells(outcome):
        return sum(outcome.timings.get(p, 0) for p in ("imports", "teaching cells",
                                                        "student cells", "test cells"))
    slower = sum(cells(outcomes[t.student, True]) > cells(outcomes[t.student, False])
                 for t in tasks)
    assert slower == len(tasks)
