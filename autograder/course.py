"""Where things are in the course repository, and which lessons it has."""
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
