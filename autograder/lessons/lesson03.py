"""Lesson 03, delta recurrences: forward, cost, backprop_loop, backprop and two answers.

References are written here from the equations of the lesson (and verified against
central differences in tests/lessons/test_lesson03.py); they never call the student's
code or nnlib's MLP.

The regularization term comes in two conventions, and both are accepted when the cost
and the gradient agree:

- "course": J = CE + (λ/(2m)) Σ‖W‖², so dW = Δ/m + (λ/m) W;
- "slides": J = CE + (λ/2) Σ‖W‖²,    so dW = Δ/m + λ W  (the lecture's D = Δ/m + λΘ).

``check_cost`` accepts either. The gradient checks find which convention the student's
own ``cost`` uses and expect the gradient of *that* cost; the course's when the cost is
missing or wrong.
"""
import warnings

import numpy as np

from nnlib import layers, losses, mlp

from ..cases import random_network, rng_for, student_global, substituted
from ..compare import (as_float, as_float_array, call, check_array, check_number, explained,
                       fail, type_name, values_close)
from ..explain import Fact, Probe, Term
from ..language import N_, tr
from ..mistakes import (BIAS_REGULARISED, DERIVATIVE_OF_Z, LAMBDA_WITHOUT_M,
                        NO_ACTIVATION_DERIVATIVE, NO_LAMBDA, Mistake)
from ..shortcuts import assert_no_shortcut

# nnlib's implementations of what this lesson asks the learner to write.
FORBIDDEN = [mlp.mlp_forward, mlp.mlp_backward, mlp.mlp_cost, mlp.loss_and_grads, mlp.train,
             mlp.predict, losses.cross_entropy, layers.dense_forward, layers.dense_backward,
             layers.activation_forward, layers.activation_backward]

FORWARD_NO_BIAS = Mistake(
    "forward_missing_bias",
    "{name} is what forward propagation gives without the biases: each layer computes "
    "Z_l = W_l A_(l-1) + b_l.")
FORWARD_OUTPUT_NOT_SIGMOID = Mistake(
    "forward_output_not_sigmoid",
    "{name} does not come from a sigmoid in the last layer: every layer of this network, "
    "the output layer included, applies g(z) = 1/(1 + e^(-z)).")
FORWARD_CACHE_MISSING_Z = Mistake(
    "forward_cache_missing_z",
    "{name} does not hold every Z_l = W_l A_(l-1) + b_l: backprop needs them (or the A_l) "
    "for g'(z); keep each layer's Z in the cache as well as its A.")
COST_NO_NEGATIVE_CLASS = Mistake(
    "cost_missing_one_minus_y_term",
    "{name} leaves out the (1 − y) log(1 − a) term of the cross-entropy: without it, an "
    "output that should be 0 is never penalised for being close to 1.")
COST_PENALTY_OVER_M = Mistake(
    "cost_penalty_lambda_over_m",
    "{name} has the penalty (λ/m) Σ‖W‖²: it is (λ/(2m)) Σ‖W‖², whose derivative is the "
    "(λ/m) W of the gradient.")
COST_NO_PENALTY = Mistake(
    "cost_penalty_missing",
    "{name} is missing the regularization term (λ/(2m)) Σ_l ‖W_l‖²: with λ > 0 the cost "
    "includes it.")
DELTA_NOT_AVERAGED = Mistake(
    "accumulator_not_averaged",
    "{name} is the accumulator Δ itself (the sum over the m = {m} examples) plus the "
    "regularization: D = Δ/m + (λ/m) W, so divide Δ by m.")
DB_WRONG_AXIS = Mistake(
    "db_summed_over_units",
    "{name} sums δ over the units (axis 0) instead of over the examples (axis 1): db_l has "
    "one entry per unit, (1/m) Σ_i δ^(l)(i), of shape (n_l, 1).")
DB_FLAT = Mistake(
    "db_wrong_shape",
    "{name} has the right numbers in a 1-D array: b_l has shape (n_l, 1), so db_l must too "
    "(np.sum(..., axis=1, keepdims=True)); a 1-D db would broadcast b_l − α·db_l into a "
    "matrix.")
LAMBDA_CONVENTION_MISMATCH = Mistake(
    "lambda_convention_mismatch",
    "{name} uses the course's (λ/m)·W, but your cost uses the slides' (λ/2) Σ‖W‖², whose "
    "gradient is λ·W: cost and gradient must agree.")
FP_BP_ORDER_WRONG = Mistake(
    "fp_bp_order_wrong",
    "{name} is not a correct order: backpropagation for an example needs the activations "
    "a^(l) of that same example, so each BP comes after the FP of its own example.")
ZERO_WEIGHTS_OUTPUT_DELTA = Mistake(
    "zero_weights_gave_output_delta",
    "{name} is δ^(2), the error of the output layer: the question asks for δ^(1), the "
    "error of the hidden layer.")
ZERO_WEIGHTS_ALL_ZERO = Mistake(
    "zero_weights_all_zero",
    "{name} says every hidden unit has zero error: only hidden unit 1's outgoing weights "
    "are zero; unit 2 still passes error back through W_2.")


# --- reference implementations ------------------------------------------------------
def n_layers(params):
    """Number of weight layers L (keys W1 ... WL)."""
    L = 0
    while f"W{L + 1}" in params:
        L += 1
    return L


def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def forward_values(X, params, bias=True, last="sigmoid"):
    """Lists Zs = [None, Z1, ..., ZL] and As = [X, A1, ..., AL].

    bias=False and last="identity"/"softmax" compute the catalogued mistakes.
    """
    L = n_layers(params)
    Zs, As = [None], [np.asarray(X, dtype=np.float64)]
    for l in range(1, L + 1):
        Z = params[f"W{l}"] @ As[-1] + (params[f"b{l}"] if bias else 0.0)
        if l < L or last == "sigmoid":
            A = sigmoid(Z)
        elif last == "identity":
            A = Z.copy()
        else:  # softmax over the output units
            E = np.exp(Z - Z.max(axis=0, keepdims=True))
            A = E / E.sum(axis=0, keepdims=True)
        Zs.append(Z)
        As.append(A)
    return Zs, As


def reference_forward(X, params):
    """(AL, cache) with cache a dict {"A0": X, "Z1": ..., "A1": ..., ...}: the layout of
    the instructor's solution, substituted for a wrong forward while backprop is graded."""
    Zs, As = forward_values(X, params)
    cache = {"A0": As[0]}
    for l in range(1, len(As)):
        cache[f"Z{l}"], cache[f"A{l}"] = Zs[l], As[l]
    return As[-1], cache


def squared_weights(params):
    return float(sum(np.sum(params[f"W{l}"] ** 2) for l in range(1, n_layers(params) + 1)))


def cross_entropy_of(AL, Y, negative_class=True):
    AL, Y = np.asarray(AL, dtype=np.float64), np.asarray(Y, dtype=np.float64)
    m = Y.shape[1]
    total = Y * np.log(AL)
    if negative_class:
        total = total + (1.0 - Y) * np.log(1.0 - AL)
    return float(-total.sum() / m)


def reference_cost(AL, Y, params, lambd, convention="course"):
    """Cross-entropy + (λ/(2m)) Σ‖W‖² ("course") or + (λ/2) Σ‖W‖² ("slides")."""
    m = np.asarray(Y).shape[1]
    scale = lambd / (2 * m) if convention == "course" else lambd / 2
    return cross_entropy_of(AL, Y) + scale * squared_weights(params)


def reference_backprop(X, Y, params, lambd, convention="course", gprime="a", data_scale=None,
                    bias_reg=0.0, delta_transform=None):
    """Gradients of ``reference_cost`` by the δ recurrence, vectorised over the batch.

    Returns (grads, dZs) with dZs[l] = δ^(l) for every example, shape (n_l, m).
    The keyword arguments make the catalogued mistakes: gprime "none" (no g'), "z"
    (z(1 − z) instead of a(1 − a)); data_scale (default 1/m) multiplies Δ; bias_reg
    multiplies b_l in db_l. delta_transform (layers, f) replaces δ^(l) by f(δ^(l), a^(l))
    at those layers: the explainer's transforms at one place (``delta_what_ifs``).
    """
    Y = np.asarray(Y, dtype=np.float64)
    m = Y.shape[1]
    L = n_layers(params)
    data_scale = 1.0 / m if data_scale is None else data_scale
    reg = lambd / m if convention == "course" else lambd
    Zs, As = forward_values(X, params)
    grads, dZs = {}, {}
    dZ = As[L] - Y  # δ^(L) = a^(L) − y for a sigmoid output with cross-entropy
    for l in range(L, 0, -1):
        if delta_transform is not None and l in delta_transform[0]:
            dZ = delta_transform[1](dZ, As[l])
        dZs[l] = dZ
        grads[f"dW{l}"] = data_scale * dZ @ As[l - 1].T + reg * params[f"W{l}"]
        grads[f"db{l}"] = data_scale * dZ.sum(axis=1, keepdims=True) + bias_reg * params[f"b{l}"]
        if l > 1:
            factor = {"a": As[l - 1] * (1.0 - As[l - 1]),
                      "z": Zs[l - 1] * (1.0 - Zs[l - 1]), "none": 1.0}[gprime]
            dZ = (params[f"W{l}"].T @ dZ) * factor
    return grads, dZs


def delta_places(L):
    """(layers, words) of the places where δ can go wrong: the output δ^(L), each hidden
    δ^(l), and every hidden δ at once."""
    places = [((L,), N_("the output δ^(L)"))]
    places += [((l,), f"δ^(L−{L - l})") for l in range(L - 1, 0, -1)]
    if L > 1:  # for L = 2 the same as δ^(L−1): named alike on networks of any depth
        places.append((tuple(range(1, L)), N_("every hidden δ")))
    return places


#: (words, f(δ, a)): local transforms of δ at one layer of a sigmoid network
DELTA_TRANSFORMS = (
    (N_("is multiplied by σ′ = a(1 − a) once more"), lambda d, a: d * a * (1.0 - a), "any"),
    (N_("uses 1 − a² (the derivative of tanh) in place of σ′ = a(1 − a)"),
     lambda d, a: d * (1.0 + a) / a, "hidden"),
    (N_("is multiplied by 2"), lambda d, a: 2.0 * d, "any"),
    (N_("has the wrong sign"), lambda d, a: -d, "hidden"),
)


def delta_what_ifs(backprop_with, L):
    """(words, grads) for each transform of δ at each place; ``backprop_with(transform)``
    returns the reference gradients with that ``delta_transform``."""
    out = []
    for layers, place in delta_places(L):
        for words, f, where in DELTA_TRANSFORMS:
            if where == "hidden" and L in layers:
                continue
            out.append((tr("{place} {transform}").format(place=tr(place), transform=tr(words)),
                        backprop_with((layers, f))))
    return out


def grad_terms(key, ref, params, lambd, m, convention, dZs, As):
    """The additive parts of one reference gradient: the data term (split by example for
    the weight gradients) and the regularization term."""
    l = int(key[2:])
    reg_scale = lambd / m if convention == "course" else lambd
    reg_words = "(λ/m)·W" if convention == "course" else "λ·W"
    hint = (N_("The derivative of (λ/(2m))·‖W‖² is (λ/m)·W: the 2 of the square cancels the "
               "½.") if convention == "course" else N_("The derivative of (λ/2)·‖W‖² is λ·W."))
    if key.startswith("db"):
        parts = [dZs[l][:, [i]] / m for i in range(m)]
        terms = []
    else:
        reg = reg_scale * params[f"W{l}"]
        parts = [dZs[l][:, [i]] @ As[l - 1][:, [i]].T / m for i in range(m)]
        terms = [Term(tr("the regularization term {term}").format(term=reg_words), reg, hint)]
        terms.append(Term(N_("the data term (1/m)·δ·Aᵀ"), ref[key] - reg))
    for i, part in enumerate(parts):
        which = tr("the last example") if i == m - 1 else (
            tr("the first example") if i == 0 else tr("example {i}").format(i=i + 1))
        terms.append(Term(tr("the contribution of {which}").format(which=which), part))
    return terms


# The "two weights are zero" question: a 2-2-2 sigmoid network, one example.
ZERO_WEIGHTS_NET = {
    "x": np.array([[1.0], [2.0]]),
    "y": np.array([[1.0], [0.0]]),
    "W1": np.array([[0.1, 0.3], [-0.2, 0.4]]), "b1": np.array([[0.1], [-0.3]]),
    "W2": np.array([[0.0, 0.5], [0.0, -0.3]]), "b2": np.array([[0.1], [-0.1]]),
}


def zero_weights_deltas(gprime="a", sign=1.0):
    """(δ^(1), δ^(2)) of ZERO_WEIGHTS_NET, flattened."""
    net = ZERO_WEIGHTS_NET
    params = {k: net[k] for k in ("W1", "b1", "W2", "b2")}
    Zs, As = forward_values(net["x"], params)
    d2 = sign * (As[2] - net["y"])
    factor = {"a": As[1] * (1 - As[1]), "z": Zs[1] * (1 - Zs[1]), "none": 1.0}[gprime]
    d1 = (net["W2"].T @ d2) * factor
    return d1.ravel(), d2.ravel()


FP_BP_OPTIONS = {
    "i": "BP with y1, FP with x1, BP with y2, FP with x2",
    "ii": "FP with x1, BP with y1, FP with x2, BP with y2",
    "iii": "FP with x1, BP with y2, FP with x2, BP with y1",
    "iv": "FP with x1, BP with y1, BP with y2, FP with x2",
}
FP_BP_ANSWER = "ii"
FP_BP_WHY_WRONG = {
    "i": "it runs BP for an example before its FP: there are no activations to use yet.",
    "iii": "BP with y2 runs on the activations of x1: each BP must pair with the FP of "
           "its own example.",
    "iv": "BP with y2 comes before the FP of x2, so it uses the activations of x1.",
}


# --- helpers ------------------------------------------------------------------------
def _copy_params(params):
    return {k: np.array(v, dtype=np.float64) for k, v in params.items()}


def _leaves(obj, depth=0):
    """Every array-like leaf in a (nested) container the student chose for the cache."""
    if depth > 6:
        return
    if isinstance(obj, np.ndarray):
        yield obj
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from _leaves(value, depth + 1)
    elif isinstance(obj, (list, tuple)):
        for value in obj:
            yield from _leaves(value, depth + 1)
    elif hasattr(obj, "__dict__") and not callable(obj):
        for value in vars(obj).values():
            yield from _leaves(value, depth + 1)


def _holds(leaves, target):
    return any(leaf.shape == target.shape and leaf.dtype.kind in "iuf"
               and values_close(np.array(leaf, dtype=np.float64), target) for leaf in leaves)


def _arch(dims):
    return "–".join(str(n) for n in dims)


# --- checks --------------------------------------------------------------------------
# (layer sizes, m, λ, one-hot targets): the most telling first; a 1-unit hidden layer, a
# 4-layer net and m = 1 later. No layer has m units, so a sum over the wrong axis shows.
GRAD_CASES = [((4, 5, 3), 7, 0.0, True), ((3, 4, 2), 6, 0.7, False),
              ((5, 1, 1), 5, 0.3, False), ((3, 5, 4, 4, 2), 6, 0.5, True),
              ((3, 4, 3), 1, 0.2, True)]


@explained
def check_forward(forward, rng=None):
    """forward(X, params) -> (AL, cache): sigmoid in every layer, cache holds every Z, A."""
    assert_no_shortcut(forward, "forward", forbidden=FORBIDDEN)
    rng = rng_for("forward", rng)
    for dims, m, _, one_hot in GRAD_CASES:
        X, Y, params = random_network(rng, dims, m, sigmoid_outputs=not one_hot)
        result = call(forward, "forward", X.copy(), _copy_params(params))
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            fail(tr("forward must return a pair (AL, cache); it returned "
                    "{type}").format(type=type_name(result)))
        AL, cache = result
        Zs, As = forward_values(X, params)
        context = tr("for a {arch_dims} network and m = {m}").format(
                      arch_dims=_arch(dims), m=m)
        check_array(AL, As[-1], "AL", context=context, mistakes=[
            (FORWARD_NO_BIAS, forward_values(X, params, bias=False)[1][-1]),
            (FORWARD_OUTPUT_NOT_SIGMOID, forward_values(X, params, last="identity")[1][-1]),
            (FORWARD_OUTPUT_NOT_SIGMOID, forward_values(X, params, last="softmax")[1][-1])])
        leaves = list(_leaves(cache))
        for l in range(1, len(dims)):
            if not _holds(leaves, Zs[l]):
                fail(FORWARD_CACHE_MISSING_Z.explain(name="cache") + f" (Z{l} is missing "
                     f"{context})", FORWARD_CACHE_MISSING_Z)
        for l in range(1, len(dims) - 1):  # AL is returned anyway; X is the input
            if not _holds(leaves, As[l]):
                fail(tr("cache does not hold A{l} = g(Z{l}) {context}: backprop needs "
                        "every layer's activation").format(l=l, context=context))


@explained
def check_cost(cost, rng=None):
    """cost(AL, Y, params, lambd) -> float: cross-entropy + (λ/(2m)) Σ‖W‖².

    The slides' (λ/2) Σ‖W‖² is accepted too; the gradient checks then expect λ·W.
    """
    assert_no_shortcut(cost, "cost", forbidden=FORBIDDEN)
    rng = rng_for("cost", rng)
    for dims, m, lambd, one_hot in [((4, 5, 3), 7, 0.0, True), ((3, 4, 2), 6, 0.7, False),
                                   ((5, 3, 1), 5, 1.3, False), ((3, 4, 3), 1, 0.4, True)]:
        X, Y, params = random_network(rng, dims, m, sigmoid_outputs=not one_hot)
        AL = forward_values(X, params)[1][-1]
        value = call(cost, "cost", AL.copy(), Y.copy(), _copy_params(params), lambd)
        ce, penalty = cross_entropy_of(AL, Y), squared_weights(params)
        if lambd > 0 and values_close(as_float_array(as_float(value, "cost"), "cost"),
                                      np.array(reference_cost(AL, Y, params, lambd, "slides"))):
            continue  # the slides' convention: the gradient checks hold it to λ·W
        bias_sq = sum(float(np.sum(params[f"b{l}"] ** 2)) for l in range(1, len(dims)))
        check_number(value, reference_cost(AL, Y, params, lambd), "cost", m=m,
                     context=tr("for m = {m}, {dims_1} output unit(s) and λ = {lambd}").format(
                                 m=m, dims_1=dims[-1], lambd=lambd),
                     facts=(Fact("K", dims[-1], N_("the number of output units")),
                            Fact("λ", lambd)),
                     terms=cost_terms(ce, lambd / (2 * m) * penalty),
                     probe=penalty_probe(cost, "cost", AL, Y, params, lambd, reference_cost),
                     mistakes=[
                         (COST_NO_NEGATIVE_CLASS, cross_entropy_of(AL, Y, negative_class=False)
                          + lambd / (2 * m) * penalty),
                         (COST_PENALTY_OVER_M, ce + lambd / m * penalty),
                         (COST_NO_PENALTY, ce),
                         (BIAS_REGULARISED, ce + lambd / (2 * m) * (penalty + bias_sq))])


def cost_terms(cross_entropy, penalty):
    """The two additive parts of a regularized cost."""
    return (Term(N_("the cross-entropy term"), np.array(cross_entropy),
                 N_("The cross-entropy is a mean over the m examples only: a sum over the "
                    "output units of each example, then divided by m.")),
            Term(N_("the regularization term"), np.array(penalty),
                 N_("The penalty is (λ/(2m)) times the sum of the squares of every "
                    "weight.")))


def flip_some_signs(params):
    """params with the sign of every other entry of each weight matrix flipped."""
    out = _copy_params(params)
    for key in out:
        if key.startswith("W"):
            signs = np.where(np.arange(out[key].size) % 2 == 0, -1.0, 1.0)
            out[key] = out[key] * signs.reshape(out[key].shape)
    return out


def penalty_probe(function, name, AL, Y, params, lambd, reference):
    """A cost's symmetry: it depends on the squares of the weights, not on their signs."""
    def answer(args):
        p = args[2]
        value = call(function, name, AL.copy(), Y.copy(), _copy_params(p), lambd)
        return as_float(value, name), float(reference(AL, Y, p, lambd))
    return Probe(answer, (AL, Y, params, lambd),
                 ((N_("the signs of some weights flip"), lambda a: (a[0], a[1],
                                                                 flip_some_signs(a[2]), a[3])),))


def cost_convention(student_cost):
    """"course" or "slides": the convention of the student's cost; None when it is
    missing or matches neither."""
    if not callable(student_cost):
        return None
    rng = np.random.default_rng(303)
    X, Y, params = random_network(rng, (3, 4, 2), 5)
    AL, lambd = forward_values(X, params)[1][-1], 0.9
    try:  # quietly: a warning here would be printed in another function's test cell
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            value = np.array(as_float(student_cost(AL.copy(), Y.copy(), _copy_params(params),
                                                   lambd), "cost"))
    except Exception:  # noqa: BLE001 - a broken cost has no convention
        return None
    for convention in ("course", "slides"):
        if values_close(value, np.array(reference_cost(AL, Y, params, lambd, convention))):
            return convention
    return None


def forward_is_correct(student_forward):
    """True when the student's forward passes its own check (then backprop may use it)."""
    if not callable(student_forward):
        return False
    try:  # quietly, as in cost_convention
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            check_forward(student_forward, rng=np.random.default_rng(304))
    except Exception:  # noqa: BLE001 - any failure means: substitute the reference
        return False
    return True


def _check_grads(backprop, name, loop, rng=None):
    convention = cost_convention(student_global(backprop, "cost"))
    expected_convention = convention or "course"
    own_forward = forward_is_correct(student_global(backprop, "forward"))
    replacements = {"cost": lambda AL, Y, params, lambd: reference_cost(
        AL, Y, params, lambd, expected_convention)}
    if not own_forward:
        replacements["forward"] = reference_forward
    with substituted(backprop, forward=reference_forward, cost=replacements["cost"]):
        assert_no_shortcut(backprop, name, forbidden=FORBIDDEN)
    rng = rng_for(name, rng)
    for dims, m, lambd, one_hot in GRAD_CASES:
        X, Y, params = random_network(rng, dims, m, sigmoid_outputs=not one_hot)
        with substituted(backprop, **replacements):
            try:
                grads = backprop(X.copy(), Y.copy(), _copy_params(params), lambd)
            except NotImplementedError:
                fail(tr("{name} is not implemented yet (it raises NotImplementedError)").format(
                         name=name))
            except Exception as err:  # noqa: BLE001
                note = "" if own_forward else tr(
                    " (your forward is not correct yet, so it was run with a correct forward "
                    "whose cache is a dict with keys 'A0', 'Z1', 'A1', ...: fix forward, or "
                    "read the cache in that layout)")
                fail(tr("{name} raised {type}: {err}{note}").format(
                         name=name, type=type_name(err), err=err, note=note))
        if not isinstance(grads, dict):
            fail(tr("{name} must return a dict of gradients with keys 'dW1', 'db1', ...; "
                    "it returned {type}").format(
                     name=name, type=type_name(grads)))
        _compare_grads(grads, X, Y, params, lambd, m, dims, expected_convention, convention,
                       loop)


def _compare_grads(grads, X, Y, params, lambd, m, dims, expected, convention, loop):
    L = len(dims) - 1
    ref, dZs = reference_backprop(X, Y, params, lambd, expected)
    other = reference_backprop(X, Y, params, lambd,
                            "slides" if expected == "course" else "course")[0]
    no_gprime = reference_backprop(X, Y, params, lambd, expected, gprime="none")[0]
    on_z = reference_backprop(X, Y, params, lambd, expected, gprime="z")[0]
    no_lambda = reference_backprop(X, Y, params, 0.0)[0]
    not_averaged = reference_backprop(X, Y, params, lambd, expected, data_scale=1.0)[0]
    reg_b = [reference_backprop(X, Y, params, lambd, expected, bias_reg=s)[0]
             for s in (lambd / m, lambd)]
    context = tr("for a {arch_dims} network, m = {m} and λ = {lambd}").format(
                  arch_dims=_arch(dims), m=m, lambd=lambd)
    As = forward_values(X, params)[1]
    what_ifs = delta_what_ifs(lambda t: reference_backprop(
        X, Y, params, lambd, expected, delta_transform=t)[0], L)
    facts = grad_facts(dims, lambd)
    for l in range(L, 0, -1):
        for key in (f"dW{l}", f"db{l}"):
            if key not in grads:
                fail(tr("the gradients have no key '{key}': return a dict with 'dW1', "
                        "'db1', ..., 'dW{L}', 'db{L}'").format(key=key, L=L))
            label = f'grads["{key}"]'
            mistakes = [(DELTA_NOT_AVERAGED, not_averaged[key])] if loop else []
            mistakes += [(NO_ACTIVATION_DERIVATIVE, no_gprime[key]),
                         (DERIVATIVE_OF_Z, on_z[key])]
            if lambd > 0 and key.startswith("dW"):
                _check_convention(grads[key], ref[key], other[key], label, expected,
                                  convention)
                mistakes.append((NO_LAMBDA, no_lambda[key]))
            if key.startswith("db"):
                delta_sum = dZs[l].sum(axis=0, keepdims=True) / m
                mistakes += [(DB_FLAT, ref[key].ravel()), (DB_WRONG_AXIS, delta_sum),
                             (DB_WRONG_AXIS, delta_sum.ravel())]
                if lambd > 0:
                    mistakes += [(BIAS_REGULARISED, r[key]) for r in reg_b]
            check_array(grads[key], ref[key], label, m=m, context=context, mistakes=mistakes,
                        facts=facts, layer=L - l, group=layer_group(key, L),
                        what_ifs=[(w, g[key]) for w, g in what_ifs],
                        terms=grad_terms(key, ref, params, lambd, m, expected, dZs, As))


def layer_group(key, L):
    """dW2 of a 3-layer network -> "dW_(L−1)": gradients compared across networks of
    different depths by their distance from the output."""
    kind, l = key[:2], int(key[2:])
    return f"{kind}_L" if l == L else f"{kind}_(L−{L - l})"


def grad_facts(dims, lambd):
    """The numbers of a gradient case that a wrong factor may be made of."""
    return (Fact("K", dims[-1], N_("the number of output units")), Fact("λ", lambd),
            Fact("L", len(dims) - 1, N_("the number of layers")))


def _check_convention(value, expected, other, label, expected_convention, convention):
    """Fail with the mismatch explained when dW follows the other λ convention."""
    actual = as_float_array(value, label)
    if values_close(actual, expected) or not values_close(actual, other):
        return
    if expected_convention == "slides":
        fail(LAMBDA_CONVENTION_MISMATCH.explain(name=label), LAMBDA_CONVENTION_MISMATCH)
    why = (tr("your cost uses (λ/(2m)) Σ‖W‖², whose gradient is (λ/m)·W")
           if convention == "course" else
           tr("the cost of this lesson is CE + (λ/(2m)) Σ‖W‖², whose gradient is (λ/m)·W "
              "(the slides' λ·W belongs to a cost with (λ/2) Σ‖W‖², and your cost is not "
              "that one)"))
    fail(tr("{label} has the regularization term λ·W, but {why}: divide it by the number "
            "of examples m too, or use the slides' convention in both cost and gradient.").format(
             label=label, why=why),
         LAMBDA_WITHOUT_M)


@explained
def check_backprop_loop(backprop_loop, rng=None):
    """backprop_loop(X, Y, params, lambd) -> grads, one example at a time.

    Only the values are checked: a loop cannot be told reliably from a vectorised
    computation without false alarms (map, recursion, helpers...).
    """
    _check_grads(backprop_loop, "backprop_loop", loop=True, rng=rng)


@explained
def check_backprop(backprop, rng=None):
    """backprop(X, Y, params, lambd) -> grads, vectorised over the batch."""
    _check_grads(backprop, "backprop", loop=False, rng=rng)


@explained
def check_answer_fp_bp_order(answer, rng=None):
    """answer_fp_bp_order: one of "i", "ii", "iii", "iv"."""
    if not isinstance(answer, str):
        fail(tr('answer_fp_bp_order must be a string, one of "i", "ii", "iii", "iv"; it is'
                " {type}").format(type=type_name(answer)))
    choice = answer.strip().strip("()").strip().lower()
    if choice not in FP_BP_OPTIONS:
        fail(tr('answer_fp_bp_order must be one of "i", "ii", "iii", "iv", not {answer}').format(
                 answer=repr(answer)))
    if choice != FP_BP_ANSWER:
        fail(FP_BP_ORDER_WRONG.explain(name=f"({choice})") + " Here "
             + FP_BP_WHY_WRONG[choice], FP_BP_ORDER_WRONG)


@explained
def check_answer_zero_weights_delta(answer, rng=None):
    """answer_zero_weights_delta: δ^(1) of ZERO_WEIGHTS_NET, two numbers (1e-3 relative)."""
    value = as_float_array(answer, "answer_zero_weights_delta")
    if value.size != 2:
        fail(tr("answer_zero_weights_delta must hold two numbers (δ^(1) has one entry per "
                "hidden unit); yours has {value_size}").format(value_size=value.size))
    d1, d2 = zero_weights_deltas()
    check_array(value.reshape(2), d1, "answer_zero_weights_delta", rtol=1e-3, atol=1e-4,
                mistakes=[(NO_ACTIVATION_DERIVATIVE, zero_weights_deltas("none")[0]),
                          (DERIVATIVE_OF_Z, zero_weights_deltas("z")[0]),
                          (ZERO_WEIGHTS_OUTPUT_DELTA, d2),
                          (ZERO_WEIGHTS_ALL_ZERO, np.zeros(2))])
