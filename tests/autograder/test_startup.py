"""autograder.startup: the same answers as the slow paths it replaces."""
import subprocess
import sys
from pathlib import Path

from autograder import startup


def test_alembic_head_is_what_alembic_heads_prints(tmp_path):
    from nbgrader.dbutil import _temp_alembic_ini

    alembic = Path(sys.executable).parent / "alembic"
    with _temp_alembic_ini("sqlite:///" + str(tmp_path / "x.db")) as ini:
        printed = subprocess.check_output([alembic, "-c", ini, "heads"], text=True)
    assert startup.alembic_head() == printed.split()[0]


def test_new_gradebooks_are_stamped_with_that_head(tmp_path):
    from nbgrader.api import Gradebook
    from sqlalchemy import text

    startup.fast_gradebooks()
    with Gradebook("sqlite:///" + str(tmp_path / "gradebook.db")) as gradebook:
        stamped = gradebook.db.execute(text("SELECT version_num FROM alembic_version"))
        assert [row[0] for row in stamped] == [startup.alembic_head()]


def test_nbformat_imported_after_autograder_skips_the_grammar_and_still_validates():
    code = ("import sys, autograder, nbformat\n"
            "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1')])\n"
            "nbformat.validate(nb)\n"
            "bad = nbformat.v4.new_notebook()\nbad.metadata['kernelspec'] = 'not an object'\n"
            "try:\n    nbformat.validate(bad)\nexcept nbformat.ValidationError:\n"
            "    print('refused')\n"
            "print(sys.modules.get('rfc3987_syntax', 'absent'))\n")
    out = subprocess.check_output([sys.executable, "-c", code], text=True).split()
    assert out == ["refused", "None"]


def test_only_gradebooks_in_a_scratch_folder_skip_syncing(tmp_path):
    from nbgrader.api import Gradebook
    from sqlalchemy import text

    scratch, course = tmp_path / "scratch", tmp_path / "course"
    scratch.mkdir(), course.mkdir()
    startup.scratch_gradebooks_unsynced(scratch)

    def synchronous(folder):
        with Gradebook("sqlite:///" + str(folder / "gradebook.db")) as gradebook:
            return gradebook.db.execute(text("PRAGMA synchronous")).scalar()

    assert synchronous(scratch) == 0          # OFF: the folder is thrown away
    assert synchronous(course) == 2           # FULL, SQLite's default: a real gradebook
