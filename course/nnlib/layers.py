"""Layers as forward/backward pairs, in the style of CS231n's layers.py.

Every ``*_forward`` returns ``(out, cache)`` and the matching ``*_backward`` takes the
upstream gradient and that cache. Shapes follow the course: activations are
``(n_units, m)``, a dense layer's ``W`` is ``(n_out, n_in)`` and ``b`` is ``(n_out, 1)``.
"""
import numpy as np

from .activations import ACTIVATIONS, DERIVATIVE_FROM_OUTPUT


def dense_forward(A_prev, W, b):
    """Z = W A_prev + b.  A_prev: (n_in, m), W: (n_out, n_in), b: (n_out, 1) -> Z: (n_out, m)."""
    Z = W @ A_prev + b
    return Z, (A_prev, W)


def dense_backward(dZ, cache):
    """Gradients of a dense layer from dZ (n_out, m), for a loss *summed* over examples.

    Returns (dA_prev, dW, db) with shapes (n_in, m), (n_out, n_in), (n_out, 1). Divide
    dW and db by m yourself when the loss is a mean (``mlp_backward`` does).
    """
    A_prev, W = cache
    return W.T @ dZ, dZ @ A_prev.T, dZ.sum(axis=1, keepdims=True)


def activation_forward(Z, name):
    """A = g(Z) for g in nnlib.activations.ACTIVATIONS (sigmoid, tanh, relu, identity).

    The cache keeps A too: the sigmoid's and tanh's derivatives are cheapest from it."""
    g, _ = ACTIVATIONS[name]
    A = g(Z)
    return A, (Z, A, name)


def activation_backward(dA, cache):
    """dZ = dA * g'(Z), with g'(Z) taken from the cached A where that is possible."""
    Z, A, name = cache
    if name in DERIVATIVE_FROM_OUTPUT:
        return dA * DERIVATIVE_FROM_OUTPUT[name](A)
    _, g_prime = ACTIVATIONS[name]
    return dA * g_prime(Z)
