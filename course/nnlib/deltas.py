"""Lesson 03: δ, the error of every unit, drawn layer by layer as it flows backwards.

Nothing here computes δ itself: the helpers read it from *your* ``backprop``. For one
example (m = 1) and λ = 0 the bias gradient of layer l is exactly that example's δ^(l),
because ∂J/∂b_l = (1/m) Σ_i δ^(l)(i).
"""
import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np

from . import plotting
from .widgets import interactive_figure


def n_layers(params):
    """Number of weight layers L in a params dict with keys W1 ... WL."""
    return len([key for key in params if key.startswith("W")])


def deltas_of_example(backprop, x, y, params):
    """[δ^(1), ..., δ^(L)] of one example, each a 1-D array of n_l entries.

    backprop(X, Y, params, lambd) -> grads is your function; x: (n_0, 1), y: (n_L, 1).
    """
    x = np.asarray(x, dtype=np.float64).reshape(-1, 1)
    y = np.asarray(y, dtype=np.float64).reshape(-1, 1)
    grads = backprop(x, y, params, 0.0)
    return [np.asarray(grads[f"db{l}"], dtype=np.float64).ravel()
            for l in range(1, n_layers(params) + 1)]


def delta_table(deltas, per_layer=False):
    """(L, max n_l) array for a heatmap, output layer in row 0, NaN where a layer has no unit.

    per_layer=True divides each row by its largest |δ| so that small errors stay visible.
    """
    width = max(d.size for d in deltas)
    table = np.full((len(deltas), width), np.nan)
    for row, delta in enumerate(reversed(deltas)):
        scale = np.max(np.abs(delta)) if per_layer else 1.0
        table[row, :delta.size] = delta / (scale if scale > 0 else 1.0)
    return table


def plot_deltas(deltas, ax=None, title="δ per layer", per_layer=False):
    """Heatmap of δ: one row per layer (output on top), one cell per unit; returns ax.

    Red is a positive error (the unit's z should go down), blue a negative one. The
    largest |δ| of each layer is written at the end of its row.
    """
    ax = plotting.axes(ax, title, "unit j", "layer l (input: no δ)", figsize=(7, 3))
    table = delta_table(deltas, per_layer)
    limit = 1.0 if per_layer else max(float(np.nanmax(np.abs(table))), 1e-12)
    cmap = plt.get_cmap("RdBu_r").with_extremes(bad="0.92")  # grey: no unit there
    image = ax.imshow(np.ma.masked_invalid(table), cmap=cmap, vmin=-limit, vmax=limit,
                      aspect="auto", interpolation="nearest")
    L = len(deltas)
    ax.set_yticks(range(L), [f"{l}" + (" (output)" if l == L else "")
                             for l in range(L, 0, -1)])
    ax.set_xticks(range(0, table.shape[1], max(1, table.shape[1] // 10)))
    for row, delta in enumerate(reversed(deltas)):
        ax.text(table.shape[1] - 0.4, row, f" max|δ| = {np.max(np.abs(delta)):.2g}",
                va="center", ha="left", fontsize=8, clip_on=False)
    label = "δ / max|δ| of its layer" if per_layer else "δ"
    ax.figure.colorbar(image, ax=ax, label=label, pad=0.15)
    return ax


def delta_flow_explorer(backprop, X, Y, networks, labels=None, predict=None):
    """Pick an example and a network; see its δ in every layer, from your ``backprop``.

    X: (n_0, m), Y: (n_L, m); networks: dict name -> params (e.g. before and after
    training); labels: optional (m,) true classes shown in the title; predict(X, params)
    -> class indices, optional, to show the network's guess too.
    """
    X, Y = np.asarray(X, dtype=np.float64), np.asarray(Y, dtype=np.float64)
    names = list(networks)

    def draw(ax, example, network, scale):
        params = networks[network]
        deltas = deltas_of_example(backprop, X[:, [example]], Y[:, [example]], params)
        title = f"δ of example {example}, {network}"
        if labels is not None:
            title += f": label {labels[example]}"
        if predict is not None:
            title += f", predicted {int(np.ravel(predict(X[:, [example]], params))[0])}"
        plot_deltas(deltas, ax=ax, title=title, per_layer=(scale == "per layer"))

    controls = {
        "example": W.IntSlider(value=0, min=0, max=X.shape[1] - 1, description="example",
                               continuous_update=False),
        "network": W.Dropdown(options=names, value=names[0], description="network"),
        "scale": W.Dropdown(options=["shared", "per layer"], value="shared",
                            description="colours"),
    }
    return interactive_figure(draw, controls, figsize=(8, 3))


def draw_wishes(a_out, y, W_out, hidden=0, class_names=None, figsize=(11, 4)):
    """Lesson 03's opening figure: what each output wishes, and how a hidden unit adds
    the wishes up (3Blue1Brown's picture). Returns (ax_out, ax_hidden).

    a_out, y: (K,) output activations and one-hot target of one example; W_out: (K, n)
    the weights from the hidden layer to the outputs; hidden: the hidden unit j shown.
    Left: each output's wish -(a_k - y_k), towards its target. Right: the wish of output
    k for hidden unit j, -W_out[k, j] (a_k - y_k), and their sum. (The sum is
    -dJ/da_j^(L-1) for the cross-entropy cost, where dJ/dz_k = a_k - y_k.)
    """
    a_out = np.asarray(a_out, dtype=np.float64).ravel()
    y = np.asarray(y, dtype=np.float64).ravel()
    W_out = np.asarray(W_out, dtype=np.float64)
    K = a_out.size
    names = list(class_names) if class_names is not None else [f"output {k + 1}" for k in range(K)]
    fig, (ax_out, ax_h) = plt.subplots(1, 2, figsize=figsize, layout="constrained")
    ks = np.arange(K)
    wish = -(a_out - y)
    ax_out.bar(ks, a_out, width=0.5, color="0.75", label="output activation now")
    ax_out.plot(ks, y, "k_", markersize=28, markeredgewidth=2, label="target (one-hot)")
    for k in ks:
        ax_out.annotate("", xy=(k + 0.3, a_out[k] + 0.9 * wish[k]), xytext=(k + 0.3, a_out[k]),
                        arrowprops=dict(arrowstyle="-|>", color="tab:red", lw=2))
    ax_out.plot([], [], color="tab:red", lw=2, label="wish $-(a_k - y_k)$")
    ax_out.set_xticks(ks, names)
    ax_out.set_ylim(-0.05, 1.45)
    plotting.axes(ax_out, "What each output wishes for this example", "output unit",
                  "activation")
    ax_out.legend(fontsize="small", loc="upper center", ncols=3)

    terms = -W_out[:, hidden] * (a_out - y)
    colors = ["tab:green" if t > 0 else "tab:purple" for t in terms]
    ax_h.bar(np.arange(K), terms, color=colors, width=0.6)
    ax_h.bar([K + 0.5], [terms.sum()], color="black", width=0.8)
    ax_h.axhline(0, color="0.4", lw=0.8)
    ax_h.set_xticks(list(range(K)) + [K + 0.5],
                    [f"{n}\n$w$ = {W_out[k, hidden]:.2f}" for k, n in enumerate(names)] + ["sum"])
    plotting.axes(ax_h, f"Their wishes for hidden unit {hidden + 1}, and the sum",
                  "wish of each output (weight to it below)",
                  "wished change of the hidden activation")
    return ax_out, ax_h
