"""Build the course's notebooks: jupytext sources -> source notebooks -> nbgrader release.

The ``.py`` files (jupytext "percent" format, nbgrader metadata inline) are what authors
edit and review. ``source/<lesson>/<name>.ipynb`` is made from them, without outputs,
and ``release/`` is made from those by ``nbgrader generate_assignment``. Both are
committed; tests fail when either has drifted from what this module makes.
"""
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import jupytext
import nbformat

from . import translation
from .course import ROOT, lessons

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def notebook_from_script(script):
    """The source notebook for a jupytext script: clean metadata, no outputs."""
    nb = jupytext.read(script)
    nb.metadata = nbformat.from_dict({
        "kernelspec": KERNELSPEC,
        "language_info": {"name": "python", "pygments_lexer": "ipython3"},
    })
    for cell in nb.cells:
        keep = {k: v for k, v in cell.metadata.items() if k in ("nbgrader", "tags")}
        cell.metadata = nbformat.from_dict(keep)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.pop("id", None)
    nb.nbformat, nb.nbformat_minor = 4, 5
    for index, cell in enumerate(nb.cells):  # stable ids: diffs stay readable
        cell["id"] = cell.metadata.get("nbgrader", {}).get("grade_id", f"cell-{index:02d}")
    nbformat.validate(nb)
    return nb


def notebook_text(nb):
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def build_notebooks(root=ROOT, check=False):
    """Write (or, with check=True, only compare) every source notebook. Returns stale paths."""
    stale = []
    for lesson in lessons(root):
        text = notebook_text(notebook_from_script(lesson.script))
        path = lesson.source_notebook
        if not path.exists() or path.read_text() != text:
            stale.append(path)
            if not check:
                path.write_text(text)
    return stale


def nbgrader_api(course_root, config_root=ROOT, **overrides):
    """An ``NbGraderAPI`` for ``course_root`` using the course's nbgrader_config.py.

    For the course itself, every path is the config's (nbgrader's ``CourseDirectory``
    and ``Exchange``): the gradebook may be any database it names. Any other course
    root (the demo, a worker's scratch copy) gets nbgrader's defaults for that root, so
    its SQLite gradebook and its exchange lie inside it, never in the course; a root
    with an ``nbgrader_config.py`` of its own adds its settings on top, as nbgrader's
    commands run there would. An explicit ``db_url`` wins.
    """
    from nbgrader.apps import NbGraderAPI
    from traitlets.config.loader import PyFileConfigLoader

    from .startup import fast_gradebooks

    fast_gradebooks()

    # nbgrader runs the `alembic` script by name: make this environment's scripts findable
    # even when the interpreter was started by path (e.g. `.venv/bin/python`).
    scripts = str(Path(sys.executable).parent)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")

    config = PyFileConfigLoader("nbgrader_config.py", path=str(config_root)).load_config()
    course_root = Path(course_root).resolve()
    if course_root != Path(config_root).resolve():
        config.CourseDirectory.root = str(course_root)
        # nbgrader's default for this root, spelled out: the coordinator reads it back
        config.CourseDirectory.db_url = "sqlite:///" + str(course_root / "gradebook.db")
        config.Exchange.root = str(course_root / "exchange")
        own_config = course_root / "nbgrader_config.py"
        if own_config.is_file():  # e.g. a late-submission plugin, a gradebook elsewhere
            config.merge(PyFileConfigLoader(own_config.name, path=str(course_root)).load_config())
            config.CourseDirectory.root = str(course_root)
    if "db_url" in overrides:
        config.CourseDirectory.db_url = overrides.pop("db_url")
    for key, value in overrides.items():
        section, name = key.split(".")
        config[section][name] = value
    return NbGraderAPI(config=config)


def generate_release(course_root, lesson_ids=None):
    """Run nbgrader generate_assignment for the lessons into ``course_root/release``."""
    api = nbgrader_api(course_root)
    for lesson in lessons():
        if lesson_ids is None or lesson.id in lesson_ids:
            result = api.generate_assignment(lesson.id, force=True, create=True)
            if not result["success"]:
                raise RuntimeError(f"generate_assignment {lesson.id} failed:\n{result['log']}")


def release_into(target_root, lesson_ids=None, source=ROOT / "source"):
    """Generate the release in a scratch course that shares ``source`` (our source/, or
    a translated edition's) and return it."""
    target_root = Path(target_root)
    target_root.mkdir(parents=True, exist_ok=True)
    link = target_root / "source"
    if not link.exists():
        link.symlink_to(source, target_is_directory=True)
    generate_release(target_root, lesson_ids)
    return target_root / "release"


def release_course(root=ROOT):
    """Make the course ready for its term: regenerate ``release/`` in the course itself
    and release every lesson to the course's exchange. Returns ``release/``.

    nbgrader's ``generate_assignment`` run in the course root (as formgrader's *Generate*
    runs it) also registers each lesson and its notebooks in the course's gradebook, and
    ``release_assignment`` creates the exchange and puts the lesson in its outbound
    folder. So formgrader lists every lesson as released, students can fetch them, and
    after ``nbgrader collect`` both ``autograder grade`` and stock ``nbgrader autograde``
    find the lesson. A lesson released before is replaced (``--force``): what students
    have fetched already stays theirs.
    """
    api = nbgrader_api(root, **{"ExchangeReleaseAssignment.force": True})
    for lesson in lessons(root):
        for step in (lambda: api.generate_assignment(lesson.id, force=True, create=True),
                     lambda: api.release_assignment(lesson.id)):
            result = step()
            if not result["success"]:
                raise RuntimeError(f"{lesson.id}: {result.get('error') or result['log']}")
    return Path(root) / "release"


def build_release(root=ROOT, lang="en"):
    """Regenerate the committed release of an edition (via a scratch course, so no
    gradebook is left): release/ for English, editions/<lang>/release/ for a translation,
    with the same assignment ids and notebook names."""
    if lang == "en":
        source, release, lesson_ids = Path(root) / "source", Path(root) / "release", None
    else:
        source = translation.edition_root(lang, root) / "source"
        release = translation.edition_root(lang, root) / "release"
        lesson_ids = [lesson.id for lesson in translation.complete_lessons(lang, root)]
    with tempfile.TemporaryDirectory() as scratch:
        fresh = release_into(scratch, lesson_ids, source)
        shutil.rmtree(release, ignore_errors=True)
        shutil.copytree(fresh, release)
    return release


def build_edition(lang, root=ROOT, check=False):
    """Write (or, with check=True, only compare) the translated source notebook of every
    lesson whose ``lang`` catalog is complete. Returns the stale paths."""
    stale = []
    for lesson in translation.complete_lessons(lang, root):
        text = notebook_text(translation.translated_notebook(lesson, lang, root))
        path = translation.edition_notebook(lesson, lang, root)
        if not path.exists() or path.read_text() != text:
            stale.append(path)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text)
        # the glossary and nnlib's language setting, released with the notebook
        for name, data in translation.lesson_files(lang, root).items():
            extra = path.parent / name
            if not extra.exists() or extra.read_bytes() != data:
                stale.append(extra)
                if not check:
                    extra.parent.mkdir(parents=True, exist_ok=True)
                    extra.write_bytes(data)
    return stale
