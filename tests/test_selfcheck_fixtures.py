"""The self-checks' public fixtures: current, free of code, and enough on their own.

``nnlib.selfcheck`` runs on the student's install, where ``autograder`` is absent: the
fixtures (course/nnlib/fixtures) must pass the instructor's solution and every correct
style, and name the catalogued mistakes from their outputs alone.
"""
import ast
import io
import json
import os
import re
import subprocess
import textwrap
from contextlib import redirect_stdout

import nbformat
import pytest

from autograder import fixtures, variants
from autograder.course import lessons
from nnlib.selfcheck import check
from tests.conftest import ROOT

STUDENT_PYTHON = ROOT / ".venv-student" / "bin" / "python"
SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)
# Mistakes whose outputs are right on every input, so no fixture can name them:
# library shortcuts (a grading rule, not a wrong value), a cache without Z (forward's
# cache is the learner's own format), the slides' λ·W convention (accepted, as by the
# hidden tests when the cost uses the slides' (λ/2)Σ‖W‖²).
UNOBSERVABLE = {"library_shortcut", "forward_cache_missing_z", "lambda_without_m"}


def _fixture_texts():
    return {p.name: p.read_text(encoding="utf-8")
            for p in (ROOT / "course" / "nnlib" / "fixtures").glob("lesson*.json")}


def test_fixtures_are_current():
    assert fixtures.build_fixtures(check=True) == [], "run `make release`"


def test_every_lesson_and_graded_function_has_fixtures():
    texts = _fixture_texts()
    assert sorted(texts) == [f"lesson{n:02d}.json" for n in range(1, 10)]
    for lesson in lessons():
        names = json.loads(texts[f"lesson{lesson.number:02d}.json"])["functions"]
        assert sorted(names) == sorted(fixtures.graded_functions(lesson))
        for name, fixture in names.items():
            assert len(fixture["cases"]) >= 1, name
            if "probe" not in fixture["cases"][0]:
                assert len(fixture["cases"]) >= 3, f"{name}: several cases"


def test_no_solution_code_reaches_the_fixtures():
    """No line over 25 characters of a source notebook's solution block is in a fixture."""
    texts = {name: " ".join(text.split()) for name, text in _fixture_texts().items()}
    for lesson in lessons():
        nb = nbformat.read(lesson.source_notebook, as_version=4)
        for cell in nb.cells:
            for block in SOLUTION.findall(cell.source):
                for line in block.splitlines():
                    line = " ".join(line.split())
                    if len(line) > 25:
                        for name, text in texts.items():
                            assert line not in text, f"{name} holds {lesson.id}'s {line!r}"


def test_fixtures_hold_plain_data_only():
    """Strings are messages, contexts, labels and names; none of them parses as code."""
    def strings(data):
        if isinstance(data, str):
            yield data
        elif isinstance(data, list):
            for v in data:
                yield from strings(v)
        elif isinstance(data, dict):
            for k, v in data.items():
                yield k
                yield from strings(v)

    for name, text in _fixture_texts().items():
        for s in strings(json.loads(text)):
            assert "def " not in s and "lambda " not in s and "import " not in s, (name, s)


def _verdict(function):
    out = io.StringIO()
    with redirect_stdout(out):
        ok = check(function)
    return ok, out.getvalue()


@pytest.mark.parametrize("lesson", lessons(), ids=lambda l: l.id[:2])
def test_every_correct_style_passes(lesson):
    module = variants.for_lesson(lesson)
    for style, answers in {"instructor": {}, **module.CORRECT}.items():
        namespace = fixtures.solution_namespace(lesson, answers)
        for name in fixtures.graded_functions(lesson):
            if style == "instructor" or name in answers:
                ok, printed = _verdict(namespace[name])
                assert ok, f"{lesson.id} {style}: {printed}"


# Run in the student's Python: only nnlib and the sources below, sent as JSON on stdin.
STUDENT_SCRIPT = textwrap.dedent('''
    import io, json, sys, warnings
    from contextlib import redirect_stdout
    import numpy as np
    try:
        import autograder
        sys.exit("autograder is importable in the student's environment")
    except ImportError:
        pass
    from nnlib.selfcheck import check
    warnings.simplefilter("ignore")
    results = []
    for job in json.load(sys.stdin):
        namespace = {"np": np, "__name__": "student"}
        for label, code in job["sources"]:
            exec(compile(code, label, "exec"), namespace)
        out = io.StringIO()
        with redirect_stdout(out):
            ok = check(namespace[job["name"]])
        results.append({"ok": ok, "printed": out.getvalue()})
    assert "autograder" not in sys.modules
    json.dump(results, sys.stdout)
''')


def _student_jobs():
    jobs = []
    for lesson in lessons():
        names = fixtures.graded_functions(lesson)
        instructor = fixtures.namespace_sources(lesson)
        jobs += [{"lesson": lesson.id, "name": n, "mistake": None, "sources": instructor}
                 for n in names]
        for m in variants.for_lesson(lesson).MISTAKES:
            if m.cell in names and m.mistake not in UNOBSERVABLE:
                jobs.append({"lesson": lesson.id, "name": m.cell, "mistake": m.mistake,
                             "sources": fixtures.namespace_sources(lesson, {m.cell: m.source})})
    return jobs


@pytest.mark.skipif(not STUDENT_PYTHON.exists(), reason="no .venv-student: run make")
def test_student_install_checks_without_the_grader():
    """In .venv-student (this checkout's nnlib first on the path), autograder cannot be
    imported, the instructor's functions pass, and every observable catalogued mistake
    is named with its code."""
    jobs = _student_jobs()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "course"), "PYTHONDONTWRITEBYTECODE": "1",
           "MPLBACKEND": "Agg"}
    done = subprocess.run([str(STUDENT_PYTHON), "-c", STUDENT_SCRIPT], cwd=ROOT / "course",
                          input=json.dumps([{k: j[k] for k in ("name", "sources")}
                                            for j in jobs]),
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout)
    wrong = []
    for job, result in zip(jobs, results):
        if job["mistake"] is None and not result["ok"]:
            wrong.append(f"{job['lesson']} instructor {job['name']}: {result['printed']}")
        if job["mistake"] is not None and f"[{job['mistake']}]" not in result["printed"]:
            wrong.append(f"{job['lesson']} {job['name']} {job['mistake']}: {result['printed']}")
    assert wrong == []
    assert sum(j["mistake"] is not None for j in jobs) > 150


def test_nnlib_never_imports_the_grader():
    for path in (ROOT / "course" / "nnlib").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.split(".")[0] == "autograder" for n in names), path


def test_the_students_distribution_ships_the_fixtures():
    import tomllib
    with open(ROOT / "course" / "pyproject.toml", "rb") as f:
        setuptools = tomllib.load(f)["tool"]["setuptools"]
    assert "nnlib.fixtures" in setuptools["packages"]
    assert setuptools["package-data"]["nnlib.fixtures"] == ["*.json"]
