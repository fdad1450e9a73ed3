"""Grading through a Dask distributed cluster: the whole sample class (``graded_class``)
is graded by a scheduler and two workers on loopback (``dask_cluster`` in conftest),
started as separate processes the way a department would start them on other machines.
Every sample student's outcome is checked in tests/test_sample_class.py."""


def test_the_sample_class_was_graded_by_both_cluster_workers_and_only_them(
        graded_class, dask_cluster):
    _, worker_pids = dask_cluster
    graded_by = {int(worker.rsplit(":", 1)[1]) for worker in graded_class.run.workers}
    assert graded_by == worker_pids
    assert graded_class.run.graded and graded_class.problems == []
