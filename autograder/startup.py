"""Two fixed costs of the Jupyter stack, paid by every grading process, removed.

- jsonschema (imported by nbformat) loads ``rfc3987_syntax`` when it is installed, and
  that compiles a Lark grammar for RFC 3987 IRIs: over a second in every process that
  imports nbformat. Notebook validation never checks that format, so the module is
  hidden (:func:`skip_iri_grammar`, run when ``autograder`` is imported).
- nbgrader stamps every new gradebook with its schema version, which it learns by
  running ``alembic heads`` in a subprocess (2-3 s each time). :func:`fast_gradebooks`
  reads the same head from nbgrader's migration scripts with alembic's own API,
  in-process, once.
- SQLite syncs the gradebook's file to disk at every commit, and nbgrader commits once
  per cell and grade: a scratch course (a job's, the template's) waited longer for the
  disk than it spent grading. Those gradebooks are deleted with their folder, so
  :func:`scratch_gradebooks_unsynced` turns syncing off for them alone; the course's
  own gradebook keeps SQLite's defaults.
"""
import functools
import os
import sqlite3
import sys


def skip_iri_grammar():
    """Hide ``rfc3987_syntax`` from jsonschema (no effect once jsonschema is imported)."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


@functools.cache
def alembic_head():
    """The revision ``alembic heads`` prints for nbgrader's migrations."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from nbgrader.dbutil import _temp_alembic_ini

    with _temp_alembic_ini("sqlite://") as ini:
        return ScriptDirectory.from_config(Config(ini)).get_current_head()


def fast_gradebooks():
    """Make nbgrader ask :func:`alembic_head` instead of a subprocess."""
    import nbgrader.api

    nbgrader.api.get_alembic_version = alembic_head


_SCRATCH_FOLDERS = set()


def scratch_gradebooks_unsynced(folder):
    """SQLite databases opened from now on under ``folder`` skip syncing to disk."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    if not _SCRATCH_FOLDERS:
        event.listen(Engine, "connect", _unsynced_if_scratch)
    _SCRATCH_FOLDERS.add(os.path.join(os.path.realpath(folder), ""))


def _unsynced_if_scratch(connection, _record):
    if not isinstance(connection, sqlite3.Connection):
        return
    row = connection.execute("PRAGMA database_list").fetchone()
    path = os.path.realpath(row[2]) if row and row[2] else ""
    if any(path.startswith(folder) for folder in _SCRATCH_FOLDERS):
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA journal_mode = MEMORY")
