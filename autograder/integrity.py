"""What the grader checks outside the kernel: the notebook's structure and the receipts.

Two nbgrader preprocessors, added around nbgrader's own in the grading pipeline
(``autograder.worker``), and a static scan:

- :class:`InspectSubmission` (first of the sanitizing stage) compares the submitted
  notebook with the released one. A test cell that was deleted is put back, a
  duplicate is dropped, edited metadata is restored, and each of these test cells and
  every test cell whose code was edited scores 0. Cells claiming unknown grade ids lose
  their nbgrader metadata. Cells out of order are flagged (the notebook is graded as
  submitted).
- :class:`VerifyIntegrity` (right after execution) gives those cells their 0, and gives 0
  to every test cell whose hidden checks left no valid receipt from the guard
  (:mod:`autograder.guard`): its code was skipped or rewritten, or its failure was
  swallowed. It then removes the receipts.
- :func:`suspicious_code` lists code in the student's cells that reaches for the
  grader's machinery (flagged for the instructor, not scored).

Everything found is appended, as one JSON object per line, to ``events_path``.
"""
import ast
import hmac
import json
import re

import nbformat
from nbformat import NotebookNode
from traitlets import Unicode

from nbgrader.preprocessors import NbGraderPreprocessor

from .guard import RECEIPT_MIME, receipt_mac

CHECK_CALL = re.compile(r"\b(check_\w+)\s*\(")
HIDDEN_BLOCK = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS\n?", re.S)
METADATA_KEYS = ("grade", "solution", "locked", "points", "task")


def _event(path, kind, text):
    if path:
        with open(path, "a") as handle:
            handle.write(json.dumps({"kind": kind, "text": text}) + "\n")


def _nbgrader(cell):
    return cell.metadata.get("nbgrader", {})


def _normalise(source):
    return "\n".join(line.rstrip() for line in source.strip().splitlines())


def _zero_map(nb):
    return nb.metadata.setdefault("autograder", {}).setdefault("zero", {})


class InspectSubmission(NbGraderPreprocessor):
    """Compare the submission with the release; repair what can be, mark what scores 0."""

    release_path = Unicode(help="the released notebook of this lesson").tag(config=True)
    events_path = Unicode().tag(config=True)

    def preprocess(self, nb, resources):
        nb.metadata.pop("autograder", None)  # never trust what the student put there
        zero = _zero_map(nb)
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
                             "scores 0. [test_cell_metadata_edited]")
            if gid is None:
                cells.append(cell)
                continue
            if gid not in known:
                cell.metadata.pop("nbgrader", None)
                _event(self.events_path, "structure", f"a cell claimed to be {gid!r}, "
                       "which this lesson does not have; it is graded as an ordinary cell")
                cells.append(cell)
                continue
            if gid in seen:
                if gid in tests:
                    zero[gid] = (f"test cell {gid} appears more than once, so it scores 0. "
                                 "[test_cell_duplicated]")
                continue  # keep the first copy only
            seen.add(gid)
            reference = known[gid]
            meta = _nbgrader(cell)
            if any(meta.get(k) != _nbgrader(reference).get(k) for k in METADATA_KEYS) or \
                    cell.cell_type != reference.cell_type:
                cell.metadata["nbgrader"] = dict(_nbgrader(reference))
                cell.cell_type = reference.cell_type
                if gid in tests:
                    zero.setdefault(gid, f"the nbgrader metadata of test cell {gid} was "
                                    "edited, so it scores 0. [test_cell_metadata_edited]")
            if gid in tests and _normalise(cell.source) != _normalise(reference.source):
                zero.setdefault(gid, f"the code of test cell {gid} was edited, so it scores "
                                "0. [test_cell_edited]")
            cells.append(cell)
        cells = self._restore_missing(cells, release, tests, seen, zero)
        self._check_order(cells, release)
        nb.cells = [self._as_v4_cell(c) for c in cells]
        for gid, message in zero.items():
            _event(self.events_path, "structure", message)
        return nb, resources

    def _restore_missing(self, cells, release, tests, seen, zero):
        for index, reference in enumerate(release.cells):
            gid = _nbgrader(reference).get("grade_id")
            if gid and gid not in seen and _nbgrader(reference).get("solution"):
                _event(self.events_path, "structure", f"the answer cell {gid} is missing "
                       "from the notebook (deleted?); its tests were run without it")
            if gid not in tests or gid in seen:
                continue
            zero[gid] = f"test cell {gid} was deleted; it was put back and scores 0. " \
                        "[test_cell_deleted]"
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
                _event(self.events_path, "structure",
                       f"cells are out of order: {before} comes before {after}; the notebook "
                       "was graded in the order submitted")
                break

    @staticmethod
    def _as_v4_cell(cell):
        if cell.cell_type == "code":
            cell.setdefault("outputs", [])
            cell.setdefault("execution_count", None)
        return cell


class VerifyIntegrity(NbGraderPreprocessor):
    """After execution: zeros decided earlier, and a receipt for every check that passed."""

    key_hex = Unicode().tag(config=True)
    events_path = Unicode().tag(config=True)

    def preprocess(self, nb, resources):
        zero = nb.metadata.get("autograder", {}).get("zero", {})
        key = bytes.fromhex(self.key_hex) if self.key_hex else None
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            meta = _nbgrader(cell)
            receipts = [o for o in cell.get("outputs", []) if RECEIPT_MIME in o.get("data", {})]
            cell.outputs = [o for o in cell.outputs if o not in receipts]
            if not meta.get("grade") or meta.get("solution"):
                continue
            gid = meta.get("grade_id")
            if gid in zero:
                cell.outputs.append(_error("AutograderIntegrityError", zero[gid]))
                continue
            errors = [o for o in cell.outputs if o.get("output_type") == "error"]
            if any("[tampering]" in o.get("evalue", "") for o in errors):
                _event(self.events_path, "tampering", f"tampering, {gid}: {errors[0]['evalue'][:250]}")
            if errors or key is None:
                continue
            proven = {self._valid(r, cell, key) for r in receipts} - {None}
            missing = sorted(set(CHECK_CALL.findall(cell.source)) - proven)
            if missing:
                message = (f"The hidden checks of this cell ({', '.join(missing)}) did not "
                           "report back, so it scores 0: the cell's code was skipped or "
                           "rewritten, or its errors were swallowed. [checks_not_run]")
                cell.outputs.append(_error("AutograderIntegrityError", message))
                _event(self.events_path, "tampering",
                       f"tampering, {gid}: its hidden checks reported success without running")
        nb.metadata.pop("autograder", None)
        return nb, resources

    @staticmethod
    def _valid(output, cell, key):
        try:
            receipt = json.loads(output["data"][RECEIPT_MIME])
            expected = receipt_mac(key, cell.get("execution_count"), receipt["check"])
            if receipt.get("execution_count") == cell.get("execution_count") and \
                    hmac.compare_digest(expected, str(receipt.get("mac"))):
                return receipt["check"]
        except (ValueError, KeyError, TypeError):
            pass
        return None


def _error(ename, evalue):
    return NotebookNode(output_type="error", ename=ename, evalue=evalue,
                        traceback=[f"{ename}: {evalue}"])


# --- the static scan ---------------------------------------------------------------
SUSPICIOUS_IMPORTS = {
    "ctypes": "imports ctypes", "gc": "imports gc (reads the interpreter's objects)",
    "importlib": "imports modules by computed names", "builtins": "imports builtins",
    "signal": "imports signal", "autograder": "imports the grader's own package",
    "inspect": "imports inspect",
}
SUSPICIOUS_NAMES = {
    "get_ipython": "uses IPython's shell object", "__import__": "calls __import__",
    "__builtins__": "uses __builtins__", "setattr": "calls setattr()",
    "delattr": "calls delattr()", "exec": "calls exec()", "eval": "calls eval()",
    "compile": "calls compile()",
}
SUSPICIOUS_ATTRIBUTES = {
    "input_transformers_post": "registers an input transformer",
    "input_transformers_cleanup": "registers an input transformer",
    "ast_transformers": "registers an AST transformer",
    "set_custom_exc": "installs a custom exception handler",
    "excepthook": "replaces sys.excepthook", "settrace": "installs a trace function",
    "setprofile": "installs a profile function", "_exit": "calls os._exit()",
    "modules": "reaches into sys.modules", "__globals__": "reads a function's globals",
    "__closure__": "reads a function's closure", "__code__": "reads a function's code",
}
PATCHABLE = ("np", "numpy", "nnlib", "math", "sys", "os", "operator")
# An answer that defines these can compare equal to anything (or pose as an array).
COMPARISON_METHODS = ("__eq__", "__ne__", "__bool__", "__array__", "__array_ufunc__",
                      "__float__", "__lt__", "__le__", "__gt__", "__ge__", "__abs__")


def suspicious_code(nb):
    """Reasons to look twice at the code of a submitted notebook's student cells."""
    found = []
    for cell in nb.cells:
        meta = _nbgrader(cell)
        if cell.cell_type != "code" or meta.get("locked") or \
                (meta.get("grade") and not meta.get("solution")):
            continue
        source = "\n".join(line for line in cell.source.splitlines()
                           if not line.lstrip().startswith(("%", "!")))
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                modules = [a.name for a in node.names] if isinstance(node, ast.Import) \
                    else [node.module or ""]
                found += [SUSPICIOUS_IMPORTS[m.split(".")[0]] for m in modules
                          if m.split(".")[0] in SUSPICIOUS_IMPORTS]
            elif isinstance(node, ast.Name) and node.id in SUSPICIOUS_NAMES:
                found.append(SUSPICIOUS_NAMES[node.id])
            elif isinstance(node, ast.Attribute) and node.attr in SUSPICIOUS_ATTRIBUTES:
                found.append(SUSPICIOUS_ATTRIBUTES[node.attr])
            elif isinstance(node, ast.FunctionDef) and node.name in COMPARISON_METHODS:
                found.append(f"defines {node.name} (an answer that can compare equal to "
                             "anything)")
            targets = node.targets if isinstance(node, ast.Assign) else \
                [node.target] if isinstance(node, ast.AugAssign) else []
            for target in targets:
                root = target
                while isinstance(root, ast.Attribute):
                    root = root.value
                if target is not root and isinstance(root, ast.Name) and root.id in PATCHABLE:
                    found.append(f"assigns to an attribute of {root.id}")
    return list(dict.fromkeys(found))
