"""The corpus of bad and malicious submissions, graded by ``autograder grade`` and by
stock nbgrader side by side.

Ours must give every case its expected scores and flags, leak nothing, and leave the
control student's grade alone. Stock nbgrader (its own ``Autograde``, same per-cell
timeout, one scratch course per submission) is graded on the same files, and the table
of which cases each handles is checked against ``docs/grading-safety.md``.
"""
import json
import os
import shutil
import socket
import stat
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from autograder import build, grading, samples
from autograder.course import ROOT, lesson as find_lesson
from autograder.sandbox import Limits

from tests.conftest import GRADER_SCRATCH, kernels_running

from .cases import CASES, LESSON, NOTEBOOK, TESTS, submission_text

LIMITS = Limits(cell_seconds=8, total_seconds=20)
NAP = 7  # three naps of 7 s run past the 20 s budget, each stays under 8 s
SAFETY_DOC = ROOT / "docs" / "grading-safety.md"


class Listener:
    """A TCP server on loopback that records whether anything connected."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self):
        self.sock.close()


def write_corpus(root, port):
    """A course at ``root`` with lesson 01 released and one submission per case."""
    build.release_into(root, [LESSON])
    instructor = samples.students_for(find_lesson(LESSON))[0]
    correct = nbformat.read(samples.write_submission(instructor, root, root / "release"), 4)
    shutil.rmtree(root / "submitted" / instructor.student)
    ctx = {"source_notebook": str(ROOT / "source" / LESSON / NOTEBOOK),
           "gradebook": str(root / "gradebook.db"), "course_root": str(root),
           "other_submission": str(root / "submitted" / "control" / LESSON / NOTEBOOK),
           "port": port, "nap": NAP}
    for case in CASES:
        folder = root / "submitted" / case.name / LESSON
        folder.mkdir(parents=True)
        if case.file_name:
            (folder / case.file_name).write_text(submission_text(case, correct, ctx))
        for name, text in case.files.items():
            (folder / name).write_text(text)
        if case.plant:
            case.plant(folder, ctx)
    return root


def _outputs_text(root, student):
    """Everything the student's graded notebook printed or displayed (not its code)."""
    path = Path(root, "autograded", student, LESSON, NOTEBOOK)
    if not path.exists():
        return ""
    outputs = [o for c in nbformat.read(path, 4).cells for o in c.get("outputs", [])]
    return json.dumps(outputs)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    listener = Listener()
    try:
        root = write_corpus(tmp_path_factory.mktemp("corpus") / "course", listener.port)
        run = grading.autograde(root, [LESSON], limits=LIMITS)
        results = grading.cell_results(root, run.graded)
        yield SimpleNamespace(root=root, run=run, results=results, listener=listener)
    finally:
        listener.close()


def _scores(results, student):
    by_cell = {r.cell: r.passed for r in results if r.student == student}
    return tuple(by_cell.get(test) for test in TESTS)


def test_the_real_sandbox_is_used(corpus):
    """make test installs bubblewrap: CI must grade the corpus in the strongest mode."""
    if os.environ.get("AUTOGRADER_ALLOW_WEAK_SANDBOX"):
        pytest.skip("AUTOGRADER_ALLOW_WEAK_SANDBOX is set")
    assert corpus.run.sandbox == "bwrap", corpus.run.warning


def test_the_batch_finishes_with_every_submission_graded(corpus):
    assert sorted(s for _, s in corpus.run.graded) == sorted(c.name for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_case(corpus, case):
    scores = _scores(corpus.results, case.name)
    assert scores == case.expected, f"{case.attempt}: test cells kept points {scores}"
    flags = [reason for _, student, reason in corpus.run.flagged if student == case.name]
    if case.category == "control":
        assert flags == []
    for word in case.flags:
        assert any(word in reason for reason in flags), f"no flag says {word!r}: {flags}"
    text = _outputs_text(corpus.root, case.name)
    for marker in case.absent:
        assert marker not in text, f"{case.attempt}: the attack printed {marker}"
    for marker in case.present:
        assert marker in text, f"{case.attempt}: the attack did not run ({marker} missing)"
    recorded = {r.cell: r.mistake for r in corpus.results if r.student == case.name}
    for test_cell, code in case.named:
        assert recorded.get(test_cell, "missing") == code, (test_cell, recorded)


def test_nothing_was_written_into_the_course(corpus):
    assert not (corpus.root / "evil.txt").exists()
    control = corpus.root / "submitted" / "control" / LESSON / NOTEBOOK
    assert nbformat.read(control, 4).cells, "the control student's submission was changed"


def test_no_kernel_outlives_its_submission(corpus):
    assert kernels_running(GRADER_SCRATCH) == []


def test_no_connection_reached_the_machine(corpus):
    assert corpus.listener.connections == 0


def test_flags_are_plain_language(corpus):
    for _, student, reason in corpus.run.flagged:
        assert "Traceback" not in reason and len(reason) < 400, (student, reason)


# --- stock nbgrader on the same corpus ----------------------------------------------
def _stock_grade(args):
    """nbgrader's own Autograde (default preprocessors) for one submission."""
    from nbgrader.api import Gradebook

    course, student = args
    api = build.nbgrader_api(course, **{"Execute.timeout": LIMITS.cell_seconds})
    try:
        ok = api.autograde(LESSON, student, force=True, create=True)["success"]
    except Exception:  # noqa: BLE001 - stock may raise: that is an outcome too
        ok = False
    scores = (None,) * len(TESTS)
    try:
        with Gradebook(api.coursedir.db_url) as gradebook:
            nb = gradebook.find_submission_notebook(Path(NOTEBOOK).stem, LESSON, student)
            by_cell = {g.name: g.score >= g.max_score for g in nb.grades}
            scores = tuple(by_cell.get(t) for t in TESTS)
    except Exception:  # noqa: BLE001 - nothing recorded
        pass
    return student, ok, scores, _outputs_text(course, student)


@pytest.fixture(scope="module")
def stock(tmp_path_factory):
    """Each submission in a course copy of its own (stock nbgrader has no isolation)."""
    listener = Listener()
    try:
        base = write_corpus(tmp_path_factory.mktemp("stock") / "course", listener.port)
        jobs = []
        for case in CASES:
            if case.plant:  # stock nbgrader (and a plain copy) would block on its pipe
                continue
            root = base.parent / f"course-{case.name}"
            shutil.copytree(base, root, symlinks=True, ignore=_pipes)
            for other in (root / "submitted").iterdir():
                if other.name != case.name:
                    shutil.rmtree(other)
            jobs.append((root, case.name))
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            outcomes = {s: (ok, scores, text) for s, ok, scores, text in pool.map(_stock_grade, jobs)}
        yield SimpleNamespace(outcomes=outcomes, connections=listener.connections)
    finally:
        listener.close()


def _pipes(folder, names):
    """For copytree: leave named pipes out (copying one raises; reading one blocks)."""
    return [n for n in names if stat.S_ISFIFO(os.lstat(os.path.join(folder, n)).st_mode)]


def safety_table(corpus, stock):
    """The markdown table of which cases each grader handles."""
    lines = ["| case | what the submission tries | expected | `autograder grade` | "
             "stock `nbgrader autograde` |", "|---|---|---|---|---|"]
    for case in CASES:
        ours = _scores(corpus.results, case.name) == case.expected and not any(
            m in _outputs_text(corpus.root, case.name) for m in case.absent)
        flags = [r for _, s, r in corpus.run.flagged if s == case.name]
        ok, scores, text = stock.outcomes.get(case.name, (False, None, ""))
        leaked = [m for m in case.absent if m in text]
        if case.stock_varies:  # the table must stay true whichever result this run saw
            what = f"varies between runs ({case.stock_varies})"
        elif scores is None:
            what = "not run: it would block reading the pipe"
        elif leaked:
            what = f"no: the attack worked ({', '.join(leaked)})"
        elif scores == case.expected:
            what = "yes, not flagged" if case.category != "control" else "yes"
        elif None in scores:
            what = "no: nothing recorded" if not ok else "no: some tests not recorded"
        else:
            what = "no: " + _score_text(scores)
        expected = _score_text(case.expected)
        ours_text = ("yes" if ours else "NO") + (", flagged" if flags else "")
        lines.append(f"| `{case.name}` | {case.attempt} | {expected} | {ours_text} | "
                     f"{what} |")
    return "\n".join(lines)


def _score_text(scores):
    return " ".join("✓" if s else "✗" if s is False else "–" for s in scores)


def test_stock_comparison_table_is_current(corpus, stock):
    table = safety_table(corpus, stock)
    if os.environ.get("UPDATE_SAFETY_TABLE"):
        text = SAFETY_DOC.read_text()
        start, end = text.index("<!-- corpus table -->"), text.index("<!-- end corpus table -->")
        SAFETY_DOC.write_text(text[:start] + "<!-- corpus table -->\n" + table + "\n" +
                              text[end:])
    assert table in SAFETY_DOC.read_text(), (
        "docs/grading-safety.md is out of date; run UPDATE_SAFETY_TABLE=1 pytest "
        f"tests/corpus\n{table}")
