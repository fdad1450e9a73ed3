"""Where a submission's grading time goes: the parts, measured where they happen.

Every graded submission carries ``{part: seconds}`` (``Outcome.timings``, kept in the
marker beside the graded notebook). The parts, in the order a job meets them:

``job start``       the job's own process: forking it, removing its scratch course,
                    sending the outcome back (the job's time that no other part has)
``preparation``     reading the notebook, the static scan, the scratch course
``kernel start``    starting the sandboxed kernel until it answers, and stopping it
``imports``         teaching cells that import something (numpy, matplotlib, nnlib)
``teaching cells``  the lesson's other locked code cells
``student cells``   the student's own cells (nbgrader solution cells)
``test cells``      test cells: the visible checks in the kernel and the hidden checks
``nbgrader steps``  nbgrader's autograde around the execution (sanitising, its scratch
                    gradebook, writing the graded notebook) and reading the scores back
``feedback``        nbgrader's generate_feedback: the HTML page
``recording``       the coordinator: files, the course's gradebook, late penalties

Figures are not a part of their own: while grading they are not drawn (see
``autograder.execute.NO_FIGURES``); with ``--figures`` their drawing counts in the cell
that made them, and ``make bench`` measures it as the difference of two runs.

``bench.floor`` runs the same cells in a plain Python process and reports the parts it
shares with this list (``kernel start`` is then the interpreter's start).
"""
import ast
import time
from contextlib import contextmanager

PARTS = ("job start", "preparation", "kernel start", "imports", "teaching cells",
         "student cells", "test cells", "nbgrader steps", "feedback", "recording")


def cell_part(cell):
    """The part a code cell's time counts in, from its nbgrader metadata and code."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    if meta.get("solution"):
        return "student cells"
    if meta.get("grade"):
        return "test cells"
    source = cell.get("source", "")
    try:
        tree = ast.parse(source if isinstance(source, str) else "".join(source))
    except (SyntaxError, ValueError, RecursionError):
        return "teaching cells"
    if any(isinstance(node, (ast.Import, ast.ImportFrom)) for node in tree.body):
        return "imports"
    return "teaching cells"


def add(timings, part, seconds):
    """Add ``seconds`` to ``part`` of a ``{part: seconds}`` dict."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}: one of {PARTS}")
    timings[part] = timings.get(part, 0.0) + seconds


@contextmanager
def timed(timings, part):
    """Count the wall time of the ``with`` block in ``part``."""
    start = time.perf_counter()
    try:
        yield
    finally:
        add(timings, part, time.perf_counter() - start)


def rounded(timings):
    """The parts in order, each to the millisecond, for markers and reports."""
    return {part: round(timings[part], 3) for part in PARTS if part in timings}


def summary(per_submission):
    """{part: (median, mean)} over a list of ``{part: seconds}`` dicts; a part missing
    from a submission counts as 0 s there."""
    import statistics

    if not per_submission:
        return {}
    out = {}
    for part in PARTS:
        values = [float(t.get(part, 0.0)) for t in per_submission]
        if any(values):
            out[part] = (statistics.median(values), statistics.fmean(values))
    return out
