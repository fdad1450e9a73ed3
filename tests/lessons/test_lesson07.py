"""Lesson 07's references against independent oracles, the notebook's visible numbers,
and the checks run directly on many fresh cases (what a learner's self-check sees)."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from autograder.cases import random_network
from autograder.compare import StudentMistake
from autograder.lessons import lesson07
from autograder.variants import lesson07 as variants07
from nnlib import mlp
from nnlib.gradcheck import numerical_param_grads

CHECKS = {"l2_penalty": lesson07.check_l2_penalty, "l2_grads": lesson07.check_l2_grads,
          "weight_decay_update": lesson07.check_weight_decay_update,
          # the questions: the check receives the answer's value (namespace[cell])
          "answer_decay_factor": lesson07.check_answer_decay_factor,
          "answer_choose_lambda": lesson07.check_answer_choose_lambda}
DEMO_PARAMS = {"W1": np.array([[1.0, -2.0], [0.0, 3.0]]), "b1": np.array([[5.0], [-5.0]]),
               "W2": np.array([[2.0, 1.0]]), "b2": np.array([[7.0]])}

networks = st.sampled_from([(3, 2), (4, 5, 1), (2, 3, 4, 3, 2)])


def _network(seed, dims, m):
    X, Y, params = random_network(np.random.default_rng(seed), dims, m)
    return X, Y, params


def _compiled(source, name):
    """The function ``name`` defined by a variant's cell source, as a notebook would."""
    namespace = {"np": np}
    exec(compile(source, name, "exec"), namespace)
    return namespace[name]


# --- references against oracles ------------------------------------------------------
@settings(max_examples=30, deadline=None)
@given(networks, st.integers(1, 40), st.floats(0.0, 5.0), st.integers(0, 2**32 - 1))
def test_reference_penalty_is_the_difference_of_nnlib_costs(dims, m, lambd, seed):
    """nnlib's mlp_cost is written independently with the course's λ/(2m) convention."""
    X, Y, params = _network(seed, dims, m)
    AL = mlp.mlp_forward(X, params)[0]
    difference = mlp.mlp_cost(AL, Y, params, lambd) - mlp.mlp_cost(AL, Y, params, 0.0)
    assert np.isclose(lesson07.reference_l2_penalty(params, lambd, m), difference,
                      rtol=1e-9, atol=1e-12)


@settings(max_examples=15, deadline=None)
@given(networks, st.integers(1, 20), st.floats(0.1, 5.0), st.integers(0, 2**32 - 1))
def test_reference_l2_grads_add_the_numerical_gradient_of_the_penalty(dims, m, lambd, seed):
    _, _, params = _network(seed, dims, m)
    zeros = {"d" + key: np.zeros_like(value) for key, value in params.items()}
    numerical = numerical_param_grads(
        lambda p: lesson07.reference_l2_penalty(p, lambd, m), params)
    analytic = lesson07.reference_l2_grads(zeros, params, lambd, m)
    for key, value in numerical.items():
        assert np.allclose(analytic[key], value, rtol=1e-6, atol=1e-8), key
    assert all(not analytic[key].any() for key in analytic if key.startswith("db"))


@settings(max_examples=30, deadline=None)
@given(networks, st.integers(1, 20), st.floats(0.0, 3.0), st.floats(0.01, 1.0),
       st.integers(0, 2**32 - 1))
def test_weight_decay_with_lambda_over_m_is_a_step_on_the_regularized_gradient(
        dims, m, lambd, lr, seed):
    """The lecture's (1 − αλ)W − α dW with λ = λ_course/m is the course's gradient step."""
    X, Y, params = _network(seed, dims, m)
    data_grads = mlp.loss_and_grads(X, Y, params, lambd=0.0)[1]
    regularized = mlp.loss_and_grads(X, Y, params, lambd=lambd)[1]  # nnlib adds the term
    assert all(np.allclose(lesson07.reference_l2_grads(data_grads, params, lambd, m)[k],
                           regularized[k], rtol=1e-10, atol=1e-13) for k in regularized)
    for l in range(1, len(dims)):
        W, dW = params[f"W{l}"], data_grads[f"dW{l}"]
        step = W - lr * regularized[f"dW{l}"]
        assert np.allclose(lesson07.reference_weight_decay_update(W, dW, lr, lambd / m), step,
                           rtol=1e-12, atol=1e-14)


def test_the_notebooks_visible_numbers():
    assert lesson07.reference_l2_penalty(DEMO_PARAMS, 2.0, 4) == 4.75
    assert lesson07.reference_l2_penalty(DEMO_PARAMS, 2.0, 4, bias=True) == 29.5
    grads = {"dW1": np.full((2, 2), 0.1), "db1": np.array([[0.5], [0.5]]),
             "dW2": np.array([[0.2, -0.2]]), "db2": np.array([[0.3]])}
    new = lesson07.reference_l2_grads(grads, DEMO_PARAMS, 2.0, 4)
    assert np.allclose(new["dW1"], [[0.6, -0.9], [0.1, 1.6]])
    assert np.allclose(new["dW2"], [[1.2, 0.3]]) and new["db1"].tolist() == [[0.5], [0.5]]
    W, dW = np.array([[1.0, -2.0]]), np.array([[0.5, 0.5]])
    assert np.allclose(lesson07.reference_weight_decay_update(W, dW, 0.1, 2.0), [[0.75, -1.65]])
    assert np.allclose(lesson07.reference_weight_decay_update(W, dW, 0.1, 0.0), [[0.95, -2.05]])


def test_hidden_cases_cover_1_2_and_4_layers_and_m_equal_1_after_m_above_1():
    layers = [len(dims) - 1 for dims, _ in lesson07.NETWORKS]
    ms = [m for _, m in lesson07.NETWORKS]
    assert {1, 2, 4} <= set(layers) and layers[0] == 4
    assert ms[0] > 2 and 1 in ms and ms.index(1) > ms.index(max(ms))
    assert 2 not in ms  # "times m" and "times 2" would coincide


# --- the checks on fresh cases: a learner's self-check with a new rng ------------------
@pytest.mark.parametrize("style", sorted(variants07.CORRECT))
@pytest.mark.parametrize("name", sorted(CHECKS))
def test_correct_styles_pass_on_many_fresh_cases(style, name):
    function = _compiled(variants07.CORRECT[style][name], name)
    for seed in range(25):
        CHECKS[name](function, rng=np.random.default_rng(seed))


@pytest.mark.parametrize("mistake", variants07.MISTAKES, ids=lambda m: m.student)
def test_each_mistake_is_named_on_many_fresh_cases(mistake):
    namespace = {"np": np}
    exec(compile(mistake.source, mistake.cell, "exec"), namespace)
    function = namespace[mistake.cell]
    for seed in range(25):
        with pytest.raises(StudentMistake) as caught:
            CHECKS[mistake.cell](function, rng=np.random.default_rng(seed))
        assert caught.value.mistake is not None, str(caught.value)
        assert caught.value.mistake.code == mistake.mistake, str(caught.value)


def test_every_catalogued_mistake_of_the_brief_has_a_variant():
    wanted = {("l2_penalty", "bias_regularised"), ("l2_grads", "bias_regularised"),
              ("l2_penalty", "l2_penalty_no_half"), ("l2_penalty", "l2_used_l1"),
              ("l2_grads", "lambda_without_m"), ("l2_grads", "l2_grad_double"),
              ("l2_grads", "l2_db_changed"), ("l2_penalty", "l2_last_layer_only"),
              ("l2_grads", "l2_last_layer_only"),
              ("weight_decay_update", "decay_missing_learning_rate"),
              ("weight_decay_update", "decay_wrong_sign"),
              ("weight_decay_update", "decay_gradient_unscaled"),
              ("l2_penalty", "library_shortcut")}
    assert wanted <= {(m.cell, m.mistake) for m in variants07.MISTAKES}


def test_l2_grads_may_not_change_params():
    def l2_grads(grads, params, lambd, m):
        for key in [k for k in params if k.startswith("W")]:
            params[key] *= 1.0 + lambd / m  # an unrelated bug: the parameters move
            grads["d" + key] = grads["d" + key] + lambd / m * params[key] / (1 + lambd / m)
        return grads

    with pytest.raises(StudentMistake, match="changed params"):
        lesson07.check_l2_grads(l2_grads)


def test_l2_grads_that_forgets_to_return_is_told_so():
    def l2_grads(grads, params, lambd, m):
        for key in [k for k in params if k.startswith("W")]:
            grads["d" + key] += lambd / m * params[key]

    with pytest.raises(StudentMistake, match="returned None"):
        lesson07.check_l2_grads(l2_grads)


def test_an_unknown_error_fails_without_naming_a_mistake():
    def l2_penalty(params, lambd, m):  # adds a stray constant: matches no catalogued mistake
        return lambd / (2 * m) * sum(np.sum(v ** 2) for k, v in params.items()
                                     if k[0] == "W") + 0.01

    def weight_decay_update(W, dW, learning_rate, lambd):
        return (1 - learning_rate * lambd) * W - learning_rate * dW * 1.01

    for function, check in ((l2_penalty, lesson07.check_l2_penalty),
                            (weight_decay_update, lesson07.check_weight_decay_update)):
        with pytest.raises(StudentMistake) as caught:
            check(function)
        assert caught.value.mistake is None and "is wrong" in str(caught.value)
