"""Compare a student's answer with a reference, in a way student code cannot subvert.

A hidden test runs after the student's code in the same kernel, so anything the student
can rebind (``np.allclose``, ``np.testing``, an ``__eq__`` method) is not trusted:

- the answer is copied into a plain float64 ``ndarray`` (never a subclass) with the
  ``np.array`` captured when this module was imported;
- the comparison is plain Python arithmetic on the floats of ``ndarray.tolist()``
  (methods of built-in types cannot be rebound);
- shapes, dtypes and non-finite values are checked first and reported in words.

Every failure raises ``StudentMistake`` (an AssertionError, so nbgrader scores the test
cell 0) whose message says what is wrong, ending with a mistake code when the error
matches an entry of the catalogue in ``autograder.mistakes``.
"""
import functools
import numbers
import warnings

import numpy as np

from . import explain
from .language import N_, _
from .mistakes import Mistake, generic_candidates
from .remote import StudentRaised
from .wire import KernelObject

_array = np.array
_ndarray = np.ndarray
_float64 = np.float64
_NUMERIC_KINDS = "biuf"


class StudentMistake(AssertionError):
    """A failed hidden test, with a message written for the student."""

    def __init__(self, message, mistake=None, explanation="", named=False):
        super().__init__(message if mistake is None else f"{message} [{mistake.code}]")
        self.mistake = mistake
        self.explanation = explanation  # what holds on every case, when no mistake is named
        self.named = named              # the explanation says what is wrong, not only where


def fail(message, mistake=None):
    raise StudentMistake(message, mistake)


def type_name(value):
    """The type of a student's value (or exception) in words: for an object that stayed
    in the kernel, or an exception raised there, the kernel's own type name."""
    if isinstance(value, (KernelObject, StudentRaised)):
        return value.type_name
    return type(value).__name__


def shape_text(shape):
    """(3,) -> '(3,)', () -> 'a scalar'."""
    return _("a scalar") if shape == () else str(tuple(shape))


def as_float_array(value, name):
    """A fresh float64 ndarray holding ``value``; a clear StudentMistake if impossible."""
    if value is None:
        fail(_("{name} is None: did you forget a return statement?").format(name=name))
    if isinstance(value, (bool, np.bool_)):
        fail(_("{name} is a bool ({value}); expected a number").format(name=name, value=value))
    if isinstance(value, _ndarray):
        if value.dtype.kind not in _NUMERIC_KINDS:
            fail(_("{name} has dtype {dtype}; expected float64 numbers").format(name=name, dtype=value.dtype))
    elif not isinstance(value, (numbers.Real, np.generic, list, tuple)):
        fail(_("{name} is a {type}; expected a number or a NumPy array").format(
            name=name, type=type_name(value)))
    try:
        copy = _array(value, dtype=_float64, copy=True)
    except (TypeError, ValueError) as err:
        fail(_("{name} could not be read as an array of numbers ({error})").format(
            name=name, error=str(err).replace("'KernelObject'", _("an object of the notebook's"))))
    if type(copy) is not _ndarray:  # np.array never subclasses with subok=False
        fail(_("{name} is not a plain NumPy array").format(name=name))
    return copy


def as_float(value, name):
    """A Python float from a number or a 0-d/one-element array."""
    arr = as_float_array(value, name)
    if arr.size != 1:
        fail(_("{name} has shape {shape}; expected a single number").format(
            name=name, shape=shape_text(arr.shape)))
    return arr.reshape(()).tolist()


def _finite(x):
    return x == x and x not in (float("inf"), float("-inf"))


def values_close(actual, expected, rtol=1e-6, atol=1e-9):
    """True when two float64 arrays of one shape agree entry by entry.

    |a - e| <= atol * max(1, max|e|) + rtol * |e|, evaluated in plain Python.
    """
    if actual.shape != expected.shape:
        return False
    a_list, e_list = actual.ravel().tolist(), expected.ravel().tolist()
    scale = 1.0
    for e in e_list:
        if e > scale or -e > scale:
            scale = e if e > 0 else -e
    for a, e in zip(a_list, e_list):
        diff = a - e
        if diff < 0:
            diff = -diff
        bound = atol * scale + rtol * (e if e > 0 else -e)
        if not diff <= bound:  # also catches NaN
            return False
    return True


def _worst_entry(actual, expected):
    a_list, e_list = actual.ravel().tolist(), expected.ravel().tolist()
    worst, where = -1.0, 0
    for i, (a, e) in enumerate(zip(a_list, e_list)):
        diff = a - e if a >= e else e - a
        if not diff <= worst:
            worst, where = diff, i
    index = np.unravel_index(where, expected.shape) if expected.shape else ()
    return index, a_list[where], e_list[where]


def check_array(value, expected, name, *, m=None, mistakes=(), rtol=1e-6, atol=1e-9,
                context="", facts=(), terms=(), what_ifs=(), axes=(), layer=None, probe=None,
                group="", bounds=()):
    """Fail with a named mistake unless ``value`` matches ``expected``.

    value:    the student's answer (anything; converted safely).
    expected: the reference, a float64 array or number computed by ``autograder``.
    m:        the number of examples, when the value is averaged over a batch; enables
              the "times m" / "divided by m" diagnoses.
    mistakes: extra (Mistake, wrong_value) pairs to try, in order, before the generic
              ones (scaled, negated, transposed).
    context:  words appended to a generic failure, e.g. "for X of shape (4, 7)".

    Inside an ``explained`` check, a wrong value that no mistake names does not fail
    here: it is recorded with the rest of the evidence (see ``autograder.explain``:
    facts, terms, what_ifs, axes, layer, probe, group, bounds) and the check goes on to
    its other cases.
    """
    expected = as_float_array(expected, "the reference")
    actual = as_float_array(value, name)
    suffix = f" {context}" if context else ""
    finite = all(_finite(x) for x in actual.ravel().tolist())
    if not finite:
        fail(_("{name} contains NaN or infinite values").format(name=name) + suffix)
    candidates = [(mk, as_float_array(v, "candidate")) for mk, v in mistakes]
    candidates += generic_candidates(expected, m)
    session = explain.current()
    if m is not None and not any(f.symbol == "m" for f in facts):
        facts = (*facts, explain.Fact("m", m, N_("the number of examples")))
    evidence = dict(label=name, actual=actual, expected=expected, facts=tuple(facts),
                    terms=tuple(terms), what_ifs=tuple(what_ifs), axes=tuple(axes),
                    layer=layer, probe=probe, group=group, bounds=tuple(bounds))
    if values_close(actual, expected, rtol, atol):
        if session is not None:
            session.add(explain.Record(ok=True, **evidence))
        return actual
    for mistake, wrong in candidates:
        if wrong.shape == actual.shape and not values_close(wrong, expected, rtol, atol) \
                and values_close(actual, wrong, rtol, atol):
            fail(mistake.explain(name=name, m=m), mistake)
    if actual.shape != expected.shape:
        message = _("{name} has shape {shape}, expected {expected}").format(
            name=name, shape=shape_text(actual.shape), expected=shape_text(expected.shape))
        if actual.size == expected.size and actual.ndim != expected.ndim:
            message += _(" (same numbers of entries: check keepdims=True or a reshape)")
        fail(message + suffix + explain.shape_hint(actual.shape, expected.shape))
    index, a, e = _worst_entry(actual, expected)
    where = (_("the largest difference is at index {index}, where ").format(
        index=tuple(int(i) for i in index)) if index else "")
    message = _("{name} is wrong{context}: {where}you return {value} and the correct value "
                "is {correct}").format(name=name, context=suffix, where=where,
                                       value=f"{a:.6g}", correct=f"{e:.6g}")
    if session is None:
        fail(message)
    session.add(explain.Record(ok=False, message=message, **evidence))
    return actual


def explained(check):
    """Run ``check`` with an explanation session (see ``autograder.explain``).

    The check runs on past wrong values that no mistake names; at its end the first of
    them fails, its message followed by what holds on every case drawn. A catalogued
    mistake found before that fails at once, with its exact message, as before.
    """
    @functools.wraps(check)
    def run(*args, **kwargs):
        token = explain.start()
        session = explain.current()
        try:  # KernelLost (a BaseException: out of time, kernel gone) passes through
            try:
                result = check(*args, **kwargs)
            except Exception:
                failure = _explained_failure(session)
                if failure is None:
                    raise
                raise failure from None
            failure = _explained_failure(session)
            if failure is not None:
                raise failure
            return result
        finally:
            explain.stop(token)
    return run


def _explained_failure(session):
    """The StudentMistake for the session's first unnamed wrong value, or None."""
    failures = session.failures
    if not failures:
        return None
    try:
        words, named = explain.explanation(session)
    except Exception:  # noqa: BLE001 - an explanation must never hide the failure itself
        words, named = "", False
    message = failures[0].message + (f". {words}" if words else "")
    return StudentMistake(message, explanation=words, named=named)


def check_number(value, expected, name, **kwargs):
    """``check_array`` for a single number; the student's value may be a float or 0-d array."""
    actual = as_float_array(value, name)
    if actual.size == 1 and actual.ndim > 0:
        actual = actual.reshape(())
    return check_array(actual, float(expected), name, **kwargs).reshape(()).tolist()


def choice_label(answer, name, options):
    """The option a multiple-choice answer names, normalised ("(B) " -> "b"), or a
    failure saying what the answer must look like."""
    labels = ", ".join(f'"{k}"' for k in options)
    if not isinstance(answer, str):
        fail(_("{name} must be a string, one of {labels}; it is a {type}").format(
            name=name, labels=labels, type=type_name(answer)))
    label = answer.strip().strip("()").strip().lower()
    if label not in options:
        fail(_("{name} is {answer}; it must be one of {labels}").format(
            name=name, answer=repr(answer), labels=labels))
    return label


def check_choice(answer, name, options):
    """A multiple-choice answer: the option's label, normalised ("(B) " -> "b").

    ``options`` maps each lower-case label to ``None`` (the right option) or to the
    ``Mistake`` that names the misconception behind that wrong option.
    """
    label = choice_label(answer, name, options)
    mistake = options[label]
    if mistake is not None:
        fail(mistake.explain(name=f"{name} = ({label})"), mistake)
    return label


def check_shape(value, shape, name):
    """Fail unless ``value`` converts to an array of exactly ``shape``."""
    actual = as_float_array(value, name)
    if actual.shape != tuple(shape):
        fail(_("{name} has shape {shape}, expected {expected}").format(
            name=name, shape=shape_text(actual.shape), expected=shape_text(tuple(shape))))
    return actual


def call(function, name, *args, **kwargs):
    """Call the student's function, turning its exceptions into plain-language failures.

    Warnings are silenced: nbgrader scores a test cell that writes to stderr 0, and a
    correct answer may warn (e.g. np.exp overflowing to inf inside a correct sigmoid).
    """
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return function(*args, **kwargs)
    except StudentRaised as err:  # raised in the student's kernel (autograder.remote)
        raised(name, err.type_name, err.message)
    except (NotImplementedError, KeyboardInterrupt, SystemExit) as err:
        raised(name, type(err).__name__, str(err))
    except Exception as err:  # noqa: BLE001 - any error in student code is a failed test
        raised(name, type(err).__name__, str(err))


def raised(name, type_name, message):
    """Fail, saying in words that the student's function raised ``type_name``."""
    if type_name == "NotImplementedError":
        fail(_("{name} is not implemented yet (it raises NotImplementedError)").format(name=name))
    if type_name in ("KeyboardInterrupt", "SystemExit"):
        fail(_("{name} tried to stop the grader").format(name=name))
    fail(_("{name} raised {type}: {message}").format(name=name, type=type_name,
                                                   message=message))


__all__ = ["StudentMistake", "Mistake", "fail", "type_name", "as_float_array", "as_float",
           "values_close", "check_array", "check_number", "check_shape", "call", "explained"]
