"""Lesson 06's references against independent oracles, and its checks on more answers
than the variants hold: any permutation from the given rng passes, for any seed."""
import math
import random

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from autograder.compare import StudentMistake
from autograder.lessons import lesson06


# --- references against first principles ------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(st.integers(1, 40), st.integers(1, 50), st.integers(0, 2**32 - 1))
def test_reference_minibatches_are_one_shuffled_epoch(m, batch_size, seed):
    X = np.arange(3 * m, dtype=float).reshape(3, m)
    Y = np.arange(m, dtype=float).reshape(1, m)            # the target of column j is j
    batches = lesson06.reference_random_minibatches(X, Y, batch_size, np.random.default_rng(seed))
    assert len(batches) == math.ceil(m / batch_size)
    sizes = [xb.shape[1] for xb, _ in batches]
    assert all(s == batch_size for s in sizes[:-1]) and 1 <= sizes[-1] <= batch_size
    order = np.concatenate([yb.ravel() for _, yb in batches]).astype(int)
    assert sorted(order) == list(range(m))
    for xb, yb in batches:
        assert np.array_equal(xb, X[:, yb.ravel().astype(int)])
    assert lesson06.expected_batch_sizes(m, batch_size) == sizes


def test_momentum_reference_is_an_exponentially_weighted_average():
    rng = np.random.default_rng(3)
    beta, lr = 0.9, 0.1
    params = {"W1": np.zeros((2, 3)), "b1": np.zeros((2, 1))}
    v = lesson06.reference_init_velocity(params)
    history = []
    for _ in range(6):
        grads = {k: rng.normal(size=a.shape) for k, a in v.items()}
        history.append(grads)
        params, v = lesson06.reference_momentum_update(params, grads, v, beta, lr)
    t = len(history)
    unrolled = (1 - beta) * sum(beta ** (t - i) * history[i - 1]["dW1"] for i in range(1, t + 1))
    assert np.allclose(v["dW1"], unrolled)
    # a constant gradient g gives v_t = (1 - beta^t) g: biased towards 0 at the start
    v = lesson06.reference_init_velocity(params)
    g = {"dW1": np.ones((2, 3)), "db1": np.ones((2, 1))}
    for step in range(1, 4):
        _, v = lesson06.reference_momentum_update(params, g, v, beta, lr)
        assert np.allclose(v["dW1"], 1 - beta ** step)
    assert np.isclose(1 - beta ** 3, 0.271)


def test_momentum_with_beta_zero_is_sgd_and_the_notebook_numbers():
    rng = np.random.default_rng(4)
    params = {"W1": rng.normal(size=(3, 2)), "b1": rng.normal(size=(3, 1))}
    grads = {"dW1": rng.normal(size=(3, 2)), "db1": rng.normal(size=(3, 1))}
    v = {k: rng.normal(size=a.shape) for k, a in grads.items()}
    new, _ = lesson06.reference_momentum_update(params, grads, v, 0.0, 0.3)
    plain = lesson06.reference_sgd_update(params, grads, 0.3)
    assert all(np.allclose(new[k], plain[k]) for k in params)
    assert all(np.allclose(plain[k], params[k] - 0.3 * grads["d" + k]) for k in params)
    p1, v1 = lesson06.reference_momentum_update(
        {"W1": np.array([[1.0]]), "b1": np.array([[0.0]])},
        {"dW1": np.array([[2.0]]), "db1": np.array([[1.0]])},
        {"dW1": np.array([[1.0]]), "db1": np.array([[0.0]])}, 0.9, 0.5)
    assert np.isclose(v1["dW1"], 1.1) and np.isclose(p1["W1"], 0.45)
    assert np.isclose(v1["db1"], 0.1) and np.isclose(p1["b1"], -0.05)


# --- correct answers pass, for any rng ------------------------------------------------------
def shuffle_stacked_columns_in_place(X, Y, batch_size, rng):
    both = np.vstack([X, Y])
    rng.shuffle(both.T)                 # rows of the transposed view = columns of both
    n_x, m = X.shape[0], X.shape[1]
    return [(both[:n_x, k:k + batch_size], both[n_x:, k:k + batch_size])
            for k in range(0, m, batch_size)]


def permuted_index_generator_style(X, Y, batch_size, rng):
    order = rng.permuted(np.arange(X.shape[1]))
    return list((X[:, order[k:k + batch_size]], Y[:, order[k:k + batch_size]])
                for k in range(0, X.shape[1], batch_size))


def tuple_of_lists(X, Y, batch_size, rng):
    order = list(rng.permutation(X.shape[1]))
    chunks = [order[k:k + batch_size] for k in range(0, len(order), batch_size)]
    return tuple([X[:, c], Y[:, c]] for c in chunks)


@pytest.mark.parametrize("answer", [lesson06.reference_random_minibatches,
                                    shuffle_stacked_columns_in_place,
                                    permuted_index_generator_style, tuple_of_lists])
def test_correct_minibatches_pass_for_many_seeds(answer):
    for seed in range(25):
        lesson06.check_random_minibatches(answer, rng=np.random.default_rng(seed))


def test_every_check_passes_the_references_for_fresh_cases():
    for seed in range(20):
        rng = np.random.default_rng(1000 + seed)
        lesson06.check_sgd_update(lesson06.reference_sgd_update, rng=rng)
        lesson06.check_init_velocity(lesson06.reference_init_velocity, rng=rng)
        lesson06.check_momentum_update(
            lambda p, g, v, b, a: lesson06.reference_momentum_update(p, g, v, b, a), rng=rng)


def test_the_check_leaves_the_global_random_state_as_it_was():
    np.random.seed(7)
    random.seed(7)
    numpy_state, python_state = np.random.get_state(), random.getstate()

    def global_answer(X, Y, batch_size, rng):
        order = np.random.permutation(X.shape[1])
        return lesson06.reference_random_minibatches(X[:, order], Y[:, order], batch_size, rng)

    with pytest.raises(StudentMistake):
        lesson06.check_random_minibatches(global_answer)
    lesson06.check_random_minibatches(lesson06.reference_random_minibatches)
    after = np.random.get_state()
    assert after[1].tolist() == numpy_state[1].tolist() and after[2:] == numpy_state[2:]
    assert random.getstate() == python_state


# --- mistakes beyond the variants are caught and named ------------------------------------
def python_random_shuffle(X, Y, batch_size, rng):
    order = list(range(X.shape[1]))
    random.shuffle(order)
    return [(X[:, order[k:k + batch_size]], Y[:, order[k:k + batch_size]])
            for k in range(0, len(order), batch_size)]


def reversed_order(X, Y, batch_size, rng):
    order = np.arange(X.shape[1])[::-1]
    return [(X[:, order[k:k + batch_size]], Y[:, order[k:k + batch_size]])
            for k in range(0, len(order), batch_size)]


def last_batch_first(X, Y, batch_size, rng):
    batches = lesson06.reference_random_minibatches(X, Y, batch_size, rng)
    return batches[-1:] + batches[:-1]


def overlapping_slices(X, Y, batch_size, rng):
    order = rng.permutation(X.shape[1])
    X, Y = X[:, order], Y[:, order]
    step = max(1, batch_size - 1)
    return [(X[:, k:k + batch_size], Y[:, k:k + batch_size]) for k in range(0, X.shape[1], step)]


def one_dimensional_batches(X, Y, batch_size, rng):
    order = rng.permutation(X.shape[1])
    return [(X[:, i], Y[:, i]) for i in order]


@pytest.mark.parametrize("answer,code", [
    (python_random_shuffle, "minibatch_global_random"),
    (reversed_order, "minibatch_ignores_rng"),
    (last_batch_first, "minibatch_wrong_sizes"),
    (overlapping_slices, "minibatch_repeated_examples"),
])
def test_more_minibatch_mistakes_are_named(answer, code):
    with pytest.raises(StudentMistake) as err:
        lesson06.check_random_minibatches(answer)
    assert err.value.mistake is not None and err.value.mistake.code == code, str(err.value)


def test_one_dimensional_batches_are_explained():
    with pytest.raises(StudentMistake, match="stays 2-D"):
        lesson06.check_random_minibatches(one_dimensional_batches)


def test_swapped_return_order_and_missing_return_are_explained():
    def swapped(params, grads, v, beta, learning_rate):
        params, v = lesson06.reference_momentum_update(params, grads, v, beta, learning_rate)
        return v, params

    def no_return(params, grads, learning_rate):
        for k in params:
            params[k] -= learning_rate * grads["d" + k]

    with pytest.raises(StudentMistake, match="keys"):
        lesson06.check_momentum_update(swapped)
    with pytest.raises(StudentMistake, match="return params"):
        lesson06.check_sgd_update(no_return)


def test_velocity_aliasing_the_parameters_is_refused():
    def aliasing(params):
        v = {}
        for k in params:
            params[k] *= 0.0            # zeroes the caller's weights
            v["d" + k] = params[k]
        return v

    with pytest.raises(StudentMistake, match="changed params"):
        lesson06.check_init_velocity(aliasing)
