"""The floor: a submission's cells run by a plain Python process, no Jupyter, no nbgrader.

``python -m bench.floor NOTEBOOK SOURCE`` executes the submitted notebook with the
source's test cells put back (hidden checks included, as stock nbgrader runs them) in
one fresh process: each code cell is ``exec``'d in one namespace, and after each cell
its open figures are rendered to PNG exactly as the inline backend renders them
(``bbox_inches="tight"``, the figure's dpi), then closed. It prints one JSON line of
seconds per part, named as in ``autograder.timings``:

- ``kernel start``: here the interpreter's start, reading the notebook and the exit:
  the process's time that no cell has;
- ``imports``, ``teaching cells``, ``student cells``, ``test cells``: the cells, by
  ``autograder.timings.cell_part``;
- ``figures``: rendering every figure those cells drew.

A cell that raises is timed like the others and the run goes on, as with
``allow_errors``. The floor is what any grader must pay to run the notebook's own code
once; ``make bench`` sets the breakdown of ``autograder grade`` beside it, part by part.
"""
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from autograder.timings import cell_part


def as_graded(submitted, source):
    """The submitted notebook (a dict) with the source's test cells, hidden tests
    included, put back: what stock nbgrader's autograde executes."""
    tests = {c["metadata"]["nbgrader"]["grade_id"]: c["source"] for c in source["cells"]
             if c.get("metadata", {}).get("nbgrader", {}).get("grade")
             and not c["metadata"]["nbgrader"].get("solution")}
    for cell in submitted["cells"]:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id in tests:
            cell["source"] = tests[grade_id]
    return submitted


def _source(cell):
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


def _render_figures():
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is None:  # nothing drawn yet
        return
    for number in plt.get_fignums():
        figure = plt.figure(number)
        figure.canvas.print_figure(io.BytesIO(), format="png", bbox_inches="tight",
                                   dpi=figure.dpi, facecolor=figure.get_facecolor(),
                                   edgecolor=figure.get_edgecolor())
    plt.close("all")


def run(notebook_path, source_path):
    """Seconds per part (without ``start``) for one notebook, in this process."""
    nb = as_graded(json.loads(Path(notebook_path).read_text()),
                   json.loads(Path(source_path).read_text()))
    seconds = {"figures": 0.0}
    namespace = {"__name__": "__main__"}
    os.chdir(Path(notebook_path).parent)
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        start = time.perf_counter()
        try:
            exec(compile(_source(cell), "<cell>", "exec"), namespace)  # noqa: S102
        except BaseException:  # noqa: BLE001 - allow_errors, as nbgrader runs it
            pass
        middle = time.perf_counter()
        _render_figures()
        part = cell_part(cell)
        seconds[part] = seconds.get(part, 0.0) + middle - start
        seconds["figures"] += time.perf_counter() - middle
    return seconds


def floor_parts(notebook_path, source_path, python=sys.executable):
    """Seconds per part for one notebook, in a fresh process (``start`` included)."""
    env = dict(os.environ, MPLBACKEND="agg", OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1",
               MKL_NUM_THREADS="1")
    script = ("import time; t = time.perf_counter(); import sys, json; "
              "from bench.floor import run; "
              "parts = run(sys.argv[1], sys.argv[2]); "
              "print(json.dumps({'after_start': t, **parts}))")
    started = time.perf_counter()
    done = subprocess.run([python, "-c", script, str(notebook_path), str(source_path)],
                          capture_output=True, text=True, env=env, check=True,
                          cwd=str(Path(__file__).resolve().parent.parent))
    total = time.perf_counter() - started
    parts = json.loads(done.stdout.strip().splitlines()[-1])
    parts.pop("after_start")
    parts["kernel start"] = total - sum(parts.values())
    return parts


if __name__ == "__main__":
    print(json.dumps(floor_parts(sys.argv[1], sys.argv[2])))
