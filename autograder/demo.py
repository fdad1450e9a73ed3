"""The demo: the embedded sample class, graded end to end, with a report.

``run_demo`` is what ``make demo`` runs (in ``demo/``) and what the test suite runs once
(in a scratch folder) before checking every sample student's outcome.
"""
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import re

from . import build, grading, samples, translation
from .course import ROOT


@dataclass
class DemoResult:
    root: Path
    students: list
    run: grading.GradingRun
    results: list
    problems: list = field(default_factory=list)
    report: str = ""
    seconds: float = 0.0

    def results_of(self, student):
        return [r for r in self.results
                if (r.student, r.lesson_id) == (student.student, student.lesson_id)]


def run_demo(root, lesson_ids=None, workers=None, full=True, progress=None, log=print,
             scheduler=None, lang="en"):
    """Write the sample class into a fresh course at ``root``, grade it, check it.

    full=False grades the short tour of ``samples.sample_class`` instead of every variant;
    ``scheduler`` runs the workers on a Dask cluster (see ``grading.autograde``).
    lang="th": the class works in the Thai edition (its submissions are the Thai
    release's notebooks with the same answers), so its feedback must be in Thai, and the
    class report is written in Thai too.
    """
    start = time.perf_counter()
    root = Path(root)
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    source = ROOT / "source" if lang == "en" else \
        translation.edition_root(lang) / "source"
    if lang != "en":
        done = [l.id for l in translation.complete_lessons(lang)]
        lesson_ids = [l for l in (lesson_ids or done) if l in done]
    # the lessons, in the demo's own gradebook, from the edition's notebooks
    build.release_into(root, lesson_ids, source=source)
    students = samples.write_sample_class(root, lesson_ids, full=full)
    log(f"   {len(students)} submissions over {len({s.lesson_id for s in students})} lessons")
    graded = grading.grade_class(root, lesson_ids, title="Sample class: class report",
                                 workers=workers, progress=progress, scheduler=scheduler,
                                 report_lang=lang)
    run = graded.run
    demo = DemoResult(root, students, run, graded.results)
    for student in students:
        path = samples.feedback_path(root, student)
        html = path.read_text() if path.exists() else ""
        demo.problems += samples.outcome_problems(student, demo.results_of(student), html)
        demo.problems += language_problems(student, html, lang)
    # Every sample student is honest: a flag would be a false alarm of the grader's.
    demo.problems += [f"{student}: flagged without reason ({why})"
                      for _, student, why in run.flagged]
    demo.seconds = time.perf_counter() - start
    demo.report = _report(demo)
    (root / "report.txt").write_text(demo.report + "\n")
    return demo


THAI = re.compile(r"[\u0e00-\u0e7f]")


def language_problems(student, feedback_html, lang):
    """A sample student's feedback names a catalogued mistake in the edition's language:
    the words just before the mistake's code ``[code]`` are Thai in a Thai class, and
    hold no Thai in an English one (a check may word a mistake its own way, so the
    catalogue's exact sentence is not required)."""
    if not student.mistake or f"[{student.mistake}]" not in feedback_html:
        return []  # outcome_problems reports a mistake that is not named
    before = feedback_html.split(f"[{student.mistake}]", 1)[0][-300:]
    if (lang == "th") != bool(THAI.search(before)):
        return [f"{student.student}: the feedback names {student.mistake} in the wrong "
                f"language (this class works in {lang}): {before[-80:]!r}"]
    return []


def _report(demo):
    named = [s for s in demo.students if s.mistake]
    missed = {p.split(":")[0] for p in demo.problems if " name" in p}
    sections = ["Sample class: students x test cells (score/max, and the mistake named)"]
    for lesson_id in sorted({s.lesson_id for s in demo.students}):
        rows = [r for r in demo.results if r.lesson_id == lesson_id]
        sections += ["", f"== {lesson_id}", grading.class_table(rows)]
    sections += [
        "",
        f"{len(demo.run.graded)} submissions graded in {demo.run.seconds:.1f} s "
        f"({len(demo.run.flagged)} flagged)",
        f"catalogued mistakes named in the feedback: {len(named) - len(missed)} of {len(named)}",
        "every sample student was graded as expected" if not demo.problems else
        "UNEXPECTED OUTCOMES:\n  " + "\n  ".join(demo.problems),
    ]
    return "\n".join(sections)
