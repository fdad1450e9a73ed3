"""Lesson 09, the capstone: softmax, softmax_cost, softmax_backprop, predict, train and
two answers.

References are written here from the equations of the lesson (and checked against
central differences, loops and closed forms in tests/lessons/test_lesson09.py); they
never call the student's code or nnlib's MLP.

The student's functions are called only through ``call`` and looked up only through
``student_global``, so the checks also work when the student's kernel is elsewhere and
values travel as plain data. A function is graded alone: the helpers it may call (the
earlier lessons' functions pasted into the notebook, and this lesson's other functions)
are bound to references with ``substituted`` while it runs.

The λ convention follows lesson 03: the course's (λ/(2m)) Σ‖W‖² with gradient (λ/m) W,
or the slides' (λ/2) Σ‖W‖² with gradient λ W, as long as cost and gradient agree.
"""

import numpy as np

from nnlib import layers, losses, mlp

from ..cases import call_with_global_seed, rng_for, student_global, substituted
from ..compare import (StudentMistake, as_float, as_float_array, call, check_array,
                       check_number, explained, fail, shape_text, type_name, values_close)
from ..explain import Fact
from ..language import N_, tr
from ..mistakes import (BIAS_REGULARISED, DERIVATIVE_OF_Z, LAMBDA_WITHOUT_M,
                        NO_ACTIVATION_DERIVATIVE, NO_LAMBDA, Mistake)
from ..shortcuts import assert_no_shortcut
from . import lesson03, lesson05, lesson06
from .lesson03 import (COST_NO_PENALTY, COST_PENALTY_OVER_M, DB_FLAT, DB_WRONG_AXIS,
                       LAMBDA_CONVENTION_MISMATCH)

# nnlib's implementations of what this lesson asks the learner to write.
FORBIDDEN = [mlp.mlp_forward, mlp.mlp_backward, mlp.mlp_cost, mlp.loss_and_grads, mlp.train,
             mlp.predict, mlp.init_params, losses.cross_entropy, layers.dense_forward,
             layers.dense_backward, layers.activation_forward, layers.activation_backward]

SOFTMAX_OVERFLOW = Mistake(
    "softmax_overflow",
    "{name} overflows: for large |z| it returns NaN or inf, because e^z overflows float64 "
    "above z ≈ 709 (and e^z underflows to 0 below z ≈ −745, giving 0/0). Subtract each "
    "column's maximum before exponentiating: softmax(z − max z) = softmax(z).")
SOFTMAX_WRONG_AXIS = Mistake(
    "softmax_wrong_axis",
    "{name} is normalised over the wrong axis: the examples are the columns, so each "
    "column (one example's K outputs) must sum to 1. Sum over axis 0, with keepdims=True.")
SOFTMAX_NOT_NORMALISED = Mistake(
    "softmax_not_normalised",
    "{name} is e^z without the division by Σ_j e^(z_j): the outputs of one example must "
    "add up to 1.")
SOFTMAX_IS_SIGMOID = Mistake(
    "softmax_is_sigmoid",
    "{name} is the sigmoid of each entry: the softmax divides e^(z_k) by the sum of e^(z_j) "
    "over all the units of the example, so that the outputs add up to 1.")
SOFTMAX_COST_NOT_AVERAGED = Mistake(
    "softmax_cost_not_averaged",
    "{name} sums the cross-entropy over the examples without dividing by m: the cost is "
    "the mean, −(1/m) Σ y log a.")
SOFTMAX_COST_BINARY = Mistake(
    "softmax_cost_binary_terms",
    "{name} includes lesson 03's (1 − y) log(1 − a) term: with a softmax output the cost "
    "is −(1/m) Σ y log a only (the probabilities add up to 1, so raising the right class "
    "already lowers the others).")
SOFTMAX_OUTPUT_EXTRA_DERIVATIVE = Mistake(
    "softmax_output_extra_derivative",
    "{name} multiplies the output error by a(1 − a): with a softmax output and the "
    "cross-entropy, δ^(L) = a^(L) − y exactly (the softmax's derivative cancels against "
    "the log). The factor a(1 − a) belongs to the sigmoid hidden layers only.")
SOFTMAX_BACKPROP_SIGMOID_OUTPUT = Mistake(
    "softmax_backprop_sigmoid_output",
    "{name} is the gradient of lesson 03's network, with a sigmoid output: this network's "
    "output layer is a softmax, a^(L) = softmax(W_L a^(L−1) + b_L).")
L2_GRADIENT_HALF = Mistake(
    "l2_gradient_lambda_over_2m",
    "{name} has the regularization term (λ/(2m))·W: the derivative of (λ/(2m)) Σ W² is "
    "(λ/m)·W (the 2 of the square cancels the 1/2).")
PREDICT_MAX_VALUE = Mistake(
    "predict_max_value",
    "{name} holds the largest output of each example, not its index: the predicted class is "
    "the row where the maximum is, np.argmax(..., axis=0).")
PREDICT_WRONG_AXIS = Mistake(
    "predict_wrong_axis",
    "{name} has one entry per output unit: take the argmax over the units of each example "
    "(axis 0), which gives one label per column.")
TRAIN_COST_PER_BATCH = Mistake(
    "train_cost_per_batch",
    "{name} holds one cost per mini-batch step: record one cost per epoch, the cost of the "
    "whole training set after the epoch.")
TRAIN_NOT_LEARNING = Mistake(
    "train_not_learning",
    "{name}: on an easy, separable problem the cost does not go down, or the network ends "
    "up classifying the training examples poorly. Check that every mini-batch updates "
    "params (and that the updated params are the ones the next step uses).")
TRAIN_SYMMETRIC = Mistake(
    "train_symmetric_hidden_units",
    "{name}: every hidden unit has the same weights after training, so the hidden layer "
    "acts like a single unit. Initialise the weights randomly (He or Xavier, lesson 05), "
    "not with zeros or a constant.")
TRAIN_IGNORES_LAMBDA = Mistake(
    "train_ignores_lambda",
    "{name}: a large λ leaves the weights as large as λ = 0 does. Pass lambd on to the "
    "gradient (softmax_backprop(X_batch, Y_batch, params, lambd)), so that L2 shrinks "
    "the weights.")
TRAIN_GLOBAL_RANDOM = Mistake(
    "train_global_random",
    "{name} draws from NumPy's (or Python's) global random state: draw everything (initial "
    "weights, shuffles) from the rng argument, so that a run can be repeated from its seed.")
TRAIN_IGNORES_RNG = Mistake(
    "train_ignores_rng",
    "{name} ends with the same weights whatever generator it is given: draw the initial "
    "weights and each epoch's shuffle from the rng argument, not from a generator of its own.")
TRAIN_NOT_REPRODUCIBLE = Mistake(
    "train_not_reproducible",
    "{name} ends with different weights for two generators with the same seed: draw "
    "everything from the rng argument, not from a new unseeded generator.")
SOFTMAX_SHIFT_WRONG = Mistake(
    "softmax_shift_wrong",
    "{name} is not right: adding c to every z_k multiplies each e^(z_k) and their sum by "
    "the same e^c, which cancels, so softmax(z + c) = softmax(z).")
EXAMPLE_ORDER_WRONG = Mistake(
    "example_order_wrong",
    "{name} is not right: full-batch descent sums the gradients of all examples before each "
    "step, and a sum does not depend on the order; mini-batch descent steps after each "
    "batch, so the next gradients depend on which examples came first.")


# --- reference implementations ------------------------------------------------------
n_layers = lesson03.n_layers
sigmoid = lesson03.sigmoid


def reference_softmax(Z, axis=0):
    """Stable softmax over ``axis`` (0: over the units of each column, the correct one)."""
    Z = np.asarray(Z, dtype=np.float64)
    E = np.exp(Z - Z.max(axis=axis, keepdims=True))
    return E / E.sum(axis=axis, keepdims=True)


def softmax_values(X, params, last="softmax"):
    """Lists Zs = [None, Z1, ..., ZL] and As = [X, A1, ..., AL]: sigmoid hidden layers and
    a softmax output (``last="sigmoid"`` gives lesson 03's network)."""
    L = n_layers(params)
    Zs, As = [None], [np.asarray(X, dtype=np.float64)]
    for l in range(1, L + 1):
        Z = params[f"W{l}"] @ As[-1] + params[f"b{l}"]
        Zs.append(Z)
        As.append(reference_softmax(Z) if l == L and last == "softmax" else sigmoid(Z))
    return Zs, As


def reference_softmax_forward(X, params):
    """a^(L) of the lesson's network (the notebook's given ``softmax_forward``)."""
    return softmax_values(X, params)[1][-1]


def _penalty_scale(lambd, m, convention):
    return lambd / (2 * m) if convention == "course" else lambd / 2


def reference_l2_penalty(params, lambd, m, convention="course"):
    return _penalty_scale(lambd, m, convention) * lesson03.squared_weights(params)


def reference_l2_grads(grads, params, lambd, m, convention="course"):
    """A new dict: (λ/m) W_l (course) or λ W_l (slides) added to every dW_l."""
    reg = lambd / m if convention == "course" else lambd
    out = dict(grads)
    for l in range(1, n_layers(params) + 1):
        out[f"dW{l}"] = grads[f"dW{l}"] + reg * params[f"W{l}"]
    return out


def reference_softmax_cost(AL, Y, params, lambd, convention="course"):
    """−(1/m) Σ Y log AL + (λ/(2m)) Σ‖W‖² ("course") or + (λ/2) Σ‖W‖² ("slides")."""
    AL, Y = np.asarray(AL, dtype=np.float64), np.asarray(Y, dtype=np.float64)
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(AL)) / m) + reference_l2_penalty(params, lambd, m,
                                                                      convention)


def reference_softmax_backprop(X, Y, params, lambd, convention="course", output="softmax",
                            gprime="a", reg_scale=None, data_scale=None, bias_reg=0.0,
                            delta_transform=None):
    """Gradients of ``reference_softmax_cost`` by the δ recurrence; (grads, dZs).

    The keyword arguments make the catalogued mistakes: output "extra" (δ^(L) times
    a(1 − a)) or "sigmoid" (lesson 03's network); gprime "none" or "z"; reg_scale replaces
    the factor of W_l (default λ/m or λ); data_scale replaces 1/m; bias_reg multiplies b_l
    in db_l; delta_transform as in ``lesson03.reference_backprop``.
    """
    Y = np.asarray(Y, dtype=np.float64)
    m = Y.shape[1]
    L = n_layers(params)
    data_scale = 1.0 / m if data_scale is None else data_scale
    if reg_scale is None:
        reg_scale = lambd / m if convention == "course" else lambd
    Zs, As = softmax_values(X, params, last="sigmoid" if output == "sigmoid" else "softmax")
    dZ = As[L] - Y  # δ^(L) = a^(L) − y for a softmax output with cross-entropy
    if output == "extra":
        dZ = dZ * As[L] * (1.0 - As[L])
    grads, dZs = {}, {}
    for l in range(L, 0, -1):
        if delta_transform is not None and l in delta_transform[0]:
            dZ = delta_transform[1](dZ, As[l])
        dZs[l] = dZ
        grads[f"dW{l}"] = data_scale * dZ @ As[l - 1].T + reg_scale * params[f"W{l}"]
        grads[f"db{l}"] = data_scale * dZ.sum(axis=1, keepdims=True) + bias_reg * params[f"b{l}"]
        if l > 1:
            factor = {"a": As[l - 1] * (1.0 - As[l - 1]),
                      "z": Zs[l - 1] * (1.0 - Zs[l - 1]), "none": 1.0}[gprime]
            dZ = (params[f"W{l}"].T @ dZ) * factor
    return grads, dZs


def reference_predict(X, params):
    """The index of the largest output of each column, shape (m,)."""
    return np.argmax(softmax_values(X, params)[0][-1], axis=0)


def reference_train(X, Y, layer_dims, rng, epochs, batch_size, learning_rate, beta, lambd):
    """The lesson's training loop, from the references of lessons 05, 06 and this one."""
    params = lesson05.reference_init_he(layer_dims, rng)
    v = lesson06.reference_init_velocity(params)
    costs = []
    for _ in range(epochs):
        for X_batch, Y_batch in lesson06.reference_random_minibatches(X, Y, batch_size, rng):
            grads = reference_softmax_backprop(X_batch, Y_batch, params, lambd)[0]
            params, v = lesson06.reference_momentum_update(params, grads, v, beta,
                                                           learning_rate)
        costs.append(reference_softmax_cost(reference_softmax_forward(X, params), Y,
                                            params, lambd))
    return params, costs


SHIFT_OPTIONS = ("i", "ii", "iii", "iv")
SHIFT_ANSWER = "i"
ORDER_OPTIONS = ("i", "ii", "iii", "iv")
ORDER_ANSWER = "ii"
ORDER_WHY_WRONG = {
    "i": "the gradient is a sum over the examples only for full-batch descent; with "
         "mini-batches each step moves the weights before the next batch's gradient.",
    "iii": "full-batch descent adds the same gradients in any order: the sum is the same "
           "(up to rounding of about 1e-16).",
    "iv": "plain mini-batch descent without momentum depends on the order too: each step "
          "changes the weights at which the next batch's gradient is computed.",
}


# --- helpers ------------------------------------------------------------------------
def _copy_params(params):
    return {k: np.array(v, dtype=np.float64) for k, v in params.items()}


def _arch(dims):
    return "–".join(str(n) for n in dims)


def random_softmax_network(rng, dims, m):
    """(X, Y, params): one-hot Y with K = dims[-1] classes, weights of std 1/sqrt(n_in)
    and biases drawn too (so a bias mistake shows)."""
    X = rng.standard_normal((dims[0], m))
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        params[f"b{l}"] = 0.5 * rng.standard_normal((dims[l], 1))
    Y = np.eye(dims[-1])[:, rng.integers(0, dims[-1], m)]
    return X, Y, params


def _all_finite(array):
    return all(x == x and x not in (float("inf"), float("-inf")) for x in array.ravel().tolist())


def _quiet_call(function, name, *args):
    """The student's result, or None when it fails (used to detect a convention)."""
    try:
        return call(function, name, *args)
    except StudentMistake:
        return None


def cost_convention(student_cost):
    """"course" or "slides": the λ convention of the student's softmax_cost; None when it
    is missing or matches neither."""
    if not callable(student_cost):
        return None
    rng = np.random.default_rng(909)
    X, Y, params = random_softmax_network(rng, (3, 4, 3), 5)
    AL, lambd = reference_softmax_forward(X, params), 0.9
    value = _quiet_call(student_cost, "softmax_cost", AL.copy(), Y.copy(),
                        _copy_params(params), lambd)
    try:
        value = np.array(as_float(value, "softmax_cost"))
    except StudentMistake:
        return None
    for convention in ("course", "slides"):
        if values_close(value, np.array(reference_softmax_cost(AL, Y, params, lambd,
                                                               convention))):
            return convention
    return None


def _forward_for(function):
    """The student's own lesson 03 forward when it is correct (its cache layout is what
    their code reads), else the reference with the instructor's dict layout."""
    if lesson03.forward_is_correct(student_global(function, "forward")):
        return {}
    return {"forward": lesson03.reference_forward}


def _helpers(function, convention="course"):
    """References for every helper a graded function may call: this lesson's other
    functions and the earlier lessons' functions pasted into the notebook."""
    return {
        "softmax": reference_softmax,
        "softmax_forward": reference_softmax_forward,
        "softmax_cost": lambda AL, Y, params, lambd: reference_softmax_cost(
            AL, Y, params, lambd, convention),
        "softmax_backprop": lambda X, Y, params, lambd: reference_softmax_backprop(
            X, Y, params, lambd, convention)[0],
        "predict": reference_predict,
        "l2_penalty": lambda params, lambd, m: reference_l2_penalty(params, lambd, m,
                                                                    convention),
        "l2_grads": lambda grads, params, lambd, m: reference_l2_grads(grads, params, lambd,
                                                                       m, convention),
        "init_he": lesson05.reference_init_he,
        "init_xavier": lesson05.reference_init_xavier,
        "random_minibatches": lesson06.reference_random_minibatches,
        "init_velocity": lesson06.reference_init_velocity,
        "momentum_update": lambda params, grads, v, beta, learning_rate:
            lesson06.reference_momentum_update(params, grads, v, beta, learning_rate),
        "sgd_update": lesson06.reference_sgd_update,
        **_forward_for(function),
    }


# --- softmax ------------------------------------------------------------------------------
@explained
def check_softmax(softmax, rng=None):
    """softmax(Z) -> A: column-wise, stable for large |Z|."""
    assert_no_shortcut(softmax, "softmax", forbidden=FORBIDDEN)
    rng = rng_for("softmax", rng)
    # (K, m, scale, offset): moderate values first, so that a wrong formula is named before
    # the overflow; K != m so that the wrong axis shows; then K = 1 and m = 1.
    for K, m, scale, offset in ((4, 6, 2.0, 0.0), (10, 3, 3.0, 1.0), (3, 1, 1.0, -2.0),
                                (1, 5, 2.0, 0.0), (5, 4, 300.0, 0.0), (3, 7, 5.0, 1000.0),
                                (4, 2, 5.0, -1000.0)):
        Z = offset + scale * rng.standard_normal((K, m))
        value = call(softmax, "softmax", Z.copy())
        context = tr("for Z of shape ({K}, {m}) with entries between {Z_min} and {Z_max}").format(
                      K=K, m=m, Z_min=format(Z.min(), '.4g'), Z_max=format(Z.max(), '.4g'))
        actual = as_float_array(value, "softmax(Z)")
        if actual.shape == Z.shape and not _all_finite(actual):
            fail(SOFTMAX_OVERFLOW.explain(name="softmax(Z)") + f" (here {context})",
                 SOFTMAX_OVERFLOW)
        with np.errstate(all="ignore"):
            candidates = [(SOFTMAX_WRONG_AXIS, reference_softmax(Z, axis=1)),
                          (SOFTMAX_IS_SIGMOID, sigmoid(Z))]
            if abs(offset) < 100 and scale < 100:
                candidates.append((SOFTMAX_NOT_NORMALISED, np.exp(Z)))
        check_array(actual, reference_softmax(Z), "softmax(Z)", context=context,
                    mistakes=candidates, axes=(N_("class"), N_("example")),
                    bounds=(0.0, 1.0, N_("every softmax output is between 0 and 1")))


# --- softmax_cost -------------------------------------------------------------------------
@explained
def check_softmax_cost(softmax_cost, rng=None):
    """softmax_cost(AL, Y, params, lambd) -> float: −(1/m) Σ Y log AL + (λ/(2m)) Σ‖W‖².

    The slides' (λ/2) Σ‖W‖² is accepted too; softmax_backprop is then held to λ·W.
    """
    assert_no_shortcut(softmax_cost, "softmax_cost", forbidden=FORBIDDEN)
    rng = rng_for("softmax_cost", rng)
    for dims, m, lambd in (((4, 5, 3), 7, 0.0), ((3, 4, 5), 6, 0.7), ((5, 3, 4, 2), 5, 1.3),
                           ((3, 4, 3), 1, 0.4)):
        X, Y, params = random_softmax_network(rng, dims, m)
        AL = reference_softmax_forward(X, params)
        with substituted(softmax_cost, **_helpers(softmax_cost)):
            value = call(softmax_cost, "softmax_cost", AL.copy(), Y.copy(),
                         _copy_params(params), lambd)
        ce = float(-np.sum(Y * np.log(AL)) / m)
        penalty = lesson03.squared_weights(params)
        if lambd > 0 and values_close(
                as_float_array(as_float(value, "softmax_cost"), "softmax_cost"),
                np.array(reference_softmax_cost(AL, Y, params, lambd, "slides"))):
            continue  # the slides' convention: softmax_backprop is held to λ·W
        bias_sq = sum(float(np.sum(params[f"b{l}"] ** 2)) for l in range(1, len(dims)))
        binary = float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)
        check_number(value, reference_softmax_cost(AL, Y, params, lambd), "softmax_cost",
                     m=m, context=tr("for m = {m}, K = {dims_1} classes and λ = {lambd}").format(
                                      m=m, dims_1=dims[-1], lambd=lambd),
                     facts=(Fact("K", dims[-1], N_("the number of classes")), Fact("λ", lambd)),
                     terms=lesson03.cost_terms(ce, lambd / (2 * m) * penalty),
                     mistakes=[
                         (SOFTMAX_COST_NOT_AVERAGED, ce * m + lambd / (2 * m) * penalty),
                         (SOFTMAX_COST_BINARY, binary + lambd / (2 * m) * penalty),
                         (COST_PENALTY_OVER_M, ce + lambd / m * penalty),
                         (COST_NO_PENALTY, ce),
                         (BIAS_REGULARISED, ce + lambd / (2 * m) * (penalty + bias_sq))])


# --- softmax_backprop ---------------------------------------------------------------------
# (layer sizes, m, λ): the most telling first; no layer has m units, so a sum over the
# wrong axis shows; a 1-unit hidden layer, no hidden layer, a deep net and m = 1 later.
GRAD_CASES = [((4, 5, 3), 7, 0.0), ((3, 4, 5), 6, 0.7), ((5, 1, 3), 5, 0.3),
              ((3, 5, 4, 4, 2), 6, 0.5), ((6, 4), 5, 0.4), ((3, 4, 3), 1, 0.2)]


@explained
def check_softmax_backprop(softmax_backprop, rng=None):
    """softmax_backprop(X, Y, params, lambd) -> grads: sigmoid hidden layers, softmax output."""
    name = "softmax_backprop"
    convention = cost_convention(student_global(softmax_backprop, "softmax_cost"))
    expected = convention or "course"
    helpers = _helpers(softmax_backprop, expected)
    with substituted(softmax_backprop, **helpers):
        assert_no_shortcut(softmax_backprop, name, forbidden=FORBIDDEN)
    rng = rng_for(name, rng)
    for dims, m, lambd in GRAD_CASES:
        X, Y, params = random_softmax_network(rng, dims, m)
        with substituted(softmax_backprop, **helpers):
            grads = call(softmax_backprop, name, X.copy(), Y.copy(), _copy_params(params),
                         lambd)
        if not isinstance(grads, dict):
            fail(tr("{name} must return a dict of gradients with keys 'dW1', 'db1', ...; "
                    "it returned {type}").format(
                     name=name, type=type_name(grads)))
        _compare_grads(grads, X, Y, params, lambd, m, dims, expected, convention)


def _compare_grads(grads, X, Y, params, lambd, m, dims, expected, convention):
    L = len(dims) - 1
    ref, dZs = reference_softmax_backprop(X, Y, params, lambd, expected)
    other = reference_softmax_backprop(X, Y, params, lambd,
                                    "slides" if expected == "course" else "course")[0]
    variants = {
        "extra": reference_softmax_backprop(X, Y, params, lambd, expected, output="extra")[0],
        "sigmoid": reference_softmax_backprop(X, Y, params, lambd, expected, output="sigmoid")[0],
        "no_gprime": reference_softmax_backprop(X, Y, params, lambd, expected, gprime="none")[0],
        "on_z": reference_softmax_backprop(X, Y, params, lambd, expected, gprime="z")[0],
        "half": reference_softmax_backprop(X, Y, params, lambd, expected,
                                        reg_scale=lambd / (2 * m))[0],
        "no_lambda": reference_softmax_backprop(X, Y, params, 0.0)[0],
    }
    reg_b = [reference_softmax_backprop(X, Y, params, lambd, expected, bias_reg=s)[0]
             for s in (lambd / m, lambd)]
    context = tr("for a {arch_dims} network, m = {m} and λ = {lambd}").format(
                  arch_dims=_arch(dims), m=m, lambd=lambd)
    As = softmax_values(X, params)[1]
    what_ifs = lesson03.delta_what_ifs(lambda t: reference_softmax_backprop(
        X, Y, params, lambd, expected, delta_transform=t)[0], L)
    facts = lesson03.grad_facts(dims, lambd)
    for l in range(L, 0, -1):
        for key in (f"dW{l}", f"db{l}"):
            if key not in grads:
                fail(tr("the gradients have no key '{key}': return a dict with 'dW1', "
                        "'db1', ..., 'dW{L}', 'db{L}'").format(key=key, L=L))
            label = f'grads["{key}"]'
            mistakes = [(SOFTMAX_OUTPUT_EXTRA_DERIVATIVE, variants["extra"][key]),
                        (SOFTMAX_BACKPROP_SIGMOID_OUTPUT, variants["sigmoid"][key]),
                        (NO_ACTIVATION_DERIVATIVE, variants["no_gprime"][key]),
                        (DERIVATIVE_OF_Z, variants["on_z"][key])]
            if lambd > 0 and key.startswith("dW"):
                lesson03._check_convention(grads[key], ref[key], other[key], label, expected,
                                           convention)
                if expected == "course":
                    mistakes.append((L2_GRADIENT_HALF, variants["half"][key]))
                mistakes.append((NO_LAMBDA, variants["no_lambda"][key]))
            if key.startswith("db"):
                delta_sum = dZs[l].sum(axis=0, keepdims=True) / m
                mistakes += [(DB_FLAT, ref[key].ravel()), (DB_WRONG_AXIS, delta_sum),
                             (DB_WRONG_AXIS, delta_sum.ravel())]
                if lambd > 0:
                    mistakes += [(BIAS_REGULARISED, r[key]) for r in reg_b]
            check_array(grads[key], ref[key], label, m=m, context=context, mistakes=mistakes,
                        facts=facts, layer=L - l, group=lesson03.layer_group(key, L),
                        what_ifs=[(w, g[key]) for w, g in what_ifs],
                        terms=lesson03.grad_terms(key, ref, params, lambd, m, expected, dZs, As))


# --- predict ------------------------------------------------------------------------------
@explained
def check_predict(predict, rng=None):
    """predict(X, params) -> labels: the index of the largest output of each column, (m,)."""
    name = "predict"
    helpers = _helpers(predict)
    with substituted(predict, **helpers):
        assert_no_shortcut(predict, name, forbidden=FORBIDDEN)
    rng = rng_for(name, rng)
    for dims, m in (((4, 6, 5), 9), ((3, 10), 4), ((5, 4, 3, 6), 7), ((3, 4, 3), 1)):
        X, _, params = random_softmax_network(rng, dims, m)
        for l in range(1, len(dims)):  # spread the outputs, so that no two are close
            params[f"W{l}"] = 3.0 * params[f"W{l}"]
        with substituted(predict, **helpers):
            value = call(predict, name, X.copy(), _copy_params(params))
        actual = as_float_array(value, "the labels from predict")
        Zs, As = softmax_values(X, params)
        context = tr("for a {arch_dims} network and m = {m}").format(
                      arch_dims=_arch(dims), m=m)
        if actual.shape in ((1, m), (m, 1)) and m > 1:
            fail(tr("the labels from predict have shape {shape}: return "
                    "a 1-D array of shape ({m},), one label per column").format(
                     shape=shape_text(actual.shape), m=m))
        sigmoid_out = sigmoid(Zs[-1])
        check_array(actual, reference_predict(X, params).astype(np.float64),
                    "the labels from predict", context=context, mistakes=[
                        (PREDICT_MAX_VALUE, As[-1].max(axis=0)),
                        (PREDICT_MAX_VALUE, sigmoid_out.max(axis=0)),
                        (PREDICT_MAX_VALUE, Zs[-1].max(axis=0)),
                        (PREDICT_WRONG_AXIS, np.argmax(As[-1], axis=1).astype(np.float64))])


# --- train --------------------------------------------------------------------------------
def blobs(rng, n_features=4, K=3, per_class=20, spread=0.4):
    """An easy, separable K-class problem: Gaussian blobs around well-separated centres.
    Returns (X, Y, labels)."""
    centres = 2.0 * np.eye(K, n_features) + 0.0
    labels = np.repeat(np.arange(K), per_class)
    X = centres[labels].T + spread * rng.standard_normal((n_features, labels.size))
    order = rng.permutation(labels.size)
    return X[:, order], np.eye(K)[:, labels[order]], labels[order]


#: (layer sizes, epochs, batch size, α, β, λ) of the learning case
TRAIN_SETTINGS = ([4, 6, 3], 30, 10, 0.5, 0.9, 0.01)


def _run_train(train, helpers, X, Y, dims, seed, epochs, batch_size, lr, beta, lambd,
               global_seed=1):
    """(params, costs) checked for structure, with the global random state seeded to
    ``global_seed`` where train runs (see cases.call_with_global_seed)."""
    name = "train"
    with substituted(train, **helpers):
        result = call_with_global_seed(train, name, global_seed, X.copy(), Y.copy(),
                                       list(dims), np.random.default_rng(seed), epochs,
                                       batch_size, lr, beta, lambd)
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail(tr("{name} must return a pair (params, costs); it returned {type}").format(
                 name=name, type=type_name(result)))
    params, costs = result
    if not isinstance(params, dict):
        fail(tr("the params returned by {name} must be a dict with keys 'W1', 'b1', ...; "
                "it is a {type}").format(
                 name=name, type=type_name(params)))
    L = len(dims) - 1
    expected_keys = sorted(f"{p}{l}" for l in range(1, L + 1) for p in "Wb")
    if sorted(str(k) for k in params) != expected_keys:
        fail(tr("the params returned by {name} have the keys {sorted_map_str_params}; for "
                "layer_dims = {list_dims} they must be {expected_keys}").format(
                 name=name, sorted_map_str_params=sorted(map(str, params)), list_dims=list(dims),
                 expected_keys=expected_keys))
    out = {}
    for l in range(1, L + 1):
        for key, shape in ((f"W{l}", (dims[l], dims[l - 1])), (f"b{l}", (dims[l], 1))):
            value = as_float_array(params[key], f'params["{key}"] returned by {name}')
            if value.shape != shape:
                fail(tr('params["{key}"] returned by {name} has shape '
                        "{shape}, expected {expected}").format(
                         key=key, name=name, shape=shape_text(value.shape),
                         expected=shape_text(shape)))
            if not _all_finite(value):
                fail(tr('params["{key}"] returned by {name} contains NaN or infinite '
                        "values: training diverged").format(key=key, name=name))
            out[key] = value
    costs = as_float_array(costs, f"the costs returned by {name}")
    if costs.ndim != 1:
        fail(tr("the costs returned by {name} must be a flat list of numbers, one per "
                "epoch; they have shape {shape}").format(
                 name=name, shape=shape_text(costs.shape)))
    m = X.shape[1]
    n_batches = -(-m // batch_size)
    if costs.size != epochs:
        if costs.size == epochs * n_batches and n_batches > 1:
            fail(TRAIN_COST_PER_BATCH.explain(name=f"the costs returned by {name}")
                 + f" ({epochs} epochs of {n_batches} batches gave {costs.size} costs)",
                 TRAIN_COST_PER_BATCH)
        fail(tr("the costs returned by {name} hold {costs_size} numbers for epochs = "
                "{epochs}: one cost per epoch").format(
                 name=name, costs_size=costs.size, epochs=epochs))
    if not _all_finite(costs):
        fail(tr("the costs returned by {name} contain NaN or infinite values").format(
                 name=name))
    return out, costs


def _norm(params):
    return float(sum(np.sum(params[k] ** 2) for k in params if k.startswith("W"))) ** 0.5


@explained
def check_train(train, rng=None):
    """train(X, Y, layer_dims, rng, epochs, batch_size, learning_rate, beta, lambd)
    -> (params, costs).

    Training is random, so properties are checked, never particular draws: any use of
    the given generator passes. Every helper train may call is a reference here.
    """
    name = "train"
    helpers = _helpers(train)
    with substituted(train, **helpers):
        assert_no_shortcut(train, name, forbidden=FORBIDDEN)
    rng = rng_for(name, rng)
    dims, epochs, batch_size, lr, beta, lambd = TRAIN_SETTINGS
    X, Y, labels = blobs(rng)
    seed = int(rng.integers(2**32))
    context = (tr("(blobs of {X_shape_1} examples in {len_set_labels_tolist} classes, "
                  "layer_dims = {dims}, {epochs} epochs, batches of {batch_size}, α = "
                  "{lr}, β = {beta}, λ = {lambd})").format(
                   X_shape_1=X.shape[1], len_set_labels_tolist=len(set(labels.tolist())),
                   dims=dims, epochs=epochs, batch_size=batch_size, lr=lr, beta=beta,
                   lambd=lambd))
    # 1. structure, one cost per epoch, no global random state
    params, costs = _run_train(train, helpers, X, Y, dims, seed, epochs, batch_size, lr,
                               beta, lambd)
    # 2. the hidden units differ (random initialisation)
    W1 = params["W1"]
    if all(values_close(W1[j], W1[0]) for j in range(1, W1.shape[0])):
        fail(TRAIN_SYMMETRIC.explain(name=name), TRAIN_SYMMETRIC)
    # 3. it learns: the cost goes down and the training examples are classified well
    accuracy = float(np.mean(reference_predict(X, params) == labels))
    if not costs[-1] < costs[0] or accuracy < 0.9:
        fail(TRAIN_NOT_LEARNING.explain(name=name) + f" Here the cost went from {costs[0]:.4g} "
             f"to {costs[-1]:.4g} and the training accuracy is {accuracy:.0%} {context}.",
             TRAIN_NOT_LEARNING)
    # 4. every draw comes from rng: the same seed repeats the run, another seed does not
    again, _ = _run_train(train, helpers, X, Y, dims, seed, epochs, batch_size, lr, beta,
                          lambd, global_seed=2)
    if not all(values_close(again[k], params[k]) for k in params):
        third, _ = _run_train(train, helpers, X, Y, dims, seed, epochs, batch_size, lr, beta,
                              lambd, global_seed=1)
        if all(values_close(third[k], params[k]) for k in params):
            fail(TRAIN_GLOBAL_RANDOM.explain(name=name), TRAIN_GLOBAL_RANDOM)
        fail(TRAIN_NOT_REPRODUCIBLE.explain(name=name), TRAIN_NOT_REPRODUCIBLE)
    other, _ = _run_train(train, helpers, X, Y, dims, seed + 1, epochs, batch_size, lr,
                          beta, lambd)
    if all(values_close(other[k], params[k]) for k in params):
        fail(TRAIN_IGNORES_RNG.explain(name=name), TRAIN_IGNORES_RNG)
    # 5. λ is used: strong L2 holds the weights much smaller than none
    free, _ = _run_train(train, helpers, X, Y, dims, seed, epochs, batch_size, lr, beta, 0.0)
    held, _ = _run_train(train, helpers, X, Y, dims, seed, epochs, batch_size, lr, beta, 5.0)
    if not _norm(held) < 0.5 * _norm(free):
        fail(TRAIN_IGNORES_LAMBDA.explain(name=name) + f" (‖W‖ = {_norm(held):.3g} with "
             f"λ = 5 and {_norm(free):.3g} with λ = 0)", TRAIN_IGNORES_LAMBDA)


# --- the two questions --------------------------------------------------------------------
def _choice(answer, variable, options):
    if not isinstance(answer, str):
        fail(tr('{variable} must be a string, one of "i", "ii", "iii", "iv"; it is '
                "{type}").format(
                 variable=variable, type=type_name(answer)))
    choice = answer.strip().strip("()").strip().lower()
    if choice not in options:
        fail(tr('{variable} must be one of "i", "ii", "iii", "iv", not {answer}').format(
                 variable=variable, answer=repr(answer)))
    return choice


@explained
def check_answer_softmax_shift(answer, rng=None):
    """answer_softmax_shift: "i" (softmax(z + c) = softmax(z))."""
    choice = _choice(answer, "answer_softmax_shift", SHIFT_OPTIONS)
    if choice != SHIFT_ANSWER:
        fail(SOFTMAX_SHIFT_WRONG.explain(name=f"({choice})"), SOFTMAX_SHIFT_WRONG)


@explained
def check_answer_example_order(answer, rng=None):
    """answer_example_order: "ii" (order matters for mini-batches, not for full batch)."""
    choice = _choice(answer, "answer_example_order", ORDER_OPTIONS)
    if choice != ORDER_ANSWER:
        fail(EXAMPLE_ORDER_WRONG.explain(name=f"({choice})") + " Here "
             + ORDER_WHY_WRONG[choice], EXAMPLE_ORDER_WRONG)
