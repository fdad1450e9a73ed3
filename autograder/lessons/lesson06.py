"""Lesson 06, SGD, mini-batches and momentum: random_minibatches, sgd_update,
init_velocity, momentum_update.

Mini-batches are checked by their structure, never against one particular permutation:
every example once per epoch, X and Y columns still paired, shuffled, full batches then
a smaller last one, reproducible from ``rng``, and NumPy's global random state untouched.
Any permutation drawn from the given generator passes.
"""

import numpy as np

from ..cases import call_with_global_seed, random_network, rng_for, substituted
from ..compare import (as_float_array, call, check_array, check_number, explained, fail,
                       shape_text, type_name)
from ..explain import Fact, Term
from ..language import N_, tr
from ..mistakes import Mistake

# --- mini-batches ----------------------------------------------------------------------
MINIBATCH_UNPAIRED = Mistake(
    "minibatch_unpaired",
    "{name}: the columns of X_batch and Y_batch no longer belong together, as if X and Y "
    "were shuffled with two different permutations. Draw one permutation and index both "
    "with it: X[:, order] and Y[:, order].")
MINIBATCH_NOT_SHUFFLED = Mistake(
    "minibatch_not_shuffled",
    "{name} keeps the examples in their original order: shuffle the columns with a "
    "permutation drawn from rng before cutting the batches.")
MINIBATCH_LAST_DROPPED = Mistake(
    "minibatch_last_dropped",
    "{name} drops the last, smaller batch: when m is not a multiple of batch_size, the "
    "m mod batch_size examples left over form one more batch, so every example is used "
    "once per epoch.")
MINIBATCH_REPEATED = Mistake(
    "minibatch_repeated_examples",
    "{name} uses some examples more than once in one epoch (and so misses others): the "
    "batches must not overlap. Sample without replacement, i.e. a permutation of the m "
    "column indices (rng.choice(m, m) samples *with* replacement unless replace=False), "
    "and cut it into consecutive slices.")
MINIBATCH_ROWS_SHUFFLED = Mistake(
    "minibatch_rows_shuffled",
    "{name} shuffles the rows of the data (the features) instead of its columns (the "
    "examples): examples are columns, so permute along axis 1, e.g. X[:, order]. "
    "(rng.shuffle and rng.permutation of a 2-D array work along axis 0.)")
MINIBATCH_GLOBAL_RANDOM = Mistake(
    "minibatch_global_random",
    "{name} draws from NumPy's (or Python's) global random state, e.g. "
    "np.random.permutation or np.random.shuffle: draw from the generator rng passed in, "
    "e.g. rng.permutation(m), so that a run can be reproduced from its seed.")
MINIBATCH_IGNORES_RNG = Mistake(
    "minibatch_ignores_rng",
    "{name} gives the same batches whatever generator it is given, so every epoch sees "
    "the same order: draw the permutation from the rng argument, not from a generator "
    "with a fixed seed.")
MINIBATCH_NOT_REPRODUCIBLE = Mistake(
    "minibatch_not_reproducible",
    "{name} gives different batches for two generators with the same seed: draw the "
    "permutation from the rng argument, not from a new unseeded generator.")
MINIBATCH_WRONG_SIZES = Mistake(
    "minibatch_wrong_sizes",
    "{name} has the wrong batch sizes: every batch but the last holds exactly "
    "batch_size examples, and the last one holds what is left (m mod batch_size, when "
    "that is not 0).")

# --- plain and momentum updates ---------------------------------------------------------
SGD_PLUS = Mistake(
    "sgd_plus_gradient",
    "{name} equals W + α·dW: that climbs uphill. The update is W ← W − α·dW, with a minus.")
SGD_BIASES_NOT_UPDATED = Mistake(
    "sgd_biases_not_updated",
    "{name} is unchanged: the biases are parameters too and must be updated, "
    "b ← b − α·db.")
SGD_LEARNING_RATE_IGNORED = Mistake(
    "sgd_learning_rate_ignored",
    "{name} equals W − dW: the gradient must be scaled by the learning rate, W ← W − α·dW.")
VELOCITY_KEYS = Mistake(
    "momentum_velocity_keys",
    "{name} must have the gradients' keys \"dW1\", \"db1\", … (a d prefix), one per "
    "parameter: the velocity follows the gradients, and momentum_update reads v[\"dW1\"] "
    "next to grads[\"dW1\"].")
VELOCITY_SHAPE = Mistake(
    "momentum_velocity_shape",
    "{name} must have exactly the shape of the parameter it belongs to, (n_l, n_(l−1)) "
    "for dW_l and (n_l, 1) for db_l: np.zeros_like(params[key]) gives it.")
VELOCITY_NOT_ZERO = Mistake(
    "momentum_velocity_not_zero",
    "{name} must start at zero: the velocity averages the gradients seen so far, and "
    "there are none yet (it is not a copy of the parameters).")
MOMENTUM_NO_ONE_MINUS_BETA = Mistake(
    "momentum_missing_one_minus_beta",
    "{name} is what v ← β·v + dW gives: the new gradient must be weighted by (1 − β), "
    "v ← β·v + (1 − β)·dW, so that v is an average of gradients.")
MOMENTUM_BETA_SWAPPED = Mistake(
    "momentum_beta_swapped",
    "{name} is what v ← (1 − β)·v + β·dW gives: β and 1 − β are swapped. β multiplies "
    "the old velocity (the memory), 1 − β the new gradient.")
MOMENTUM_RAW_GRADIENT = Mistake(
    "momentum_raw_gradient",
    "{name} equals W − α·dW, a plain gradient step: with momentum the step uses the "
    "velocity, W ← W − α·v, with v already updated by this step's gradient.")
MOMENTUM_OLD_VELOCITY = Mistake(
    "momentum_old_velocity",
    "{name} equals W − α·v with the velocity from before this step: update v with the "
    "new gradient first, then step W ← W − α·v.")
MOMENTUM_VELOCITY_NOT_UPDATED = Mistake(
    "momentum_velocity_not_updated",
    "{name} is the velocity you were given: return the updated velocity (store the new "
    "v[\"dW1\"], … in the dict you return), or the next step starts from the old one.")


# --- reference implementations --------------------------------------------------------
def reference_random_minibatches(X, Y, batch_size, rng):
    """One permutation of the columns, cut into slices of batch_size (the last may be short)."""
    m = X.shape[1]
    order = rng.permutation(m)
    X_shuffled, Y_shuffled = X[:, order], Y[:, order]
    return [(X_shuffled[:, k:k + batch_size], Y_shuffled[:, k:k + batch_size])
            for k in range(0, m, batch_size)]


def reference_sgd_update(params, grads, learning_rate):
    """A new dict: W ← W − α dW for every parameter."""
    return {key: params[key] - learning_rate * grads["d" + key] for key in params}


def reference_init_velocity(params):
    return {"d" + key: np.zeros_like(value, dtype=np.float64) for key, value in params.items()}


def reference_momentum_update(params, grads, v, beta, learning_rate, one_minus_beta=True):
    """(params, v) after one step; ``one_minus_beta=False`` makes the classic mistake."""
    weight = 1.0 - beta if one_minus_beta else 1.0
    v_new = {key: beta * v[key] + weight * grads[key] for key in v}
    return {key: params[key] - learning_rate * v_new["d" + key] for key in params}, v_new


def expected_batch_sizes(m, batch_size):
    """[batch_size, ..., batch_size, m mod batch_size (when not 0)]."""
    return [batch_size] * (m // batch_size) + ([m % batch_size] if m % batch_size else [])


# --- helpers ------------------------------------------------------------------------------
def _copy(params):
    return {key: np.array(value, dtype=np.float64) for key, value in params.items()}


def _random_grads(rng, params):
    return {"d" + key: rng.standard_normal(value.shape) for key, value in params.items()}


def _batches(result, name, n_x, n_y):
    """The student's batches as a list of (X_batch, Y_batch) float arrays, shapes checked."""
    if result is None:
        fail(tr("{name} returned None: did you forget to return the list of batches?").format(
                 name=name))
    if not isinstance(result, (list, tuple)):
        fail(tr("{name} must return a list of (X_batch, Y_batch) pairs; it returned a "
                "{type}").format(name=name, type=type_name(result)))
    batches = []
    for k, pair in enumerate(result):
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            fail(tr("batch {k} returned by {name} is not a pair (X_batch, Y_batch)").format(
                     k=k, name=name))
        X_batch = as_float_array(pair[0], f"X_batch of batch {k}")
        Y_batch = as_float_array(pair[1], f"Y_batch of batch {k}")
        for label, value, rows in (("X_batch", X_batch, n_x), ("Y_batch", Y_batch, n_y)):
            if value.ndim != 2 or value.shape[0] != rows:
                fail(tr("{label} of batch {k} has shape {shape}; it must "
                        "be ({rows}, batch size): keep the examples as columns and index "
                        "with a slice or an index array, e.g. X[:, order[0:b]], which "
                        "stays 2-D").format(
                         label=label, k=k, shape=shape_text(value.shape),
                         rows=rows))
        if X_batch.shape[1] != Y_batch.shape[1]:
            fail(tr("batch {k}: X_batch holds {X_batch_shape_1} examples but Y_batch "
                    "{Y_batch_shape_1}").format(
                     k=k, X_batch_shape_1=X_batch.shape[1], Y_batch_shape_1=Y_batch.shape[1]))
        batches.append((X_batch, Y_batch))
    return batches


def _column_indices(batches, which, original, name):
    """For each column of every batch (in order), its index in ``original``."""
    label = ("X_batch", "Y_batch")[which]
    exact = {tuple(col): j for j, col in enumerate(original.T.tolist())}
    sorted_cols = {tuple(sorted(col)) for col in original.T.tolist()}
    found = []
    for batch in batches:
        for col in batch[which].T.tolist():
            j = exact.get(tuple(col))
            if j is None:
                if tuple(sorted(col)) in sorted_cols:
                    fail(MINIBATCH_ROWS_SHUFFLED.explain(name=name), MINIBATCH_ROWS_SHUFFLED)
                fail(tr("{label} of {name} holds a column that is not a column of the "
                        "{XY_which} it was given: batches must hold the original columns, "
                        "unchanged").format(label=label, name=name, XY_which='XY'[which]))
            found.append(j)
    return found


def check_batch_structure(batches, X, Y, batch_size, name, context, shuffled=True):
    """Fail unless ``batches`` is one shuffled epoch of (X, Y); returns the column order."""
    m = X.shape[1]
    in_x = _column_indices(batches, 0, X, name)
    in_y = _column_indices(batches, 1, Y, name)
    if in_x != in_y:
        fail(MINIBATCH_UNPAIRED.explain(name=name), MINIBATCH_UNPAIRED)
    if len(set(in_x)) < len(in_x):
        fail(MINIBATCH_REPEATED.explain(name=name), MINIBATCH_REPEATED)
    sizes = [batch[0].shape[1] for batch in batches]
    missing = m - len(in_x)
    if missing:
        if missing == m % batch_size and all(size == batch_size for size in sizes):
            fail(MINIBATCH_LAST_DROPPED.explain(name=name), MINIBATCH_LAST_DROPPED)
        fail(tr("{name} leaves out {missing} of the {m} examples {context}: every example "
                "must be in exactly one batch per epoch").format(
                 name=name, missing=missing, m=m, context=context))
    expected = expected_batch_sizes(m, batch_size)
    if sizes != expected:
        fail(MINIBATCH_WRONG_SIZES.explain(name=name)
             + f" {context[0].upper() + context[1:]} the sizes must be {expected}, yours "
               f"are {sizes}.",
             MINIBATCH_WRONG_SIZES)
    if shuffled and in_x == list(range(m)):
        fail(MINIBATCH_NOT_SHUFFLED.explain(name=name), MINIBATCH_NOT_SHUFFLED)
    return in_x


def _params_dict(result, keys, name, what="params"):
    if result is None:
        fail(tr("{name} returned None: did you forget `return {what}`?").format(
                 name=name, what=what))
    if not isinstance(result, dict):
        fail(tr("{name} must return a dict like {what}; it returned a {type}").format(
                 name=name, what=what, type=type_name(result)))
    if set(result) != set(keys):
        fail(tr("the dict {name} returns has the keys {sorted_result}; it must have "
                "exactly the keys {sorted_keys}").format(
                 name=name, sorted_result=sorted(result), sorted_keys=sorted(keys)))
    return result


# --- checks -------------------------------------------------------------------------------
@explained
def check_random_minibatches(random_minibatches, rng=None):
    """random_minibatches(X, Y, batch_size, rng) -> [(X_batch, Y_batch), ...]."""
    rng = rng_for("random_minibatches", rng)
    name = "random_minibatches"
    # (n_x, n_y, m, batch_size): a partial last batch first, then an exact multiple,
    # a batch larger than the data, plain SGD (batch size 1) and a single example.
    for n_x, n_y, m, batch_size in ((7, 3, 23, 5), (6, 2, 64, 16), (5, 1, 10, 32),
                                    (4, 2, 12, 1), (3, 2, 1, 1)):
        X, Y = rng.standard_normal((n_x, m)), rng.standard_normal((n_y, m))
        context = tr("for m = {m} examples and batch_size = {batch_size}").format(
                      m=m, batch_size=batch_size)
        seed = int(rng.integers(2**32))
        result = call_with_global_seed(random_minibatches, name, 1, X.copy(), Y.copy(),
                                       batch_size, np.random.default_rng(seed))
        batches = _batches(result, name, n_x, n_y)
        # With m >= 10 a correct shuffle keeps the original order once in 3.6 million.
        order = check_batch_structure(batches, X, Y, batch_size, name, context,
                                      shuffled=m >= 10)
        if m < 10:
            continue
        again = call_with_global_seed(random_minibatches, name, 2, X.copy(), Y.copy(),
                                      batch_size, np.random.default_rng(seed))
        if check_batch_structure(_batches(again, name, n_x, n_y), X, Y, batch_size, name,
                                 context) != order:
            third = call_with_global_seed(random_minibatches, name, 1, X.copy(), Y.copy(),
                                          batch_size, np.random.default_rng(seed))
            if check_batch_structure(_batches(third, name, n_x, n_y), X, Y, batch_size,
                                     name, context) == order:
                fail(MINIBATCH_GLOBAL_RANDOM.explain(name=name), MINIBATCH_GLOBAL_RANDOM)
            fail(MINIBATCH_NOT_REPRODUCIBLE.explain(name=name), MINIBATCH_NOT_REPRODUCIBLE)
        generator = np.random.default_rng(seed + 1)
        epochs = [check_batch_structure(
            _batches(call(random_minibatches, name, X.copy(), Y.copy(), batch_size,
                          generator),
                     name, n_x, n_y), X, Y, batch_size, name, context) for _ in range(2)]
        if order in epochs or epochs[0] == epochs[1]:
            fail(MINIBATCH_IGNORES_RNG.explain(name=name), MINIBATCH_IGNORES_RNG)


@explained
def check_sgd_update(sgd_update, rng=None):
    """sgd_update(params, grads, learning_rate) -> params, with W ← W − α dW."""
    rng = rng_for("sgd_update", rng)
    name = "sgd_update"
    for dims in ([5, 4, 3], [3, 6, 4, 2], [4, 1]):
        _, _, params = random_network(rng, dims, 1)
        grads = _random_grads(rng, params)
        lr = float(rng.uniform(0.05, 0.5))
        result = call(sgd_update, name, _copy(params), _copy(grads), lr)
        updated = _params_dict(result, params, name)
        context = tr("for layer sizes {dims} and learning rate {lr}").format(
                      dims=dims, lr=format(lr, '.3f'))
        for key in params:
            W, dW = params[key], grads["d" + key]
            mistakes = [(SGD_PLUS, W + lr * dW), (SGD_LEARNING_RATE_IGNORED, W - dW)]
            if key.startswith("b"):
                mistakes.insert(0, (SGD_BIASES_NOT_UPDATED, W))
            check_array(updated[key], W - lr * dW, f'params["{key}"] returned by {name}',
                        mistakes=mistakes, context=context, facts=(Fact("α", lr),),
                        group=f'params["{key}"]',
                        terms=(Term(tr("the step −α·d{key}").format(key=key), -lr * dW),))


@explained
def check_init_velocity(init_velocity, rng=None):
    """init_velocity(params) -> v: zeros shaped like each parameter, keys "dW1", "db1", ..."""
    rng = rng_for("init_velocity", rng)
    name = "init_velocity"
    for dims in ([5, 4, 3], [3, 6, 4, 2], [4, 1]):
        _, _, params = random_network(rng, dims, 1)
        given = _copy(params)
        v = call(init_velocity, name, given)
        if v is None:
            fail(tr("{name} returned None: did you forget `return v`?").format(name=name))
        if not isinstance(v, dict):
            fail(tr("{name} must return a dict; it returned a {type}").format(
                     name=name, type=type_name(v)))
        expected_keys = sorted("d" + key for key in params)
        if sorted(v) != expected_keys:
            fail(VELOCITY_KEYS.explain(name=f"the dict {name} returns")
                 + f" Yours has {sorted(v)}; for layer sizes {dims} it needs "
                   f"{expected_keys}.", VELOCITY_KEYS)
        if sorted(given) != sorted(params) or any(
                not np.array_equal(given[key], params[key]) for key in params):
            fail(tr("{name} changed params: build a new dict of new zero arrays, and leave"
                    " the parameters as they are").format(name=name))
        for key in params:
            label = f'v["d{key}"]'
            value = as_float_array(v["d" + key], label)
            if value.shape != params[key].shape:
                fail(VELOCITY_SHAPE.explain(name=label)
                     + f" Yours has shape {shape_text(value.shape)}, {key} has "
                       f"{shape_text(params[key].shape)}.", VELOCITY_SHAPE)
            check_array(value, np.zeros(params[key].shape), label,
                        mistakes=[(VELOCITY_NOT_ZERO, params[key])],
                        context=tr("for layer sizes {dims}").format(dims=dims))


@explained
def check_momentum_update(momentum_update, rng=None):
    """momentum_update(params, grads, v, beta, learning_rate) -> (params, v)."""
    rng = rng_for("momentum_update", rng)
    name = "momentum_update"
    # A non-zero velocity first: with v = 0 several mistakes give the right answer.
    for dims, first_step in (([5, 4, 3], False), ([3, 6, 4, 2], False), ([4, 1], True)):
        _, _, params = random_network(rng, dims, 1)
        grads = _random_grads(rng, params)
        v = reference_init_velocity(params) if first_step else _random_grads(rng, params)
        beta, lr = float(rng.uniform(0.6, 0.95)), float(rng.uniform(0.05, 0.5))
        # Grade this function alone: a call to sgd_update or init_velocity gets ours.
        with substituted(momentum_update, sgd_update=reference_sgd_update,
                         init_velocity=reference_init_velocity):
            result = call(momentum_update, name, _copy(params), _copy(grads), _copy(v),
                          beta, lr)
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            fail(tr("{name} must return a pair (params, v); it returned {type}").format(
                     name=name, type=type_name(result)))
        updated = _params_dict(result[0], params, f"{name} (first of the pair)")
        velocity = _params_dict(result[1], v, f"{name} (second of the pair)", what="v")
        expected, v_new = reference_momentum_update(params, grads, v, beta, lr)
        no_weight = reference_momentum_update(params, grads, v, beta, lr, one_minus_beta=False)
        swapped = reference_momentum_update(params, grads, v, 1.0 - beta, lr)
        context = tr("for layer sizes {dims}, β = {beta} and α = {lr}").format(
                      dims=dims, beta=format(beta, '.3f'), lr=format(lr, '.3f'))
        for key in params:
            W, dW, old = params[key], grads["d" + key], v["d" + key]
            step = expected[key] - W
            check_array(updated[key], expected[key], f'params["{key}"] returned by {name}',
                        context=context, facts=(Fact("α", lr), Fact("β", beta)),
                        group=f'params["{key}"]',
                        terms=(Term(tr('the step −α·v["d{key}"]').format(key=key), step),),
                        mistakes=[
                            (MOMENTUM_NO_ONE_MINUS_BETA, no_weight[0][key]),
                            (MOMENTUM_BETA_SWAPPED, swapped[0][key]),
                            (MOMENTUM_RAW_GRADIENT, W - lr * dW),
                            (MOMENTUM_OLD_VELOCITY, W - lr * old)])
        for key in v:
            check_array(velocity[key], v_new[key], f'v["{key}"] returned by {name}',
                        context=context, facts=(Fact("α", lr), Fact("β", beta)),
                        group=f'v["{key}"]',
                        terms=(Term(N_("the old velocity's share β·v"), beta * v[key]),
                               Term(N_("the gradient's share (1 − β)·dW"),
                                    (1.0 - beta) * grads[key])), mistakes=[
                            (MOMENTUM_NO_ONE_MINUS_BETA, no_weight[1][key]),
                            (MOMENTUM_BETA_SWAPPED, swapped[1][key]),
                            (MOMENTUM_VELOCITY_NOT_UPDATED, v[key])])


# --- the two questions ----------------------------------------------------------------
UPDATES_FULL_BATCH = Mistake(
    "updates_one_per_epoch",
    "{name} counts one update per epoch, as batch gradient descent does: mini-batch "
    "descent takes one step per batch, so every epoch has ⌈m/B⌉ steps.")
UPDATES_PER_EXAMPLE = Mistake(
    "updates_one_per_example",
    "{name} counts one update per example, as SGD with B = 1 does: with batches of B "
    "examples there is one step per batch, ⌈m/B⌉ per epoch.")
UPDATES_FRACTION = Mistake(
    "updates_fraction_of_batch",
    "{name} is not a whole number: a step uses a whole batch. 1000 = 15·64 + 40, so each "
    "epoch has 15 full batches and one of 40 examples: ⌈1000/64⌉ = 16 steps.")

#: The question: m examples, batches of B, over a number of epochs.
UPDATES_M, UPDATES_B, UPDATES_EPOCHS = 1000, 64, 3


@explained
def check_answer_updates(answer, rng=None):
    """answer_updates: 3·⌈1000/64⌉ = 48 (exact: a count)."""
    m, B, epochs = UPDATES_M, UPDATES_B, UPDATES_EPOCHS
    check_number(answer, epochs * -(-m // B), "answer_updates", rtol=0.0, atol=1e-9,
                 mistakes=[(MINIBATCH_LAST_DROPPED, epochs * (m // B)),
                           (UPDATES_FULL_BATCH, epochs),
                           (UPDATES_PER_EXAMPLE, epochs * m),
                           (UPDATES_FRACTION, epochs * m / B)])


EWA_NO_BIAS = Mistake(
    "ewa_bias_ignored",
    "{name} is the gradient itself: an average that starts at v_0 = 0 is biased towards "
    "0 at first. Its weights add up to 1 − β^t, so v_3 = (1 − 0.9³)·2, far below 2.")
EWA_ONE_STEP = Mistake(
    "ewa_one_step",
    "{name} is v_1 = (1 − β)·g, the average after one step: apply "
    "v_t = β·v_(t−1) + (1 − β)·g_t three times.")

#: The question: a constant gradient, β and the number of steps.
EWA_G, EWA_BETA, EWA_STEPS = 2.0, 0.9, 3


def _ewa(beta_old, beta_new, steps=EWA_STEPS):
    v = 0.0
    for _ in range(steps):
        v = beta_old * v + beta_new * EWA_G
    return v


@explained
def check_answer_velocity(answer, rng=None):
    """answer_velocity: v_3 = (1 − 0.9³)·2 = 0.542 (0.1 % relative)."""
    beta = EWA_BETA
    check_number(answer, _ewa(beta, 1 - beta), "answer_velocity", rtol=1e-3, atol=0.0,
                 mistakes=[(MOMENTUM_NO_ONE_MINUS_BETA, _ewa(beta, 1.0)),
                           (MOMENTUM_BETA_SWAPPED, _ewa(1 - beta, beta)),
                           (EWA_NO_BIAS, EWA_G),
                           (EWA_ONE_STEP, _ewa(beta, 1 - beta, steps=1))])
