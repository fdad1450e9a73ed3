"""Accessibility and polish of every lesson, as its solution notebook shows it.

- Every figure a lesson shows, interactives included (every control moved to its ends
  and through its options), has a title, labelled axes and an opaque background (so that
  it stays readable in a dark theme): each shown matplotlib figure is inspected in the
  kernel, through IPython's display formatter, before it is drawn.
- Every cell that shows a figure is followed by a markdown caption cell,
  "*Figure N. ...*", numbered in order.
- Moving the interactives' controls prints no warning and raises no error
  (tests/test_notebooks.py checks the same for the notebook run top to bottom).
- Every lesson opens with its objectives and ends with a summary, *Check yourself*
  questions, and the one-line self-check for each of its graded functions.
"""
import json
import re

import nbformat
import pytest
from autograder.prompt_replies import PromptNotebookClient

from tests.conftest import selected_lessons

LESSONS = selected_lessons()

#: Run before the lesson: wraps the PNG formatter of matplotlib figures so that every
#: figure displayed (plt.show(), the end of a cell, an interactive's Output) is described.
PRELUDE = r'''
import matplotlib.pyplot as _plt
from matplotlib.figure import Figure as _Figure
_plt.close(_plt.figure())  # loads the inline backend, which registers its formatters
_FIGURES = []


def _describe(fig):
    axes = []
    for ax in fig.axes:
        if not ax.get_visible() or ax.get_label() == "<colorbar>":
            continue
        drawn = bool(ax.lines or ax.collections or ax.images or ax.patches or ax.texts
                     or ax.tables or ax.containers)
        if not drawn:
            continue  # an unused cell of a grid
        titles = [ax.get_title(loc) for loc in ("left", "center", "right")]
        sx = [s for s in ax.get_shared_x_axes().get_siblings(ax) if s is not ax]
        sy = [s for s in ax.get_shared_y_axes().get_siblings(ax) if s is not ax]
        axes.append({
            "title": " ".join(t for t in titles if t).strip(),
            "axis_on": bool(ax.axison),
            "xlabel": ax.get_xlabel() or next((s.get_xlabel() for s in sx if s.get_xlabel()), ""),
            "ylabel": ax.get_ylabel() or next((s.get_ylabel() for s in sy if s.get_ylabel()), ""),
            "xticks": bool(ax.xaxis.get_visible() and ax.get_xticks().size),
            "yticks": bool(ax.yaxis.get_visible() and ax.get_yticks().size),
        })
    suptitle = fig._suptitle.get_text() if fig._suptitle is not None else ""
    return {"suptitle": suptitle, "axes": axes, "opaque": bool(fig.get_facecolor()[3] == 1.0)}


def _install():
    formatter = get_ipython().display_formatter.formatters["image/png"]
    original = formatter.lookup_by_type(_Figure)
    running = [""]  # the code of the cell being run

    def record(fig, *args, **kwargs):
        _FIGURES.append({"cell": running[0], **_describe(fig)})
        return original(fig, *args, **kwargs)
    formatter.for_type(_Figure, record)
    get_ipython().events.register("pre_run_cell",
                                  lambda info: running.__setitem__(0, info.raw_cell))


_install()

# Interactives redraw inside an ipywidgets Output, which keeps what they print and the
# tracebacks it catches away from the cell: record both in the kernel.
import sys as _sys
_TROUBLE = []


class _Tee:
    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        if text.strip():
            _TROUBLE.append("stderr: " + text[:300])
        return self._stream.write(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


_sys.stderr = _Tee(_sys.stderr)
_showtraceback = get_ipython().showtraceback


def _record_traceback(exc_tuple=None, *args, **kwargs):
    error = (exc_tuple or _sys.exc_info())[1]
    _TROUBLE.append(f"error: {type(error).__name__}: {error}"[:300])
    return _showtraceback(exc_tuple, *args, **kwargs)


get_ipython().showtraceback = _record_traceback
'''

#: Run after the lesson: every interactive's controls moved through their ranges.
SWEEP = r'''
import json as _json
from ipywidgets.widgets.widget import _instances as _widgets
_moves = 0
for _box in [w for w in list(_widgets.values()) if hasattr(w, "redraw")]:
    for _control in _box.children[0].children:
        _start = _control.value
        if hasattr(_control, "options") and _control.options:
            _values = [v[1] if isinstance(v, tuple) else v for v in _control.options]
            _values = list(dict.fromkeys([_values[0], _values[-1], *_values[:6]]))
        elif hasattr(_control, "min"):
            _values = [_control.min, _control.max]
        else:
            continue
        for _value in _values:
            if _value != _control.value:
                _control.value = _value   # the box redraws, as when a learner moves it
                _moves += 1
        _control.value = _start
_sys.stderr = _sys.stderr._stream
print(_json.dumps({"moves": _moves, "figures": _FIGURES, "trouble": _TROUBLE}))
'''


def run_audited(path):
    """Execute the solution notebook with the figure audit, then move every control of
    its interactives; returns (notebook, figures shown, number of control moves, what was
    written to stderr or raised, in cells and inside interactives alike)."""
    nb = nbformat.read(path, as_version=4)
    prelude = nbformat.v4.new_code_cell(PRELUDE)
    sweep = nbformat.v4.new_code_cell(SWEEP)
    run = nbformat.v4.new_notebook(cells=[prelude, *nb.cells, sweep], metadata=nb.metadata)
    PromptNotebookClient(run, timeout=60, kernel_name="python3", allow_errors=True,
                   shutdown_kernel="immediate",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in (prelude, sweep):
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"the audit itself failed: {errors[0].ename}: {errors[0].evalue}"
    stdout = "".join(o.text for o in sweep.outputs
                     if o.output_type == "stream" and o.name == "stdout")
    report = json.loads(stdout.strip().splitlines()[-1])
    return run, report["figures"], report["moves"], report["trouble"]


@pytest.fixture(scope="module")
def audited():
    cache = {}

    def get(lesson):
        if lesson.id not in cache:
            cache[lesson.id] = run_audited(lesson.source_notebook)
        return cache[lesson.id]
    return get


def figure_problems(figure):
    """What a figure lacks: a title, and on each axes with its axis drawn, both labels."""
    missing = []
    if not figure["axes"]:
        return ["an empty figure"]
    if not figure.get("opaque", True):
        missing.append("an opaque background (dark text on a transparent one is unreadable "
                       "in a dark theme)")
    titled = figure["suptitle"] or all(ax["title"] for ax in figure["axes"])
    if not titled:
        missing.append("a title (on every axes, or a suptitle)")
    for n, ax in enumerate(figure["axes"]):
        if ax["axis_on"] and ax["xticks"] and not ax["xlabel"]:
            missing.append(f"axes {n} ({ax['title'] or 'untitled'}): an x label")
        if ax["axis_on"] and ax["yticks"] and not ax["ylabel"]:
            missing.append(f"axes {n} ({ax['title'] or 'untitled'}): a y label")
    return missing


def caption_problems(run, figures):
    """Figure cells not followed by a markdown "*Figure N. ...*" caption, N in order."""
    shown = {f["cell"] for f in figures}
    cells = run.cells[1:-1]  # without the audit's own cells
    expected, problems = 1, []
    for i, cell in enumerate(cells):
        if cell.cell_type != "code" or cell.source not in shown:
            continue
        name = cell.metadata.get("nbgrader", {}).get("grade_id", f"cell {i}")
        after = cells[i + 1] if i + 1 < len(cells) else None
        if after is None or after.cell_type != "markdown":
            problems.append(f"{name}: no markdown cell after it")
            continue
        caption = re.match(r"\s*\*Figure (\d+)\b", after.source)
        if not caption:
            problems.append(f"{name}: the next cell does not start with '*Figure N.'")
        elif int(caption.group(1)) != expected:
            problems.append(f"{name}: captioned Figure {caption.group(1)}, expected {expected}")
        expected += 1
    return problems


def test_the_audit_finds_what_is_missing(tmp_path):
    """The checks below really fail: a figure without title or labels, an interactive
    that warns when its slider moves, a figure cell without a caption."""
    cells = [nbformat.v4.new_code_cell(code) for code in (
        "import matplotlib.pyplot as plt\nplt.plot([1, 2]); plt.show()",
        "import warnings, ipywidgets as W\nfrom nnlib.widgets import interactive_figure\n"
        "def draw(ax, a):\n    ax.set_title('t'); ax.set_xlabel('x'); ax.set_ylabel('y')\n"
        "    ax.plot([0, a])\n    if a > 1: warnings.warn('too far')\n"
        "interactive_figure(draw, {'a': W.FloatSlider(value=1, min=0, max=2)})")]
    cells.insert(1, nbformat.v4.new_markdown_cell("*Figure 2. Misnumbered.*"))
    path = tmp_path / "bad.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    run, figures, moves, trouble = run_audited(path)
    assert figure_problems(figures[0]) == [
        "a title (on every axes, or a suptitle)", "axes 0 (untitled): an x label",
        "axes 0 (untitled): a y label"]
    assert all(figure_problems(f) == [] for f in figures[1:]) and len(figures) >= 3
    assert moves == 2 and any("too far" in t for t in trouble), trouble
    assert caption_problems(run, figures) == [
        "cell 0: captioned Figure 2, expected 1", "cell 2: no markdown cell after it"]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.id)
def test_every_figure_has_a_title_and_labelled_axes(audited, lesson):
    run, figures, moves, _ = audited(lesson)
    grade_ids = {c.source: c.metadata.get("nbgrader", {}).get("grade_id", "?")
                 for c in run.cells if c.cell_type == "code"}
    assert figures, "the lesson shows no figure"
    problems = []
    for figure in figures:
        for missing in figure_problems(figure):
            where = "the interactives' sweep" if figure["cell"] == SWEEP \
                else grade_ids.get(figure["cell"], "?")
            problems.append(f"{where}: {missing}")
    assert sorted(set(problems)) == []


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.id)
def test_interactives_take_every_control_setting_without_a_warning(audited, lesson):
    """tests/test_notebooks.py reads the cells' outputs; what an interactive prints goes
    to its Output widget instead, so it is recorded in the kernel: nothing, at any
    setting of any control."""
    _, _, moves, trouble = audited(lesson)
    assert moves > 0, "the lesson has no interactive with controls"
    assert trouble == []


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.id)
def test_every_figure_cell_is_followed_by_a_numbered_caption(audited, lesson):
    run, figures, _, _ = audited(lesson)
    assert caption_problems(run, figures) == []


def _markdown(lesson):
    nb = nbformat.read(lesson.source_notebook, as_version=4)
    return nb, [c.source for c in nb.cells if c.cell_type == "markdown"]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.id)
def test_lesson_opens_with_objectives(lesson):
    nb, _ = _markdown(lesson)
    first = nb.cells[0]
    assert first.cell_type == "markdown"
    assert re.match(rf"# Lesson {lesson.number:02d}\b", first.source), "a '# Lesson NN' title"
    _, found, after = first.source.partition("By the end of this lesson you can")
    assert found, "the first cell lists the objectives"
    items = re.findall(r"^\s*\d+\.\s", after.strip("*\n").split("\n\n")[0], re.M)
    assert len(items) >= 3, "at least three numbered objectives"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.id)
def test_lesson_ends_with_summary_questions_and_self_check(lesson):
    nb, _ = _markdown(lesson)
    last_code = max(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    ending = "\n".join(c.source for c in nb.cells[last_code + 1:] if c.cell_type == "markdown")
    summary = ending.find("## Summary")
    questions = ending.find("## Check yourself")
    assert 0 <= summary < questions, "a '## Summary' then '## Check yourself' after the last code"
    asked = re.findall(r"^\s*\d+\..*?\?", ending[questions:], re.M | re.S)
    assert len(asked) >= 3, "at least three numbered questions"
    graded = [re.match(r"def (\w+)", c.source.lstrip()).group(1) for c in nb.cells
              if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")
              and c.source.lstrip().startswith("def ")]
    assert "from nnlib.selfcheck import check" in ending, "the one-line self-check"
    unnamed = [name for name in graded if f"`{name}`" not in ending and f"check({name})" not in ending]
    assert unnamed == [], "the self-check paragraph names every graded function"


def test_an_unanswered_exercise_shows_a_note_not_an_empty_figure(capsys):
    """An interactive that calls a learner's function still raising NotImplementedError
    says what to do instead of drawing an empty, untitled figure."""
    import ipywidgets as W
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot
    from nnlib.widgets import interactive_figure

    def sigmoid(z):
        raise NotImplementedError()

    shown = []
    interactive_figure(lambda ax, level: shown.append(sigmoid(level)),
                       {"level": W.FloatSlider(value=1.0)})
    text = capsys.readouterr().out  # (in a kernel, into the interactive's Output)
    assert not shown and "your sigmoid()" in text and "not written yet" in text
    assert not matplotlib.pyplot.get_fignums(), "the empty figure is closed, not shown"
