"""Autograde, generate feedback, export grades and tabulate results, on nbgrader's API.

Everything here goes through nbgrader (``NbGraderAPI``, its gradebook and its CSV
export plugin), so instructors keep nbgrader's folders, formgrader and ``nbgrader
export``. Results are read back from the gradebook and from the autograded notebooks,
whose test-cell errors carry the mistake codes of ``autograder.mistakes``.
"""
import re
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .build import nbgrader_api
from .course import ROOT, lessons

MISTAKE_CODE = re.compile(r"\[([a-z0-9_]+)\]\s*$")


@dataclass
class CellResult:
    """The outcome of one test cell of one student's notebook."""

    student: str
    lesson_id: str
    cell: str
    score: float
    max_score: float
    message: str = ""          # the failure message, as the student sees it
    mistake: str | None = None  # the catalogue code named in that message

    @property
    def passed(self):
        return self.score >= self.max_score


@dataclass
class GradingRun:
    course_root: Path
    graded: list = field(default_factory=list)   # (lesson_id, student) pairs graded
    failures: list = field(default_factory=list)  # (lesson_id, student, log) nbgrader refused
    seconds: float = 0.0


def submissions(course_root, lesson_ids=None):
    """(lesson_id, student) for every notebook folder under submitted/, sorted."""
    found = []
    for lesson_dir in sorted(Path(course_root, "submitted").glob("*/*")):
        lesson_id, student = lesson_dir.name, lesson_dir.parent.name
        if lesson_dir.is_dir() and (lesson_ids is None or lesson_id in lesson_ids):
            found.append((lesson_id, student))
    return found


def autograde(course_root, lesson_ids=None, progress=None):
    """Autograde every submission (nbgrader autograde) and generate feedback."""
    run = GradingRun(Path(course_root))
    start = time.perf_counter()
    # nbgrader 0.9's gradebook triggers SQLAlchemy's autoflush warnings on every new
    # submission; they are harmless and would bury the progress bar.
    warnings.filterwarnings("ignore", message=".*not in session.*")
    api = nbgrader_api(course_root)
    todo = submissions(course_root, lesson_ids)
    for index, (lesson_id, student) in enumerate(todo, 1):
        result = api.autograde(lesson_id, student, force=True, create=True)
        if result["success"]:
            run.graded.append((lesson_id, student))
        else:
            run.failures.append((lesson_id, student, result.get("log", "")))
        if progress:
            progress(index, len(todo), f"{lesson_id} / {student}")
    for lesson_id in sorted({lesson for lesson, _ in run.graded}):
        result = api.generate_feedback(lesson_id, force=True)
        if not result["success"]:
            run.failures.append((lesson_id, "(feedback)", result.get("log", "")))
    run.seconds = time.perf_counter() - start
    return run


def export_grades(course_root, destination):
    """Write nbgrader's own CSV export (the columns of ``nbgrader export``)."""
    from nbgrader.api import Gradebook
    from nbgrader.plugins.export import CsvExportPlugin

    api = nbgrader_api(course_root)
    with Gradebook(api.coursedir.db_url) as gradebook:
        CsvExportPlugin(to=str(destination)).export(gradebook)
    return Path(destination)


def _failure_messages(notebook_path):
    """test cell id -> the error message of its last error output."""
    messages = {}
    if not notebook_path.exists():
        return messages
    nb = nbformat.read(notebook_path, as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("grade"):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    messages[meta["grade_id"]] = f"{output['ename']}: {output['evalue']}"
    return messages


def cell_results(course_root, graded):
    """CellResult for every test cell of every graded (lesson_id, student)."""
    from nbgrader.api import Gradebook, MissingEntry

    api = nbgrader_api(course_root)
    by_id = {lesson.id: lesson for lesson in lessons()}
    results = []
    with Gradebook(api.coursedir.db_url) as gradebook:
        for lesson_id, student in graded:
            notebook = by_id[lesson_id].script.stem
            try:
                submitted = gradebook.find_submission_notebook(notebook, lesson_id, student)
            except MissingEntry:
                continue
            path = Path(course_root, "autograded", student, lesson_id, notebook + ".ipynb")
            messages = _failure_messages(path)
            for grade in submitted.grades:
                if grade.max_score == 0:
                    continue
                message = messages.get(grade.name, "")
                code = MISTAKE_CODE.search(message)
                results.append(CellResult(student, lesson_id, grade.name, grade.score,
                                          grade.max_score, message, code and code.group(1)))
    return results


def class_table(results):
    """A plain-text table: one row per student, one column per test cell."""
    columns = list(dict.fromkeys((r.lesson_id, r.cell) for r in results))
    columns.sort(key=lambda column: column[0])  # stable: cells keep notebook order
    students = sorted({r.student for r in results})
    cell = {(r.student, r.lesson_id, r.cell): r for r in results}
    head = ["student"] + [name for _, name in columns] + ["total"]
    rows = []
    for student in students:
        row, got, total = [student], 0.0, 0.0
        for lesson_id, name in columns:
            r = cell.get((student, lesson_id, name))
            if r is None:
                row.append("")
                continue
            got, total = got + r.score, total + r.max_score
            text = f"{r.score:g}/{r.max_score:g}"
            if not r.passed:
                text += f" {r.mistake}" if r.mistake else " ✗"
            row.append(text)
        row.append(f"{got:g}/{total:g}")
        rows.append(row)
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    line = lambda r: "  ".join(str(x).ljust(w) for x, w in zip(r, widths)).rstrip()
    return "\n".join([line(head), line(["-" * w for w in widths])] + [line(r) for r in rows])

