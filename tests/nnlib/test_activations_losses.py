import numpy as np
from hypothesis import given, strategies as st
from hypothesis.extra.numpy import arrays

from nnlib import activations, gradcheck, losses

floats = st.floats(-30, 30, allow_nan=False)


@given(arrays(np.float64, st.integers(1, 20), elements=floats))
def test_sigmoid_matches_the_definition_and_its_derivative_the_numerical_one(z):
    assert np.allclose(activations.sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-12, atol=1e-300)
    for name in ("sigmoid", "tanh"):
        g, g_prime = activations.ACTIVATIONS[name]
        numerical = (g(z + 1e-6) - g(z - 1e-6)) / 2e-6
        assert np.allclose(g_prime(z), numerical, atol=1e-8)


@given(arrays(np.float64, st.integers(1, 20), elements=floats))
def test_derivatives_from_the_output_agree_with_those_from_the_input(z):
    for name, from_output in activations.DERIVATIVE_FROM_OUTPUT.items():
        g, g_prime = activations.ACTIVATIONS[name]
        assert np.allclose(from_output(g(z)), g_prime(z), rtol=1e-12, atol=1e-300)


def test_activation_layer_backward_is_the_numerical_gradient():
    from nnlib import layers

    rng = np.random.default_rng(0)
    Z, dA = rng.normal(size=(3, 4)) * 3, rng.normal(size=(3, 4))
    Z = np.where(np.abs(Z) < 1e-3, 1.0, Z)  # clear of ReLU's kink at 0
    for name in activations.ACTIVATIONS:
        _, cache = layers.activation_forward(Z, name)
        numerical = gradcheck.numerical_grad(
            lambda z: float(np.sum(dA * layers.activation_forward(z, name)[0])), Z.copy())
        assert np.allclose(layers.activation_backward(dA, cache), numerical, atol=1e-7), name


def test_sigmoid_does_not_overflow():
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        assert activations.sigmoid(np.array([-1000.0, 1000.0])).tolist() == [0.0, 1.0]


def test_relu_and_its_derivative():
    z = np.array([-2.0, -0.0, 0.5, 3.0])
    assert activations.relu(z).tolist() == [0.0, 0.0, 0.5, 3.0]
    assert activations.relu_prime(z).tolist() == [0.0, 0.0, 1.0, 1.0]


def test_mean_squared_error_and_cross_entropy():
    assert losses.mean_squared_error([6.0], [10.0]) == 16.0
    AL = np.array([[0.9, 0.2], [0.1, 0.7]])
    Y = np.array([[1.0, 0.0], [0.0, 1.0]])
    by_hand = -(np.log(0.9) + np.log(0.8) + np.log(0.9) + np.log(0.7)) / 2
    assert np.isclose(losses.cross_entropy(AL, Y), by_hand)
    assert losses.accuracy(AL, Y) == 1.0


def test_numerical_grad_is_second_order_and_restores_theta():
    theta = np.array([[1.0, -2.0], [0.5, 3.0]])
    before = theta.copy()
    grad = gradcheck.numerical_grad(lambda t: float(np.sum(t ** 3)), theta, eps=1e-4)
    assert np.array_equal(theta, before)
    assert np.allclose(grad, 3 * theta ** 2, rtol=1e-7)
    assert gradcheck.rel_error(grad, 3 * theta ** 2) < 1e-8
    assert gradcheck.rel_error(np.zeros(2), np.zeros(2)) == 0.0
