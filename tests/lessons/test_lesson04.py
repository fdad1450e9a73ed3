"""Lesson 04's references against independent oracles, its lecture numbers, and the
planted bug of the notebook's supplied_backprop."""
import re

import nbformat
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from autograder.compare import StudentMistake
from autograder.course import lesson
from autograder.lessons import lesson04
from nnlib import gradcheck, mlp


def test_lecture_worked_example():
    value = lesson04.reference_numerical_derivative(lambda t: t ** 3, 1.0, 0.01)
    assert abs(value - 3.0001) < 1e-12
    one_sided = lesson04.reference_numerical_derivative(lambda t: t ** 3, 1.0, 0.01, "forward")
    assert abs(one_sided - 3.0301) < 1e-12


@settings(max_examples=40)
@given(st.floats(-2, 2), st.floats(1e-3, 1e-1), st.integers(0, 2**32 - 1))
def test_two_sided_error_of_a_cubic_is_exactly_eps_squared_times_a3(theta, eps, seed):
    # Oracle: for p(t) = a3 t³ + ..., (p(θ+ε) − p(θ−ε)) / 2ε = p'(θ) + a3 ε² exactly.
    a3, a2, a1, a0 = np.random.default_rng(seed).uniform(-2, 2, 4)
    p = lambda t: ((a3 * t + a2) * t + a1) * t + a0
    exact = 3 * a3 * theta ** 2 + 2 * a2 * theta + a1
    value = lesson04.reference_numerical_derivative(p, theta, eps)
    assert abs(value - (exact + a3 * eps ** 2)) < 1e-9
    forward = lesson04.reference_numerical_derivative(p, theta, eps, "forward")
    assert abs(forward - exact - (3 * a3 * theta + a2) * eps) < abs(a3) * eps ** 2 + 1e-9


@pytest.mark.parametrize("shape", [(), (5,), (3, 4), (2, 1, 3)])
def test_reference_gradient_matches_the_analytic_gradient_and_leaves_theta(shape):
    rng = np.random.default_rng(7)
    J, grad_J = lesson04.smooth_function(rng, shape)
    theta = rng.uniform(-1, 1, shape)
    before = theta.copy()
    numerical = lesson04.reference_numerical_gradient(J, theta)
    assert numerical.shape == theta.shape and np.array_equal(theta, before)
    assert np.allclose(numerical, grad_J(theta), rtol=1e-7, atol=1e-8)
    # an independent implementation (nnlib's, forbidden to students, fine as an oracle)
    assert np.allclose(numerical, gradcheck.numerical_grad(J, theta.copy(), 1e-5),
                       rtol=1e-9, atol=1e-10)


def test_network_case_gradient_is_backprop():
    J, grad_J, theta, (X, Y, params, lambd) = lesson04.network_function(
        np.random.default_rng(3))
    assert theta.size == sum(v.size for v in params.values()) and lambd > 0
    numerical = lesson04.reference_numerical_gradient(J, theta)
    assert lesson04.reference_relative_error(numerical, grad_J(theta)) < 1e-8


def test_wrong_kinds_are_what_they_say():
    J, _ = lesson04.smooth_function(np.random.default_rng(5), (4,))
    theta = np.linspace(-0.5, 0.5, 4)
    ref = lesson04.reference_numerical_gradient(J, theta, 1e-3)
    over = lesson04.reference_numerical_gradient(J, theta, 1e-3, "over-eps")
    assert np.allclose(over, 2 * ref)
    at_once = lesson04.reference_numerical_gradient(J, theta, 1e-3, "all-at-once")
    # the directional derivative along (1, 1, ..., 1) is the sum of the partials
    assert np.allclose(at_once, np.sum(ref), rtol=1e-5)
    forward = lesson04.reference_numerical_gradient(J, theta, 1e-3, "forward")
    backward = lesson04.reference_numerical_gradient(J, theta, 1e-3, "backward")
    assert np.allclose((forward + backward) / 2, ref, rtol=1e-12)
    assert not np.allclose(forward, ref, rtol=1e-5)


@settings(max_examples=60)
@given(st.integers(1, 12), st.floats(1e-8, 1e8), st.integers(0, 2**32 - 1))
def test_relative_error_agrees_with_nnlib_and_is_scale_free_and_symmetric(n, scale, seed):
    rng = np.random.default_rng(seed)
    a, b = rng.normal(size=n), rng.normal(size=n)
    value = lesson04.reference_relative_error(a, b)
    assert np.isclose(value, gradcheck.rel_error(a, b), rtol=1e-12)
    assert np.isclose(value, lesson04.reference_relative_error(scale * b, scale * a), rtol=1e-9)
    assert 0.0 <= value <= 1.0


def test_relative_error_special_values():
    assert lesson04.reference_relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert lesson04.reference_relative_error(np.zeros(3), np.ones(3)) == 1.0
    assert lesson04.reference_relative_error(np.eye(2), -np.eye(2)) == 1.0
    # 3-4-5: ‖a − b‖ = 5, ‖a‖ + ‖b‖ = 3 + 4
    assert np.isclose(lesson04.reference_relative_error([3.0, 0.0], [0.0, -4.0]), 5 / 7)


def test_reference_gradient_check_passes_right_and_fails_wrong_gradients():
    J, grad_J = lesson04.smooth_function(np.random.default_rng(11), (3, 3))
    theta = np.full((3, 3), 0.2)
    ok, error = lesson04.reference_gradient_check(J, grad_J, theta)
    assert ok and error < 1e-9
    ok, error = lesson04.reference_gradient_check(J, lambda t: 1.01 * grad_J(t), theta)
    assert not ok and 1e-3 < error < 1e-2
    ok, error = lesson04.reference_gradient_check(J, lambda t: 1.01 * grad_J(t), theta, tol=0.1)
    assert ok


def test_theta_check_accepts_one_ulp_and_names_shifts():
    theta = np.array([1.0, -2.5, 1e3])
    restored = (theta + 1e-5) - 1e-5  # what += eps, -= eps leaves: may differ in the last bit
    lesson04._check_theta_unchanged(theta, restored, 1e-5, "numerical_gradient")
    with pytest.raises(StudentMistake) as err:
        lesson04._check_theta_unchanged(theta, theta - 1e-5, 1e-5, "numerical_gradient")
    assert err.value.mistake is lesson04.LEFT_MINUS
    with pytest.raises(StudentMistake) as err:
        lesson04._check_theta_unchanged(theta, theta + 1e-5, 1e-5, "numerical_gradient")
    assert err.value.mistake is lesson04.LEFT_PLUS
    shifted = theta.copy()
    shifted[-1] += 1e-5
    with pytest.raises(StudentMistake) as err:
        lesson04._check_theta_unchanged(theta, shifted, 1e-5, "numerical_gradient")
    assert err.value.mistake is lesson04.THETA_MODIFIED and "1 of the 3" in str(err.value)


@pytest.mark.parametrize("answer", ["db2", "b2", " DB2 ", "B2"])
def test_buggy_parameter_answer_spellings(answer):
    lesson04.check_answer_buggy_parameter(answer)


@pytest.mark.parametrize("answer,mistake", [("dW2", lesson04.WRONG_BUGGY_PARAMETER),
                                            ("db3", lesson04.WRONG_BUGGY_PARAMETER),
                                            ("dZ2", None), (2, None)])
def test_buggy_parameter_wrong_answers(answer, mistake):
    with pytest.raises(StudentMistake) as err:
        lesson04.check_answer_buggy_parameter(answer)
    assert err.value.mistake is mistake


@pytest.mark.parametrize("check,right", [(lesson04.check_answer_which_plot, "c"),
                                         (lesson04.check_answer_why_backprop, "b")])
def test_letter_answers(check, right):
    for spelling in (right, right.upper(), f"({right})", f" {right} "):
        check(spelling)
    for letter in "abcd".replace(right, ""):
        with pytest.raises(StudentMistake) as err:
            check(letter)
        assert err.value.mistake is not None
    with pytest.raises(StudentMistake) as err:
        check("e")
    assert err.value.mistake is None


def _notebook_function(name):
    """Execute the locked notebook cell that defines ``name`` and return the function."""
    nb = nbformat.read(lesson("04_gradcheck").source_notebook, as_version=4)
    cell = next(c for c in nb.cells
                if c.cell_type == "code" and re.search(rf"^def {name}\(", c.source, re.M))
    source = cell.source.split("\n\nfor ")[0]  # the definitions, not the demo loop
    namespace = {"np": np}
    exec(source, namespace)
    return namespace[name]


def test_supplied_backprop_is_wrong_in_db2_only_and_only_when_lambda_is_positive():
    supplied_backprop = _notebook_function("supplied_backprop")
    rng = np.random.default_rng(0)
    X = rng.standard_normal((4, 6))
    Y = (rng.random((3, 6)) < 0.5).astype(float)
    params = mlp.init_params([4, 5, 4, 3], rng)
    params = {k: v + 0.5 * rng.standard_normal(v.shape) for k, v in params.items()}
    for lambd in (0.0, 0.7):
        mine = supplied_backprop(X, Y, params, lambd)
        truth = mlp.loss_and_grads(X, Y, params, lambd)[1]
        wrong = {k for k in truth if not np.allclose(mine[k], truth[k], rtol=1e-10, atol=1e-12)}
        assert wrong == (set() if lambd == 0 else {lesson04.BUGGY_PARAMETER})
