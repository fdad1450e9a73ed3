"""Stock nbgrader's grades of the whole sample class, recorded for the test suite.

``make stock-grades`` (``python -m bench.stock_record``) writes every sample submission
(``autograder.samples.sample_class``, every lesson), grades it with the nbgrader command
line, ``nbgrader autograde LESSON``, under the course's own configuration (the hidden
tests run inside the kernel, as stock nbgrader runs them), and records each test cell's
score in ``tests/data/stock_grades.json``. ``tests/test_sample_class.py`` compares the
grader's scores of the same class with that record, cell by cell.

Stock grading of the whole class takes about a quarter of an hour on two cores, too long
to repeat in ``make test``; hence a record. Each lesson's part of it carries a
fingerprint of what decides its grades (the lesson's script, its checks and the sample
submissions): when one of them changes, the test names the lesson and asks for
``make stock-grades`` again, rather than comparing with stale grades.
"""
import argparse
import hashlib
import json
import shutil
import tempfile
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from multiprocessing import get_context
from pathlib import Path

from autograder import samples
from autograder.course import ROOT, lessons

from .grading import BIN, STOCK_CONFIG, scores, timed, write_class

RECORD = ROOT / "tests" / "data" / "stock_grades.json"


def fingerprint(lesson):
    """sha256 of what decides a lesson's grades besides the submission: its script
    (hidden tests included) and its checks module."""
    digest = hashlib.sha256()
    for path in (lesson.script, ROOT / "autograder" / "lessons" / f"lesson{lesson.number:02d}.py"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def submissions(lesson, course):
    """``{student: sha256 of the submitted notebook}`` for a lesson of a course."""
    return {path.parent.parent.name: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(Path(course, "submitted").glob(
                f"*/{lesson.id}/{lesson.notebook_name}"))}


def grade_lesson(lesson, work):
    """One lesson's sample class graded by ``nbgrader autograde`` in a course of its own:
    ``{"fingerprint": ..., "submissions": {student: sha256}, "scores": {"student/test
    cell": score}}``."""
    students = [s for s in samples.sample_class(full=True) if s.lesson_id == lesson.id]
    course = write_class(Path(work) / lesson.id, students).resolve()
    (course / "nbgrader_config.py").write_text(STOCK_CONFIG.format(
        config=str(ROOT / "nbgrader_config.py"), root=str(course),
        db_url="sqlite:///" + str(course / "gradebook.db")))
    timed("nbgrader autograde", [[str(BIN / "nbgrader"), "autograde", lesson.id]], course,
          len(students))
    graded = {f"{student}/{cell}": score
              for (student, _, cell), score in sorted(scores(course).items())}
    return {"fingerprint": fingerprint(lesson), "submissions": submissions(lesson, course),
            "scores": graded}


def compare(course, lesson_ids=None):
    """A graded course's scores against the record, submission by submission, for its
    lessons (or ``lesson_ids``): ``(stale, compared, differ)``. ``stale``: the lessons
    or submissions the record no longer fits (the lesson's script or checks changed, or
    the submission is not the one stock graded); ``compared``: test cells compared;
    ``differ``: each that differs, as ``(lesson, "student/test cell", stock's, ours)``."""
    course = Path(course)
    recorded = json.loads(RECORD.read_text()) if RECORD.exists() else {}
    ours = scores(course)
    stale, differ, compared = [], [], 0
    for lesson in lessons():
        if lesson_ids is not None and lesson.id not in lesson_ids:
            continue
        here = submissions(lesson, course)
        stock = recorded.get(lesson.id)
        if here and (stock is None or stock["fingerprint"] != fingerprint(lesson)):
            stale.append(lesson.id)
            continue
        for student, digest in here.items():
            if stock["submissions"].get(student) != digest:
                stale.append(f"{lesson.id}/{student}")
                continue
            prefix = f"{student}/"
            theirs = {k: v for k, v in stock["scores"].items() if k.startswith(prefix)}
            mine = {f"{student}/{cell}": score for (who, lesson_id, cell), score in ours.items()
                    if (who, lesson_id) == (student, lesson.id)}
            compared += len(theirs)
            differ += [(lesson.id, key, theirs.get(key), mine.get(key))
                       for key in sorted(theirs.keys() | mine.keys())
                       if theirs.get(key) != mine.get(key)]
    return stale, compared, differ


def record(lesson_ids=None, workers=2, log=print):
    """Grade the chosen lessons (default: all) with stock nbgrader, ``workers`` lessons at
    a time, and update their part of the record."""
    chosen = [l for l in lessons() if lesson_ids is None or l.id in lesson_ids]
    existing = json.loads(RECORD.read_text()) if RECORD.exists() else {}
    work = Path(tempfile.mkdtemp(prefix="stock-grades-"))
    try:
        # processes, not threads: nbgrader's apps are not meant to run side by side in one
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
            for lesson, graded in zip(chosen, pool.map(partial(grade_lesson, work=work),
                                                        chosen)):
                log(f"{lesson.id}: {len(graded['scores'])} test cells")
                existing[lesson.id] = graded
    finally:
        shutil.rmtree(work, ignore_errors=True)
    RECORD.parent.mkdir(parents=True, exist_ok=True)
    RECORD.write_text(json.dumps(dict(sorted(existing.items())), indent=1) + "\n")
    return existing


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.stock_record", description=__doc__
                                     .split("\n\n")[0])
    parser.add_argument("lessons", nargs="*", help="lesson ids (default: all)")
    parser.add_argument("--workers", type=int, default=2, help="lessons graded at a time")
    args = parser.parse_args(argv)
    record(args.lessons or None, args.workers)


if __name__ == "__main__":
    main()
