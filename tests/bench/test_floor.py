"""The floor: a notebook's cells in a plain Python process, parts named as the grader's."""
from autograder import build, samples
from autograder.course import lessons
from bench.floor import floor_parts


def test_the_floor_times_every_part_and_draws_the_figures(tmp_path):
    lesson = lessons()[0]
    build.release_into(tmp_path, [lesson.id])
    student = samples.students_for(lesson)[0]
    samples.write_submission(student, tmp_path, release_root=tmp_path / "release")
    notebook = tmp_path / "submitted" / student.student / lesson.id / lesson.notebook_name
    parts = floor_parts(notebook, lesson.source_notebook)
    assert set(parts) == {"kernel start", "imports", "teaching cells", "student cells",
                          "test cells", "figures"}
    assert all(seconds > 0 for seconds in parts.values()), parts
    # lesson 01 draws several figures: rendering them is not free
    assert parts["figures"] > parts["student cells"]
