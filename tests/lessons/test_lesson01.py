"""Lesson 01's references against independent oracles, and its lecture numbers."""
import numpy as np
from hypothesis import given, settings, strategies as st

from autograder.lessons import lesson01
from nnlib.gradcheck import numerical_grad


@settings(max_examples=50)
@given(st.integers(1, 30), st.floats(-3, 3), st.integers(0, 2**32 - 1))
def test_reference_slope_is_the_derivative_of_the_reference_mse(m, w, seed):
    rng = np.random.default_rng(seed)
    x, y = rng.normal(size=m), rng.normal(size=m)
    numerical = numerical_grad(lambda v: lesson01.reference_mse(v * x, y), np.array(w))
    assert np.isclose(lesson01.reference_mse_slope(x, y, w), float(numerical), rtol=1e-6, atol=1e-7)


def test_lecture_numbers():
    assert lesson01.reference_mse_slope([3.0], [10.0], 2.0) == -24.0
    w, losses = lesson01.reference_gradient_descent(np.array([3.0]), np.array([10.0]), 2.0, 0.01, 1)
    assert np.isclose(w, 2.24) and losses[0] == 16.0 and len(losses) == 2


def test_descent_converges_to_the_least_squares_weight():
    rng = np.random.default_rng(0)
    x, y = rng.uniform(0, 2, 20), rng.normal(size=20)
    w, losses = lesson01.reference_gradient_descent(x, y, 0.0, 0.1, 500)
    assert np.isclose(w, x @ y / (x @ x)) and losses[-1] <= min(losses) + 1e-12
