"""nnlib.optim_plots: the valley against independent oracles, and the figures' labels."""
import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from nnlib import gradcheck, optim_plots  # noqa: E402


def sgd(params, grads, learning_rate):
    return {k: params[k] - learning_rate * grads["d" + k] for k in params}


def sgd_in_place(params, grads, learning_rate):
    for k in params:
        params[k] -= learning_rate * grads["d" + k]
    return params


def init_velocity(params):
    return {"d" + k: np.zeros_like(p) for k, p in params.items()}


def momentum(params, grads, v, beta, learning_rate):
    v = {k: beta * v[k] + (1 - beta) * grads[k] for k in v}
    return {k: params[k] - learning_rate * v["d" + k] for k in params}, v


def test_valley_gradient_matches_central_differences():
    valley = optim_plots.Valley(curvatures=(1.5, 30.0), w_star=(0.5, -2.0), b_star=0.3)
    params = {"W1": np.array([[1.2, 0.7]]), "b1": np.array([[-0.4]])}
    numerical = gradcheck.numerical_param_grads(valley.cost, params)
    analytic = valley.grads(params)
    for key in ("dW1", "db1"):
        assert analytic[key].shape == params[key[1:]].shape
        assert gradcheck.rel_error(analytic[key], numerical[key]) < 1e-7, key


def test_valley_is_the_mse_of_a_linear_unit_on_badly_scaled_inputs():
    # Centred, uncorrelated inputs with mean squares (1, 40), noise-free targets.
    rng = np.random.default_rng(0)
    m = 200
    Z = rng.standard_normal((m, 2))
    Z -= Z.mean(axis=0)
    Q, _ = np.linalg.qr(Z)                      # orthonormal columns, still centred
    X = (np.sqrt(m) * Q * np.sqrt([1.0, 40.0])).T  # mean x1^2 = 1, mean x2^2 = 40
    valley = optim_plots.Valley()
    W_star, b_star = np.array([valley.w_star]), valley.b_star
    Y = W_star @ X + b_star
    for _ in range(5):
        params = {"W1": rng.normal(size=(1, 2)), "b1": rng.normal(size=(1, 1))}
        mse_half = 0.5 * np.mean((params["W1"] @ X + params["b1"] - Y) ** 2)
        assert np.isclose(valley.cost(params), mse_half, rtol=1e-10)


def test_gd_path_follows_the_closed_form_even_with_in_place_updates():
    valley = optim_plots.Valley()
    start, lr, n = (-8.0, 0.0), 0.03, 12
    expected = [np.array(valley.w_star) + (1 - lr * np.array(valley.curvatures)) ** t
                * (np.array(start) - valley.w_star) for t in range(n + 1)]
    for update in (sgd, sgd_in_place):
        path = optim_plots.gd_path(valley, update, lr, start, n)
        assert path.shape == (n + 1, 2)
        assert np.allclose(path, expected)


def test_momentum_with_beta_zero_is_plain_descent_and_diverging_paths_stop():
    valley = optim_plots.Valley()
    plain = optim_plots.gd_path(valley, sgd, 0.04, (-8.0, 0.0), 30)
    heavy = optim_plots.momentum_path(valley, init_velocity, momentum, 0.0, 0.04, (-8.0, 0.0), 30)
    assert np.allclose(plain, heavy)
    diverging = optim_plots.gd_path(valley, sgd, 0.2, (-8.0, 0.0), 50)
    assert len(diverging) < 51 and np.all(np.isfinite(diverging))
    # the stability limit alpha < 2(1 + beta) / ((1 - beta) h) = 0.95 for beta = 0.9, h = 40
    start = (-8.0, 0.0)
    stable = optim_plots.momentum_path(valley, init_velocity, momentum, 0.9, 0.9, start, 400)
    unstable = optim_plots.momentum_path(valley, init_velocity, momentum, 0.9, 1.0, start, 400)
    assert len(stable) == 401 and np.allclose(stable[-1], valley.w_star, atol=1e-3)
    assert len(unstable) < 401


def test_figures_have_titles_labels_and_legends():
    valley = optim_plots.Valley()
    ax = optim_plots.compare_paths(valley, sgd, init_velocity, momentum, 0.048, 0.9)
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("gradient descent" in t for t in labels) and any("momentum" in t for t in labels)
    ax = optim_plots.plot_gradient_noise([1, 4, 16], [1.0, 0.5, 0.25], [1.0, 0.5, 0.25])
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel() and ax.get_xscale() == "log"
    ax = optim_plots.plot_moving_averages(np.ones(5), {"β = 0.9": np.ones(5)})
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    left, right = optim_plots.plot_optimizer_comparison({"a": [3, 2, 1], "b": [3, 1, 0.5]},
                                                        {"a": 1, "b": 10})
    for a in (left, right):
        assert a.get_title() and a.get_xlabel() and a.get_ylabel()
    assert right.get_xscale() == "log"
    assert list(right.get_lines()[1].get_xdata()) == [10, 20]  # updates, not epochs
    plt.close("all")


def test_valley_explorer_uses_the_learners_functions_with_the_sliders_values():
    calls = []

    def spy_sgd(params, grads, learning_rate):
        calls.append(("sgd", learning_rate))
        return sgd(params, grads, learning_rate)

    def spy_momentum(params, grads, v, beta, learning_rate):
        calls.append(("momentum", beta, learning_rate))
        return momentum(params, grads, v, beta, learning_rate)

    box = optim_plots.valley_explorer(optim_plots.Valley(), spy_sgd, init_velocity,
                                      spy_momentum, n_steps=5)
    assert calls.count(("sgd", 0.045)) == 5 and calls.count(("momentum", 0.9, 0.045)) == 5
    alpha, beta = box.children[0].children
    beta.value = 0.5
    assert ("momentum", 0.5, 0.045) in calls
    alpha.value = 0.1
    assert ("sgd", 0.1) in calls and ("momentum", 0.5, 0.1) in calls
    plt.close("all")


@pytest.mark.parametrize("lr", [0.01, 0.049])
def test_plain_descent_converges_below_two_over_the_largest_curvature(lr):
    path = optim_plots.gd_path(optim_plots.Valley(), sgd, lr, (-8.0, 0.0), 50)
    assert len(path) == 51
    assert abs(path[-1][1] - (-1.0)) < abs(path[0][1] - (-1.0))
