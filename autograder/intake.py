"""Submissions downloaded from an LMS, put into nbgrader's ``submitted/`` layout.

    autograder grade 01 --from downloads.zip [--roster roster.csv] [--pattern REGEX]

A folder or a zip of notebooks is read as one of these layouts, in this order:

- ``--pattern``: a regular expression with a ``student`` group, matched against each
  notebook's path inside the download (nbgrader's ``FileNameCollectorPlugin`` idea);
- Canvas: ``lastfirst_12345_67890_notebook.ipynb`` (``_LATE_`` too): the key is 12345;
- Moodle: ``Ada Lovelace_12345_assignsubmission_file/notebook.ipynb`` (its "download
  submissions in folders" setting) or ``Ada Lovelace_12345_assignsubmission_file_
  notebook.ipynb`` (without it): the key is 12345, Moodle's participant id;
- Blackboard: ``Lesson_jdoe_attempt_2026-11-20-10-00-00_notebook.ipynb``: key jdoe;
- a folder per student (``jdoe/anything.ipynb``) or a file per student (``jdoe.ipynb``).

The key becomes the student id, or is looked up in ``--roster``: a CSV with a
``student_id`` column and any of ``lms_id``, ``login``, ``email``, ``name``. Anything
that cannot be mapped is reported, never guessed.

Each notebook's submission time comes from the download itself, never from the time of
import: the time in the file name where the LMS writes one (Blackboard's attempt time),
else the zip member's time (the time the LMS stored with the file), else the file's
modification time. Zip and Blackboard times carry no time zone: they are read
in the LMS's zone (``--lms-timezone``, default this machine's), except a zip member's
UTC time from the "extended timestamp" field, which zip tools add. When a student has
several notebooks (attempts), the newest wins, and nbgrader's ``timestamp.txt`` gets
its time, so due dates and late penalties apply to it.
"""
import csv
import re
import shutil
import struct
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from .course import course_folder

# Each layout reads the student from the LMS's own top-level naming only: whatever a
# student put inside their folder (even a folder named like a classmate) stays theirs.
LAYOUTS = [
    ("Canvas", re.compile(r"^(?P<name>[^/_]+)_(?:LATE_)?(?P<student>\d+)_\d+_[^/]*\.ipynb$")),
    ("Moodle", re.compile(r"^(?P<name>[^/]+?)_(?P<student>\d+)_assignsubmission_file"
                          r"(?:_?/(?:[^/]+/)*|_)[^/]+\.ipynb$")),
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


def read_roster_rows(path):
    """nbgrader student id (made safe as intake makes it) -> the roster's row, with
    every value stripped, in the roster's order."""
    rows = {}
    with open(path, newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            student = (row.get("student_id") or "").strip()
            if student:
                rows[SAFE_ID.sub("_", student)] = {
                    k.strip(): (v or "").strip() for k, v in row.items() if k}
    return rows


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


EXTENDED_TIMESTAMP = 0x5455  # zip extra field "UT": modification time, UTC seconds


def zip_member_time(member, zone):
    """When ``member`` was last changed: its UTC extended timestamp if it has one, else
    its DOS date and time (no zone of its own) read in ``zone``."""
    extra = member.extra
    while len(extra) >= 4:
        tag, size = struct.unpack("<HH", extra[:4])
        body = extra[4:4 + size]
        if tag == EXTENDED_TIMESTAMP and size >= 5 and body[0] & 1:
            return datetime.fromtimestamp(struct.unpack("<i", body[1:5])[0], timezone.utc)
        extra = extra[4 + size:]
    return datetime(*member.date_time, tzinfo=zone)


def _unpack(archive_path, scratch, zone):
    """Extract the zip's files into ``scratch``; their times by relative path."""
    times = {}
    root = Path(scratch).resolve()
    with zipfile.ZipFile(archive_path) as archive:
        for member in archive.infolist():  # no absolute paths or ".." escapes
            target = Path(scratch, member.filename).resolve()
            if root in target.parents and not member.is_dir():
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(member) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst)
                times[target.relative_to(root).as_posix()] = zip_member_time(member, zone)
    return times


def submission_time(found, path, relative, zip_times, zone):
    """The LMS's time for one notebook: in its file name, in the zip, or the file's."""
    stamp = found.groupdict().get("stamp")
    if stamp:
        return datetime.strptime(stamp, "%Y-%m-%d-%H-%M-%S").replace(tzinfo=zone)
    if relative in zip_times:
        return zip_times[relative]
    return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)


def import_submissions(course_root, lesson_id, notebook_name, source, roster=None,
                       pattern=None, lms_timezone=None):
    """Copy the notebooks in ``source`` (folder or zip) into the course's submitted/.

    ``lms_timezone``: an IANA zone name (e.g. "Europe/Berlin") for the times the LMS
    writes without a zone; default: this machine's zone.
    """
    intake = Intake()
    mapping = read_roster(roster) if roster else None
    zone = ZoneInfo(lms_timezone) if lms_timezone else datetime.now().astimezone().tzinfo
    with tempfile.TemporaryDirectory(prefix="intake-") as scratch:
        folder, zip_times = Path(source), {}
        if folder.is_file() and zipfile.is_zipfile(folder):
            zip_times = _unpack(folder, scratch, zone)
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
            when = submission_time(found, path, relative, zip_times, zone)
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
            target = course_folder(course_root, "submitted", student, lesson_id)
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / notebook_name)
            # nbgrader's own format (nbgrader.utils.parse_utc reads it), always in UTC
            (target / "timestamp.txt").write_text(
                when.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC"))
            intake.imported[student] = relative
    return intake
