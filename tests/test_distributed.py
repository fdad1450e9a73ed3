"""Grading through a Dask distributed cluster: a scheduler and two workers on loopback,
started as separate processes the way a department would start them on other machines."""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.demo import run_demo

pytest.importorskip("distributed")
DASK = Path(sys.executable).parent / "dask"
LESSONS = ["01_need_for_optimization", "02_chain_rule"]


@pytest.fixture
def cluster(tmp_path):
    from dask.distributed import Client

    address_file = tmp_path / "scheduler.json"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    processes = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0",
                                   "--no-dashboard", "--scheduler-file", address_file],
                                  **quiet)]
    try:
        deadline = time.monotonic() + 60
        while not address_file.exists():
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.2)
        for name in ("w1", "w2"):
            processes.append(subprocess.Popen(
                [DASK, "worker", "--scheduler-file", address_file, "--nthreads", "1",
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


def test_the_sample_class_is_graded_on_the_cluster(cluster, tmp_path):
    address, worker_pids = cluster
    demo = run_demo(tmp_path / "demo", LESSONS, full=False, log=lambda *_: None,
                    scheduler=address)
    assert demo.problems == []
    assert len(demo.run.graded) == 6
    graded_by = {int(worker.rsplit(":", 1)[1]) for worker in demo.run.workers}
    assert graded_by == worker_pids, "both cluster workers, and only they, graded"
