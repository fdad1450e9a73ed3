"""nnlib.mlp against an independent oracle: central differences of its own cost."""
import numpy as np
import pytest

from nnlib import data, gradcheck, mlp


@pytest.mark.parametrize("dims,hidden,lambd", [([3, 1], "sigmoid", 0.0),
                                               ([4, 5, 3], "tanh", 0.7),
                                               ([2, 3, 3, 2, 1], "relu", 0.1)])
def test_backward_matches_numerical_gradients(dims, hidden, lambd):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(dims[0], 6))
    Y = (rng.random((dims[-1], 6)) > 0.5).astype(float)
    params = mlp.init_params(dims, rng)
    for key in params:  # move biases off zero so ReLU kinks are unlikely at the test point
        params[key] = params[key] + 0.1 * rng.normal(size=params[key].shape)
    _, grads = mlp.loss_and_grads(X, Y, params, lambd, hidden)
    cost = lambda p: mlp.mlp_cost(mlp.mlp_forward(X, p, hidden)[0], Y, p, lambd)
    numerical = gradcheck.numerical_param_grads(cost, params)
    for key in grads:
        assert gradcheck.rel_error(grads[key], numerical[key]) < 1e-6, key


def test_training_on_digits_generalises():
    train, test = data.load_digits("train"), data.load_digits("test")
    params = mlp.init_params([64, 25, 10], np.random.default_rng(0))
    params, costs = mlp.train(train.X, train.Y, params,
                              lambda p, g: {k: p[k] - 2.0 * g["d" + k] for k in p}, 150)
    assert costs[-1] < costs[0] / 5
    assert np.mean(mlp.predict(test.X, params) == test.labels) > 0.9
