"""Lesson 05: the signals of a deep network under an initialization, drawn layer by layer.

A "deep stack" here is ``depth`` dense layers of equal width with one activation g in
every layer and no special output layer, so that only the initialization decides whether
the signals shrink, stay or grow:

    Z_l = W_l A_{l-1} + b_l,   A_l = g(Z_l),   A_0 = X                     (forward)
    δ_L = G ⊙ g'(Z_L),   δ_l = (W_{l+1}ᵀ δ_{l+1}) ⊙ g'(Z_l)                   (backward)

G is a random upstream gradient of unit variance: the gradient of the loss Σ G ⊙ A_L.
Shapes follow the course: A_l, Z_l, δ_l are (n_l, m); W_l is (n_l, n_{l-1}).

``activation_explorer(schemes)`` is the lesson's interactive, built on
``nnlib.widgets.interactive_figure``.
"""
import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np

from . import plotting, widgets
from .activations import ACTIVATIONS

#: the natural range of each activation's output, for histograms that share one x-axis
OUTPUT_RANGE = {"tanh": (-1.0, 1.0), "sigmoid": (0.0, 1.0)}


def deep_forward(X, params, activation):
    """Forward pass of a deep stack. X: (n_0, m). Returns (Zs, As), lists of (n_l, m);
    As[0] is X, so As[l] and Zs[l - 1] belong to layer l."""
    g, _ = ACTIVATIONS[activation]
    As, Zs = [X], []
    for l in range(1, len([k for k in params if k.startswith("W")]) + 1):
        Zs.append(params[f"W{l}"] @ As[-1] + params[f"b{l}"])
        As.append(g(Zs[-1]))
    return Zs, As


def deep_backward(G, params, Zs, activation):
    """δ of every layer (list of (n_l, m), layer 1 first) from the upstream gradient
    G = ∂loss/∂A_L of shape (n_L, m)."""
    _, g_prime = ACTIVATIONS[activation]
    deltas = [G * g_prime(Zs[-1])]
    for l in range(len(Zs) - 1, 0, -1):  # layers L-1 ... 1
        deltas.append((params[f"W{l + 1}"].T @ deltas[-1]) * g_prime(Zs[l - 1]))
    return deltas[::-1]


def layer_signals(init, depth, activation, rng, width=100, m=200):
    """Activations and δs of a deep stack initialised by ``init(layer_dims, rng)``.

    The inputs X (width, m) and the upstream gradient G are standard normal, drawn from
    ``rng``. Returns {"activations": [A_1 … A_depth], "gradients": [δ_1 … δ_depth]}.
    """
    X = rng.standard_normal((width, m))
    params = init([width] * (depth + 1), rng)
    Zs, As = deep_forward(X, params, activation)
    G = rng.standard_normal(As[-1].shape)
    return {"activations": As[1:], "gradients": deep_backward(G, params, Zs, activation)}


def stds(signals):
    """The standard deviation of each layer's array: a list of floats."""
    return [float(np.std(s)) for s in signals]


def plot_std_by_layer(curves, ax=None, title="Spread by layer", ylabel="standard deviation"):
    """One line per entry of ``curves`` (label -> list of per-layer std), log y-axis."""
    ax = plotting.axes(ax, title, "layer l", ylabel)
    for label, values in curves.items():
        ax.plot(np.arange(1, len(values) + 1), np.maximum(values, 1e-300), "o-",
                markersize=3, label=label)
    ax.set_yscale("log")
    # show at least 1e-2 ... 1e1, so that a level signal looks level, not zoomed-in noise
    every = np.maximum(np.concatenate([np.ravel(v) for v in curves.values()]), 1e-300)
    ax.set_ylim(min(1e-2, every.min() / 3), max(10.0, every.max() * 3))
    ax.legend(fontsize="small")
    return ax


def histogram_range(signals, kind, activation):
    """One x-range for every layer, so that shrinking and growing show.

    Saturating activations use their output range; otherwise ±3 standard deviations of
    the layer where the signal enters (layer 1 going forward, the last layer going back).
    """
    if kind == "activations" and activation in OUTPUT_RANGE:
        return OUTPUT_RANGE[activation]
    entry = signals[0] if kind == "activations" else signals[-1]
    spread = 3 * float(np.std(entry)) or 1.0
    low = 0.0 if kind == "activations" and activation == "relu" else -spread
    return low, spread


def plot_layer_histograms(signals, ax=None, kind="activations", activation="tanh",
                          layers=None, title="Histograms by layer"):
    """One step histogram per layer of ``signals`` (list of (n_l, m) arrays, layer 1
    first) on one shared range, coloured from dark (layer 1) to light (last layer).

    Values beyond the range are clipped into the edge bins, so an explosion shows as
    spikes at the edges and a collapse as one tall spike. layers: 1-based, default all.
    """
    layers = layers or list(range(1, len(signals) + 1))
    symbol = "activation a" if kind == "activations" else "δ"
    ax = plotting.axes(ax, title, symbol, "fraction of unit-example pairs")
    value_range = histogram_range(signals, kind, activation)
    colours = plt.get_cmap("viridis")(np.linspace(0.0, 0.9, len(layers)))
    for colour, layer in zip(colours, layers):
        values = np.ravel(signals[layer - 1])
        clipped = np.clip(values, *value_range)
        ax.hist(clipped, bins=40, range=value_range, histtype="step", color=colour,
                weights=np.full(values.size, 1 / values.size),
                label=f"layer {layer} (σ = {np.std(values):.1g})")
    ax.set_yscale("log")
    ax.legend(fontsize="x-small")
    return ax


def plot_histogram_row(rows, kind, activation, layers=None, title=""):
    """``plot_layer_histograms`` side by side, one axes per entry of ``rows``
    (label -> list of per-layer arrays)."""
    fig, axs = plt.subplots(1, len(rows), figsize=(4.2 * len(rows), 3.6), squeeze=False,
                            layout="constrained")
    for ax, (label, signals) in zip(axs[0], rows.items()):
        plot_layer_histograms(signals, ax, kind, activation, layers, label)
    fig.suptitle(title)
    return axs[0]


def draw_signals(ax, signals, kind, activation, title):
    """The explorer's frame on the figure of ``ax``: the std by layer on the left and the
    histograms by layer on the right (``ax`` is replaced by these two axes)."""
    fig, depth = ax.figure, len(signals)
    grid = ax.get_subplotspec().subgridspec(1, 2, width_ratios=[1, 1.3])
    ax.remove()
    left, right = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
    ylabel = "std of " + ("activations" if kind == "activations" else "δ")
    plot_std_by_layer({kind: stds(signals)}, left, title, ylabel)
    left.set_xticks(range(1, depth + 1))
    plot_layer_histograms(signals, right, kind, activation, title="histograms by layer")
    return left, right


def activation_explorer(schemes, width=100, m=200, max_depth=10, seed=0):
    """Lesson 05's interactive: pick an initialization, activation, depth and signal.

    schemes: label -> init(layer_dims, rng) -> params (your init_xavier, init_he, ...).
    Every frame uses a generator seeded with ``seed``: the same choices, the same picture.
    """
    controls = {
        "scheme": W.Dropdown(options=list(schemes), description="init"),
        "activation": W.Dropdown(options=["tanh", "relu", "sigmoid"], description="g"),
        "depth": W.IntSlider(value=6, min=2, max=max_depth, description="depth",
                             continuous_update=False),
        "kind": W.ToggleButtons(options=["activations", "gradients"], description="show"),
    }

    def draw(ax, scheme, activation, depth, kind):
        signals = layer_signals(schemes[scheme], depth, activation,
                                np.random.default_rng(seed), width, m)[kind]
        what = "activations" if kind == "activations" else "backpropagated δ"
        draw_signals(ax, signals, kind, activation, f"{what}: {scheme}, g = {activation}")

    return widgets.interactive_figure(draw, controls, figsize=(10, 4))
