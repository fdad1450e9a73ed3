"""(b) Notebook run time: each source notebook top to bottom, with its solutions.

One nbclient run per lesson measures both numbers of the lesson:

- **run**: wall seconds of nbclient's ``NotebookClient.execute`` (kernel start, every
  cell, kernel shutdown), as ``tests/test_notebooks.py`` runs the notebook (with the
  fix for jupyter/nbclient#312: ``autograder.prompt_replies.PromptNotebookClient``);
- **hidden tests**: seconds spent inside the ``### BEGIN/END HIDDEN TESTS`` blocks of
  the lesson's test cells, timed in the kernel by two lines put around each block (so
  imports made by the first block are counted, as they are when grading).
"""
import json
import time
from dataclasses import dataclass

import nbformat
from autograder.prompt_replies import PromptNotebookClient

from autograder.course import lessons

BEGIN, END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
CLOCK = "__import__('time').perf_counter()"


@dataclass
class LessonTiming:
    lesson_id: str
    run_seconds: float      # the whole notebook, kernel start and shutdown included
    hidden_seconds: float   # all hidden-test blocks together
    by_test: dict           # test cell id -> seconds in its hidden block(s)
    errors: list            # cells that raised (none expected with the solutions)


def instrument(nb):
    """Time every hidden-test block in the kernel; a last cell prints the times as JSON."""
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.cell_type == "code" and BEGIN in cell.source:
            cell.source = cell.source.replace(BEGIN, f"{BEGIN}\n_bench_t0 = {CLOCK}").replace(
                END, f"_bench_hidden[{grade_id!r}] = _bench_hidden.get({grade_id!r}, 0.0) "
                     f"+ {CLOCK} - _bench_t0\n{END}")
    nb.cells.insert(0, nbformat.v4.new_code_cell("_bench_hidden = {}"))
    nb.cells.append(nbformat.v4.new_code_cell("import json; print(json.dumps(_bench_hidden))"))
    return nb


def time_lesson(lesson):
    """Execute the lesson's source notebook once; its ``LessonTiming``."""
    nb = instrument(nbformat.read(lesson.source_notebook, as_version=4))
    client = PromptNotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                            shutdown_kernel="immediate",
                            resources={"metadata": {"path": str(lesson.source_notebook.parent)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    errors = [f"{o.ename}: {o.evalue}" for c in nb.cells if c.cell_type == "code"
              for o in c.outputs if o.output_type == "error"]
    printed = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    by_test = json.loads(printed) if printed.strip() else {}
    return LessonTiming(lesson.id, seconds, sum(by_test.values()), by_test, errors)


def time_lessons(lesson_ids=None, runs=1):
    """``LessonTiming`` of every chosen lesson: the fastest of ``runs`` runs (the least
    disturbed by other programs), the lessons taken in turn within each round."""
    chosen = [l for l in lessons() if lesson_ids is None or l.id in lesson_ids]
    rounds = [[time_lesson(l) for l in chosen] for _ in range(runs)]
    return [min(timings, key=lambda t: t.run_seconds) for timings in zip(*rounds)]
