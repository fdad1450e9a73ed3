"""The table of ratios: rows built from the measurements, printed and written as Markdown."""
import math
import os
import platform
import time
from dataclasses import dataclass
from importlib import metadata


@dataclass
class Row:
    """One line of the table: ``ratio`` compared with ``target`` by ``sense``.

    sense ">=": the ratio must be at least the target (a speed-up); "<=": at most (a
    slow-down or a share of a budget); None: shown for information, no target.
    """

    key: str            # stable id, e.g. "a.throughput"
    what: str           # what is measured, and how the ratio is formed
    ours: str           # our measurement, with units
    other: str          # the alternative's measurement (or the budget)
    ratio: float | None
    sense: str | None = None
    target: float | None = None
    why_if_missed: str = ""

    @property
    def met(self):
        if self.sense is None or self.ratio is None or not math.isfinite(self.ratio):
            return None
        return self.ratio >= self.target if self.sense == ">=" else self.ratio <= self.target

    def cells(self):
        ratio = "n/a" if self.ratio is None else f"{self.ratio:.2f}×"
        target = "—" if self.sense is None else f"{self.sense} {self.target:g}×"
        met = {True: "yes", False: "**no**", None: "—"}[self.met]
        return [self.key, self.what, self.ours, self.other, ratio, target, met]


HEADER = ["row", "measurement (ratio = …)", "ours", "alternative", "ratio", "target", "met"]


def seconds(s):
    if s is None or not math.isfinite(s):
        return "n/a"
    return f"{s * 1e6:.0f} µs" if s < 1e-3 else f"{s * 1e3:.2f} ms" if s < 1 else f"{s:.1f} s"


def grading_rows(g):
    """Rows of (a) from ``bench.grading.GradingResult``."""
    n = g.submissions
    stock_both = g.stock_autograde.wall + g.stock_feedback.wall
    rows = [
        Row("a.throughput", f"grading throughput, {n} submissions over {g.lessons} lessons: "
            f"stock sequential `nbgrader autograde` wall time / `autograder grade` "
            f"(default workers: {g.workers}) wall time (mean of its runs: "
            f"{', '.join(seconds(w) for w in g.ours_walls)})",
            seconds(g.ours.wall), seconds(g.stock_autograde.wall),
            g.stock_autograde.wall / g.ours.wall, ">=", 3.0,
            "each submission still starts a Jupyter kernel of its own (IPython, numpy and "
            "matplotlib's inline backend: the largest part of the breakdown below, about "
            "four plain interpreter starts) and runs every teaching cell, as stock does; "
            "ours adds the feedback page (counted on stock's side in row "
            "a.throughput+feedback), and 2 workers on 2 cores give less than 2× (row "
            "d.workers). Only a kernel started once and forked per submission would remove "
            "the kernel's start, and it must never share a process or a file between two "
            "students"),
        Row("a.throughput+feedback", "the same, stock counted with `nbgrader generate_feedback` "
            "(our command writes feedback too): (autograde + generate_feedback) / ours",
            seconds(g.ours.wall), seconds(stock_both), stock_both / g.ours.wall, ">=", 3.5,
            "see a.throughput"),
    ]
    if g.ours_figures is not None:
        rows += [
            Row("a.throughput-figures", "the same with figures drawn as stock draws them: "
                "stock `nbgrader autograde` / `autograder grade --figures`",
                seconds(g.ours_figures.wall), seconds(g.stock_autograde.wall),
                g.stock_autograde.wall / g.ours_figures.wall),
            Row("a.figures", "the cost of drawing figures while grading: `autograder grade "
                "--figures` / `autograder grade` (no grade depends on a figure)",
                seconds(g.ours_figures.wall), seconds(g.ours.wall),
                g.ours_figures.wall / g.ours.wall)]
    if g.cells:
        shown = "; ".join(f"{student} {lesson} {cell}: stock {a}, ours {b}"
                          for student, lesson, cell, a, b in g.differences[:5])
        rows.append(Row(
            "a.same-grades", f"test cells whose score differs from stock nbgrader's on the "
            f"same class ({g.cells} test cells) / test cells compared",
            f"{len(g.differences)} differ", f"{g.cells} cells", len(g.differences) / g.cells,
            "<=", 0.0, f"these cells differ: {shown}"))
    if g.breakdown and g.floor:
        ours = _mean_total(g.breakdown, without=("recording",))
        floor = _mean_total(g.floor, without=("figures",))
        rows.append(Row(
            "a.floor", "per-submission worker time over the floor: mean seconds a "
            "submission spends in its worker (every part of the breakdown but the "
            "coordinator's recording) / mean seconds of the same cells in a plain Python "
            "process, figures not drawn (`bench.floor`)",
            seconds(ours), seconds(floor), ours / floor, "<=", 1.5,
            "the kernel's start (a Jupyter kernel with IPython, matplotlib's inline "
            "backend and its connection) costs several plain interpreter starts, and "
            "nbgrader's own steps and the feedback page have no counterpart in the floor: "
            "see the breakdown"))
    if g.worker_median is not None:
        rows.append(Row(
            "a.overhead", "per-submission overhead: median seconds a submission spends in "
            "its grading worker / median seconds of a bare nbclient run of the same notebook "
            "(figures not drawn on either side) "
            f"(kernel start to shutdown), both {g.workers} at a time",
            seconds(g.worker_median), seconds(g.bare_median), g.worker_median / g.bare_median,
            "<=", 1.3, "around the same kernel start and cells, each submission also pays "
            "nbgrader's own steps (sanitizing, overwriting cells, saving grades, a scratch "
            "gradebook) and the feedback page: the breakdown below gives this run's "
            "seconds for each"))
    else:
        rows.append(Row("a.overhead", "per-submission overhead over bare nbclient: the grader "
                        "no longer records per-submission seconds", "n/a",
                        seconds(g.bare_median), None, "<=", 1.3))
    return rows


def budget_rows(demo_seconds, suite):
    """The two time budgets: ``make demo`` (timed by this run, or None when not) and the
    last whole ``make test`` (``suite``: the record tests/conftest.py writes, or None)."""
    demo = Row("a.demo", "`make demo` with `.venv` present (the sample class's short tour "
               "graded, feedback, report): wall time / the 60 s budget",
               seconds(demo_seconds) if demo_seconds else "not timed in this run", "60 s",
               demo_seconds / 60 if demo_seconds else None, "<=", 1.0,
               "the machine was busy, or the demo grew")
    if suite:
        test = Row("a.test-suite", "the last whole `make test` in this checkout (commit "
                   f"{suite['commit']}, finished {suite['finished']}: {suite.get('passed', 0)} "
                   f"passed, {suite.get('failed', 0) + suite.get('error', 0)} failed, "
                   f"{suite.get('skipped', 0)} skipped): pytest's wall time / the 20 min "
                   "budget", f"{suite['seconds'] / 60:.1f} min", "20 min",
                   suite["seconds"] / 1200, "<=", 1.0,
                   "the whole sample class graded on a Dask cluster (the slowest fixture) "
                   "and the browser tests take most of it")
    else:
        test = Row("a.test-suite", "the last whole `make test` in this checkout: none "
                   "recorded yet (tests/conftest.py writes test-artifacts/suite.json)",
                   "not run", "20 min", None, "<=", 1.0)
    return [demo, test]


def _mean_total(per_submission, without=()):
    return sum(sum(v for k, v in t.items() if k not in without)
               for t in per_submission) / len(per_submission)


def breakdown_table(g):
    """Where a submission's time goes: our parts (median and mean over every submission of
    our runs) beside the floor's (mean), as Markdown."""
    from statistics import fmean, median

    from autograder.timings import PARTS

    parts = [p for p in PARTS if any(p in t for t in g.breakdown)]
    parts += ["figures"] if any("figures" in t for t in g.floor) else []
    lines = ["| part | ours, median | ours, mean | floor, mean | ours / floor |",
             "| --- | --- | --- | --- | --- |"]
    for part in parts:
        ours = [t.get(part, 0.0) for t in g.breakdown]
        floor = [t[part] for t in g.floor if part in t]
        mean_floor = fmean(floor) if floor else None
        ratio = f"{fmean(ours) / mean_floor:.2f}×" if mean_floor else "—"
        note = " (not drawn while grading)" if part == "figures" else ""
        lines.append(f"| {part}{note} | {seconds(median(ours))} | {seconds(fmean(ours))} | "
                     f"{seconds(mean_floor) if mean_floor is not None else '—'} | {ratio} |")
    lines.append(f"| **total** | | {seconds(_mean_total(g.breakdown))} | "
                 f"{seconds(_mean_total(g.floor))} | "
                 f"{_mean_total(g.breakdown) / _mean_total(g.floor):.2f}× |")
    return "\n".join(lines)


def notebook_rows(timings):
    """Rows of (b): the slowest lesson's run and hidden tests, against their budgets."""
    slowest = max(timings, key=lambda t: t.run_seconds)
    hidden = max(timings, key=lambda t: t.hidden_seconds)
    return [
        Row("b.run", f"slowest lesson top to bottom with its solutions ({slowest.lesson_id}, "
            "kernel start included) / the 10 s budget", seconds(slowest.run_seconds), "10 s",
            slowest.run_seconds / 10, "<=", 1.0,
            "the lesson's own computations (training runs, plots) on this machine at the "
            "load sampled above; the lessons table shows every lesson"),
        Row("b.hidden", f"slowest lesson's hidden tests in total ({hidden.lesson_id}) / the "
            "2 s budget", seconds(hidden.hidden_seconds), "2 s", hidden.hidden_seconds / 2,
            "<=", 1.0, "the checks' reference computations; the lessons table names the "
            "slowest test cell"),
    ]


NUMERICS_TARGETS = {"MLP": 1.5, "conv2d": 3.0}
NUMERICS_WHY = {
    "MLP": "on a batch this small each elementwise pass over the arrays costs about as "
           "much as a matrix product, and nnlib's overflow-safe sigmoid makes several "
           "(abs, exp, a division, where) where PyTorch fuses one kernel",
    "conv2d": "im2col copies every window; col2im adds one strided slice per filter offset",
}


def numerics_rows(n):
    """Rows of (c) from ``bench.numerics`` output."""
    rows = []
    for i, r in enumerate(n["rows"]):
        kind = r["name"].split()[0]
        if r["torch"] is None:
            rows.append(Row(f"c.{i + 1}", f"{r['name']}: nnlib / PyTorch (torch not installed: "
                            "`make bench` installs it)", seconds(r["nnlib"]), "not installed",
                            None, "<=", NUMERICS_TARGETS[kind]))
            continue
        rows.append(Row(f"c.{i + 1}", f"{r['name']}, float64, 1 thread: nnlib / PyTorch "
                        f"{n['torch']} (results agree to {r['agreement']:.0e})",
                        seconds(r["nnlib"]), seconds(r["torch"]), r["nnlib"] / r["torch"],
                        "<=", NUMERICS_TARGETS[kind], NUMERICS_WHY[kind]))
    return rows


def scaling_rows(g, curve):
    """Information rows of (d), read off the two curves."""
    rows = []
    by_workers = {w: dict(pairs) for w, pairs in g.scaling.items()}
    common = sorted(set.intersection(*(set(p) for p in by_workers.values()))) \
        if len(by_workers) > 1 else []
    if common:
        n, few, many = common[-1], min(by_workers), max(by_workers)
        rows.append(Row("d.workers", f"{n} submissions: wall time with {few} worker / with "
                        f"{many} workers (speed-up from parallel workers)",
                        seconds(by_workers[many][n]), seconds(by_workers[few][n]),
                        by_workers[few][n] / by_workers[many][n]))
    p, a, b = curve["parameters"][-1], curve["numerical"][-1], curve["backprop"][-1]
    rows.append(Row("d.gradcheck", f"one gradient of a {p}-parameter network: numerical "
                    "(central differences) / backprop", seconds(b), seconds(a), a / b))
    return rows


def table(rows, markdown=True):
    lines = [HEADER] + [r.cells() for r in rows]
    if markdown:
        return "\n".join("| " + " | ".join(c.replace("|", "\\|") for c in line) + " |"
                         for line in [lines[0], ["---"] * len(HEADER)] + lines[1:])
    widths = [min(max(len(line[i]) for line in lines), 70) for i in range(len(HEADER))]
    out = []
    for line in lines:
        cells = [c if len(c) <= w else c[:w - 1] + "…" for c, w in zip(line, widths)]
        out.append("  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip())
    return "\n".join(out)


def lesson_table(timings):
    lines = ["| lesson | run top to bottom | hidden tests | slowest hidden test |",
             "| --- | --- | --- | --- |"]
    for t in timings:
        slow = max(t.by_test.items(), key=lambda kv: kv[1], default=("—", 0.0))
        flag = f" (errors: {'; '.join(t.errors)[:80]})" if t.errors else ""
        lines.append(f"| {t.lesson_id} | {seconds(t.run_seconds)}{flag} | "
                     f"{seconds(t.hidden_seconds)} | {slow[0]} ({seconds(slow[1])}) |")
    return "\n".join(lines)


def versions(torch_version):
    names = ["nbgrader", "nbclient", "jupyter_client", "ipykernel", "numpy"]
    found = [f"{name} {metadata.version(name)}" for name in names]
    return ", ".join([f"Python {platform.python_version()}"] + found
                     + [f"torch {torch_version or 'not installed'}"])


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def markdown(rows, timings, numerics, plots, minutes, loads, breakdown=""):
    """The whole of docs/benchmarks.md (``breakdown``: :func:`breakdown_table`)."""
    missed = [r for r in rows if r.met is False]
    notes = "\n".join(f"- **{r.key}**: measured {r.ratio:.2f}× against a target of "
                      f"{r.sense} {r.target:g}×. Why: {r.why_if_missed}." for r in missed)
    images = "\n\n".join(f"![{title}]({path})" for title, path in plots)
    return f"""# Benchmarks

Speed measured against what users would otherwise use, **side by side in one run on one
machine**: only the ratios mean something; the seconds depend on the machine and on
whatever else it was doing. Written by `make bench` on {time.strftime('%Y-%m-%d')}; the
run took {minutes:.0f} min.

Machine: {os.cpu_count()} cores ({cpu_model()}), shared with other work while measured:
its 1-minute load average, sampled between the phases, went from {min(loads):.1f} to
{max(loads):.1f}.
{versions(numerics.get('torch'))}. Every process ran with one BLAS/OpenMP thread
(`OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=MKL_NUM_THREADS=1`, `torch.set_num_threads(1)`).

**Reproduce:** `make bench` from a fresh clone (it installs the `bench` extra, a CPU
build of PyTorch 2.13.0, into `.venv`, then runs `python -m bench`, which prints this
table and rewrites this page and its plots). `make test` runs a tiny version of the same
code (`tests/bench/`) so that the bench cannot rot.

## Ratios

{table(rows)}

## Targets not met

{notes or "None: every target is met."}

## What is measured

- **a. Grading throughput.** One sample class (`autograder.samples`, evenly spaced over
  each lesson's students: the instructor's solution, correct styles, catalogued mistakes,
  blank, half-done and syntax-error work) is written once and copied, so every contender
  grades the same files. *Stock* is the nbgrader command line, `nbgrader autograde LESSON`
  for each lesson in turn, then `nbgrader generate_feedback LESSON`, with the course's own
  `nbgrader_config.py` (same kernel settings, immediate kernel shutdown). *Ours* is
  `autograder grade --course DIR` with its default worker count (autograde, feedback and
  `grades.csv`). Times are wall-clock times of the whole commands, process start-up
  included. Our command runs once before the others and once after (A-B-A), and the
  mean of the two is reported, so that a drifting load affects both sides alike.
- **a.overhead.** *Worker time* is what `autograder grade` records for each submission
  (`seconds` in `autograded/STUDENT/LESSON/.autograder.json`: scratch course, nbgrader
  autograde with its kernel, feedback). The baseline is nbclient's `NotebookClient.execute`
  (with the grader's fix for jupyter/nbclient#312, a reply noticed only when a poll
  times out) on the same notebook as nbgrader runs it (the submission with the source's hidden tests
  put back), kernel start to kernel shutdown, with the course's `Execute` settings, the
  same number at a time. Ratio = median worker time / median nbclient time (medians: a
  single stalled kernel start must not decide the ratio).
- **b. Notebook run time.** Each source notebook with its solutions, executed with
  nbclient (kernel start and shutdown included), as `tests/test_notebooks.py` runs it;
  the fastest of two runs.
  Hidden tests are timed inside the same kernel, around each
  `### BEGIN/END HIDDEN TESTS` block.
- **c. nnlib against PyTorch.** Both in one process, float64, one thread; best per-call
  time over repeated timeit loops, the two sides' loops alternating; their results agree
  to the precision shown. MLP: `nnlib.mlp.loss_and_grads` (forward, cost, backward) of
  lesson 06's 64-25-10 sigmoid network on the digits' training split, against the same
  network with PyTorch autograd. conv2d: nnlib's im2col convolution (`nnlib.conv_plots.im2col`
  and one matrix product; backward `dW = dout·colsᵀ` and a col2im scatter-add, as lesson
  08's im2col answer) against `torch.nn.functional.conv2d` and its backward, at lesson 08's
  sizes (its im2col timing batch, and its ball model).
- **d. Scaling.** `autograder grade --workers N` on growing slices of the same class
  (every slice holds all eight lessons, so the fixed costs are the same at every point);
  one numerical gradient (`nnlib.gradcheck.numerical_param_grads`) against one backprop
  for 8-h-1 networks on 16 examples, as in lesson 04.
- **e. Beyond one machine** (`make bench-scaling` only). The whole sample class graded by
  `autograder grade --workers N`, on the local pool and with `--scheduler local` (a Dask
  scheduler and N worker processes on loopback, as across machines), for N = 1, 2, 4.
  Rate per core = submissions / wall seconds / min(N, cores). The prediction for 1,000
  students on 10 machines assumes each machine runs one Dask worker per core at the best
  rate per core measured here, and the scheduler is not the bottleneck.

## Where a submission's time goes

Each part is measured where it happens (`autograder.timings`, recorded for every
submission in its marker, `autograded/STUDENT/LESSON/.autograder.json`): the job's
process, its preparation, the sandboxed kernel's start and stop, the cells by kind (a
test cell's time includes its hidden checks, run by the grader), nbgrader's steps around
the execution, the feedback page, and the coordinator's recording in the course's
gradebook. The **floor** (`bench.floor`) runs the same cells, the source's test cells
put back, in one plain Python process with no Jupyter and no nbgrader, and renders every
figure as the inline backend would; its *kernel start* is the interpreter's start. While
grading, figures are not drawn (no grade depends on one); `--figures` draws them (rows
a.figures and a.throughput-figures).

{breakdown or "(not measured in this run)"}

## Lessons

{lesson_table(timings)}

## Scaling curves

{images}
"""
