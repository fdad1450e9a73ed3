"""The notebook's structure, checked against the release before anything runs.

:class:`InspectSubmission` (first of the sanitizing stage, in ``autograder.worker``)
compares the submitted notebook with the released one. A test cell that was deleted is
put back, a duplicate is dropped, edited metadata is restored, and each of these test
cells and every test cell whose code was edited scores 0 (nbgrader would otherwise
grade the restored copy as if nothing happened). Cells claiming unknown grade ids lose
their nbgrader metadata. Cells out of order are flagged (the notebook is graded as
submitted).

What it finds goes to the worker's record (``autograder.execute.RECORDS``): the zeros,
as (message, mistake code), and plain-language events for the instructor.
"""
import json

import nbformat
from traitlets import Unicode

from nbgrader.preprocessors import NbGraderPreprocessor

from .execute import RECORDS, new_record
from .mistakes import Mistake

METADATA_KEYS = ("grade", "solution", "locked", "points", "task")

# In the catalogue, so that the class report explains these codes like any mistake.
METADATA_EDITED = Mistake("test_cell_metadata_edited", "A test cell's nbgrader metadata "
                          "was edited, so the cell scores 0.")
DUPLICATED = Mistake("test_cell_duplicated", "A test cell appears more than once (copied "
                     "or pasted), so it scores 0.")
EDITED = Mistake("test_cell_edited", "A test cell's code was edited, so the cell scores 0.")
DELETED = Mistake("test_cell_deleted", "A test cell was deleted; the grader put it back "
                  "and it scores 0.")


def _nbgrader(cell):
    return cell.metadata.get("nbgrader", {})


def _normalise(source):
    return "\n".join(line.rstrip() for line in source.strip().splitlines())


class InspectSubmission(NbGraderPreprocessor):
    """Compare the submission with the release; repair what can be, mark what scores 0."""

    release_path = Unicode(help="the released notebook of this lesson").tag(config=True)
    record_id = Unicode(help="where zeros and events go (execute.RECORDS)").tag(config=True)

    def preprocess(self, nb, resources):
        record = RECORDS[self.record_id] if self.record_id in RECORDS else \
            new_record(self.record_id)
        self._events = record["events"]
        zero = {}
        release = nbformat.read(self.release_path, as_version=4)
        known = {_nbgrader(c)["grade_id"]: c for c in release.cells if _nbgrader(c).get("grade_id")}
        tests = [gid for gid, c in known.items() if _nbgrader(c).get("grade")
                 and not _nbgrader(c).get("solution") and c.cell_type == "code"]
        cells, seen = [], set()
        for cell in nb.cells:
            gid = _nbgrader(cell).get("grade_id")
            if gid is None and cell.get("id") in known and cell.get("id") in tests:
                gid = cell["id"]  # a test cell whose nbgrader metadata was removed
                cell.metadata["nbgrader"] = dict(_nbgrader(known[gid]))
                zero[gid] = (f"the nbgrader metadata of test cell {gid} was edited, so it "
                             "scores 0.", METADATA_EDITED.code)
            if gid is None:
                cells.append(cell)
                continue
            if gid not in known:
                cell.metadata.pop("nbgrader", None)
                self._event(f"a cell claimed to be {gid!r}, "
                       "which this lesson does not have; it is graded as an ordinary cell")
                cells.append(cell)
                continue
            if gid in seen:
                if gid in tests:
                    zero[gid] = (f"test cell {gid} appears more than once, so it scores 0.",
                                 DUPLICATED.code)
                continue  # keep the first copy only
            seen.add(gid)
            reference = known[gid]
            meta = _nbgrader(cell)
            if any(meta.get(k) != _nbgrader(reference).get(k) for k in METADATA_KEYS) or \
                    cell.cell_type != reference.cell_type:
                cell.metadata["nbgrader"] = dict(_nbgrader(reference))
                cell.cell_type = reference.cell_type
                if gid in tests:
                    zero.setdefault(gid, (f"the nbgrader metadata of test cell {gid} was "
                                          "edited, so it scores 0.", METADATA_EDITED.code))
            if gid in tests and _normalise(cell.source) != _normalise(reference.source):
                zero.setdefault(gid, (f"the code of test cell {gid} was edited, so it scores "
                                      "0.", EDITED.code))
            cells.append(cell)
        cells = self._restore_missing(cells, release, tests, seen, zero)
        self._check_order(cells, release)
        nb.cells = [self._as_v4_cell(c) for c in cells]
        for gid, (message, _) in zero.items():
            self._event(message)
        record["zero"].update(zero)
        return nb, resources

    def _event(self, text):
        self._events.append(("structure", text))

    def _restore_missing(self, cells, release, tests, seen, zero):
        for index, reference in enumerate(release.cells):
            gid = _nbgrader(reference).get("grade_id")
            if gid and gid not in seen and _nbgrader(reference).get("solution"):
                self._event(f"the answer cell {gid} is missing "
                       "from the notebook (deleted?); its tests were run without it")
            if gid not in tests or gid in seen:
                continue
            zero[gid] = (f"test cell {gid} was deleted; it was put back and scores 0.",
                         DELETED.code)
            position = len(cells)
            for previous in reversed(release.cells[:index]):
                ids = [c.get("id") for c in cells]
                if previous.get("id") in ids:
                    position = ids.index(previous.get("id")) + 1
                    break
            restored = nbformat.from_dict(json.loads(json.dumps(reference)))
            cells.insert(position, restored)
        return cells

    def _check_order(self, cells, release):
        expected = [_nbgrader(c)["grade_id"] for c in release.cells if _nbgrader(c).get("grade_id")]
        actual = [_nbgrader(c)["grade_id"] for c in cells if _nbgrader(c).get("grade_id")]
        rank = {gid: i for i, gid in enumerate(expected)}
        for before, after in zip(actual, actual[1:]):
            if rank.get(before, 0) > rank.get(after, 0):
                self._event(f"cells are out of order: {before} comes before {after}; the notebook "
                       "was graded in the order submitted")
                break

    @staticmethod
    def _as_v4_cell(cell):
        if cell.cell_type == "code":
            cell.setdefault("outputs", [])
            cell.setdefault("execution_count", None)
        return cell
