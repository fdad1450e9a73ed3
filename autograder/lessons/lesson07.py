"""Lesson 07, L2 regularization: l2_penalty, l2_grads, weight_decay_update.

The course's cost is J = J_data + (λ/(2m)) Σ_l ‖W_l‖²_F, so the penalty adds (λ/m) W_l to
every weight gradient and nothing to the bias gradients. ``weight_decay_update`` is the
lecture's form of one gradient step, W ← (1 − αλ) W − α dW, where dW is the gradient of
the data term alone.
"""
import numpy as np

from nnlib import mlp

from ..cases import random_network, rng_for
from ..compare import (as_float, as_float_array, call, check_array, check_choice, check_number,
                       explained, fail, type_name, values_close)
from ..explain import Fact, Probe, Term
from ..language import N_, tr
from ..mistakes import BIAS_REGULARISED, LAMBDA_WITHOUT_M, NO_LAMBDA, Mistake
from ..shortcuts import assert_no_shortcut

# --- lesson-specific mistakes (codes start with l2_ or decay_: they are global) -----------
PENALTY_NO_HALF = Mistake(
    "l2_penalty_no_half",
    "{name} is (λ/m)·Σ‖W‖², twice the penalty: the course's penalty is (λ/(2m))·Σ‖W‖². "
    "The 1/2 is there so that its gradient is (λ/m)·W.")
PENALTY_L1 = Mistake(
    "l2_used_l1",
    "{name} uses the absolute values |w| (the L1 penalty): L2 regularization uses the "
    "squares w², i.e. Σ‖W_l‖² summed over the entries of every weight matrix.")
PENALTY_NORM_NOT_SQUARED = Mistake(
    "l2_norm_not_squared",
    "{name} adds the norms ‖W_l‖ without squaring them: the penalty is the sum of "
    "the squared entries, ‖W_l‖² (np.linalg.norm(W) ** 2).")
LAST_LAYER_ONLY = Mistake(
    "l2_last_layer_only",
    "{name} regularizes only the last layer: the L2 term covers the weights of every "
    "layer, W1 to WL.")
LAYER_SKIPPED = Mistake(
    "l2_layer_skipped",
    "{name} leaves out the weights of some layers (check the range of your loop over "
    "layers: range(1, L + 1) visits W1 … WL).")
GRAD_DOUBLE = Mistake(
    "l2_grad_double",
    "{name} adds 2·(λ/m)·W: the derivative of (λ/(2m))·‖W‖² is (λ/m)·W, the 2 of the "
    "square cancels the 1/2.")
DB_CHANGED = Mistake(
    "l2_db_changed",
    "{name} was changed: the penalty has no bias terms, so its gradient with respect to "
    "b is zero and l2_grads must return every db_l exactly as it came in.")
DB_DROPPED = Mistake(
    "l2_db_dropped",
    "{name} is missing from the returned dict: l2_grads returns all the gradients, the "
    "bias gradients db_l unchanged.")
DECAY_NO_LEARNING_RATE = Mistake(
    "decay_missing_learning_rate",
    "{name} shrinks W by (1 − λ) instead of (1 − αλ): the decay is a gradient step too, "
    "so it is scaled by the learning rate α.")
DECAY_WRONG_SIGN = Mistake(
    "decay_wrong_sign",
    "{name} multiplies W by (1 + αλ): weight decay shrinks the weights, W ← (1 − αλ)·W − α·dW.")
DECAY_GRADIENT_UNSCALED = Mistake(
    "decay_gradient_unscaled",
    "{name} subtracts dW itself: the gradient step is α·dW, scaled by the learning rate.")
DECAY_GRADIENT_ASCENT = Mistake(
    "decay_gradient_ascent",
    "{name} adds α·dW, which climbs the cost: subtract it, W ← (1 − αλ)·W − α·dW.")
DECAY_MISSING = Mistake(
    "decay_missing",
    "{name} is a plain gradient step W − α·dW: weight decay also shrinks W by the factor "
    "(1 − αλ).")
DECAY_TWICE = Mistake(
    "decay_applied_twice",
    "{name} applies the decay twice, (1 − αλ)·W − α·(dW + λW): dW is the gradient of the "
    "data term alone; the factor (1 − αλ) already is the whole effect of the penalty.")

#: nnlib functions that compute the penalty or its gradient for you.
FORBIDDEN = (mlp.mlp_cost, mlp.mlp_backward, mlp.loss_and_grads, mlp.train)

#: (layer_dims, m): 4, 2 and 1 layers, m > 1 first (times-m mistakes show), then m = 1.
#: m = 2 is avoided on purpose: there "times m" and "times 2" are the same number.
NETWORKS = (((5, 4, 3, 4, 2), 7), ((3, 5, 2), 11), ((4, 3), 6), ((3, 4, 1), 1), ((2, 3), 1))


# --- reference implementations ------------------------------------------------------
def n_layers(params):
    return len([k for k in params if k.startswith("W")])


def reference_l2_penalty(params, lambd, m, layers=None, entry=np.square, bias=False):
    """(λ/(2m)) Σ_l Σ entry(W_l); ``layers``, ``entry`` and ``bias`` make the mistakes."""
    layers = range(1, n_layers(params) + 1) if layers is None else layers
    total = sum(float(np.sum(entry(params[f"W{l}"]))) for l in layers)
    if bias:
        total += sum(float(np.sum(entry(params[f"b{l}"]))) for l in layers)
    return lambd / (2.0 * m) * total


def reference_l2_grads(grads, params, lambd, m, layers=None, term=None):
    """A new dict: dW_l + (λ/m)·term(W_l) for l in ``layers``; every db_l unchanged."""
    layers = range(1, n_layers(params) + 1) if layers is None else layers
    term = (lambda W: W) if term is None else term
    out = {key: np.array(value, dtype=np.float64) for key, value in grads.items()}
    for l in layers:
        out[f"dW{l}"] = out[f"dW{l}"] + lambd / m * term(params[f"W{l}"])
    return out


def reference_weight_decay_update(W, dW, learning_rate, lambd):
    """The lecture's weight-decay step (1 − αλ) W − α dW."""
    return (1.0 - learning_rate * lambd) * W - learning_rate * dW


# --- cases ---------------------------------------------------------------------------
def _case(rng, layer_dims, m):
    """params (weights and biases), matching random gradients, and a λ of order 1."""
    _, _, params = random_network(rng, layer_dims, m)
    grads = {}
    for l in range(1, len(layer_dims)):
        grads[f"dW{l}"] = 0.3 * rng.standard_normal(params[f"W{l}"].shape)
        grads[f"db{l}"] = 0.3 * rng.standard_normal(params[f"b{l}"].shape)
    return params, grads, float(rng.uniform(0.3, 3.0))


def _copy(d):
    return {key: np.array(value, dtype=np.float64) for key, value in d.items()}


def _describe(layer_dims, m, lambd):
    return f"for a network with layer sizes {list(layer_dims)}, m = {m} and λ = {lambd:.3f}"


# --- checks --------------------------------------------------------------------------
@explained
def check_l2_penalty(l2_penalty, rng=None):
    """l2_penalty(params, lambd, m) -> float: (λ/(2m)) Σ_l ‖W_l‖², biases excluded."""
    name = "l2_penalty"
    assert_no_shortcut(l2_penalty, name, forbidden=FORBIDDEN)
    rng = rng_for(name, rng)
    for layer_dims, m in NETWORKS:
        params, _, lambd = _case(rng, layer_dims, m)
        L = len(layer_dims) - 1
        value = call(l2_penalty, name, _copy(params), lambd, m)
        check_number(value, reference_l2_penalty(params, lambd, m), f"{name}(params, lambd, m)",
                     m=m, context=_describe(layer_dims, m, lambd), facts=(Fact("λ", lambd),),
                     probe=_penalty_probe(l2_penalty, params, lambd, m), mistakes=[
                         (BIAS_REGULARISED, reference_l2_penalty(params, lambd, m, bias=True)),
                         (PENALTY_NO_HALF, 2 * reference_l2_penalty(params, lambd, m)),
                         (PENALTY_L1, reference_l2_penalty(params, lambd, m, entry=np.abs)),
                         (PENALTY_L1, 2 * reference_l2_penalty(params, lambd, m, entry=np.abs)),
                         (PENALTY_NORM_NOT_SQUARED, lambd / (2 * m) * sum(
                             float(np.linalg.norm(params[f"W{l}"])) for l in range(1, L + 1))),
                         (LAST_LAYER_ONLY, reference_l2_penalty(params, lambd, m, layers=[L])),
                         (LAYER_SKIPPED, reference_l2_penalty(params, lambd, m,
                                                           layers=range(1, L))),
                         (LAYER_SKIPPED, reference_l2_penalty(params, lambd, m,
                                                           layers=range(2, L + 1)))])


def _penalty_probe(l2_penalty, params, lambd, m):
    """The penalty's symmetries: a sum of squares ignores signs and zero weights."""
    def answer(args):
        value = call(l2_penalty, "l2_penalty", _copy(args[0]), lambd, m)
        return as_float(value, "l2_penalty"), reference_l2_penalty(args[0], lambd, m)

    def flip(args):
        p = _copy(args[0])
        for key in p:
            if key.startswith("W"):
                p[key] = p[key] * np.where(np.arange(p[key].size) % 2 == 0, -1.0, 1.0
                                           ).reshape(p[key].shape)
        return (p,)

    def zero_column(args):
        p = _copy(args[0])
        p["W1"] = np.hstack([p["W1"], np.zeros((p["W1"].shape[0], 1))])
        return (p,)
    return Probe(answer, (params,), (
        (N_("the signs of some weights flip"), flip),
        (N_("a column of zero weights is added to W1"), zero_column)))


def _returned_dict(result, name, grads):
    if result is None:
        fail(tr("{name} returned None: return the grads dict (also when you update it in "
                "place)").format(name=name))
    if not isinstance(result, dict):
        fail(tr("{name} must return a dict of gradients; it returned {type}").format(
                 name=name, type=type_name(result)))
    for key in grads:
        if key not in result:
            if key.startswith("db"):
                fail(DB_DROPPED.explain(name=f"grads[{key!r}]"), DB_DROPPED)
            fail(tr("grads[{key}] is missing from the dict {name} returned").format(
                     key=repr(key), name=name))
    return result


@explained
def check_l2_grads(l2_grads, rng=None):
    """l2_grads(grads, params, lambd, m) -> grads: dW_l + (λ/m) W_l, db_l unchanged."""
    name = "l2_grads"
    assert_no_shortcut(l2_grads, name, forbidden=FORBIDDEN)
    rng = rng_for(name, rng)
    for layer_dims, m in NETWORKS:
        params, grads, lambd = _case(rng, layer_dims, m)
        L = len(layer_dims) - 1
        context = _describe(layer_dims, m, lambd)
        params_given = _copy(params)
        result = _returned_dict(call(l2_grads, name, _copy(grads), params_given, lambd, m),
                                name, grads)
        for key in params:
            if not values_close(as_float_array(params_given[key], key), params[key]):
                fail(tr("{name} changed params[{key}]: it only adds to the gradients and "
                        "must leave the parameters as they are").format(
                         name=name, key=repr(key)))
        expected = reference_l2_grads(grads, params, lambd, m)
        seen = {key: as_float_array(result[key], f"grads[{key!r}]") for key in grads}
        # Which layers got the term? Patterns over the layers name the loop mistakes.
        done = [values_close(seen[f"dW{l}"], expected[f"dW{l}"]) for l in range(1, L + 1)]
        untouched = [values_close(seen[f"dW{l}"], grads[f"dW{l}"]) for l in range(1, L + 1)]
        if L > 1 and any(done) and not all(done) and all(d or u for d, u in zip(done, untouched)):
            mistake = LAST_LAYER_ONLY if done == [False] * (L - 1) + [True] else LAYER_SKIPPED
            fail(mistake.explain(name=name) + f" ({context})", mistake)
        for l in range(1, L + 1):
            key = f"dW{l}"
            check_array(seen[key], expected[key], f"grads[{key!r}]", m=m, context=context,
                        facts=(Fact("λ", lambd),), layer=L - l, terms=(
                            Term(N_("the gradient dW that was given"), grads[key]),
                            Term(N_("the regularization term (λ/m)·W"),
                                 lambd / m * params[f"W{l}"],
                                 N_("The derivative of (λ/(2m))·‖W‖² is (λ/m)·W: the 2 of "
                                    "the square cancels the ½."))),
                        mistakes=[
                            (NO_LAMBDA, grads[key]),
                            (LAMBDA_WITHOUT_M, grads[key] + lambd * params[f"W{l}"]),
                            (GRAD_DOUBLE, grads[key] + 2 * lambd / m * params[f"W{l}"]),
                            (PENALTY_L1, grads[key] + lambd / m * np.sign(params[f"W{l}"])),
                            (PENALTY_L1, grads[key] + lambd / (2 * m) * np.sign(params[f"W{l}"]))])
        for l in range(1, L + 1):
            key = f"db{l}"
            if values_close(seen[key], grads[key]):
                continue
            if seen[key].shape != grads[key].shape:
                fail(DB_CHANGED.explain(name=f"grads[{key!r}]") + f" (it has shape "
                     f"{seen[key].shape} instead of {grads[key].shape})", DB_CHANGED)
            for wrong in (grads[key] + lambd / m * params[f"b{l}"],
                          grads[key] + 2 * lambd / m * params[f"b{l}"],
                          grads[key] + lambd * params[f"b{l}"]):
                if values_close(seen[key], wrong):
                    fail(BIAS_REGULARISED.explain(name=f"grads[{key!r}]") + f" ({context})",
                         BIAS_REGULARISED)
            fail(DB_CHANGED.explain(name=f"grads[{key!r}]") + f" ({context})", DB_CHANGED)


@explained
def check_weight_decay_update(weight_decay_update, rng=None):
    """weight_decay_update(W, dW, learning_rate, lambd) -> W: (1 − αλ) W − α dW."""
    name = "weight_decay_update"
    assert_no_shortcut(weight_decay_update, name, forbidden=FORBIDDEN)
    rng = rng_for(name, rng)
    for layer_dims, _ in NETWORKS:
        params, grads, _ = _case(rng, layer_dims, 1)
        lr, lambd = float(rng.uniform(0.05, 0.5)), float(rng.uniform(0.2, 1.5))
        for l in range(1, len(layer_dims)):
            W, dW = params[f"W{l}"], grads[f"dW{l}"]
            value = call(weight_decay_update, name, W.copy(), dW.copy(), lr, lambd)
            context = (tr("for W of shape {W_shape}, learning rate α = {lr} and λ = "
                          "{lambd}").format(
                           W_shape=W.shape, lr=format(lr, '.3f'), lambd=format(lambd, '.3f')))
            check_array(value, reference_weight_decay_update(W, dW, lr, lambd), f"{name}(W, dW, α, λ)",
                        context=context, facts=(Fact("α", lr), Fact("λ", lambd)), terms=(
                            Term(N_("the decayed weights (1 − αλ)·W"), (1 - lr * lambd) * W),
                            Term(N_("the gradient step −α·dW"), -lr * dW)), mistakes=[
                            (DECAY_NO_LEARNING_RATE, (1 - lambd) * W - lr * dW),
                            (DECAY_WRONG_SIGN, (1 + lr * lambd) * W - lr * dW),
                            (DECAY_GRADIENT_UNSCALED, (1 - lr * lambd) * W - dW),
                            (DECAY_GRADIENT_ASCENT, (1 - lr * lambd) * W + lr * dW),
                            (DECAY_MISSING, W - lr * dW),
                            (DECAY_TWICE, (1 - 2 * lr * lambd) * W - lr * dW)])


# --- the two questions ----------------------------------------------------------------
DECAY_FACTOR_WITHOUT_M = Mistake(
    "decay_factor_without_m",
    "{name} is 1 − αλ, the slides' factor with the course's λ: with the penalty "
    "(λ/(2m)) Σ‖W‖² the gradient term is (λ/m)·W, so the factor is 1 − αλ/m.")
DECAY_FACTOR_WITHOUT_ALPHA = Mistake(
    "decay_factor_without_learning_rate",
    "{name} is 1 − λ/m: the decay is part of the gradient step, so it is scaled by the "
    "learning rate too, 1 − αλ/m.")
DECAY_FACTOR_HALVED = Mistake(
    "decay_factor_halved",
    "{name} is 1 − αλ/(2m): the derivative of (λ/(2m))·w² is (λ/m)·w (the 2 of the "
    "square cancels the 1/2), so the factor is 1 − αλ/m.")
DECAY_FACTOR_GROWS = Mistake(
    "decay_factor_above_one",
    "{name} is above 1: the penalty's gradient (λ/m)·W is subtracted with the rest of the "
    "gradient, so it shrinks the weights, 1 − αλ/m.")

#: The question's numbers: λ, m and the learning rate.
FACTOR_LAMBDA, FACTOR_M, FACTOR_ALPHA = 5.0, 50, 0.1


@explained
def check_answer_decay_factor(answer, rng=None):
    """answer_decay_factor: 1 − αλ/m = 1 − 0.1·5/50 = 0.99 (0.01 % relative)."""
    lambd, m, alpha = FACTOR_LAMBDA, FACTOR_M, FACTOR_ALPHA
    check_number(answer, 1 - alpha * lambd / m, "answer_decay_factor", rtol=1e-4, atol=0.0,
                 mistakes=[(DECAY_FACTOR_WITHOUT_M, 1 - alpha * lambd),
                           (DECAY_FACTOR_WITHOUT_ALPHA, 1 - lambd / m),
                           (DECAY_FACTOR_HALVED, 1 - alpha * lambd / (2 * m)),
                           (DECAY_FACTOR_GROWS, 1 + alpha * lambd / m)])


LAMBDA_BY_TRAINING = Mistake(
    "lambda_chosen_on_training_set",
    "{name}: the training accuracy always favours λ = 0, the model that fits the training "
    "set, noise included. Choose λ on the validation set, which training never saw.")
LAMBDA_BY_TEST = Mistake(
    "lambda_chosen_on_test_set",
    "{name}: choosing λ by its test accuracy tunes it on the test set, and the 91 % "
    "would then be an optimistic estimate. Choose λ on the validation set (λ = 1) and "
    "report the test accuracy once, for that model.")
LAMBDA_LARGEST = Mistake(
    "lambda_largest_always",
    "{name}: the larger λ is simpler, but λ = 10 underfits: 80 % on the training set and "
    "78 % on the validation set. Larger λ wins only ties on the validation set.")
CHOOSE_LAMBDA_OPTIONS = {"a": LAMBDA_BY_TRAINING, "b": LAMBDA_BY_TEST, "c": None,
                         "d": LAMBDA_LARGEST}


@explained
def check_answer_choose_lambda(answer, rng=None):
    """answer_choose_lambda: "c" (best validation accuracy; report its test accuracy)."""
    check_choice(answer, "answer_choose_lambda", CHOOSE_LAMBDA_OPTIONS)
