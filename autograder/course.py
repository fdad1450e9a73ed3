"""Where things are in the course repository, and which lessons it has."""
import functools
import glob
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Lesson:
    """One lesson: the folder ``source/<id>/`` with one jupytext script ``<name>.py``."""

    id: str            # "01_need_for_optimization", also nbgrader's assignment id
    script: Path       # the authored jupytext percent file

    @property
    def number(self):
        return int(self.id.split("_", 1)[0])

    @property
    def notebook_name(self):
        return self.script.stem + ".ipynb"

    @property
    def source_notebook(self):
        return self.script.with_suffix(".ipynb")

    def release_notebook(self, root=ROOT):
        return Path(root) / "release" / self.id / self.notebook_name


def course_info(root=ROOT):
    with open(Path(root) / "course" / "course.toml", "rb") as f:
        return tomllib.load(f)["course"]


def lessons(root=ROOT):
    """Every lesson of the course, in order."""
    found = []
    for folder in sorted((Path(root) / "source").glob("[0-9][0-9]_*")):
        scripts = sorted(folder.glob("*.py"))
        if len(scripts) != 1:
            raise RuntimeError(f"{folder} must hold exactly one jupytext .py file")
        found.append(Lesson(folder.name, scripts[0]))
    return found


def lesson(lesson_id, root=ROOT):
    """The lesson whose id, number ("3", "03") or name part matches ``lesson_id``."""
    for candidate in lessons(root):
        if lesson_id in (candidate.id, candidate.id.split("_", 1)[1]) or \
                (lesson_id.isdigit() and int(lesson_id) == candidate.number):
            return candidate
    raise KeyError(f"no lesson {lesson_id!r}; the course has "
                   + ", ".join(l.id for l in lessons(root)))


@functools.lru_cache(maxsize=None)
def _course_directory(course_root):
    from .build import nbgrader_api

    return nbgrader_api(course_root).coursedir


def course_folder(course_root, step, student, lesson_id):
    """One student's folder of a lesson at an nbgrader step ("submitted", "autograded",
    "feedback"), where the course's nbgrader config puts it: nbgrader's CourseDirectory
    (``c.CourseDirectory.submitted_directory``, ``directory_structure``, ...)."""
    coursedir = _course_directory(str(Path(course_root).resolve()))
    folder = getattr(coursedir, f"{step}_directory")
    return Path(coursedir.format_path(folder, student, lesson_id))


def submitted_folders(course_root):
    """(lesson_id, student, folder) for every submission folder of the course, found as
    nbgrader's converters find them (a glob and a regex made by ``format_path``)."""
    coursedir = _course_directory(str(Path(course_root).resolve()))
    step = coursedir.submitted_directory
    names = re.compile(coursedir.format_path(step, "(?P<student_id>[^/]+)",
                                             "(?P<assignment_id>[^/]+)", escape=True) + "$")
    found = []
    for path in sorted(glob.glob(coursedir.format_path(step, "*", "*"))):
        match = names.match(path)
        if match and Path(path).is_dir():
            found.append((match["assignment_id"], match["student_id"], Path(path)))
    return found
