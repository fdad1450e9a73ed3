"""Lesson 02, the chain rule: sigmoid, sigmoid_prime, neuron_grads, chain_grads.

One sigmoid neuron per layer and the per-example cost C0 = (a - y)^2:

    z = w a_prev + b,   a = sigmoid(z),
    dC0/dw = a_prev sigmoid'(z) 2(a - y),  dC0/db = sigmoid'(z) 2(a - y),
    dC0/da_prev = w sigmoid'(z) 2(a - y).

Every reference below is written here from those formulas (``tests/lessons/test_lesson02``
checks them against central differences of the cost); none uses nnlib or student code.
"""
import types

import numpy as np

from nnlib import activations, graphs, layers

from ..cases import rng_for, substituted
from ..compare import (as_float, as_float_array, call, check_array, check_choice, check_number,
                       explained, fail, type_name)
from ..explain import Probe
from ..language import N_, tr
from ..mistakes import DERIVATIVE_OF_Z, NO_ACTIVATION_DERIVATIVE, Mistake
from ..shortcuts import assert_no_shortcut

# --- mistakes of this lesson (codes are global: every one names the chain-rule topic) ----
SIGMOID_EXP_SIGN = Mistake(
    "sigmoid_exp_sign",
    "{name} returns 1 − σ(z) = σ(−z): check the sign of the exponent. "
    "σ(z) = 1/(1 + e^(−z)), which also equals e^z/(1 + e^z), not e^(−z)/(1 + e^(−z)).")
SIGMOID_BRACKETS = Mistake(
    "sigmoid_brackets",
    "{name} equals 1 + e^(−z): brackets are missing. 1/1 + np.exp(-z) divides 1 by 1 first; "
    "write 1 / (1 + np.exp(-z)).")
SIGMOID_IS_TANH = Mistake(
    "sigmoid_is_tanh",
    "{name} is tanh(z), whose values lie in (−1, 1): the sigmoid is 1/(1 + e^(−z)), with "
    "values in (0, 1). (They are related: σ(z) = (1 + tanh(z/2))/2.)")
SCALAR_ONLY = Mistake(
    "sigmoid_scalar_only",
    "{name} works on one number but fails on a NumPy array: math.exp (or a Python `if`) "
    "handles scalars only. Use np.exp, which works elementwise on arrays of any shape.")
PRIME_IS_SIGMOID = Mistake(
    "sigmoid_prime_is_sigmoid",
    "{name} returns σ(z) itself: the derivative is σ'(z) = σ(z)(1 − σ(z)).")
PRIME_MISSING_SQUARE = Mistake(
    "sigmoid_prime_missing_square",
    "{name} is e^(−z)/(1 + e^(−z)) = 1 − σ(z): the quotient rule squares the denominator, "
    "σ'(z) = e^(−z)/(1 + e^(−z))² = σ(z)(1 − σ(z)).")
PRIME_TANH_FORM = Mistake(
    "sigmoid_prime_tanh_form",
    "{name} is 1 − σ(z)², the form of tanh's derivative: the sigmoid's is σ(z)(1 − σ(z)).")
SIGMOID_TWICE = Mistake(
    "sigmoid_applied_twice",
    "{name} applies the sigmoid twice, σ'(σ(z)): σ'(z) = a(1 − a) with a = σ(z), computed "
    "from a directly, without a second sigmoid.")
PRIME_OF_A = Mistake(
    "sigmoid_prime_of_a",
    "{name} evaluates sigmoid_prime at the activation a = σ(z): sigmoid_prime takes z. "
    "Use sigmoid_prime(z), or a·(1 − a), but not sigmoid_prime(a).")
BIAS_IGNORED = Mistake(
    "chain_bias_ignored",
    "{name} is what you get with z = w·a_prev, without the bias: the neuron's weighted input "
    "is z = w·a_prev + b.")
DW_USES_OUTPUT = Mistake(
    "chain_dw_uses_output",
    "{name} multiplies by the neuron's output a instead of its input a_prev: "
    "∂z/∂w = a_prev, the activation that enters the weight.")
DW_DA_SWAPPED = Mistake(
    "chain_dw_da_prev_swapped",
    "{name} looks swapped with the other gradient: ∂z/∂w = a_prev gives "
    "dw = a_prev·σ'(z)·2(a − y), and ∂z/∂a_prev = w gives "
    "da_prev = w·σ'(z)·2(a − y).")
NOT_AVERAGED = Mistake(
    "chain_grad_not_averaged",
    "{name} holds one value per example: the cost is the mean over the examples, so its "
    "gradient is the mean of the per-example gradients, one number.")
DA_PREV_REDUCED = Mistake(
    "chain_da_prev_averaged",
    "{name} is a single number (a mean or sum over the examples): each example's a_prev "
    "affects only that example's cost, so da_prev keeps one value per example, shaped like a_prev.")
DA_PREV_OVER_M = Mistake(
    "chain_da_prev_divided_by_m",
    "{name} is divided by m = {m}: da_prev is the per-example gradient w·σ'(z)·2(a − y), "
    "not averaged (only dw and db are means over the examples).")
LOCAL_ONLY = Mistake(
    "chain_local_only",
    "{name} uses only each neuron's local derivative times 2(a^(L) − y): going backwards, "
    "the gradient reaching neuron l is ∂C0/∂a^(l) = w^(l+1)·σ'(z^(l+1))·∂C0/∂a^(l+1); "
    "multiply by it (recursion), not by the output error alone.")
NO_WEIGHT = Mistake(
    "chain_missing_weight",
    "{name} leaves the weights out of the backward step: ∂C0/∂a^(l−1) = w^(l)·σ'(z^(l))·"
    "∂C0/∂a^(l), because ∂z^(l)/∂a^(l−1) = w^(l).")
WEIGHT_OFF_BY_ONE = Mistake(
    "chain_weight_off_by_one",
    "{name} uses the weight of the wrong layer in the backward step: ∂C0/∂a^(l−1) takes "
    "w^(l), the weight between a^(l−1) and z^(l) (ws[l - 1] in 0-based Python lists for "
    "layer l), not the layer before it.")
REVERSED = Mistake(
    "chain_grads_reversed",
    "{name} is in reverse order: you computed it from the last layer backwards; dws[0] must "
    "be the gradient of ws[0] (the first layer). Reverse the list before returning it.")

GRADIENT_KEYS = ("dw", "db", "da_prev")


# --- reference implementations ---------------------------------------------------------
def reference_sigmoid(z):
    """σ(z) = 1/(1 + e^(−z)) elementwise, without overflow (e^(−|z|) <= 1)."""
    z = np.asarray(z, dtype=np.float64)
    small = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0, small) / (1.0 + small)


def reference_sigmoid_prime(z):
    """σ'(z) = σ(z)(1 − σ(z)) = σ(z)σ(−z) elementwise (the second form keeps full relative
    precision for large z, where 1 − σ(z) would cancel)."""
    return reference_sigmoid(z) * reference_sigmoid(-np.asarray(z, dtype=np.float64))


def _local_slope(z, a, mistake):
    """σ'(z) as a correct student computes it, or as one of the mistakes does."""
    if mistake == "no_activation_derivative":
        return np.ones_like(z)
    if mistake == "derivative_applied_to_z":
        return z * (1.0 - z)
    if mistake == "sigmoid_prime_of_a":
        return reference_sigmoid_prime(a)
    return a * (1.0 - a)


def reference_neuron(a_prev, w, b, y, mistake=None):
    """Gradients of the mean of (a − y)² over examples for a = σ(w a_prev + b).

    a_prev, y: floats or arrays of one shape (one entry per example); w, b: floats.
    Returns dict(dw=float, db=float, da_prev=array shaped like a_prev). ``mistake`` makes
    the wrong values of the catalogue: "no_activation_derivative", "derivative_applied_to_z",
    "sigmoid_prime_of_a", "bias_ignored".
    """
    a_prev = np.asarray(a_prev, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    w, b = float(w), float(b)
    z = w * a_prev + (0.0 if mistake == "bias_ignored" else b)
    a = reference_sigmoid(z)
    delta = _local_slope(z, a, mistake) * 2.0 * (a - y)  # ∂C0/∂z, one per example
    return {"dw": float(np.mean(a_prev * delta)), "db": float(np.mean(delta)),
            "da_prev": w * delta, "delta": delta, "a": a}


def reference_neuron_grads(a_prev, w, b, y):
    """The graded contract of neuron_grads, used in place of the student's inside chain_grads."""
    grads = reference_neuron(a_prev, w, b, y)
    return {key: grads[key] for key in GRADIENT_KEYS}


def reference_chain_grads(x, y, ws, bs, mistake=None):
    """(dws, dbs) of C0 = (a^(L) − y)² for a chain of single sigmoid neurons, as arrays (L,).

    a^(0) = x, z^(l) = w^(l) a^(l−1) + b^(l), a^(l) = σ(z^(l)); ws[l - 1] is w^(l).
    ``mistake`` makes the catalogue's wrong answers (see the checks below).
    """
    ws = [float(w) for w in ws]
    bs = [float(b) for b in bs]
    n = len(ws)
    acts, zs = [float(x)], []
    for w, b in zip(ws, bs):
        zs.append(w * acts[-1] + (0.0 if mistake == "bias_ignored" else b))
        acts.append(float(reference_sigmoid(zs[-1])))
    dws, dbs = np.zeros(n), np.zeros(n)
    output_error = 2.0 * (acts[-1] - float(y))
    da = output_error  # ∂C0/∂a^(l), starting at the output
    for l in reversed(range(n)):
        slope = float(_local_slope(np.float64(zs[l]), np.float64(acts[l + 1]), mistake))
        delta = slope * (output_error if mistake == "local_only" else da)
        dbs[l] = delta
        dws[l] = (acts[l + 1] if mistake == "dw_uses_output" else acts[l]) * delta
        if mistake == "missing_weight":
            da = delta
        elif mistake == "weight_off_by_one":
            da = ws[l - 1] * delta  # ws[-1] for the first layer: da is not used afterwards
        else:
            da = ws[l] * delta
    if mistake == "reversed":
        return dws[::-1].copy(), dbs[::-1].copy()
    return dws, dbs


# --- helpers ---------------------------------------------------------------------------
def _graphs_objects():
    """nnlib.graphs and every function in it: drawing helpers that also compute gradients."""
    return [graphs] + [obj for obj in vars(graphs).values()
                       if isinstance(obj, types.FunctionType) and obj.__module__ == graphs.__name__]


def _call_elementwise(function, name, z):
    """function(z) on an array; names the scalar-only mistake when only numbers work."""
    try:
        return function(z.copy())
    except TypeError as err:
        try:
            one = function(0.5)
            float(one)
        except Exception:  # noqa: BLE001 - it fails on numbers too: report the first error
            fail(tr("{name} raised TypeError on an array of shape {z_shape}: {err}").format(
                     name=name, z_shape=z.shape, err=err))
        fail(SCALAR_ONLY.explain(name=name), SCALAR_ONLY)
    except (KeyboardInterrupt, SystemExit):
        fail(tr("{name} tried to stop the grader").format(name=name))
    except Exception:  # noqa: BLE001 - NotImplementedError and the rest, in plain words
        return call(function, name, z.copy())


def _elementwise_inputs(rng, low, high):
    """Arrays of several shapes (2-D, 1-D), then a Python float and a 0-d array."""
    return [rng.uniform(low, high, (3, 4)), rng.uniform(low, high, 7),
            float(rng.uniform(low, high)), np.array(rng.uniform(low, high))]


def _check_elementwise(function, name, reference, mistakes_for, rng, low, high, bounds):
    """bounds: (low, high, words), the range every right value lies in."""
    for z in _elementwise_inputs(rng, low, high):
        expected = reference(z)
        label = f"{name}(z)"
        if isinstance(z, float):
            value = call(function, name, z)
            check_number(value, expected, label, context=tr("for the number z = {z}").format(
                    z=format(z, '.4f')),
                         mistakes=mistakes_for(np.float64(z)), bounds=bounds)
        else:
            value = _call_elementwise(function, name, z)
            kind = tr("a 0-d array") if z.ndim == 0 else \
                tr("z of shape {shape}").format(shape=z.shape)
            check_array(value, expected, label, context=tr("for {kind}").format(kind=kind),
                        mistakes=mistakes_for(z), bounds=bounds)


# --- checks ----------------------------------------------------------------------------
@explained
def check_sigmoid(sigmoid, rng=None):
    """sigmoid(z): 1/(1 + e^(−z)) elementwise, any shape."""
    assert_no_shortcut(sigmoid, "sigmoid", forbidden=[
        activations.sigmoid, activations.ACTIVATIONS, layers.activation_forward,
        *_graphs_objects()])
    rng = rng_for("sigmoid", rng)

    def mistakes_for(z):
        return [(SIGMOID_EXP_SIGN, reference_sigmoid(-z)), (SIGMOID_BRACKETS, 1.0 + np.exp(-z)),
                (SIGMOID_IS_TANH, np.tanh(z))]

    # |z| <= 8: a plain 1/(1 + np.exp(-z)) is exact here and never overflows
    _check_elementwise(sigmoid, "sigmoid", reference_sigmoid, mistakes_for, rng, -8.0, 8.0,
                       (0.0, 1.0, "σ(z) = 1/(1 + e^(−z)) is always between 0 and 1"))


@explained
def check_sigmoid_prime(sigmoid_prime, rng=None):
    """sigmoid_prime(z): σ(z)(1 − σ(z)) elementwise, any shape."""
    assert_no_shortcut(sigmoid_prime, "sigmoid_prime", forbidden=[
        activations.sigmoid_prime, activations.sigmoid_prime_from_a, activations.ACTIVATIONS,
        layers.activation_backward, *_graphs_objects()])
    rng = rng_for("sigmoid_prime", rng)

    def mistakes_for(z):
        s = reference_sigmoid(z)
        return [(DERIVATIVE_OF_Z, z * (1.0 - z)), (PRIME_IS_SIGMOID, s),
                (PRIME_MISSING_SQUARE, 1.0 - s), (PRIME_TANH_FORM, 1.0 - s ** 2),
                (SIGMOID_TWICE, reference_sigmoid_prime(s))]

    # Grade sigmoid_prime alone: the sigmoid it may call is the reference one.
    with substituted(sigmoid_prime, sigmoid=reference_sigmoid):
        _check_elementwise(sigmoid_prime, "sigmoid_prime", reference_sigmoid_prime,
                           mistakes_for, rng, -6.0, 6.0,
                           (0.0, 0.25, "σ′(z) = σ(z)(1 − σ(z)) is always between 0 and ¼"))


def _weight(rng):
    """A weight of size 0.5-2 and random sign: every path of the chain carries signal."""
    return float(rng.choice([-1.0, 1.0]) * rng.uniform(0.5, 2.0))


def _neuron_cases(rng):
    """(description, a_prev, w, b, y): several examples first, then one."""
    cases = []
    for shape in ((6,), (1, 5)):
        a_prev = rng.uniform(0.05, 0.95, shape)
        y = rng.uniform(0.0, 1.0, shape)
        cases.append((f"for a_prev and y of shape {shape}", a_prev, _weight(rng),
                      float(rng.uniform(-1, 1)), y))
    cases.append(("for one example given as Python floats", float(rng.uniform(0.05, 0.95)),
                  _weight(rng), float(rng.uniform(-1, 1)), float(rng.uniform(0, 1))))
    cases.append(("for one example given as 0-d arrays", np.array(rng.uniform(0.05, 0.95)),
                  np.array(_weight(rng)), np.array(rng.uniform(-1, 1)),
                  np.array(rng.uniform(0, 1))))
    return cases


def _copy(value):
    return value.copy() if isinstance(value, np.ndarray) else value


def _gradients_dict(result, name):
    if not isinstance(result, dict):
        fail(tr("{name} must return a dict with keys 'dw', 'db' and 'da_prev'; it returned"
                " {type}").format(name=name, type=type_name(result)))
    missing = [key for key in GRADIENT_KEYS if key not in result]
    if missing:
        fail(tr("{name} must return a dict with keys 'dw', 'db' and 'da_prev'; "
                "{join_repr_k_for_k_in_missing} missing (keys found: "
                "{sorted_map_str_result})").format(
                 name=name, join_repr_k_for_k_in_missing=', '.join(repr(k) for k in missing),
                 sorted_map_str_result=sorted(map(str, result))))
    return result


@explained
def check_neuron_grads(neuron_grads, rng=None):
    """neuron_grads(a_prev, w, b, y) -> dict(dw, db, da_prev) for one sigmoid neuron."""
    name = "neuron_grads"
    assert_no_shortcut(neuron_grads, name, forbidden=_graphs_objects())
    rng = rng_for(name, rng)
    # Grade this function alone: the sigmoid and sigmoid_prime it calls are the references.
    with substituted(neuron_grads, sigmoid=reference_sigmoid,
                     sigmoid_prime=reference_sigmoid_prime):
        for context, a_prev, w, b, y in _neuron_cases(rng):
            m = int(np.size(a_prev))
            result = _gradients_dict(call(neuron_grads, name, _copy(a_prev), _copy(w),
                                          _copy(b), _copy(y)), name)
            ref = reference_neuron(a_prev, w, b, y)
            wrong = {code: reference_neuron(a_prev, w, b, y, mistake=code) for code in (
                "no_activation_derivative", "derivative_applied_to_z", "sigmoid_prime_of_a",
                "bias_ignored")}
            shared = [(NO_ACTIVATION_DERIVATIVE, "no_activation_derivative"),
                      (DERIVATIVE_OF_Z, "derivative_applied_to_z"),
                      (PRIME_OF_A, "sigmoid_prime_of_a"), (BIAS_IGNORED, "bias_ignored")]

            def candidates(key):
                return [(mistake, wrong[code][key]) for mistake, code in shared]

            per_example_dw = np.asarray(a_prev, float) * ref["delta"]
            what_ifs = _neuron_what_ifs(a_prev, w, b, y)
            probe = _neuron_probe(neuron_grads, a_prev, w, b, y)
            check_number(result["dw"], ref["dw"], "dw", m=m, context=context,
                         probe=probe("dw"), mistakes=[
                *candidates("dw"),
                (DW_USES_OUTPUT, np.mean(ref["a"] * ref["delta"])),
                (DW_DA_SWAPPED, np.mean(float(w) * ref["delta"])),
                *([(NOT_AVERAGED, per_example_dw)] if m > 1 else [])],
                what_ifs=[(words, g["dw"]) for words, g in what_ifs])
            check_number(result["db"], ref["db"], "db", m=m, context=context,
                         probe=probe("db"), mistakes=[
                *candidates("db"), *([(NOT_AVERAGED, ref["delta"])] if m > 1 else [])],
                what_ifs=[(words, g["db"]) for words, g in what_ifs])
            reduced = [(DA_PREV_REDUCED, np.mean(ref["da_prev"])),
                       (DA_PREV_REDUCED, np.sum(ref["da_prev"]))] if m > 1 else []
            check_array(_per_example(result["da_prev"], np.shape(a_prev)), ref["da_prev"],
                        "da_prev", m=m, context=context, mistakes=[
                            *candidates("da_prev"),
                            (DW_DA_SWAPPED, np.asarray(a_prev, float) * ref["delta"]),
                            *([(DA_PREV_OVER_M, ref["da_prev"] / m)] if m > 1 else []),
                            *reduced],
                        what_ifs=[(words, g["da_prev"]) for words, g in what_ifs])


def _neuron_probe(neuron_grads, a_prev, w, b, y):
    """probe(key): dw and db are means over the examples, so each must be the mean of the
    answers for one example at a time."""
    def probe(key):
        def answer(args):
            a_prev, y = args
            with substituted(neuron_grads, sigmoid=reference_sigmoid,
                             sigmoid_prime=reference_sigmoid_prime):
                result = _gradients_dict(call(neuron_grads, "neuron_grads", a_prev.copy(), w,
                                              b, y.copy()), "neuron_grads")
            return (as_float(result[key], key),
                    float(reference_neuron(a_prev, w, b, y)[key]))

        def examples(args):
            a_prev, y = args
            return [(a_prev.ravel()[i:i + 1], y.ravel()[i:i + 1]) for i in range(a_prev.size)]
        if np.ndim(a_prev) == 0:
            return None
        return Probe(answer, (np.asarray(a_prev, float), np.asarray(y, float)),
                     examples=examples)
    return probe


def _neuron_what_ifs(a_prev, w, b, y):
    """(words, gradients) when ∂C/∂z is computed with another local slope than σ′(z)."""
    a_prev, y = np.asarray(a_prev, dtype=np.float64), np.asarray(y, dtype=np.float64)
    a = reference_sigmoid(float(w) * a_prev + float(b))
    out = []
    for words, slope in (
            (N_("the local slope σ′(z) = a(1 − a) is replaced by 1 − a² (the derivative of "
                "tanh)"), 1.0 - a ** 2),
            (N_("∂C/∂z is multiplied by σ′(z) = a(1 − a) twice"), (a * (1.0 - a)) ** 2)):
        dz = slope * 2.0 * (a - y)
        out.append((words, {"dw": float(np.mean(a_prev * dz)), "db": float(np.mean(dz)),
                            "da_prev": float(w) * dz}))
    return out


def _per_example(value, shape):
    """The student's da_prev; a one-entry array counts as a number when a_prev is one."""
    arr = as_float_array(value, "da_prev")
    if shape == () and arr.size == 1:
        return arr.reshape(())
    return arr


def _chain_cases(rng):
    """(x, y, ws, bs): long chains first (where the recursion shows), then short ones."""
    cases = []
    for n in (5, 4, 2, 1):
        x = float(rng.uniform(-2.0, 2.0))
        y = float(rng.uniform(0.0, 1.0))
        cases.append((x, y, [_weight(rng) for _ in range(n)],
                      [float(rng.uniform(-1, 1)) for _ in range(n)]))
    x, y, ws, bs = cases[1]  # the 4-chain again, as 0-d arrays and NumPy floats
    cases.append((np.array(x), np.array(y), [np.float64(w) for w in ws], list(bs)))
    return cases


def _per_layer(value, name, n):
    arr = as_float_array(value, name)
    if arr.size == n and arr.ndim != 1:  # e.g. a list of one-entry arrays
        arr = arr.reshape(n)
    if arr.shape != (n,):
        fail(tr("{name} must hold one gradient per layer: {n} numbers for a chain of {n}; "
                "yours reads as an array of shape {arr_shape}").format(
                 name=name, n=n, arr_shape=arr.shape))
    return arr


@explained
def check_chain_grads(chain_grads, rng=None):
    """chain_grads(x, y, ws, bs) -> (dws, dbs) for a chain of single sigmoid neurons."""
    name = "chain_grads"
    assert_no_shortcut(chain_grads, name, forbidden=_graphs_objects())
    rng = rng_for(name, rng)
    codes = {"local_only": LOCAL_ONLY, "missing_weight": NO_WEIGHT, "reversed": REVERSED,
             "dw_uses_output": DW_USES_OUTPUT, "weight_off_by_one": WEIGHT_OFF_BY_ONE,
             "no_activation_derivative": NO_ACTIVATION_DERIVATIVE,
             "derivative_applied_to_z": DERIVATIVE_OF_Z, "sigmoid_prime_of_a": PRIME_OF_A,
             "bias_ignored": BIAS_IGNORED}
    with substituted(chain_grads, sigmoid=reference_sigmoid,
                     sigmoid_prime=reference_sigmoid_prime, neuron_grads=reference_neuron_grads):
        for x, y, ws, bs in _chain_cases(rng):
            n = len(ws)
            result = call(chain_grads, name, _copy(x), _copy(y), list(ws), list(bs))
            if not isinstance(result, (tuple, list)) or len(result) != 2:
                fail(tr("{name} must return a pair (dws, dbs); it returned "
                        "{type}").format(
                         name=name, type=type_name(result)))
            dws, dbs = (_per_layer(v, label, n) for v, label in zip(result, ("dws", "dbs")))
            ref_dws, ref_dbs = reference_chain_grads(x, y, ws, bs)
            wrong = {code: reference_chain_grads(x, y, ws, bs, mistake=code) for code in codes}
            context = (tr("for a chain of {n} neurons").format(n=n) if n > 1 else
                       tr("for a chain of one neuron"))
            check_array(dws, ref_dws, "dws", context=context, axes=(N_("layer"),),
                        mistakes=[(codes[c], v[0]) for c, v in wrong.items()])
            check_array(dbs, ref_dbs, "dbs", context=context, axes=(N_("layer"),),
                        mistakes=[(codes[c], v[1]) for c, v in wrong.items()])


# --- the two questions ----------------------------------------------------------------
GRADIENT_FOLLOWS_WEIGHT = Mistake(
    "gradient_follows_weight_size",
    "{name}: the size of a weight does not set the size of its gradient. ∂C0/∂w = "
    "a_prev·σ'(z)·2(a − y): the weight enters only through z, which both weights share. "
    "What differs is the input a_prev, and w_B's is 9 times larger (0.9 against 0.1). "
    "(Pancharoen's post claims that a larger weight gets a larger adjustment: it does not.)")
GRADIENT_IGNORES_INPUT = Mistake(
    "gradient_ignores_input",
    "{name}: the two weights share σ'(z)·2(a − y), but each gradient is also multiplied "
    "by ∂z/∂w = a_prev, the activation that enters that weight: 0.9 for w_B against 0.1 "
    "for w_A.")
GRADIENT_NEEDS_BIAS = Mistake(
    "gradient_needs_bias",
    "{name}: the bias enters only through z, and z is already fixed by the output a = 0.66 "
    "that you are given. The factor σ'(z)·2(a − y) is shared by both weights, so their "
    "ratio is the ratio of their inputs, 0.9/0.1.")
LARGER_GRADIENT_OPTIONS = {"i": GRADIENT_FOLLOWS_WEIGHT, "ii": None,
                           "iii": GRADIENT_IGNORES_INPUT, "iv": GRADIENT_NEEDS_BIAS}


@explained
def check_answer_larger_gradient(answer, rng=None):
    """answer_larger_gradient: "ii" (∂C0/∂w ∝ the input a_prev, 0.9/0.1 = 9)."""
    check_choice(answer, "answer_larger_gradient", LARGER_GRADIENT_OPTIONS)


#: The question's neuron: output a = 0.66, target 1, weight −1.5 from an input of 0.9.
DA_A, DA_Y, DA_W, DA_A_PREV = 0.66, 1.0, -1.5, 0.9


@explained
def check_answer_da_prev(answer, rng=None):
    """answer_da_prev: w·a(1 − a)·2(a − y) = −1.5·0.2244·(−0.68) ≈ 0.2289 (0.1 % relative)."""
    local = DA_A * (1 - DA_A) * 2 * (DA_A - DA_Y)       # σ'(z)·2(a − y)
    check_number(answer, DA_W * local, "answer_da_prev", rtol=1e-3, atol=0.0,
                 mistakes=[(NO_ACTIVATION_DERIVATIVE, DA_W * 2 * (DA_A - DA_Y)),
                           (DW_DA_SWAPPED, DA_A_PREV * local),
                           (NO_WEIGHT, local)])
