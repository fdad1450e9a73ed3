"""nnlib.init_plots: the deep stack's δs against numerical gradients, and the figures."""
import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from nnlib import gradcheck, init_plots, mlp  # noqa: E402


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_deltas_are_the_gradients_of_the_linear_loss(activation):
    """δ_l A_{l-1}ᵀ must be ∂(Σ G ⊙ A_L)/∂W_l, by central differences."""
    rng = np.random.default_rng(3)
    dims = [4, 5, 5, 3]
    params = mlp.init_params(dims, rng, scale=0.8)
    for key in params:  # non-zero biases: z stays away from the ReLU kink
        params[key] = params[key] + 0.3 * rng.normal(size=params[key].shape)
    X, G = rng.normal(size=(4, 6)), rng.normal(size=(3, 6))
    Zs, As = init_plots.deep_forward(X, params, activation)
    deltas = init_plots.deep_backward(G, params, Zs, activation)
    assert [d.shape for d in deltas] == [(5, 6), (5, 6), (3, 6)]
    loss = lambda p: float(np.sum(G * init_plots.deep_forward(X, p, activation)[1][-1]))
    numerical = gradcheck.numerical_param_grads(loss, params)
    for l, delta in enumerate(deltas, start=1):
        assert gradcheck.rel_error(delta @ As[l - 1].T, numerical[f"dW{l}"]) < 1e-6
        assert gradcheck.rel_error(delta.sum(axis=1, keepdims=True), numerical[f"db{l}"]) < 1e-6


def test_layer_signals_are_reproducible_and_follow_the_theory():
    he = lambda dims, rng: mlp.init_params(dims, rng, scale="he")
    first = init_plots.layer_signals(he, 5, "relu", np.random.default_rng(0), 80, 150)
    again = init_plots.layer_signals(he, 5, "relu", np.random.default_rng(0), 80, 150)
    assert len(first["activations"]) == len(first["gradients"]) == 5
    assert all(a.shape == (80, 150) for a in first["activations"] + first["gradients"])
    assert all(np.array_equal(a, b) for a, b in zip(first["activations"], again["activations"]))
    # small weights: each tanh layer multiplies the std by about sqrt(80) * 0.01 ≈ 0.09
    small = lambda dims, rng: mlp.init_params(dims, rng, scale=0.01)
    spread = init_plots.stds(init_plots.layer_signals(small, 4, "tanh",
                                                      np.random.default_rng(1), 80, 150)
                             ["activations"])
    ratios = np.array(spread[1:]) / np.array(spread[:-1])
    assert np.allclose(ratios, np.sqrt(80) * 0.01, rtol=0.1)


def test_histogram_ranges_are_shared_and_follow_the_signal():
    rng = np.random.default_rng(0)
    signals = [rng.normal(0, s, (10, 50)) for s in (2.0, 1.0, 0.5)]
    assert init_plots.histogram_range(signals, "activations", "tanh") == (-1.0, 1.0)
    assert init_plots.histogram_range(signals, "activations", "sigmoid") == (0.0, 1.0)
    low, high = init_plots.histogram_range(signals, "activations", "relu")
    assert low == 0.0 and np.isclose(high, 3 * signals[0].std())
    low, high = init_plots.histogram_range(signals, "gradients", "relu")
    assert np.isclose(high, 3 * signals[-1].std()) and low == -high  # δ enters at the top


def test_histograms_clip_into_the_edge_bins_and_label_everything():
    signals = [np.full((4, 5), 0.5), np.full((4, 5), 100.0)]  # layer 2 "explodes"
    ax = init_plots.plot_layer_histograms(signals, kind="activations", activation="tanh")
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert [t.get_text().split(" (")[0] for t in ax.get_legend().get_texts()] == \
        ["layer 1", "layer 2"]
    exploded = ax.patches[1].get_path().vertices  # the step outline of layer 2
    assert np.isclose(exploded[:, 1].max(), 1.0)  # every value of layer 2 in one bin ...
    assert exploded[np.argmax(exploded[:, 1]), 0] > 0.9  # ... the last one, below +1
    axs = init_plots.plot_histogram_row({"a": signals, "b": signals}, "activations", "tanh",
                                        title="row")
    assert [a.get_title() for a in axs] == ["a", "b"]
    std_ax = init_plots.plot_std_by_layer({"x": [1.0, 0.1, 0.01]})
    assert std_ax.get_yscale() == "log" and std_ax.get_xlabel() and std_ax.get_ylabel()
    plt.close("all")


def test_explorer_redraws_with_the_given_initialiser_and_depth():
    calls = []

    def init(layer_dims, rng):
        calls.append(list(layer_dims))
        return mlp.init_params(layer_dims, rng, scale="xavier")

    box = init_plots.activation_explorer({"mine": init}, width=20, m=30, max_depth=6)
    assert calls == [[20] * 7]  # the default depth 6: 6 layers of 20 units
    controls = box.children[0].children
    depth = next(c for c in controls if c.description == "depth")
    depth.value = 3
    assert calls[-1] == [20] * 4
    kind = next(c for c in controls if c.description == "show")
    kind.value = "gradients"
    assert len(calls) == 3
    plt.close("all")


def test_draw_signals_replaces_the_axes_by_two_labelled_panels():
    fig, ax = plt.subplots()
    signals = [np.random.default_rng(0).normal(size=(5, 8)) for _ in range(3)]
    left, right = init_plots.draw_signals(ax, signals, "gradients", "relu", "title")
    assert len(fig.axes) == 2
    for panel in (left, right):
        assert panel.get_title() and panel.get_xlabel() and panel.get_ylabel()
    plt.close(fig)
