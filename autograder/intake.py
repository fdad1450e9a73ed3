"""Submissions downloaded from an LMS, put into nbgrader's ``submitted/`` layout.

    autograder grade 01 --from downloads.zip [--roster roster.csv] [--pattern REGEX]

A folder or a zip of notebooks is read as one of these layouts, in this order:

- ``--pattern``: a regular expression with a ``student`` group, matched against each
  notebook's path inside the download (nbgrader's ``FileNameCollectorPlugin`` idea);
- Canvas: ``lastfirst_12345_67890_notebook.ipynb`` (``_LATE_`` too): the key is 12345;
- Moodle: ``Ada Lovelace_12345_assignsubmission_file_/notebook.ipynb``: the key is 12345;
- Blackboard: ``Lesson_jdoe_attempt_2026-11-20-10-00-00_notebook.ipynb``: key jdoe;
- a folder per student (``jdoe/anything.ipynb``) or a file per student (``jdoe.ipynb``).

The key becomes the student id, or is looked up in ``--roster``: a CSV with a
``student_id`` column and any of ``lms_id``, ``login``, ``email``, ``name``. When a
student has several notebooks the newest wins. Anything that cannot be mapped is
reported, never guessed.
"""
import csv
import os
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

# Each layout reads the student from the LMS's own top-level naming only: whatever a
# student put inside their folder (even a folder named like a classmate) stays theirs.
LAYOUTS = [
    ("Canvas", re.compile(r"^(?P<name>[^/_]+)_(?:LATE_)?(?P<student>\d+)_\d+_[^/]*\.ipynb$")),
    ("Moodle", re.compile(r"^(?P<name>[^/]+?)_(?P<student>\d+)_assignsubmission_file_?/"
                          r"(?:[^/]+/)*[^/]+\.ipynb$")),
    ("Blackboard", re.compile(r"^[^/]*?_(?P<student>[^/_]+)_attempt_(?P<stamp>[\d-]{19})"
                              r"(?:_[^/]*)?\.ipynb$")),
    ("a folder per student", re.compile(r"^(?P<student>[^/]+)/(?:[^/]+/)*[^/]+\.ipynb$")),
    ("a file per student", re.compile(r"^(?P<student>[^/]+)\.ipynb$")),
]
SAFE_ID = re.compile(r"[^A-Za-z0-9_.@-]+")


@dataclass
class Intake:
    imported: dict = field(default_factory=dict)    # student id -> source path
    problems: list = field(default_factory=list)    # plain-language, one per file
    layout: str = ""


def read_roster(path):
    """LMS key (id, login, email or name, lower case) -> student id."""
    mapping = {}
    with open(path, newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            student = (row.get("student_id") or "").strip()
            if not student:
                continue
            for column in ("lms_id", "login", "email", "name", "student_id"):
                value = (row.get(column) or "").strip().lower()
                if value:
                    mapping[value] = student
    return mapping


def _notebooks(folder):
    for path in sorted(folder.rglob("*.ipynb")):
        parts = path.relative_to(folder).parts
        if any(p.startswith((".", "__MACOSX")) or p == ".ipynb_checkpoints" for p in parts):
            continue
        yield path, "/".join(parts)


def _match(relative, pattern):
    layouts = [("--pattern", re.compile(pattern))] if pattern else LAYOUTS
    for name, regex in layouts:
        found = regex.search(relative)
        if found and found.groupdict().get("student"):
            return name, found
    return None, None


def import_submissions(course_root, lesson_id, notebook_name, source, roster=None,
                       pattern=None):
    """Copy the notebooks in ``source`` (folder or zip) into ``course_root/submitted``."""
    intake = Intake()
    mapping = read_roster(roster) if roster else None
    with tempfile.TemporaryDirectory(prefix="intake-") as scratch:
        folder = Path(source)
        if folder.is_file() and zipfile.is_zipfile(folder):
            with zipfile.ZipFile(folder) as archive:
                for member in archive.infolist():  # no absolute paths or ".." escapes
                    target = Path(scratch, member.filename).resolve()
                    if Path(scratch).resolve() in target.parents and not member.is_dir():
                        target.parent.mkdir(parents=True, exist_ok=True)
                        with archive.open(member) as src, open(target, "wb") as dst:
                            shutil.copyfileobj(src, dst)
                        # the LMS's upload time, kept as the file's time (zip times are local)
                        stamp = datetime(*member.date_time).timestamp()
                        os.utime(target, (stamp, stamp))
            folder = Path(scratch)
        elif not folder.is_dir():
            raise FileNotFoundError(f"{source}: not a folder or a zip file")
        newest = {}
        for path, relative in _notebooks(folder):
            layout, found = _match(relative, pattern)
            if not found:
                intake.problems.append(f"{relative}: no student could be read from this name")
                continue
            key = found.group("student").strip()
            student = key if mapping is None else mapping.get(key.lower())
            if student is None and mapping is not None and found.groupdict().get("name"):
                student = mapping.get(found.group("name").strip().lower())
            if student is None:
                intake.problems.append(f"{relative}: {key!r} is not in the roster")
                continue
            student = SAFE_ID.sub("_", student)
            stamp = found.groupdict().get("stamp")
            when = datetime.strptime(stamp, "%Y-%m-%d-%H-%M-%S").replace(tzinfo=timezone.utc) \
                if stamp else datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
            if student in newest and newest[student][0] >= when:
                intake.problems.append(f"{relative}: an older notebook of {student}; the "
                                       "newest was kept")
                continue
            if student in newest:
                intake.problems.append(f"{newest[student][2]}: an older notebook of "
                                       f"{student}; the newest was kept")
            newest[student] = (when, path, relative)
            intake.layout = intake.layout or layout
        for student, (when, path, relative) in sorted(newest.items()):
            target = Path(course_root, "submitted", student, lesson_id)
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / notebook_name)
            (target / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f %Z"))
            intake.imported[student] = relative
    return intake
