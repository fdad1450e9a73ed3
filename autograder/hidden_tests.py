"""A test cell's hidden block, read by the grader and run on the grader's side.

Every test cell of the course starts with a hidden block naming its checks:

    ### BEGIN HIDDEN TESTS
    from autograder.lessons import lesson01
    lesson01.check_mse(mse)
    ### END HIDDEN TESTS

Stock ``nbgrader autograde`` runs that code in the student's kernel (with the grader
installed there, and none of the guarantees below). ``autograder grade`` never does: it
reads the block from the trusted copy of the cell (nbgrader's gradebook), runs each
named check here, and hands it the student's names as :class:`~autograder.remote.RemoteFunction`
stand-ins or plain data. The verdict is a :class:`Verdict`: structured data, from
which the score, the feedback message and the mistake code are taken as they are.
"""
import ast
import importlib
import re
import zlib
from dataclasses import dataclass

import numpy as np

from .compare import StudentMistake
from .language import _
from .remote import KernelLost, KernelSession

HIDDEN_BLOCK = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS\n?", re.S)
CHECK_PACKAGE = "autograder.lessons"


class HiddenBlockError(ValueError):
    """A hidden block that is not a list of checks (an authoring error, never a student's)."""


@dataclass(frozen=True)
class CheckCall:
    module: str           # "autograder.lessons.lesson01"
    check: str            # "check_mse"
    names: tuple          # the student's names it is given: ("mse",)


@dataclass
class Verdict:
    """The grader's decision on one test cell."""

    passed: bool
    message: str = ""           # what the student reads under the test cell
    mistake: str | None = None  # the catalogue's code, when the mistake is named
    problem: str | None = None  # a reason to flag the submission for the instructor

    def as_dict(self):
        return {"passed": self.passed, "message": self.message, "mistake": self.mistake}


def split(source):
    """(the hidden block's code or None, the rest of the cell)."""
    match = HIDDEN_BLOCK.search(source)
    if match is None:
        return None, source
    return match.group(1), source[:match.start()] + source[match.end():]


def parse(block):
    """The CheckCalls of a hidden block: imports of lesson modules, then calls."""
    try:
        tree = ast.parse(block)
    except SyntaxError as err:
        raise HiddenBlockError(f"the hidden block is not Python: {err}") from None
    modules, calls = {}, []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == CHECK_PACKAGE:
            for alias in node.names:
                modules[alias.asname or alias.name] = f"{CHECK_PACKAGE}.{alias.name}"
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and \
                isinstance(node.value.func, ast.Attribute) and \
                isinstance(node.value.func.value, ast.Name) and \
                node.value.func.value.id in modules and \
                node.value.func.attr.startswith("check_") and not node.value.keywords and \
                all(isinstance(a, ast.Name) for a in node.value.args):
            calls.append(CheckCall(modules[node.value.func.value.id], node.value.func.attr,
                                   tuple(a.id for a in node.value.args)))
        else:
            raise HiddenBlockError("a hidden block may only import lesson modules of "
                                   f"{CHECK_PACKAGE} and call their check_ functions "
                                   f"with names: {ast.unparse(node)[:80]!r}")
    if not calls:
        raise HiddenBlockError("the hidden block calls no check")
    return calls


def check_function(call):
    return getattr(importlib.import_module(call.module), call.check)


def case_seed(key, call):
    """The seed of a check's cases: secret to the grader, the same on a regrade."""
    return np.random.SeedSequence([int.from_bytes(key, "big"), zlib.crc32(call.check.encode())])


def run(calls, client, outputs, deadline, key, references_of):
    """The Verdict of a test cell's checks, run here against the student's kernel.

    client: a blocking client of the kernel (see ``autograder.execute``); outputs:
    where what the student's code prints goes; key: bytes that seed the cases.
    Raises KernelLost when the kernel is gone or out of time (the cell then fails).
    """
    for call in calls:
        session = KernelSession(client, outputs, deadline, references_of)
        try:
            session.start()
            args = [session.value_of(name) for name in call.names]
            check_function(call)(*args, rng=np.random.default_rng(case_seed(key, call)))
        except StudentMistake as err:
            session.finish()
            code = err.mistake.code if err.mistake is not None else None
            return Verdict(False, str(err), code)
        except KernelLost:
            raise
        except AssertionError as err:
            session.finish()
            return Verdict(False, str(err) or _("a hidden check failed"))
        except Exception as err:  # noqa: BLE001 - a check that broke on this answer
            session.finish()
            return Verdict(False, _("The grader could not check this answer, so the "
                                     "test scores 0; your instructor will look at it."),
                           problem=f"a check failed to run on this answer "
                                   f"({call.check}: {type(err).__name__})")
        session.finish()
    return Verdict(True)
