"""Shared fixtures. The expensive one, ``graded_class``, runs the real nbgrader
autograde once per test session over the whole sample class (every lesson's correct
styles, mistakes, blank and half-done work) and hands the results to many tests."""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
#: LESSONS=02_chain_rule,03_delta_recurrences restricts the slow, per-lesson tests.
LESSON_IDS = os.environ.get("LESSONS", "").split(",") if os.environ.get("LESSONS") else None


def selected_lessons():
    from autograder.course import lessons
    return [l for l in lessons() if LESSON_IDS is None or l.id in LESSON_IDS]

# nbgrader runs helper scripts (alembic) by name: put this interpreter's scripts first.
os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]
# Kernels started by the tests: one BLAS thread each, as the grading workers use.
for _key in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_key, "1")


#: the last whole run of the suite: wall time, outcome, commit (make bench prints it)
SUITE_RECORD = ARTIFACTS / "suite.json"


def pytest_sessionstart(session):
    session.config._suite_started = time.time()


def ran_whole(config):
    """Whether this session runs the whole suite: every test path, and no -k, -m, -x,
    --maxfail or LESSONS."""
    return all([sorted(config.args) == sorted(config.getini("testpaths")),
                not config.getoption("keyword"), not config.getoption("markexpr"),
                not config.getoption("maxfail"), LESSON_IDS is None])


def pytest_sessionfinish(session, exitstatus):
    """Record how long the whole suite took, for ``make bench`` (issue 16: ``make test``
    under 20 minutes)."""
    import json

    from bench import SUITE_RECORD

    config = session.config
    if not (hasattr(config, "_suite_started") and ran_whole(config)):
        return
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    counts = {key: len(reporter.stats.get(key, [])) for key in ("passed", "failed",
                                                                "error", "skipped")} \
        if reporter else {}
    SUITE_RECORD.parent.mkdir(exist_ok=True)
    SUITE_RECORD.write_text(json.dumps({
        "seconds": round(time.time() - config._suite_started, 1), "exit": int(exitstatus),
        "commit": commit, "finished": time.strftime("%Y-%m-%d %H:%M"), **counts}) + "\n")


#: every grading worker's scratch folders start with this (``autograder.worker``)
GRADER_SCRATCH = os.path.join(tempfile.gettempdir(), "grade-")


def kernels_running(under):
    """PIDs of kernel processes whose connection file lies under the folder ``under``
    (the grader keeps each kernel's sockets and connection file in its scratch folder)."""
    under, found = str(under), []
    for proc in Path("/proc").iterdir():
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:  # not a process, or it just ended
            continue
        args = [a.decode(errors="replace") for a in argv]
        if any("ipykernel" in a for a in args) and any(a.startswith(under) for a in args):
            found.append(int(proc.name))
    return found


@pytest.fixture(scope="session")
def dask_cluster(tmp_path_factory):
    """A Dask scheduler and two workers on loopback, each a process of its own started
    by the ``dask`` command, as a department starts them on other machines. Yields the
    scheduler's address and the workers' PIDs."""
    from dask.distributed import Client

    dask = Path(sys.executable).parent / "dask"
    address_file = tmp_path_factory.mktemp("dask") / "scheduler.json"
    # Each grading job runs in a child of the worker (autograder.worker.grade_within_limit):
    # Dask's worker processes must not be daemonic, as the README tells departments.
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
    processes = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", "0",
                                   "--no-dashboard", "--scheduler-file", address_file],
                                  **quiet)]
    try:
        deadline = time.monotonic() + 60
        while not address_file.exists():
            assert time.monotonic() < deadline, "the Dask scheduler did not start"
            time.sleep(0.2)
        for name in ("w1", "w2"):
            processes.append(subprocess.Popen(
                [dask, "worker", "--scheduler-file", address_file, "--nthreads", "1",
                 "--host", "127.0.0.1", "--no-dashboard", "--name", name], **quiet))
        with Client(scheduler_file=str(address_file), timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
            address = client.scheduler.address
            pids = set(client.run(os.getpid).values())
        yield address, pids
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=60)


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory, dask_cluster):
    """The demo's sample class, written, autograded and given feedback in a scratch
    course by the very code ``make demo`` runs (``autograder.demo.run_demo``), its
    workers on the loopback Dask cluster (``autograder grade --scheduler ADDRESS``)."""
    from autograder.demo import run_demo

    address, _ = dask_cluster
    return run_demo(tmp_path_factory.mktemp("course") / "demo", LESSON_IDS,
                    log=lambda *_: None, scheduler=address)


@pytest.fixture(scope="session")
def student_image_env(tmp_path_factory):
    """A plain venv holding what the student image holds: the image's build context
    (course/ and deploy/student/) copied, then deploy/student/install.sh run with the
    venv first on PATH, as the Dockerfile runs it. ``env`` runs commands there, with a
    home of its own."""
    base = tmp_path_factory.mktemp("student-image")
    context = base / "context"
    leftovers = shutil.ignore_patterns("__pycache__", "build", "*.egg-info")
    shutil.copytree(ROOT / "course", context / "course", ignore=leftovers)
    shutil.copytree(ROOT / "deploy" / "student", context / "deploy" / "student",
                    ignore=leftovers)
    prefix = base / "venv"
    venv.create(prefix, with_pip=True)
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "VIRTUAL_ENV", "JUPYTER_PATH", "JUPYTER_CONFIG_DIR")}
    # a home of its own, and the user's pip cache (wheels are not downloaded again)
    env.setdefault("PIP_CACHE_DIR", str(Path.home() / ".cache" / "pip"))
    env.update(PATH=f"{prefix / 'bin'}:/usr/bin:/bin", HOME=str(base / "home"))
    (base / "home").mkdir()
    done = subprocess.run(["sh", "deploy/student/install.sh"], cwd=context, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return SimpleNamespace(prefix=prefix, python=str(prefix / "bin" / "python"), env=env,
                           home=base / "home", base=base)
