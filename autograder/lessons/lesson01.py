"""Lesson 01, the need for optimization: mse, mse_slope, gradient_descent."""
import numpy as np

from nnlib import losses

from ..cases import rng_for, substituted
from ..compare import (as_float, as_float_array, call, check_array, check_choice, check_number,
                       explained, fail, type_name, values_close)
from ..explain import Probe
from ..language import N_, tr
from ..mistakes import Mistake
from ..shortcuts import assert_no_shortcut

ABSOLUTE_ERROR = Mistake("absolute_error", "{name} averages |error| instead of error²: "
                         "the mean squared error squares each error before averaging.")
ROOT_MEAN_SQUARE = Mistake("root_mean_square", "{name} is the square root of the mean "
                           "squared error (the RMSE): leave out the square root.")
SQUARE_OF_MEAN = Mistake("square_of_mean", "{name} squares the mean error instead of "
                         "averaging the squared errors: square first, then average.")
SLOPE_WITHOUT_INPUT = Mistake("slope_missing_input", "{name} leaves out the input x: by the "
                              "chain rule each point contributes 2·error·x, not 2·error.")
GRADIENT_ASCENT = Mistake("gradient_ascent", "{name} moves the weight uphill: the update "
                          "is w ← w − α·slope, with a minus.")
LOSSES_AFTER_STEP = Mistake("losses_shifted", "{name} records each loss after the update: "
                            "the list must start with the loss at w0, before any step.")
MISSING_LEARNING_RATE = Mistake("learning_rate_ignored", "{name} ignores the learning rate: "
                                "each step is w ← w − α·slope.")


# --- reference implementations ------------------------------------------------------
def reference_mse(y_hat, y):
    return float(np.mean((np.asarray(y_hat, float) - np.asarray(y, float)) ** 2))


def reference_mse_slope(x, y, w):
    x, y = np.asarray(x, float), np.asarray(y, float)
    return float(np.mean(2.0 * (w * x - y) * x))


def reference_gradient_descent(x, y, w0, learning_rate, n_steps, slope=reference_mse_slope, sign=-1.0):
    w, history = float(w0), [reference_mse(w0 * np.asarray(x), y)]
    for _ in range(n_steps):
        w = w + sign * learning_rate * slope(x, y, w)
        history.append(reference_mse(w * np.asarray(x), y))
    return w, history


# --- checks --------------------------------------------------------------------------
def _points(rng, m):
    x = rng.uniform(0.5, 4.0, m)
    y = rng.uniform(-1.0, 2.0) * x + rng.normal(0.0, 1.0, m)
    return x, y


@explained
def check_mse(mse, rng=None):
    """mse(y_hat, y) -> float: the mean of the squared errors."""
    assert_no_shortcut(mse, "mse", forbidden=[losses.mean_squared_error])
    rng = rng_for("mse", rng)
    for m in (37, 5, 1):  # the most telling case first: for m = 1 some mistakes coincide
        y = rng.normal(0.0, 2.0, m)
        y_hat = y + rng.normal(0.5, 1.5, m)
        error = y_hat - y
        value = call(mse, "mse", y_hat.copy(), y.copy())
        check_number(value, np.mean(error ** 2), "mse(y_hat, y)", m=m,
                     context=tr("for m = {m}").format(m=m),
                     mistakes=[(ABSOLUTE_ERROR, np.mean(np.abs(error))),
                               (ROOT_MEAN_SQUARE, np.sqrt(np.mean(error ** 2))),
                               (SQUARE_OF_MEAN, np.mean(error) ** 2)])


@explained
def check_mse_slope(mse_slope, rng=None):
    """mse_slope(x, y, w) -> float: d/dw of mean((w x - y)^2)."""
    rng = rng_for("mse_slope", rng)
    for m in (29, 6, 1):
        x, y = _points(rng, m)
        w = rng.uniform(-2.0, 3.0)
        error = w * x - y
        value = call(mse_slope, "mse_slope", x.copy(), y.copy(), w)
        check_number(value, reference_mse_slope(x, y, w), "mse_slope(x, y, w)", m=m,
                     context=tr("for m = {m} points and w = {w}").format(
                                 m=m, w=format(w, '.3f')),
                     mistakes=[(SLOPE_WITHOUT_INPUT, np.mean(2 * error))],
                     probe=_slope_probe(mse_slope, x, y, w))


def _slope_probe(mse_slope, x, y, w):
    """The slope's symmetries: the same for mirrored points and for every point twice."""
    def answer(args):
        x, y, w = args
        return (as_float(call(mse_slope, "mse_slope", x.copy(), y.copy(), w), "mse_slope"),
                reference_mse_slope(x, y, w))
    return Probe(answer, (x, y, w), (
        (N_("every x and every y change sign"), lambda a: (-a[0], -a[1], a[2])),
        (N_("every point is given twice"),
         lambda a: (np.tile(a[0], 2), np.tile(a[1], 2), a[2]))),
        examples=lambda a: [(a[0][i:i + 1], a[1][i:i + 1], a[2]) for i in range(a[0].size)])


@explained
def check_gradient_descent(gradient_descent, rng=None):
    """gradient_descent(x, y, w0, learning_rate, n_steps) -> (w, losses)."""
    rng = rng_for("gradient_descent", rng)
    name = "gradient_descent"
    # Grade this function alone: the slope and loss it calls are the reference ones.
    with substituted(gradient_descent, mse=reference_mse, mse_slope=reference_mse_slope):
        for m, n_steps in ((20, 5), (8, 12), (1, 3)):
            x, y = _points(rng, m)
            w0, lr = rng.uniform(-2.0, 2.0), rng.uniform(0.01, 0.04)
            result = call(gradient_descent, name, x.copy(), y.copy(), w0, lr, n_steps)
            if not isinstance(result, (tuple, list)) or len(result) != 2:
                fail(tr("{name} must return a pair (w, losses); it returned "
                        "{type}").format(
                         name=name, type=type_name(result)))
            w, history = result
            w_ref, history_ref = reference_gradient_descent(x, y, w0, lr, n_steps)
            losses_seen = as_float_array(history, "losses")
            if losses_seen.ndim != 1:
                fail(tr("losses must be a flat list of numbers; yours has shape "
                        "{losses_seen_shape}").format(losses_seen_shape=losses_seen.shape))
            shifted = reference_gradient_descent(x, y, w0, lr, n_steps + 1)[1][1:]
            if losses_seen.size == n_steps:
                if values_close(losses_seen, np.array(history_ref[1:])):
                    fail(LOSSES_AFTER_STEP.explain(name="losses"), LOSSES_AFTER_STEP)
                fail(tr("losses has {n_steps} entries for n_steps = {n_steps}; it needs "
                        "n_steps + 1 = {n_steps_1}, the first being the loss at w0").format(
                         n_steps=n_steps, n_steps_1=n_steps + 1))
            context = tr("after {n_steps} steps with learning rate {lr}").format(
                          n_steps=n_steps, lr=format(lr, '.3f'))
            check_number(w, w_ref, "the final weight w", context=context, mistakes=[
                (GRADIENT_ASCENT, reference_gradient_descent(x, y, w0, lr, n_steps, sign=+1.0)[0]),
                (MISSING_LEARNING_RATE, reference_gradient_descent(x, y, w0, 1.0, n_steps)[0])])
            check_array(losses_seen, history_ref, "losses", context=context,
                        mistakes=[(LOSSES_AFTER_STEP, shifted)], axes=(N_("loss"),))


# --- the two questions ----------------------------------------------------------------
STEP_SLOPE_MISSING_2 = Mistake(
    "step_slope_missing_2",
    "{name} steps with the slope error·x: the derivative of the square (wx − y)² is "
    "2·(wx − y)·x, so the slope has a factor 2.")
STEP_IS_SLOPE = Mistake(
    "step_answer_is_slope",
    "{name} is the slope, not the new weight: the step is w ← w − α·slope.")

#: One step on the point x = 4, y = 10 from w = 2 with α = 0.01 (the question's numbers).
STEP_X, STEP_Y, STEP_W, STEP_LR = 4.0, 10.0, 2.0, 0.01


def _one_step(slope_factor=2.0, sign=-1.0, learning_rate=STEP_LR):
    slope = slope_factor * (STEP_W * STEP_X - STEP_Y) * STEP_X
    return STEP_W + sign * learning_rate * slope


@explained
def check_answer_one_step(answer, rng=None):
    """answer_one_step: w after one step, 2 − 0.01·2·(8 − 10)·4 = 2.16 (0.1 % relative)."""
    check_number(answer, _one_step(), "answer_one_step", rtol=1e-3, atol=0.0,
                 mistakes=[(GRADIENT_ASCENT, _one_step(sign=1.0)),
                           (SLOPE_WITHOUT_INPUT, STEP_W - STEP_LR * 2 * (STEP_W * STEP_X - STEP_Y)),
                           (STEP_SLOPE_MISSING_2, _one_step(slope_factor=1.0)),
                           (MISSING_LEARNING_RATE, _one_step(learning_rate=1.0)),
                           (STEP_IS_SLOPE, 2 * (STEP_W * STEP_X - STEP_Y) * STEP_X)])


LR_TOO_SMALL = Mistake(
    "lr_regime_too_small",
    "{name}: a rate is too small when αc ≪ 1. Here c = (2/m) Σ x² = (2/4)(1 + 1 + 4 + 4) = 5, "
    "so αc = 1.5: the steps are large, not tiny.")
LR_GOOD = Mistake(
    "lr_regime_good",
    "{name}: with αc = 1.5 each step multiplies the distance to the minimum by 1 − αc = "
    "−0.5: the weight lands on the other side every time. c = (2/m) Σ x² has a factor 2; "
    "without it (c = 2.5, αc = 0.75) the rate would look good.")
LR_DIVERGES = Mistake(
    "lr_regime_diverges",
    "{name}: jumping over the minimum is not diverging. The distance is multiplied by "
    "1 − αc = −0.5 per step: the weight changes sides, but the distance halves. Descent "
    "diverges only when |1 − αc| > 1, i.e. αc > 2. (c is a mean over the points: (2/m) Σ x² "
    "= 5, not the sum 2 Σ x² = 20.)")
LR_REGIME_OPTIONS = {"a": LR_TOO_SMALL, "b": LR_GOOD, "c": None, "d": LR_DIVERGES}


@explained
def check_answer_lr_regime(answer, rng=None):
    """answer_lr_regime: "c" (αc = 0.3 · 5 = 1.5: the weight zig-zags in)."""
    check_choice(answer, "answer_lr_regime", LR_REGIME_OPTIONS)
