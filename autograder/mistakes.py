"""The mistake catalogue: wrong answers students commonly give, named and explained.

A hidden test that finds a wrong value compares it with *transformed references*: the
correct answer times m, negated, transposed, or computed the way a known mistake computes
it. The first match names the mistake in the feedback, e.g.

    dW2 equals the correct gradient times m = 7: did you forget to divide by the number
    of examples? [times_m]

The bracketed code lets the class report count mistakes per exercise. Every Mistake is
registered in ``CATALOGUE`` by code; lessons add their own with ``Mistake(...)``.
"""
from dataclasses import dataclass

from .language import gettext

CATALOGUE = {}


@dataclass(frozen=True)
class Mistake:
    """A named mistake. ``message`` may use {name} (the value's name) and {m}."""

    code: str
    message: str

    def __post_init__(self):
        if CATALOGUE.setdefault(self.code, self) is not self:
            raise ValueError(f"mistake code {self.code!r} is registered twice")

    def explain(self, name, m=None, lang=None):
        """The message for the value ``name``, in ``lang`` (default: the language of the
        submission being graded, see ``autograder.language``)."""
        return gettext(self.message, lang).format(name=name, m=m)


# Generic transformations of any reference value, tried after a lesson's own mistakes.
TIMES_M = Mistake("times_m", "{name} equals the correct value times m = {m}: "
                  "did you forget to divide by the number of examples?")
DIVIDED_BY_M = Mistake("divided_by_m", "{name} equals the correct value divided by m = {m}: "
                       "did you divide by the number of examples twice?")
TIMES_2 = Mistake("times_2", "{name} is twice the correct value: is a factor 2 counted twice, "
                  "or a 1/2 missing?")
HALVED = Mistake("halved", "{name} is half the correct value: did you drop a factor 2 "
                 "(the derivative of a square is 2·error)?")
NEGATED = Mistake("negated", "{name} has the right size but the wrong sign: check the "
                  "order of a subtraction, e.g. (prediction − target) versus (target − prediction).")
TRANSPOSED = Mistake("transposed", "{name} is the transpose of the correct value: "
                     "check the order of the factors in the matrix product.")

# Gradients of layered networks (lessons 02, 03, 04, 07).
NO_ACTIVATION_DERIVATIVE = Mistake(
    "no_activation_derivative",
    "{name} is what you get without the activation derivative g'(z): the chain rule "
    "multiplies by g'(z) at every layer.")
DERIVATIVE_OF_Z = Mistake(
    "derivative_applied_to_z",
    "{name} uses the sigmoid derivative written for a on z: a(1 − a) must be evaluated at "
    "a = g(z), not at z.")
BIAS_REGULARISED = Mistake(
    "bias_regularised",
    "{name} includes a regularization term for the bias: only weights are regularized, "
    "never biases.")
NO_LAMBDA = Mistake(
    "lambda_missing",
    "{name} is missing the regularization term: add (λ/m)·W to every weight gradient.")
LAMBDA_WITHOUT_M = Mistake(
    "lambda_without_m",
    "{name} has the regularization term λ·W instead of (λ/m)·W: divide it by the number "
    "of examples too.")


def generic_candidates(expected, m=None):
    """(Mistake, wrong value) pairs that any reference value admits, most telling first."""
    pairs = []
    if m is not None and m > 1:
        pairs += [(TIMES_M, expected * m), (DIVIDED_BY_M, expected / m)]
    pairs += [(NEGATED, -expected), (TIMES_2, 2 * expected), (HALVED, expected / 2)]
    if expected.ndim == 2:
        pairs.append((TRANSPOSED, expected.T.copy()))
    return pairs


def codes():
    """Every registered mistake code, sorted."""
    return sorted(CATALOGUE)


__all__ = ["Mistake", "CATALOGUE", "generic_candidates", "codes"]
