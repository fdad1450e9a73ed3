"""Grades back to the LMS: CSV files that Canvas's and Moodle's grade imports accept.

Both are nbgrader export plugins, so they read the gradebook as ``nbgrader export``
does (a submission's score is its raw score minus its late penalty, never below 0; a
student without a submission scores 0) and also work as
``nbgrader export --exporter=autograder.lms_export.CanvasExportPlugin``.

Students are mapped through the roster (``--roster``, the CSV that ``--from`` intake
reads): ``student_id`` is the nbgrader id; ``name``, ``lms_id``, ``sis_id``, ``login``,
``email`` and ``section`` are what the LMS knows. Without a roster, the nbgrader id is
the LMS login (as on a JupyterHub that logs students in through the LMS). A gradebook
student missing from the roster is left out and listed in ``problems``: never guessed.

Layouts, as each LMS documents them:

- Canvas, Gradebook ▸ Import (Canvas Instructor Guide, "How do I import grades in the
  Gradebook?"; the import reads back the layout of the Gradebook's own CSV export):
  the columns ``Student``, ``ID``, ``SIS User ID``, ``SIS Login ID``, ``Section``, then
  one column per assignment headed ``Name (assignment id)``; the second row holds
  ``Points Possible``. Checked against tools that write and read these files (e.g.
  Plom's ``make_canvas_gradefile``, and Canvas exporters that start with exactly those
  five columns and read points possible from the second row). A column headed by a
  name alone makes Canvas create that assignment; ``canvas_ids`` gives the ids of
  assignments that exist.
- Moodle, Grades ▸ Import ▸ CSV file (Moodle docs, "Grade import"; the code,
  ``grade/import/csv/classes/load_data.php``, ``map_user_data_with_value`` with the
  ``$mappingidentifier`` the teacher picks: user id, username, ID number or email
  address): a header row, one identifier column, then one column per grade item,
  each mapped to an item (or a new one) on the import page.
"""
import csv
from pathlib import Path

from nbgrader.api import MissingEntry
from nbgrader.plugins import ExportPlugin
from traitlets import Dict, Enum, List, Unicode

from .intake import read_roster_rows

CANVAS_COLUMNS = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
CANVAS_POINTS_ROW = "    Points Possible"  # as Canvas's own export writes it
#: Moodle's identifier -> (the header Moodle's own grade export gives it, roster column)
MOODLE_IDENTIFIERS = {"email": ("Email address", "email"),
                      "username": ("Username", "login"),
                      "idnumber": ("ID number", "sis_id")}


def _number(value):
    return f"{value:g}"


class LmsExportPlugin(ExportPlugin):
    """What both layouts share: the roster, the students and their scores."""

    roster = Unicode("", help="CSV mapping nbgrader ids to the LMS's (see "
                              "autograder.lms_export)").tag(config=True)
    problems = List(help="students left out of the last export, in plain words")

    def people(self, gradebook):
        """[(nbgrader id, roster row)] in roster order; gradebook students missing
        from the roster go to ``self.problems``."""
        self.problems = []
        ids = [s.id for s in gradebook.students
               if not self.student or s.id in self.student]
        if not self.roster:
            rows = {}
            for student in gradebook.students:
                name = " ".join(p for p in (student.first_name, student.last_name) if p)
                rows[student.id] = {"name": name or student.id, "login": student.id,
                                    "email": student.email or ""}
            return [(i, rows[i]) for i in ids]
        rows = read_roster_rows(self.roster)
        self.problems = [f"{i}: not in the roster {self.roster}; left out" for i in ids
                         if i not in rows]
        return [(i, row) for i, row in rows.items()
                if not self.student or i in self.student]

    def assignments(self, gradebook):
        return [a for a in gradebook.assignments
                if not self.assignment or a.name in self.assignment]

    @staticmethod
    def score(gradebook, assignment, student):
        """The score ``nbgrader export`` gives: raw score minus late penalty, >= 0."""
        try:
            submission = gradebook.find_submission(assignment, student)
        except MissingEntry:
            return 0.0
        return max(0.0, submission.score - (submission.late_submission_penalty or 0))

    def write(self, rows):
        with open(self.to or self.default_name, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(rows)


class CanvasExportPlugin(LmsExportPlugin):
    """A CSV for Canvas's Gradebook import."""

    default_name = "canvas-grades.csv"
    canvas_ids = Dict(key_trait=Unicode(), value_trait=Unicode(),
                      help="nbgrader assignment -> Canvas assignment id").tag(config=True)

    def export(self, gradebook):
        assignments = self.assignments(gradebook)
        heads = [f"{a.name} ({self.canvas_ids[a.name]})" if a.name in self.canvas_ids
                 else a.name for a in assignments]
        rows = [CANVAS_COLUMNS + heads,
                [CANVAS_POINTS_ROW, "", "", "", ""] + [_number(a.max_score) for a in assignments]]
        for student, person in self.people(gradebook):
            rows.append([person.get("name") or student, person.get("lms_id", ""),
                         person.get("sis_id", ""), person.get("login", ""),
                         person.get("section", "")] +
                        [_number(self.score(gradebook, a.name, student)) for a in assignments])
        self.write(rows)


class MoodleExportPlugin(LmsExportPlugin):
    """A CSV for Moodle's grade import (CSV file)."""

    default_name = "moodle-grades.csv"
    identifier = Enum(list(MOODLE_IDENTIFIERS), default_value="email",
                      help="the column Moodle maps users by").tag(config=True)

    def export(self, gradebook):
        assignments = self.assignments(gradebook)
        header, column = MOODLE_IDENTIFIERS[self.identifier]
        rows = [[header] + [a.name for a in assignments]]
        for student, person in self.people(gradebook):
            key = person.get(column, "")
            if not key:
                self.problems.append(f"{student}: no {column} in the roster for Moodle's "
                                     f"{self.identifier}; left out")
                continue
            rows.append([key] + [_number(self.score(gradebook, a.name, student))
                                 for a in assignments])
        self.write(rows)


EXPORTERS = {"canvas": CanvasExportPlugin, "moodle": MoodleExportPlugin}


def export_for_lms(course_root, lms, destination, roster=None, lesson_ids=None, **options):
    """Write ``destination`` for ``lms`` ("canvas" or "moodle") from the course's
    gradebook; returns the problems (students left out), in plain words."""
    from nbgrader.api import Gradebook

    from .build import nbgrader_api

    api = nbgrader_api(course_root)
    plugin = EXPORTERS[lms](to=str(destination), roster=str(roster or ""),
                            assignment=list(lesson_ids or []), **options)
    with Gradebook(api.coursedir.db_url) as gradebook:
        plugin.export(gradebook)
    return Path(destination), plugin.problems
