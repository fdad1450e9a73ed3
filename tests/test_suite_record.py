"""The record of the last whole test run, which ``make bench`` reports (row
a.test-suite), written by tests/conftest.py's session hook."""
import json
from types import SimpleNamespace

import tests.conftest as conftest


def test_a_partial_run_is_not_recorded(request, tmp_path, monkeypatch):
    record = tmp_path / "suite.json"
    monkeypatch.setattr("bench.SUITE_RECORD", record)
    monkeypatch.setattr(request.config, "args", ["tests/test_suite_record.py"])
    conftest.pytest_sessionfinish(SimpleNamespace(config=request.config), 0)
    assert not record.exists()


def test_a_whole_run_is_recorded_with_its_time_and_outcome(request, tmp_path, monkeypatch):
    record = tmp_path / "suite.json"
    monkeypatch.setattr("bench.SUITE_RECORD", record)
    monkeypatch.setattr(request.config, "args", list(request.config.getini("testpaths")))
    monkeypatch.setattr(conftest, "LESSON_IDS", None)
    for option in ("keyword", "markexpr", "maxfail"):  # as a plain `make test` runs
        monkeypatch.setattr(request.config.option, option, "" if option != "maxfail" else 0)
    monkeypatch.setattr(request.config, "_suite_started",
                        getattr(request.config, "_suite_started", 0) - 60, raising=False)
    conftest.pytest_sessionfinish(SimpleNamespace(config=request.config), 1)
    written = json.loads(record.read_text())
    assert written["exit"] == 1 and written["seconds"] >= 60
    assert len(written["commit"]) >= 7 and written["passed"] >= 0
