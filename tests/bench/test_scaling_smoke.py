"""(e) at tiny size, so that ``make bench-scaling`` cannot rot: lesson 01's short tour
graded on the local pool and on a loopback Dask cluster with one worker each."""
from bench import scaling


def test_dask_and_local_pool_are_timed_side_by_side(tmp_path):
    result = scaling.measure((1,), tmp_path / "work", ("01_need_for_optimization",),
                             full=False, log=lambda *_: None)
    assert result.submissions == 3 and set(result.walls) == {("local", 1), ("dask", 1)}
    assert all(wall > 0 for wall in result.walls.values())
    rows = scaling.rows(result)
    assert [r.key for r in rows] == ["e.dask-1", "e.same-grades", "e.prediction"]
    assert 0 < rows[0].ratio < 10
    # both runs scored every test cell of the tour as stock nbgrader did (its record)
    for stale, compared, differ in result.same.values():
        assert (stale, differ) == ([], []) and compared >= 3
    assert rows[1].ratio == 0 and rows[1].met
    # a rate of r submissions/s per core predicts 1000 / (r * cores * 10) seconds
    assert abs(result.predict() - 1000 / (result.per_core("dask", 1) * result.cores * 10)) < 1e-9
    png = scaling.plot(result, tmp_path / "scaling.png")
    assert png.stat().st_size > 1000
