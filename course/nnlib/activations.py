"""Activation functions g(z) and their derivatives g'(z), elementwise on any shape.

Every derivative takes ``z`` (the pre-activation). When you already hold ``a = g(z)``,
the sigmoid's derivative is cheaper as ``a * (1 - a)``: see ``sigmoid_prime_from_a``.
"""
import numpy as np


def sigmoid(z):
    """Logistic function 1 / (1 + exp(-z)), computed without overflow for large |z|."""
    z = np.asarray(z, dtype=np.float64)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    r = 1.0 / (1.0 + e)     # sigmoid(|z|); sigmoid(-|z|) = e * sigmoid(|z|)
    return np.where(z >= 0, r, e * r)


def sigmoid_prime(z):
    """Derivative of the sigmoid with respect to z, g(z) (1 - g(z))."""
    return sigmoid_prime_from_a(sigmoid(z))


def sigmoid_prime_from_a(a):
    """Derivative of the sigmoid given its output a = sigmoid(z): a (1 - a)."""
    a = np.asarray(a, dtype=np.float64)
    return a * (1.0 - a)


def tanh(z):
    """Hyperbolic tangent."""
    return np.tanh(np.asarray(z, dtype=np.float64))


def tanh_prime(z):
    """Derivative of tanh: 1 - tanh(z)^2."""
    return tanh_prime_from_a(np.tanh(np.asarray(z, dtype=np.float64)))


def tanh_prime_from_a(a):
    """Derivative of tanh given its output a = tanh(z): 1 - a^2."""
    a = np.asarray(a, dtype=np.float64)
    return 1.0 - a * a


def relu(z):
    """Rectified linear unit max(0, z)."""
    return np.maximum(np.asarray(z, dtype=np.float64), 0.0)


def relu_prime(z):
    """Derivative of ReLU: 1 where z > 0, else 0 (the kink at 0 gets 0 by convention)."""
    return (np.asarray(z, dtype=np.float64) > 0).astype(np.float64)


def identity(z):
    """Identity activation, for linear output units."""
    return np.asarray(z, dtype=np.float64)


def identity_prime(z):
    """Derivative of the identity: ones."""
    return np.ones_like(np.asarray(z, dtype=np.float64))


#: name -> (g, g') for code that picks an activation by name, e.g. ``ACTIVATIONS["relu"]``.
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_prime),
    "tanh": (tanh, tanh_prime),
    "relu": (relu, relu_prime),
    "identity": (identity, identity_prime),
}
#: name -> g' as a function of A = g(Z), where that is cheaper than from Z (no exp).
DERIVATIVE_FROM_OUTPUT = {"sigmoid": sigmoid_prime_from_a, "tanh": tanh_prime_from_a}
