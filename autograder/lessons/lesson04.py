"""Lesson 04, gradient checking: numerical_derivative, numerical_gradient, relative_error,
gradient_check, and the lesson's three auto-graded answers.

The references below are written here, from the definitions: the two-sided difference
over a private copy of θ, and the relative error ‖a − b‖ / (‖a‖ + ‖b‖). Hidden cases use
step sizes large enough (1e-4 ... 1e-2) that every catalogued mistake differs from the
correct answer by far more than float64 round-off, and functions with non-zero second
and third derivatives, so a one-sided difference cannot pass by luck.
"""
import math

import numpy as np

from nnlib import gradcheck, mlp

from ..cases import random_network, rng_for, substituted
from ..compare import (as_float, call, check_array, check_number, choice_label, explained,
                       fail, type_name)
from ..explain import Probe
from ..language import N_, tr
from ..mistakes import Mistake
from ..shortcuts import assert_no_shortcut

ONE_SIDED = Mistake(
    "one_sided_difference",
    "{name} is the one-sided difference (J(θ+ε) − J(θ)) / ε (or (J(θ) − J(θ−ε)) / ε): "
    "its error shrinks only like ε. Use the two-sided difference "
    "(J(θ+ε) − J(θ−ε)) / (2ε), whose error shrinks like ε².")
OVER_EPS = Mistake(
    "divided_by_eps_not_2eps",
    "{name} divides J(θ+ε) − J(θ−ε) by ε: the two points θ+ε and θ−ε are 2ε apart, "
    "so divide by 2ε.")
ALL_AT_ONCE = Mistake(
    "all_components_at_once",
    "{name} perturbs every component of θ at once (θ + ε everywhere): that measures the "
    "slope along the diagonal direction, the sum of all partial derivatives. Perturb one "
    "component at a time: θ + ε·e_i, where e_i is 1 in entry i and 0 elsewhere.")
LEFT_MINUS = Mistake(
    "theta_left_at_minus_eps",
    "{name} leaves θ changed: afterwards every entry is θ_i − ε. Put each entry back to "
    "its original value before moving on (or perturb a copy), because the caller's θ is "
    "still in use, and every later partial derivative is taken at a shifted point.")
LEFT_PLUS = Mistake(
    "theta_left_at_plus_eps",
    "{name} restores θ to the wrong value: afterwards every entry is θ_i + ε. Save the "
    "original value and assign it back (or perturb a copy).")
THETA_MODIFIED = Mistake(
    "numgrad_theta_modified",
    "{name} changes θ: the array you were given must hold its original values when "
    "your function returns. Perturb a copy, or save each entry and restore it.")
RELERR_ABSOLUTE = Mistake(
    "relative_error_absolute",
    "{name} is the absolute error ‖a − b‖: divide it by ‖a‖ + ‖b‖, so that the number "
    "means the same whether the gradients are of size 1e-6 or 1e6.")
RELERR_DENOMINATOR = Mistake(
    "relative_error_denominator",
    "{name} divides by the wrong norm (only ‖a‖, only ‖b‖, their maximum, or ‖a + b‖): "
    "the relative error is ‖a − b‖ / (‖a‖ + ‖b‖), symmetric in a and b.")
RELERR_ELEMENTWISE = Mistake(
    "relative_error_elementwise",
    "{name} is the largest entry of |a − b| / (|a| + |b|), computed entry by entry: "
    "use norms of the whole arrays, ‖a − b‖ / (‖a‖ + ‖b‖).")
CHECK_INVERTED = Mistake(
    "gradcheck_inverted",
    "{name} has pass and fail the wrong way round: ok must be True when the relative "
    "error is small (error < tol) and False when it is large.")
CHECK_TOL_IGNORED = Mistake(
    "gradcheck_tol_ignored",
    "{name} ignores the argument tol and compares the error with a fixed 1e-7: use "
    "error < tol, so that callers can loosen or tighten the check.")
CHECK_EPS_IGNORED = Mistake(
    "gradcheck_eps_ignored",
    "{name} ignores the argument eps: pass it on, numerical_gradient(J, theta, eps).")
CHECK_BOOL_ONLY = Mistake(
    "gradcheck_bool_only",
    "{name} returns only True/False: return the pair (ok, error), so that a failed check "
    "also says by how much it failed.")
CHECK_SWAPPED = Mistake(
    "gradcheck_pair_swapped",
    "{name} returns (error, ok): the order is (ok, error).")
WRONG_PLOT = Mistake(
    "gradcheck_wrong_plot",
    "{name}: the plot that shows gradient descent working is the cost J after each "
    "iteration, falling and levelling off.")
WRONG_BUGGY_PARAMETER = Mistake(
    "gradcheck_wrong_buggy_parameter",
    "{name} names a gradient that passes the check: compute the relative error of every "
    "gradient of supplied_backprop against your numerical gradient, with λ > 0, and name "
    "the one whose error is far above 1e-7.")
WRONG_WHY_BACKPROP = Mistake(
    "gradcheck_wrong_why_backprop",
    "{name}: backprop gives every partial derivative for the price of about two forward "
    "passes, while numerical gradients need two cost evaluations per parameter.")

#: The nnlib functions that do this lesson's work: refused in every graded function.
FORBIDDEN = [gradcheck, gradcheck.numerical_grad, gradcheck.numerical_param_grads,
             gradcheck.rel_error]
DEFAULT_EPS, DEFAULT_TOL = 1e-5, 1e-7


# --- reference implementations ------------------------------------------------------
def reference_numerical_derivative(f, theta, eps, kind="two-sided"):
    """(f(θ+ε) − f(θ−ε)) / 2ε; ``kind`` gives the catalogued wrong versions."""
    if kind == "two-sided":
        return (f(theta + eps) - f(theta - eps)) / (2.0 * eps)
    if kind == "forward":
        return (f(theta + eps) - f(theta)) / eps
    if kind == "backward":
        return (f(theta) - f(theta - eps)) / eps
    if kind == "over-eps":
        return (f(theta + eps) - f(theta - eps)) / eps
    raise ValueError(kind)


def reference_numerical_gradient(J, theta, eps=DEFAULT_EPS, kind="two-sided"):
    """Entry i: the difference of J along e_i, on private copies of θ (any shape)."""
    theta = np.array(theta, dtype=np.float64)
    if kind == "all-at-once":
        value = (J(theta + eps) - J(theta - eps)) / (2.0 * eps)
        return np.full(theta.shape, float(value))
    grad = np.zeros(theta.shape)
    for index in np.ndindex(theta.shape):
        def along(t, index=index):
            moved = theta.copy()
            moved[index] = t
            return float(J(moved))
        grad[index] = reference_numerical_derivative(along, float(theta[index]), eps, kind)
    return grad


def _norm(x):
    """The Euclidean (Frobenius) norm, in plain Python for the grader's own use."""
    return math.sqrt(sum(v * v for v in np.asarray(x, dtype=np.float64).ravel().tolist()))


def reference_relative_error(a, b):
    """‖a − b‖ / (‖a‖ + ‖b‖), and 0 when both are zero."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    denominator = _norm(a) + _norm(b)
    return 0.0 if denominator == 0.0 else _norm(a - b) / denominator


def reference_gradient_check(J, grad_J, theta, eps=DEFAULT_EPS, tol=DEFAULT_TOL):
    """(error < tol, error) for the relative error of grad_J(θ) against the numerical one."""
    theta = np.array(theta, dtype=np.float64)
    analytic = np.asarray(grad_J(theta.copy()), dtype=np.float64)
    error = reference_relative_error(analytic, reference_numerical_gradient(J, theta, eps))
    return error < tol, error


# --- test functions: smooth, with known gradients -----------------------------------
def smooth_function(rng, shape):
    """(J, grad_J) for θ of ``shape``: J = c·sin(a∘t) + ½ tᵀSt + (u·t)³/3, t = θ flattened.

    Every second and third derivative is non-zero, so one-sided differences and wrong
    step sizes show. J reads θ and never changes it.
    """
    n = int(np.prod(shape, dtype=np.int64))
    c, a = rng.uniform(0.5, 2.0, n), rng.uniform(0.5, 2.0, n)
    S = rng.standard_normal((n, n))
    S = (S + S.T) / 2
    u = rng.standard_normal(n) / np.sqrt(n)

    def J(theta):
        t = np.asarray(theta, dtype=np.float64).reshape(-1)
        return float(c @ np.sin(a * t) + 0.5 * t @ S @ t + (u @ t) ** 3 / 3.0)

    def grad_J(theta):
        t = np.asarray(theta, dtype=np.float64).reshape(-1)
        g = c * a * np.cos(a * t) + S @ t + (u @ t) ** 2 * u
        return g.reshape(np.shape(theta))

    return J, grad_J


def network_function(rng, layer_dims=(3, 4, 2), m=5, lambd=0.3):
    """(J, grad_J, theta): a small sigmoid network's cost over its flattened parameters."""
    X, Y, params = random_network(rng, list(layer_dims), m)
    keys = list(params)
    shapes = [params[k].shape for k in keys]
    sizes = [int(np.prod(s)) for s in shapes]

    def unpack(theta):
        flat = np.asarray(theta, dtype=np.float64).reshape(-1)
        out, start = {}, 0
        for key, shape, size in zip(keys, shapes, sizes):
            out[key] = flat[start:start + size].reshape(shape).copy()
            start += size
        return out

    def J(theta):
        p = unpack(theta)
        return mlp.mlp_cost(mlp.mlp_forward(X, p)[0], Y, p, lambd)

    def grad_J(theta):
        grads = mlp.loss_and_grads(X, Y, unpack(theta), lambd)[1]
        return np.concatenate([grads["d" + k].ravel() for k in keys])

    theta = np.concatenate([params[k].ravel() for k in keys])
    return J, grad_J, theta, (X, Y, params, lambd)


def _scalar_functions(rng):
    """Three (f, name) pairs of one variable with curvature: polynomial, trig, exp."""
    p = rng.uniform(0.5, 2.0, 4) * rng.choice([-1.0, 1.0], 4)
    w, s = rng.uniform(1.0, 3.0, 2)

    def cubic(t):
        return ((p[0] * t + p[1]) * t + p[2]) * t + p[3]

    def wave(t):
        return math.sin(w * t) + 0.5 * t * t

    def growth(t):
        return math.exp(s * t / 2) - t

    return [(cubic, "a cubic polynomial"), (wave, "sin(wθ) + θ²/2"), (growth, "exp(sθ/2) − θ")]


# --- checks --------------------------------------------------------------------------
@explained
def check_numerical_derivative(numerical_derivative, rng=None):
    """numerical_derivative(f, theta, eps) -> float: (f(θ+ε) − f(θ−ε)) / 2ε."""
    name = "numerical_derivative"
    assert_no_shortcut(numerical_derivative, name, forbidden=FORBIDDEN)
    rng = rng_for(name, rng)
    cases = [(f, label, rng.uniform(-1.5, 1.5), eps)
             for (f, label), eps in zip(_scalar_functions(rng), (1e-2, 1e-3, 1e-4))]
    cases.append((lambda t: t ** 3, "θ³ (the lesson's example)", 1.0, 0.01))
    for f, label, theta, eps in cases:
        value = call(numerical_derivative, name, f, theta, eps)
        check_number(value, reference_numerical_derivative(f, theta, eps), name,
                     context=tr("for f(θ) = {label} at θ = {theta} with ε = {eps}").format(
                                 label=label, theta=format(theta, '.4f'), eps=format(eps, 'g')),
                     mistakes=[
                         (ONE_SIDED, reference_numerical_derivative(f, theta, eps, "forward")),
                         (ONE_SIDED, reference_numerical_derivative(f, theta, eps, "backward")),
                         (OVER_EPS, reference_numerical_derivative(f, theta, eps, "over-eps"))],
                     probe=_derivative_probe(numerical_derivative, f, theta, eps))


def _derivative_probe(numerical_derivative, f, theta, eps):
    """On a straight line every difference quotient is exact: a wrong one shows plainly."""
    name = "numerical_derivative"

    def answer(args):
        f, theta, eps = args
        return (as_float(call(numerical_derivative, name, f, theta, eps), name),
                reference_numerical_derivative(f, theta, eps))
    return Probe(answer, (f, theta, eps), (
        (N_("f is the straight line f(θ) = 3θ + 1 (slope 3)"),
         lambda a: (lambda t: 3.0 * t + 1.0, a[1], a[2])),))


def _check_theta_unchanged(before, after, eps, name):
    """Fail, naming how, when the student's function left θ different from ``before``."""
    change = after - before
    allowed = 1e-13 * np.maximum(1.0, np.abs(before))  # (x + ε) − ε may differ by 1 ulp
    if np.all(np.abs(change) <= allowed):
        return
    near = 1e-9 * np.maximum(1.0, np.abs(before)) + 1e-6 * eps
    if np.all(np.abs(change + eps) <= near):
        fail(LEFT_MINUS.explain(name="numerical_gradient"), LEFT_MINUS)
    if np.all(np.abs(change - eps) <= near):
        fail(LEFT_PLUS.explain(name="numerical_gradient"), LEFT_PLUS)
    changed = int(np.sum(np.abs(change) > allowed))
    fail(tr("{changed} of the {before_size} entries of θ differ after the call (the "
            "largest change is {np_max_np_abs_change}). ").format(
             changed=changed, before_size=before.size,
             np_max_np_abs_change=format(np.max(np.abs(change)), '.3g'))
         + THETA_MODIFIED.explain(name=name), THETA_MODIFIED)


@explained
def check_numerical_gradient(numerical_gradient, rng=None):
    """numerical_gradient(J, theta, eps=1e-5) -> array shaped like theta; theta unchanged."""
    name = "numerical_gradient"
    assert_no_shortcut(numerical_gradient, name, forbidden=FORBIDDEN)
    rng = rng_for(name, rng)
    J_matrix, _ = smooth_function(rng, (3, 4))
    J_net, _, theta_net, (X, Y, params, lambd) = network_function(rng)

    def J_of_W1(W1):  # the network's cost as a function of one weight matrix
        p = dict(params, W1=np.asarray(W1, dtype=np.float64))
        return mlp.mlp_cost(mlp.mlp_forward(X, p)[0], Y, p, lambd)

    J_scalar, _ = smooth_function(rng, ())
    cases = [  # (J, theta, eps or None for the default, words)
        (J_matrix, rng.uniform(-1.0, 1.0, (3, 4)), 1e-3, "θ of shape (3, 4)"),
        (J_net, theta_net, 1e-4, f"a network's {theta_net.size} parameters as one vector"),
        (J_of_W1, params["W1"].copy(), None, "a network's weight matrix W1 of shape (4, 3)"),
        (J_scalar, np.array(rng.uniform(-1.0, 1.0)), 1e-2, "a 0-d array θ"),
    ]
    # numerical_gradient is graded alone: a numerical_derivative it may call is the reference.
    with substituted(numerical_gradient, numerical_derivative=reference_numerical_derivative):
        for J, theta, eps, words in cases:
            given = theta.copy()
            step = DEFAULT_EPS if eps is None else eps
            args = (J, given) if eps is None else (J, given, eps)
            value = call(numerical_gradient, name, *args)
            _check_theta_unchanged(theta, np.array(given, dtype=np.float64), step, name)
            expected = reference_numerical_gradient(J, theta, step)
            at_once = reference_numerical_gradient(J, theta, step, "all-at-once")
            check_array(value, expected, name, context=tr("for {words} and ε = {step}").format(
                                                           words=words, step=format(step, 'g')),
                        mistakes=[
                            (ONE_SIDED, reference_numerical_gradient(J, theta, step, "forward")),
                            (ONE_SIDED, reference_numerical_gradient(J, theta, step, "backward")),
                            (OVER_EPS, reference_numerical_gradient(J, theta, step, "over-eps")),
                            (ALL_AT_ONCE, at_once),
                            (ALL_AT_ONCE, at_once.reshape(-1)[:1].reshape(()))])


@explained
def check_relative_error(relative_error, rng=None):
    """relative_error(a, b) -> float: ‖a − b‖ / (‖a‖ + ‖b‖), 0 when both are zero."""
    name = "relative_error"
    assert_no_shortcut(relative_error, name, forbidden=FORBIDDEN)
    rng = rng_for(name, rng)
    a1 = rng.standard_normal(8)
    a2 = 3.0 * rng.standard_normal((4, 3))
    cases = [(a1, a1 + 0.4 * rng.standard_normal(8), "vectors of length 8"),
             (a2, 0.3 * a2 + rng.standard_normal((4, 3)), "matrices of shape (4, 3)"),
             (1e-6 * a1, 1e-6 * (a1 + 0.01 * rng.standard_normal(8)), "gradients of size 1e-6")]
    for a, b, words in cases:
        value = call(relative_error, name, a.copy(), b.copy())
        ratios = np.abs(a - b) / (np.abs(a) + np.abs(b))
        check_number(value, reference_relative_error(a, b), f"{name}(a, b)",
                     context=tr("for {words}").format(words=words), group=name,
                     probe=_relative_error_probe(relative_error, a, b), mistakes=[
                         (RELERR_ABSOLUTE, _norm(a - b)),
                         (RELERR_DENOMINATOR, _norm(a - b) / _norm(a)),
                         (RELERR_DENOMINATOR, _norm(a - b) / _norm(b)),
                         (RELERR_DENOMINATOR, _norm(a - b) / max(_norm(a), _norm(b))),
                         (RELERR_DENOMINATOR, _norm(a - b) / _norm(a + b)),
                         (RELERR_ELEMENTWISE, float(np.max(ratios)))])
    zero = np.zeros_like(a1)
    value = call(relative_error, name, zero.copy(), zero.copy())
    got = as_float(value, f"{name}(0, 0)")
    if got != 0.0:
        fail(tr("{name}(0, 0) is {got}: two zero gradients agree perfectly, so return 0.0 "
                "when ‖a‖ + ‖b‖ is zero (instead of dividing 0 by 0)").format(
                 name=name, got=got))
    value = call(relative_error, name, zero.copy(), a1.copy())
    check_number(value, 1.0, f"{name}(0, b)", context="when a is zero and b is not", group=name)


def _relative_error_probe(relative_error, a, b):
    """The relative error's landmarks: 0 for equal gradients, 1 for opposite ones."""
    def answer(args):
        a, b = args
        value = call(relative_error, "relative_error", a.copy(), b.copy())
        return as_float(value, "relative_error"), reference_relative_error(a, b)
    return Probe(answer, (a, b),
                 ((N_("b = −a (opposite gradients)"), lambda x: (x[0], -x[0])),))


def _unpack_check_result(result, name):
    """(ok, error) from what gradient_check returned, or a failure saying what is wrong."""
    if isinstance(result, (bool, np.bool_)):
        fail(CHECK_BOOL_ONLY.explain(name=name), CHECK_BOOL_ONLY)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail(tr("{name} must return a pair (ok, error); it returned {type}").format(
                 name=name, type=type_name(result)))
    ok, error = result
    if isinstance(error, (bool, np.bool_)) and not isinstance(ok, (bool, np.bool_)):
        fail(CHECK_SWAPPED.explain(name=name), CHECK_SWAPPED)
    if not isinstance(ok, (bool, np.bool_)):
        fail(tr("ok, the first value {name} returns, must be True or False; it is a "
                "{type} ({ok})").format(
                 name=name, type=type_name(ok), ok=repr(ok)))
    return bool(ok), error


def _check_probe(gradient_check, J, grad_J, theta, kwargs):
    """A relative error does not change when the cost, and so both gradients, are scaled."""
    name = "gradient_check"

    def answer(args):
        J, grad_J, scale = args
        with substituted(gradient_check, numerical_gradient=reference_numerical_gradient,
                         relative_error=reference_relative_error,
                         numerical_derivative=reference_numerical_derivative):
            _, error = _unpack_check_result(call(
                gradient_check, name, lambda t: scale * J(t), lambda t: scale * grad_J(t),
                theta.copy(), **kwargs), name)
        step, limit = kwargs.get("eps", DEFAULT_EPS), kwargs.get("tol", DEFAULT_TOL)
        reference = reference_gradient_check(lambda t: scale * J(t), lambda t: scale * grad_J(t),
                                             theta, step, limit)[1]
        return as_float(error, name), float(reference)
    return Probe(answer, (J, grad_J, 1.0), (
        (N_("the cost J and its gradient are both multiplied by 10"),
         lambda a: (a[0], a[1], 10.0)),))


@explained
def check_gradient_check(gradient_check, rng=None):
    """gradient_check(J, grad_J, theta, eps=1e-5, tol=1e-7) -> (ok, error)."""
    name = "gradient_check"
    rng = rng_for(name, rng)
    J_vec, grad_vec = smooth_function(rng, (7,))
    J_mat, grad_mat = smooth_function(rng, (3, 4))
    wrong_entry = np.zeros((3, 4))
    wrong_entry[rng.integers(3), rng.integers(4)] = 1.0

    def grad_buggy(theta):  # one entry with the wrong sign: error far above any tolerance
        g = grad_mat(theta)
        return g - 2.0 * wrong_entry * g

    J_near, grad_near = smooth_function(rng, (6,))
    tilt = 1.0 + 4e-6 * rng.choice([-1.0, 1.0], 6)

    def grad_slightly_off(theta):  # relative error around 1e-6: passes tol = 1e-4 only
        return grad_near(theta) * tilt

    J_net, grad_net, theta_net, _ = network_function(rng, (2, 3, 1), m=4)
    cases = [  # (J, grad_J, theta, eps, tol): None means "use the default"
        (J_vec, grad_vec, rng.uniform(-1, 1, 7), None, None, "a correct gradient"),
        (J_mat, grad_buggy, rng.uniform(-1, 1, (3, 4)), 1e-4, None,
         "a gradient with one wrong entry"),
        (J_near, grad_slightly_off, rng.uniform(-1, 1, 6), None, 1e-4,
         "a gradient off by about 4e-6 (relative) and tol = 1e-4"),
        (J_net, grad_net, theta_net, 1e-2, 1e-6,
         "a network's correct gradient with the large step ε = 0.01 and tol = 1e-6"),
    ]
    seen = []
    # Grade gradient_check alone: the helpers it calls are the reference ones.
    with substituted(gradient_check, numerical_gradient=reference_numerical_gradient,
                     relative_error=reference_relative_error,
                     numerical_derivative=reference_numerical_derivative):
        assert_no_shortcut(gradient_check, name, forbidden=FORBIDDEN)
        for J, grad_J, theta, eps, tol, words in cases:
            kwargs = {} if eps is None else {"eps": eps}
            if tol is not None:
                kwargs["tol"] = tol
            result = call(gradient_check, name, J, grad_J, theta.copy(), **kwargs)
            ok, error = _unpack_check_result(result, name)
            step, limit = eps or DEFAULT_EPS, tol or DEFAULT_TOL
            ok_ref, error_ref = reference_gradient_check(J, grad_J, theta, step, limit)
            _, error_default_eps = reference_gradient_check(J, grad_J, theta)
            error = check_number(error, error_ref, f"the error {name} returns",
                                 context=tr("for {words}").format(words=words),
                                 mistakes=[(CHECK_EPS_IGNORED, error_default_eps)],
                                 group=f"{name}'s error",
                                 probe=_check_probe(gradient_check, J, grad_J, theta, kwargs))
            seen.append((ok, ok_ref, error, limit, words))
    mismatched = [case for case in seen if case[0] != case[1]]
    if not mismatched:
        return
    if all(ok != ok_ref for ok, ok_ref, *_ in seen):
        fail(CHECK_INVERTED.explain(name=name), CHECK_INVERTED)
    if all(ok == (error < DEFAULT_TOL) for ok, _, error, *_ in seen):
        fail(CHECK_TOL_IGNORED.explain(name=name), CHECK_TOL_IGNORED)
    ok, ok_ref, error, limit, words = mismatched[0]
    fail(tr("{name} returns ok = {ok} for {words}, where the error is {error} and tol = "
            "{limit}: ok must be True exactly when error < tol").format(
             name=name, ok=ok, words=words, error=format(error, '.3g'), limit=format(limit, 'g')))


# --- auto-graded answers --------------------------------------------------------------
PLOT_OPTIONS = {
    "a": "Plot (a) is the cost over a range of one parameter: it shows the shape of J, "
         "not what gradient descent did.",
    "b": "Plot (b) shows the cost rising with the iterations: gradient descent is "
         "failing there (a learning rate far too large, or a gradient of the wrong sign).",
    "c": None,
    "d": "Plot (d) shows a parameter changing steadily: parameters move even when the "
         "cost goes up, so it does not tell whether descent works.",
}
WHY_BACKPROP_OPTIONS = {
    "a": "Numerical gradients are not less accurate in principle; with a good ε they agree "
         "with backprop to about 1e-10. Accuracy is not the reason.",
    "b": None,
    "c": "Numerical gradients work for networks of any depth: the cost is a function of "
         "the parameters, whatever the architecture.",
    "d": "Backprop does need the cost: it differentiates it, starting from ∂J/∂a at the "
         "output layer.",
}
NETWORK_GRADIENTS = ("dW1", "db1", "dW2", "db2", "dW3", "db3")
BUGGY_PARAMETER = "db2"


@explained
def check_answer_which_plot(answer, rng=None):
    """answer_which_plot: "c", the cost after each iteration, falling and levelling off."""
    letter = choice_label(answer, "answer_which_plot", PLOT_OPTIONS)
    if PLOT_OPTIONS[letter] is not None:
        fail(PLOT_OPTIONS[letter] + " " + WRONG_PLOT.explain(name="answer_which_plot"),
             WRONG_PLOT)


@explained
def check_answer_why_backprop(answer, rng=None):
    """answer_why_backprop: "b", the cost of one gradient."""
    letter = choice_label(answer, "answer_why_backprop", WHY_BACKPROP_OPTIONS)
    if WHY_BACKPROP_OPTIONS[letter] is not None:
        fail(WHY_BACKPROP_OPTIONS[letter] + " "
             + WRONG_WHY_BACKPROP.explain(name="answer_why_backprop"), WRONG_WHY_BACKPROP)


@explained
def check_answer_buggy_parameter(answer, rng=None):
    """answer_buggy_parameter: the key of the wrong gradient of supplied_backprop."""
    name = "answer_buggy_parameter"
    keys = ", ".join(f'"{k}"' for k in NETWORK_GRADIENTS)
    if not isinstance(answer, str):
        fail(tr("{name} must be a string, one of {keys}; it is a {type}").format(
                 name=name, keys=keys, type=type_name(answer)))
    key = answer.strip()
    if not key.lower().startswith("d"):
        key = "d" + key  # "b2" names the same gradient as "db2"
    lowered = {k.lower(): k for k in NETWORK_GRADIENTS}
    if key.lower() not in lowered:
        fail(tr("{name} is {answer}; it must be one of {keys}").format(
                 name=name, answer=repr(answer), keys=keys))
    if lowered[key.lower()] != BUGGY_PARAMETER:
        fail(WRONG_BUGGY_PARAMETER.explain(name=f"{name} = {answer!r}"), WRONG_BUGGY_PARAMETER)
