"""A fully connected network for the lessons that *use* backpropagation (05-08).

Lesson 03 asks you to write forward propagation and backprop yourself; from lesson 05
on, this module provides them so that each lesson can focus on its own topic
(initialization, optimizers, regularization). Output units are sigmoids with the
cross-entropy cost of the course:

    J = -(1/m) sum [Y log AL + (1 - Y) log(1 - AL)] + (lambd / (2m)) sum_l ||W_l||^2

params: {"W1": (n1, n0), "b1": (n1, 1), ...}; X: (n0, m); Y: (nL, m).
"""
import numpy as np

from . import layers
from .losses import cross_entropy


def n_layers(params):
    return len([k for k in params if k.startswith("W")])


def init_params(layer_dims, rng, scale="xavier"):
    """Random weights, zero biases. scale: "xavier", "he" or a number (the std)."""
    params = {}
    for l in range(1, len(layer_dims)):
        n_in, n_out = layer_dims[l - 1], layer_dims[l]
        std = {"xavier": np.sqrt(2.0 / (n_in + n_out)), "he": np.sqrt(2.0 / n_in)}.get(scale, scale)
        params[f"W{l}"] = std * rng.standard_normal((n_out, n_in))
        params[f"b{l}"] = np.zeros((n_out, 1))
    return params


def mlp_forward(X, params, hidden="sigmoid", output="sigmoid"):
    """Forward pass. Returns (AL, caches), one (dense, activation) cache pair per layer."""
    A, caches = X, []
    L = n_layers(params)
    for l in range(1, L + 1):
        Z, dense_cache = layers.dense_forward(A, params[f"W{l}"], params[f"b{l}"])
        A, act_cache = layers.activation_forward(Z, output if l == L else hidden)
        caches.append((dense_cache, act_cache))
    return A, caches


def mlp_cost(AL, Y, params, lambd=0.0):
    """Cross-entropy of sigmoid outputs plus (lambd / 2m) times the squared weights."""
    m = Y.shape[1]
    penalty = sum(np.sum(params[f"W{l}"] ** 2) for l in range(1, n_layers(params) + 1))
    return cross_entropy(AL, Y) + lambd / (2 * m) * float(penalty)


def mlp_backward(AL, Y, caches, params, lambd=0.0):
    """Gradients of ``mlp_cost`` for a sigmoid output layer: keys "dW1", "db1", ..."""
    m = Y.shape[1]
    L = len(caches)
    grads = {}
    dZ = AL - Y  # sigmoid output with cross-entropy: the g' cancels
    for l in range(L, 0, -1):
        dense_cache, act_cache = caches[l - 1]
        if l < L:
            dZ = layers.activation_backward(dA, act_cache)
        dA, dW, db = layers.dense_backward(dZ, dense_cache)
        grads[f"dW{l}"] = dW / m + (lambd / m) * params[f"W{l}"]
        grads[f"db{l}"] = db / m
    return grads


def loss_and_grads(X, Y, params, lambd=0.0, hidden="sigmoid"):
    """(cost, grads) in one call: what an optimizer needs for one step."""
    AL, caches = mlp_forward(X, params, hidden=hidden)
    return mlp_cost(AL, Y, params, lambd), mlp_backward(AL, Y, caches, params, lambd)


def predict(X, params, hidden="sigmoid"):
    """Class index per column: argmax of the outputs (or output > 0.5 for one unit)."""
    AL, _ = mlp_forward(X, params, hidden=hidden)
    return (AL[0] > 0.5).astype(int) if AL.shape[0] == 1 else AL.argmax(axis=0)


def train(X, Y, params, update, epochs, batches=None, lambd=0.0, hidden="sigmoid",
          callback=None):
    """A generic training loop; the lesson supplies the update rule.

    update(params, grads) -> params: one optimizer step (yours, in lessons 06 and 07).
    batches(epoch) -> list of (X_batch, Y_batch); default: the full batch every epoch.
    Returns (params, costs): costs[e] is the full-data cost after epoch e (costs[0]:
    before training).
    """
    costs = [mlp_cost(mlp_forward(X, params, hidden)[0], Y, params, lambd)]
    for epoch in range(epochs):
        for X_batch, Y_batch in (batches(epoch) if batches else [(X, Y)]):
            _, grads = loss_and_grads(X_batch, Y_batch, params, lambd, hidden)
            params = update(params, grads)
        costs.append(mlp_cost(mlp_forward(X, params, hidden)[0], Y, params, lambd))
        if callback:
            callback(epoch, params)
    return params, costs
