"""(a) Grading throughput: ``autograder grade`` against stock nbgrader, same class, same run.

One sample class (a deterministic slice of ``autograder.samples``) is written once and
copied, so every contender grades the very same files:

- **stock**: the nbgrader CLI, ``nbgrader autograde LESSON`` for each lesson in turn (one
  process per lesson, submissions one after another), then ``nbgrader generate_feedback
  LESSON``, with the course's own ``nbgrader_config.py`` (same kernel settings);
- **ours**: ``autograder grade --course DIR --workers N`` (autograde, feedback and
  grades.csv, on a pool of N workers);
- **nbclient**: the bare execution of the same notebooks as nbgrader runs them (the
  submitted notebook with the source's hidden tests put back), one nbclient
  ``NotebookClient`` each (with the grader's fix for jupyter/nbclient#312, so that
  the baseline does not stall where ours does not), kernel start and shutdown
  included, N at a time with the same kernel settings.

Times are wall-clock seconds of the whole command, process start-up included.
"""
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

import numpy as np

from autograder import build, samples
from autograder.course import ROOT, lessons

BIN = Path(sys.executable).parent


@dataclass
class Timing:
    """One timed command: wall seconds, and how many submissions it graded."""

    label: str
    wall: float
    submissions: int

    @property
    def per_submission(self):
        return self.wall / self.submissions


def choose_students(lesson_ids=None, per_lesson=6):
    """A deterministic slice of the full sample class: ``per_lesson`` students per lesson,
    evenly spaced over that lesson's list (the instructor first, correct styles, mistakes,
    blank, half-done, syntax error last), so every kind of submission is represented.
    Ordered round-robin over lessons, so that any prefix covers as many lessons as it can."""
    by_lesson = []
    for lesson in lessons():
        if lesson_ids is None or lesson.id in lesson_ids:
            everyone = samples.students_for(lesson)
            picks = np.unique(np.linspace(0, len(everyone) - 1, per_lesson).round().astype(int))
            by_lesson.append([everyone[i] for i in picks])
    return [group[i] for i in range(per_lesson) for group in by_lesson if i < len(group)]


def write_class(root, students):
    """A fresh nbgrader course at ``root``: release and gradebook of the students' lessons,
    and their submissions under ``submitted/``."""
    root = Path(root)
    build.release_into(root, sorted({s.lesson_id for s in students}))
    for student in students:
        samples.write_submission(student, root, release_root=root / "release")
    return root


def copy_class(pristine, target, students=None):
    """A copy of the pristine course (optionally with only ``students`` submitted)."""
    target = Path(target)
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(pristine, target, symlinks=True)
    if students is not None:
        keep = {(s.student, s.lesson_id) for s in students}
        for folder in target.glob("submitted/*/*"):
            if (folder.parent.name, folder.name) not in keep:
                shutil.rmtree(folder)
    return target


def _env():
    env = dict(os.environ)
    env["PATH"] = str(BIN) + os.pathsep + env.get("PATH", "")  # nbgrader runs `alembic`
    return env


def timed(label, commands, cwd, submissions):
    """Run ``commands`` one after another; their wall seconds, summed."""
    start = time.perf_counter()
    for command in commands:
        done = subprocess.run(command, cwd=cwd, env=_env(), capture_output=True, text=True)
        if done.returncode not in (0, 1):  # 1: `autograder grade` flagged a submission
            raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{done.stderr[-3000:]}")
    return Timing(label, time.perf_counter() - start, submissions)


STOCK_CONFIG = """\
# Stock nbgrader on a copy of the course: the course's own configuration, this root.
c = get_config()  # noqa: F821
load_subconfig({config!r})  # noqa: F821
c.CourseDirectory.root = {root!r}
c.CourseDirectory.db_url = {db_url!r}
"""


def grade_stock(course, lesson_ids, submissions):
    """Stock nbgrader, sequential: (autograde timing, generate_feedback timing)."""
    course = Path(course).resolve()
    (course / "nbgrader_config.py").write_text(STOCK_CONFIG.format(
        config=str(ROOT / "nbgrader_config.py"), root=str(course),
        db_url="sqlite:///" + str(course / "gradebook.db")))
    nbgrader = str(BIN / "nbgrader")
    autograde = timed("nbgrader autograde", [[nbgrader, "autograde", l] for l in lesson_ids],
                      course, submissions)
    feedback = timed("nbgrader generate_feedback",
                     [[nbgrader, "generate_feedback", l] for l in lesson_ids], course, submissions)
    return autograde, feedback


def grade_ours(course, workers, submissions, figures=False):
    """``autograder grade --course COURSE --workers N`` (the project's grading command),
    with ``--figures`` when ``figures``."""
    command = [sys.executable, "-m", "autograder.cli", "grade", "--course", str(course)]
    if workers:
        command += ["--workers", str(workers)]
    if figures:
        command.append("--figures")
    return timed(f"autograder grade --workers {workers or 'default'}"
                 f"{' --figures' if figures else ''}", [command], course, submissions)


def worker_timings(course):
    """The ``{part: seconds}`` breakdown of every submission, from the grader's markers."""
    return [json.loads(marker.read_text()).get("timings", {})
            for marker in Path(course).glob("autograded/*/*/.autograder.json")]


def floor_timings(course, students):
    """The floor's ``{part: seconds}`` of every submission (``bench.floor``), one after
    another: the same cells in a plain Python process."""
    from .floor import floor_parts

    by_id = {lesson.id: lesson for lesson in lessons()}
    return [floor_parts(Path(course, "submitted", s.student, s.lesson_id,
                             by_id[s.lesson_id].notebook_name),
                        by_id[s.lesson_id].source_notebook) for s in students]


def worker_seconds(course):
    """Seconds each submission spent in its grading worker, from the grader's markers
    (``autograded/*/*/.autograder.json``); None if the grader no longer records them."""
    seconds = []
    for marker in Path(course).glob("autograded/*/*/.autograder.json"):
        recorded = json.loads(marker.read_text()).get("seconds")
        if recorded is None:
            return None
        seconds.append(float(recorded))
    return seconds or None


# --- the bare execution baseline -------------------------------------------------------
def execute_settings():
    """The course's nbgrader ``Execute`` settings, as nbclient keyword arguments."""
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config().Execute
    keys = ("timeout", "startup_timeout", "shutdown_kernel", "extra_arguments")
    return {key: config[key] for key in keys if key in config}


def as_graded(submitted, source):
    """The submitted notebook with the source's test cells (hidden tests included) put
    back, as nbgrader's autograde executes it."""
    tests = {c.metadata["nbgrader"]["grade_id"]: c.source for c in source.cells
             if c.metadata.get("nbgrader", {}).get("grade")
             and not c.metadata["nbgrader"].get("solution")}
    for cell in submitted.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in tests:
            cell.source = tests[grade_id]
    return submitted


def execute_one(notebook_path, source_path, settings):
    """Seconds to execute one notebook with nbclient, kernel start and shutdown included."""
    import nbformat
    from autograder.prompt_replies import PromptNotebookClient

    nb = as_graded(nbformat.read(notebook_path, as_version=4),
                   nbformat.read(source_path, as_version=4))
    client = PromptNotebookClient(nb, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(Path(notebook_path).parent)}},
                            **settings)
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def execute_bare(course, students, workers):
    """nbclient executions of the submitted notebooks, ``workers`` at a time.

    Returns (Timing of the whole batch, list of per-notebook seconds)."""
    by_id = {lesson.id: lesson for lesson in lessons()}
    jobs = [(Path(course, "submitted", s.student, s.lesson_id, by_id[s.lesson_id].notebook_name),
             by_id[s.lesson_id].source_notebook) for s in students]
    settings = execute_settings()
    with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
        list(pool.map(_warm_up, range(workers)))  # imports, outside the timing
        start = time.perf_counter()
        seconds = list(pool.map(execute_one, *zip(*jobs), [settings] * len(jobs)))
        wall = time.perf_counter() - start
    return Timing(f"nbclient, {workers} at a time", wall, len(jobs)), seconds


def _warm_up(_):
    import nbclient  # noqa: F401
    import nbformat  # noqa: F401


# --- the whole of (a) and the data of the scaling curve ---------------------------------
@dataclass
class GradingResult:
    submissions: int
    lessons: int
    workers: int                  # `autograder grade`'s default: the machine's cores
    ours: Timing
    stock_autograde: Timing
    stock_feedback: Timing
    bare: Timing
    worker_median: float | None   # median seconds per submission in a grading worker
    bare_median: float            # median seconds per notebook, bare nbclient
    scaling: dict                 # workers -> [(submissions, wall seconds), ...]
    ours_walls: list              # wall seconds of each of our two runs
    ours_figures: Timing | None = None  # `autograder grade --figures`: figures drawn
    breakdown: list = field(default_factory=list)  # {part: s} per submission, our runs
    floor: list = field(default_factory=list)      # {part: s} per submission, the floor


def measure(sizes, work, log=print):
    """Grade one class with every contender, then slices of it for the scaling curve.

    With ``sizes.ours_runs`` = 2 our command runs before and after the others (A-B-A)
    and its times are averaged, so that a drifting load affects both sides alike."""
    work = Path(work)
    students = choose_students(sizes.lesson_ids, sizes.per_lesson)
    lesson_ids = sorted({s.lesson_id for s in students})
    n, workers = len(students), os.cpu_count() or 1
    log(f"    writing a class of {n} submissions over {len(lesson_ids)} lessons")
    pristine = write_class(work / "pristine", students)
    ours, per_submission, breakdown = [], [], []
    for run in range(1, sizes.ours_runs + 1):
        if run == min(2, sizes.ours_runs):
            log(f"    bare nbclient execution, {workers} at a time")
            bare, bare_seconds = execute_bare(pristine, students, workers)
            log("    stock nbgrader autograde + generate_feedback, sequential")
            stock_autograde, stock_feedback = grade_stock(copy_class(pristine, work / "stock"),
                                                          lesson_ids, n)
            log("    autograder grade --figures (figures drawn, as stock draws them)")
            with_figures = grade_ours(copy_class(pristine, work / "figures"), None, n,
                                      figures=True)
        log(f"    autograder grade (default workers), run {run} of {sizes.ours_runs}")
        course = copy_class(pristine, work / f"ours-{run}")
        ours.append(grade_ours(course, None, n))
        per_submission += worker_seconds(course) or []
        breakdown += worker_timings(course)
    log("    the floor: the same cells in a plain Python process, one after another")
    floor = floor_timings(pristine, students)
    ours_mean = Timing(ours[0].label, float(np.mean([t.wall for t in ours])), n)
    scaling = {workers: [(n, ours_mean.wall)]}
    for count in sizes.scaling_counts:
        for w in sorted({1, 2, workers}):
            log(f"    scaling: {count} submissions, {w} worker(s)")
            course = copy_class(pristine, work / f"scale-{count}-{w}", students[:count])
            scaling.setdefault(w, []).append((count, grade_ours(course, w, count).wall))
            shutil.rmtree(course, ignore_errors=True)
    return GradingResult(n, len(lesson_ids), workers, ours_mean, stock_autograde,
                         stock_feedback, bare,
                         float(np.median(per_submission)) if per_submission else None,
                         float(np.median(bare_seconds)), scaling, [t.wall for t in ours],
                         with_figures, breakdown, floor)
