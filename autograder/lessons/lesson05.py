"""Lesson 05, initialization: init_zeros, init_uniform, init_xavier, init_he.

The random initialisers are checked statistically, never against exact draws: any
correct use of the given ``rng`` (``rng.normal``, ``rng.standard_normal() * s``,
``rng.uniform``, ``2 * rng.random() - 1``, loops or comprehensions) must pass, so the
checks test shape, range, mean and spread against theory. Each statistical test fails
a correct initialiser with probability below 1e-9 (rigorous Chernoff, Bernstein and
Hoeffding bounds computed in ``false_failure_bounds`` and asserted in
tests/lessons/test_lesson05.py; the true values are near 3e-12); a check runs at most 15
of them, so a correct student loses points with probability below 1e-8.
Reproducibility and the use of ``rng`` are checked exactly: the same seed must give the
same weights whatever NumPy's global random state is, and the ``rng`` must advance.
"""
import math
import re

import numpy as np

from nnlib import mlp

from ..cases import rng_for, seed_legacy_rng, substituted
from ..compare import (StudentMistake, as_float_array, call, check_choice, check_number,
                       explained, fail, shape_text, type_name, values_close)
from ..explain import rough_factor
from ..language import tr
from ..mistakes import TRANSPOSED, Mistake
from ..shortcuts import assert_no_shortcut

BIAS_SHAPE = Mistake(
    "init_bias_shape",
    "{name} has shape (n,), a flat vector: biases must be column vectors of shape (n, 1), "
    "e.g. np.zeros((n, 1)), so that W a + b broadcasts over the m examples.")
LAYER_COUNT = Mistake(
    "init_layer_count",
    "{name} has the wrong number of layers: layer_dims = [n_0, n_1, …, n_L] describes "
    "L = len(layer_dims) − 1 layers, so the keys are W1, b1, …, WL, bL (loop over "
    "l = 1 … L and use layer_dims[l − 1] and layer_dims[l]).")
RANDOM_BIAS = Mistake(
    "init_random_bias",
    "{name} is random: biases start at zero, np.zeros((n, 1)). The random weights already "
    "break the symmetry between units, so the biases need not.")
ONE_SIDED = Mistake(
    "init_one_sided",
    "{name} has entries of one sign only: you drew from [0, ε] (or [−ε, 0]). Draw from "
    "the whole interval [−ε, ε], e.g. rng.uniform(-epsilon, epsilon, size=shape), so that "
    "the weights have mean zero.")
NORMAL_NOT_UNIFORM = Mistake(
    "init_normal_not_uniform",
    "{name} looks like normal (Gaussian) draws, which can fall outside [−ε, ε]: this "
    "exercise asks for uniform draws, e.g. rng.uniform(-epsilon, epsilon, size=shape).")
UNIFORM_NOT_NORMAL = Mistake(
    "init_uniform_not_normal",
    "{name} looks like uniform draws (bounded, flat): this initialiser draws from a normal "
    "distribution, e.g. rng.normal(0.0, std, size=shape) or std * rng.standard_normal(shape).")
GLOBAL_RNG = Mistake(
    "init_global_rng",
    "{name} uses NumPy's global random state (np.random.randn, np.random.rand, …): two "
    "generators with the same seed gave different weights once np.random.seed changed. Draw "
    "every random number from the rng argument, e.g. rng.standard_normal(shape), so that "
    "the same seed always gives the same network.")
RNG_UNUSED = Mistake(
    "init_rng_ignored",
    "{name} does not draw its random numbers from the rng argument: use rng itself (e.g. "
    "rng.normal(...)), not a generator or seed of your own.")
VARIANCE_AS_STD = Mistake(
    "init_variance_as_std",
    "{name} has a standard deviation equal to the variance formula (2/n_in for He, "
    "2/(n_in + n_out) for Xavier): the standard deviation is its square root. Use np.sqrt.")
LIMIT_AS_STD = Mistake(
    "init_limit_as_std",
    "{name} uses the limit of the *uniform* version, √(6/…), as the standard deviation "
    "of a normal: that variance is 3 times too large. A uniform on [−a, a] has variance "
    "a²/3; for normal draws use the standard deviation itself.")
XAVIER_FAN_IN = Mistake(
    "init_xavier_fan_in",
    "{name} uses only the fan-in n_in (std √(1/n_in) or √(2/n_in)): Xavier/Glorot averages "
    "fan-in and fan-out, std = √(2/(n_in + n_out)) with n_in = layer_dims[l−1], "
    "n_out = layer_dims[l].")
HE_FAN_OUT = Mistake(
    "init_he_fan_out",
    "{name} uses the fan-out n_out = layer_dims[l]: He initialization scales by the number "
    "of inputs of each unit, std = √(2/n_in) with n_in = layer_dims[l−1].")
HE_MISSING_2 = Mistake(
    "init_he_missing_2",
    "{name} has std √(1/n_in): He initialization doubles that variance, std = √(2/n_in), "
    "because a ReLU sets half of its inputs to zero.")
HE_IS_XAVIER = Mistake(
    "init_he_is_xavier",
    "{name} has the Xavier standard deviation √(2/(n_in + n_out)): He initialization uses "
    "the fan-in only, std = √(2/n_in).")

# --- the statistical tests' tolerances ----------------------------------------------------
#: every statistic is a z-score; 7 standard errors fail a correct draw with probability
#: 2.6e-12 for a mean of normal weights (exactly normal) and < 1e-9 (bounds) for the others.
#: The mistakes it must name sit 17 or more standard errors away (see the tests).
Z_MAX = 7.0
#: matrices with fewer entries are checked for shape, range and zero biases only.
MIN_ENTRIES = 4000
#: the largest |w| of N uniform draws reaches 98 % of ε unless all N miss the outer 2 %
#: of [−ε, ε] on one side: probability (1 − 0.01)^N ≤ 4e-18 for N ≥ 4000, per side.
COVERAGE = 0.98
#: normal draws of N ≥ 4000: max|w| < 2·rms has probability < (0.955)^4000 ≈ e^-185;
#: a uniform has max|w| ≤ √3·std ≈ 1.73·rms. The ratio tells the two apart.
UNIFORM_MAX_OVER_RMS = 2.0


def false_failure_bounds(n_entries, z=Z_MAX):
    """Upper bounds on the probability that one test fails a *correct* initialiser.

    For N = n_entries draws (documented here, asserted in the tests):
    - "normal mean":  mean·√N/s is exactly N(0, 1): P(|Z| > z) = erfc(z/√2).
    - "normal spread": N·mean(w²)/s² is χ²_N; Chernoff bounds on both tails at
      1 ± z√(2/N): exp(−N/2·(t − ln(1+t))) + exp(−N/2·(−t − ln(1−t))).
    - "uniform mean": Bernstein, |w| ≤ ε = √3·std: 2 exp(−(z²/2) / (1 + √3·z/(3√N))).
    - "uniform half": the fraction with |w| < ε/2 is Binomial(N, ½)/N; Hoeffding at
      z/(2√N): 2 exp(−z²/2).
    - "uniform coverage": 2·(1 − (1 − COVERAGE)/2)^N.
    """
    N = float(n_entries)
    t = z * math.sqrt(2.0 / N)
    chi2 = math.exp(-N / 2 * (t - math.log1p(t)))
    chi2 += math.exp(-N / 2 * (-t - math.log1p(-t))) if t < 1 else 0.0
    # Bernstein: P(|S| ≥ u) ≤ 2 exp(−u²/2 / (Nσ² + M u/3)) with u = zσ√N, M = ε = √3 σ
    bernstein = 2 * math.exp(-z * z / 2 / (1 + math.sqrt(3) * z / (3 * math.sqrt(N))))
    return {
        "normal mean": math.erfc(z / math.sqrt(2)),
        "normal spread": chi2,
        "uniform mean": bernstein,
        "uniform half": 2 * math.exp(-z * z / 2),
        "uniform coverage": 2 * (1 - (1 - COVERAGE) / 2) ** N,
    }


# --- reference implementations ----------------------------------------------------------
def xavier_std(n_in, n_out):
    return math.sqrt(2.0 / (n_in + n_out))


def he_std(n_in, n_out):
    return math.sqrt(2.0 / n_in)


def reference_init_zeros(layer_dims):
    params = {}
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = np.zeros((layer_dims[l], layer_dims[l - 1]))
        params[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return params


def reference_init_uniform(layer_dims, epsilon, rng):
    params = reference_init_zeros(layer_dims)
    for l in range(1, len(layer_dims)):
        params[f"W{l}"] = rng.uniform(-epsilon, epsilon, (layer_dims[l], layer_dims[l - 1]))
    return params


def reference_init_normal(layer_dims, rng, std_of):
    """Normal weights of std std_of(n_in, n_out), zero biases."""
    params = reference_init_zeros(layer_dims)
    for l in range(1, len(layer_dims)):
        n_in, n_out = layer_dims[l - 1], layer_dims[l]
        params[f"W{l}"] = std_of(n_in, n_out) * rng.standard_normal((n_out, n_in))
    return params


def reference_init_xavier(layer_dims, rng):
    return reference_init_normal(layer_dims, rng, xavier_std)


def reference_init_he(layer_dims, rng):
    return reference_init_normal(layer_dims, rng, he_std)


# --- statistics (plain float arithmetic on tolist(), like autograder.compare) -----------
def _entries(W):
    return W.ravel().tolist()


def _mean(values):
    return math.fsum(values) / len(values)


def _rms(values):
    return math.sqrt(math.fsum(v * v for v in values) / len(values))


def _largest(values):
    return max(abs(v) for v in values)


def mean_z(values, std):
    """z-score of the sample mean against 0 for draws of standard deviation std."""
    return _mean(values) * math.sqrt(len(values)) / std


def spread_z(values, std):
    """z-score of mean(w²)/std² against 1 for normal draws (χ²_N / N has sd √(2/N))."""
    ratio = math.fsum(v * v for v in values) / len(values) / std ** 2
    return (ratio - 1.0) * math.sqrt(len(values) / 2.0)


def half_fraction_z(values, epsilon):
    """z-score of the fraction with |w| < ε/2 against ½ (uniform on [−ε, ε])."""
    inside = sum(1 for v in values if -epsilon / 2 < v < epsilon / 2)
    return (inside / len(values) - 0.5) * 2.0 * math.sqrt(len(values))


def looks_uniform(values):
    return _largest(values) < UNIFORM_MAX_OVER_RMS * _rms(values)


# --- checks of the structure shared by the four functions --------------------------------
_KEY = re.compile(r"^([Wb])(\d+)$")


def _expected_shapes(layer_dims):
    L = len(layer_dims) - 1
    shapes = {}
    for l in range(1, L + 1):
        shapes[f"W{l}"] = (layer_dims[l], layer_dims[l - 1])
        shapes[f"b{l}"] = (layer_dims[l], 1)
    return shapes


def check_structure(params, layer_dims, name):
    """The dict's keys and every array's shape and dtype; returns float64 copies."""
    if not isinstance(params, dict):
        fail(tr("{name} must return a dict of parameters (keys 'W1', 'b1', …); it returned"
                " {type}").format(name=name, type=type_name(params))
             + (tr(": did you forget a return statement?") if params is None else ""))
    shapes = _expected_shapes(layer_dims)
    L = len(layer_dims) - 1
    keys = set(params)
    if keys != set(shapes):
        n_weights = len([k for k in keys if isinstance(k, str) and k.startswith("W")])
        context = (tr("{name}({list_layer_dims}) returned {n_weights} weight matrices for "
                      "L = {L} layers").format(
                       name=name, list_layer_dims=list(layer_dims), n_weights=n_weights, L=L))
        if n_weights in (L - 1, L + 1) and all(isinstance(k, str) and _KEY.match(k)
                                                for k in keys):
            fail(f"{context}. " + LAYER_COUNT.explain(name="params"), LAYER_COUNT)
        missing = sorted(set(shapes) - keys)
        extra = sorted(str(k) for k in keys - set(shapes))
        fail(f"{name}({list(layer_dims)}) must return exactly the keys "
             f"{', '.join(sorted(shapes, key=lambda k: (int(k[1:]), k)))}"
             + (f"; missing: {', '.join(missing)}" if missing else "")
             + (f"; unexpected: {', '.join(extra)}" if extra else ""))
    arrays = {}
    for key, shape in shapes.items():
        value = params[key]
        if isinstance(value, np.ndarray) and value.dtype.kind in "biu":
            fail(tr("{key} holds integers ({value_dtype}): parameters are float64 "
                    "(np.zeros gives float64 unless you pass a dtype)").format(
                     key=key, value_dtype=value.dtype))
        arr = as_float_array(value, key)
        if arr.shape != shape:
            n_in_out = shape[::-1] if key[0] == "W" else (1, shape[0])
            about = (tr("{key} has shape {shape}, expected "
                        "{expected} for layer_dims = {list_layer_dims}").format(
                         key=key, shape=shape_text(arr.shape),
                         expected=shape_text(shape), list_layer_dims=list(layer_dims)))
            if key[0] == "b" and arr.shape == (shape[0],):
                fail(f"{about}. " + BIAS_SHAPE.explain(name=key), BIAS_SHAPE)
            if key[0] == "b" and arr.shape == n_in_out and shape[0] != 1:
                fail(tr("{about}: that is a row. b_l is a column, np.zeros((n_l, 1)), one "
                        "entry per unit of layer l.").format(about=about), TRANSPOSED)
            if arr.shape == n_in_out and shape[0] != shape[1]:
                fail(tr("{about}: that is the transpose. W_l has shape (n_l, n_(l−1)) = "
                        "(layer_dims[l], layer_dims[l−1]), one row per unit of layer l, so"
                        " that z = W a + b works.").format(about=about), TRANSPOSED)
            fail(about)
        if not all(v == v and abs(v) != float("inf") for v in _entries(arr)):
            fail(tr("{key} contains NaN or infinite values").format(key=key))
        arrays[key] = arr
    return arrays


def check_zero_biases(arrays, name):
    for key, arr in arrays.items():
        if key[0] != "b":
            continue
        values = _entries(arr)
        if any(v != 0.0 for v in values):
            if len(set(values)) > 1:
                fail(tr("{key} returned by {name} is not zero. ").format(key=key, name=name)
                     + RANDOM_BIAS.explain(name=key), RANDOM_BIAS)
            fail(tr("{key} returned by {name} is {values_0} everywhere: the biases of this"
                    " exercise start at exactly 0 (a small positive ReLU bias is a "
                    "separate choice, made after calling the initialiser)").format(
                     key=key, name=name, values_0=format(values[0], 'g')))


def _same(a, b):
    return all(values_close(a[k], b[k], rtol=0.0, atol=0.0) for k in a)


def _fresh(args):
    """New copies of list arguments for every call: a student may mutate layer_dims."""
    return [list(a) if isinstance(a, list) else a for a in args]


def _bit_state(rng):
    return repr(rng.bit_generator.state)


def _draw(function, name, args, layer_dims, seed, global_seed):
    """Call with a fresh default_rng(seed) after np.random.seed(global_seed).

    Returns (float64 arrays, whether the rng advanced).
    """
    seed_legacy_rng(function, global_seed)  # perturb the legacy global state between calls
    rng = np.random.default_rng(seed)
    before = _bit_state(rng)
    result = call(function, name, *_fresh(args), rng)
    return check_structure(result, layer_dims, name), _bit_state(rng) != before


def check_rng_use(function, name, args, layer_dims, seed, other_seed=True):
    """Same seed -> same params whatever np.random's global state; the rng must advance.

    args are the arguments before ``rng``; with other_seed, a different seed must give
    different weights. NumPy's global state is restored afterwards. Returns the float64
    arrays of the first draw.
    """
    saved = np.random.get_state()
    try:
        first, advanced = _draw(function, name, args, layer_dims, seed, 1)
        second, _ = _draw(function, name, args, layer_dims, seed, 2)
        if not _same(first, second):
            third, _ = _draw(function, name, args, layer_dims, seed, 1)
            if _same(first, third):
                fail(GLOBAL_RNG.explain(name=name), GLOBAL_RNG)
            fail(tr("Two calls of {name} with generators of the same seed gave different "
                    "weights. ").format(name=name) + RNG_UNUSED.explain(name=name), RNG_UNUSED)
        if not advanced:
            fail(RNG_UNUSED.explain(name=name) + " (the generator it was given never "
                 "advanced)", RNG_UNUSED)
        if other_seed:
            other, _ = _draw(function, name, args, layer_dims, seed + 1, 1)
            if _same(first, other):
                for key, W in _weights(first):
                    values = _entries(W)
                    if len(values) > 1 and len(set(values)) == 1:
                        fail(tr("{key} from {name} is {values_0} everywhere: the weights "
                                "must be random, drawn with rng").format(
                                 key=key, name=name, values_0=format(values[0], 'g')))
                fail(tr("{name} gave the same weights for generators of different seeds. ").format(
                         name=name)
                     + RNG_UNUSED.explain(name=name), RNG_UNUSED)
    finally:
        np.random.set_state(saved)
    return first


def _weights(arrays):
    return [(k, arrays[k]) for k in sorted(arrays, key=lambda k: int(k[1:])) if k[0] == "W"]


# --- the checks ------------------------------------------------------------------------
def refuse_shortcut(function, name):
    """nnlib.mlp.init_params does the job of every initializer of this lesson."""
    assert_no_shortcut(function, name, forbidden=[mlp.init_params])


@explained
def check_init_zeros(init_zeros, rng=None):
    """init_zeros(layer_dims) -> params: zero weights (n_l, n_{l-1}), zero biases (n_l, 1)."""
    name = "init_zeros"
    refuse_shortcut(init_zeros, name)
    rng = rng_for(name, rng)
    for layer_dims in ([5, 4, 3], [int(rng.integers(6, 12)), 2], [3, 6, 6, 1]):
        arrays = check_structure(call(init_zeros, name, list(layer_dims)), layer_dims, name)
        for key, arr in _weights(arrays):
            if any(v != 0.0 for v in _entries(arr)):
                fail(tr("{key} returned by {name}({layer_dims}) has non-zero entries: "
                        "every weight must be exactly 0").format(
                         key=key, name=name, layer_dims=layer_dims))
        check_zero_biases(arrays, name)


@explained
def check_init_uniform(init_uniform, rng=None):
    """init_uniform(layer_dims, epsilon, rng) -> params: W ~ U[−ε, ε], zero biases."""
    name = "init_uniform"
    refuse_shortcut(init_uniform, name)
    rng = rng_for(name, rng)
    cases = (([200, 80, 120], 0.12), ([150, 60], float(rng.uniform(0.005, 0.05))),
             ([120, 100, 50, 3], float(rng.uniform(0.5, 2.0))))
    with substituted(init_uniform, init_zeros=reference_init_zeros):
        for case, (layer_dims, epsilon) in enumerate(cases):
            seed = int(rng.integers(2 ** 31))
            arrays = check_rng_use(init_uniform, name, (list(layer_dims), epsilon),
                                   layer_dims, seed, other_seed=case == 0)
            for key, W in _weights(arrays):
                _check_uniform_weights(key, _entries(W), epsilon, layer_dims)
            check_zero_biases(arrays, name)


def _check_uniform_weights(key, values, epsilon, layer_dims):
    context = tr("for layer_dims = {list_layer_dims} and ε = {epsilon}").format(
                  list_layer_dims=list(layer_dims), epsilon=format(epsilon, '.4g'))
    lowest, highest = min(values), max(values)
    limit = epsilon * (1 + 1e-12)
    if lowest >= 0 or highest <= 0:
        if highest <= limit and lowest >= -limit:
            fail(f"{key} {context}: " + ONE_SIDED.explain(name=key), ONE_SIDED)
    if lowest < -limit or highest > limit:
        message = (tr("{key} {context} has entries outside [−ε, ε]: it ranges over "
                      "[{lowest}, {highest}]").format(
                       key=key, context=context, lowest=format(lowest, '.4g'),
                       highest=format(highest, '.4g')))
        if len(values) >= MIN_ENTRIES and not looks_uniform(values):
            fail(f"{message}. " + NORMAL_NOT_UNIFORM.explain(name=key), NORMAL_NOT_UNIFORM)
        fail(message)
    if len(values) < MIN_ENTRIES:
        return
    std = epsilon / math.sqrt(3.0)  # the standard deviation of U[−ε, ε]
    if abs(mean_z(values, std)) > Z_MAX:
        fail(tr("{key} {context} has mean {mean_values}, far from 0 (more than {Z_MAX} "
                "standard errors): the weights must be centred on 0").format(
                 key=key, context=context, mean_values=format(_mean(values), '.3g'),
                 Z_MAX=format(Z_MAX, 'g')))
    if highest < COVERAGE * epsilon or lowest > -COVERAGE * epsilon:
        message = (tr("{key} {context} only spans [{lowest}, {highest}]: draw from the "
                      "whole interval [−ε, ε] = [{epsilon}, {epsilon2}]").format(
                       key=key, context=context, lowest=format(lowest, '.4g'),
                       highest=format(highest, '.4g'), epsilon=format(-epsilon, '.4g'),
                       epsilon2=format(epsilon, '.4g')))
        reach = rough_factor(max(highest, -lowest) / epsilon)
        if reach is None:
            fail(message)
        words = (tr("On both sides your entries reach only about {reach}·ε: the interval "
                    "is [−ε, ε], of width 2ε.").format(reach=reach))
        raise StudentMistake(f"{message}. {words}", explanation=words, named=True)
    if abs(half_fraction_z(values, epsilon)) > Z_MAX:
        fail(tr("{key} {context} is not spread evenly over [−ε, ε]: a uniform draw has "
                "half of its values in [−ε/2, ε/2]. Use rng.uniform(-epsilon, epsilon, "
                "size=shape).").format(key=key, context=context))


def _check_normal_init(function, name, std_of, candidates, rng):
    """Shared by init_xavier and init_he: normal weights of std std_of(n_in, n_out).

    candidates(n_in, n_out) -> [(Mistake, wrong std), ...] to name a wrong spread.
    """
    refuse_shortcut(function, name)
    cases = ([200, 80, 120], [150, 60], [120, 100, 50, 3])
    with substituted(function, init_zeros=reference_init_zeros):
        for case, layer_dims in enumerate(cases):
            seed = int(rng.integers(2 ** 31))
            arrays = check_rng_use(function, name, (list(layer_dims),), layer_dims, seed,
                                   other_seed=case == 0)
            for l, (key, W) in enumerate(_weights(arrays), start=1):
                n_in, n_out = layer_dims[l - 1], layer_dims[l]
                _check_normal_weights(key, _entries(W), std_of(n_in, n_out),
                                      candidates(n_in, n_out), n_in, n_out)
            check_zero_biases(arrays, name)


def _check_normal_weights(key, values, std, candidates, n_in, n_out):
    context = tr("(n_in = {n_in}, n_out = {n_out})").format(n_in=n_in, n_out=n_out)
    if len(set(values)) == 1:
        fail(tr("{key} {context} is {values_0} everywhere: the weights must be random").format(
                 key=key, context=context, values_0=format(values[0], 'g')))
    if len(values) < MIN_ENTRIES:
        return
    if looks_uniform(values):
        fail(f"{key} {context}: " + UNIFORM_NOT_NORMAL.explain(name=key), UNIFORM_NOT_NORMAL)
    if abs(mean_z(values, std)) > Z_MAX:
        fail(tr("{key} {context} has mean {mean_values}, far from 0 (more than {Z_MAX} "
                "standard errors): the weights must be centred on 0").format(
                 key=key, context=context, mean_values=format(_mean(values), '.3g'),
                 Z_MAX=format(Z_MAX, 'g')))
    if abs(spread_z(values, std)) > Z_MAX:
        for mistake, wrong_std in candidates:
            if abs(spread_z(values, wrong_std)) <= Z_MAX:
                fail(tr("{key} {context} has standard deviation {rms_values} instead of "
                        "{std}. ").format(
                         key=key, context=context, rms_values=format(_rms(values), '.4g'),
                         std=format(std, '.4g')) + mistake.explain(name=key), mistake)
        message = (tr("{key} {context} has standard deviation {rms_values}; it should be "
                      "{std}").format(
                       key=key, context=context, rms_values=format(_rms(values), '.4g'),
                       std=format(std, '.4g')))
        factor = rough_factor(_rms(values) / std)
        if factor is None:
            fail(message)
        words = (tr("That is about {factor} times the right standard deviation: look at "
                    "the numbers inside and outside the square root.").format(factor=factor))
        raise StudentMistake(f"{message}. {words}", explanation=words, named=True)


def xavier_candidates(n_in, n_out):
    return [(XAVIER_FAN_IN, math.sqrt(1.0 / n_in)), (XAVIER_FAN_IN, math.sqrt(2.0 / n_in)),
            (LIMIT_AS_STD, math.sqrt(6.0 / (n_in + n_out))),
            (VARIANCE_AS_STD, 2.0 / (n_in + n_out))]


def he_candidates(n_in, n_out):
    return [(HE_FAN_OUT, math.sqrt(2.0 / n_out)), (HE_MISSING_2, math.sqrt(1.0 / n_in)),
            (HE_IS_XAVIER, xavier_std(n_in, n_out)), (LIMIT_AS_STD, math.sqrt(6.0 / n_in)),
            (VARIANCE_AS_STD, 2.0 / n_in)]


@explained
def check_init_xavier(init_xavier, rng=None):
    """init_xavier(layer_dims, rng) -> params: W ~ N(0, 2/(n_in + n_out)), zero biases."""
    _check_normal_init(init_xavier, "init_xavier", xavier_std, xavier_candidates,
                       rng_for("init_xavier", rng))


@explained
def check_init_he(init_he, rng=None):
    """init_he(layer_dims, rng) -> params: W ~ N(0, 2/n_in), zero biases."""
    _check_normal_init(init_he, "init_he", he_std, he_candidates, rng_for("init_he", rng))


# --- the two questions ----------------------------------------------------------------
SYMMETRY_BROKEN_BY_INPUTS = Mistake(
    "symmetry_broken_by_inputs",
    "{name}: what must differ is one unit from another, not one input from another. The "
    "three rows are equal, so the three units compute the same z and a on every example, "
    "receive the same δ (their weights to the output are equal too), and get the same "
    "gradient: each step keeps the rows equal.")
SYMMETRY_BROKEN_BY_EXAMPLES = Mistake(
    "symmetry_broken_by_examples",
    "{name}: every unit sees the same examples. On each of them the three units have the "
    "same z, a and δ, so their gradients, averaged over the same examples, are equal: "
    "the rows stay equal forever. Only random starting weights break the symmetry.")
SYMMETRY_NO_LEARNING = Mistake(
    "symmetry_means_no_learning",
    "{name}: the weights do move, all rows by the same amount. With sigmoid units a = σ(z) "
    "is not 0, so the gradients are not zero; they are equal. (Nothing but the output bias "
    "moves only from all-zero weights with tanh or ReLU, where g(0) = 0.)")
EQUAL_ROWS_OPTIONS = {"i": None, "ii": SYMMETRY_BROKEN_BY_INPUTS,
                      "iii": SYMMETRY_BROKEN_BY_EXAMPLES, "iv": SYMMETRY_NO_LEARNING}


@explained
def check_answer_equal_rows(answer, rng=None):
    """answer_equal_rows: "i" (equal rows stay equal: the layer is worth one unit)."""
    check_choice(answer, "answer_equal_rows", EQUAL_ROWS_OPTIONS)


#: The question's ReLU layer.
HE_N_IN, HE_N_OUT = 50, 30


@explained
def check_answer_he_std(answer, rng=None):
    """answer_he_std: √(2/50) = 0.2 (0.1 % relative)."""
    n_in, n_out = HE_N_IN, HE_N_OUT
    check_number(answer, he_std(n_in, n_out), "answer_he_std", rtol=1e-3, atol=0.0,
                 mistakes=[(VARIANCE_AS_STD, 2 / n_in),
                           (HE_IS_XAVIER, xavier_std(n_in, n_out)),
                           (HE_FAN_OUT, math.sqrt(2 / n_out)),
                           (HE_MISSING_2, math.sqrt(1 / n_in)),
                           (LIMIT_AS_STD, math.sqrt(6 / n_in))])
