"""Computational graphs of small sigmoid networks, drawn with values and gradients.

Lesson 02 (the chain rule) draws two graphs whose cost is a squared error:

- a **chain** of single sigmoid neurons, ``a^(0) = x -> a^(1) -> ... -> a^(L) -> C0``;
- one **layer** of J sigmoid neurons fed by K activations of the layer before it,
  ``C0 = sum_j (a_j - y_j)^2``, where every a_k^(L-1) feeds every neuron j, so that
  ``dC0/da_k^(L-1) = sum_j w_jk sigma'(z_j) 2(a_j - y_j)`` is a sum over the paths.

Forward values are written in blue above each node or edge, gradients dC0/d(.) in red
below. The helpers take the activation functions as arguments (in the lesson: yours),
draw on an ``ax`` you pass or on a new figure, and return the axes.
"""
import ipywidgets as ipw
import matplotlib.pyplot as plt
import numpy as np

from .i18n import N_, tr
from .widgets import interactive_figure

VALUE_COLOR = "tab:blue"
GRAD_COLOR = "tab:red"
NODE_RADIUS = 0.3
STEP = 2.6  # horizontal distance between the stages of a graph


# --- numbers ---------------------------------------------------------------------------
def layer_graph(a_prev, W, b, y, sigmoid, sigmoid_prime):
    """Forward values and backward gradients of one layer of sigmoid neurons.

    a_prev: (K,) activations of layer L-1;  W: (J, K), W[j, k] = w_jk;  b, y: (J,).
    sigmoid, sigmoid_prime: elementwise functions of z.
    Returns a dict of float64 arrays (and the float "cost"):
      "a_prev" (K,), "W" (J, K), "b" (J,), "y" (J,), "z" (J,), "a" (J,), "cost",
      "slope" (J,)       = sigma'(z_j),
      "dC_da" (J,)       = 2 (a_j - y_j),
      "dC_dz" (J,)       = sigma'(z_j) 2 (a_j - y_j),
      "dC_dW" (J, K)     = a_k sigma'(z_j) 2 (a_j - y_j),
      "dC_db" (J,),
      "paths" (J, K)     = w_jk sigma'(z_j) 2 (a_j - y_j), one term per path k -> j,
      "dC_da_prev" (K,)  = the sum of "paths" over j.
    """
    inputs = np.asarray(a_prev, dtype=np.float64).reshape(-1)
    weights = np.asarray(W, dtype=np.float64).reshape(-1, inputs.size)
    bias = np.asarray(b, dtype=np.float64).reshape(-1)
    target = np.asarray(y, dtype=np.float64).reshape(-1)
    pre = weights @ inputs + bias
    out = np.asarray(sigmoid(pre), dtype=np.float64)
    grad_out = 2.0 * (out - target)                       # dC0/da_j
    slope = np.asarray(sigmoid_prime(pre), dtype=np.float64)  # sigma'(z_j)
    grad_pre = slope * grad_out
    paths = weights * grad_pre[:, None]                   # one chain-rule product per edge
    return {"a_prev": inputs, "W": weights, "b": bias, "y": target, "z": pre, "a": out,
            "cost": float(np.sum((out - target) ** 2)), "slope": slope, "dC_da": grad_out,
            "dC_dz": grad_pre,
            "dC_dW": np.outer(grad_pre, inputs), "dC_db": grad_pre.copy(), "paths": paths,
            "dC_da_prev": paths.sum(axis=0)}


def chain_values(x, ws, bs, sigmoid):
    """Forward pass of a chain of single sigmoid neurons: (zs, activations), lists of floats.

    activations[0] = x and activations[l] = sigmoid(ws[l-1] activations[l-1] + bs[l-1]).
    """
    acts, zs = [float(x)], []
    for w, b in zip(ws, bs):
        zs.append(float(w) * acts[-1] + float(b))
        acts.append(float(sigmoid(zs[-1])))
    return zs, acts


# --- drawing ---------------------------------------------------------------------------
def _node(ax, xy, label, value=None, grad=None, color="white"):
    """A circle with its name inside, its value above (blue) and gradient below (red)."""
    ax.add_patch(plt.Circle(xy, NODE_RADIUS, facecolor=color, edgecolor="black", zorder=3))
    ax.text(*xy, label, ha="center", va="center", fontsize=10, zorder=4)
    if value is not None:
        ax.text(xy[0], xy[1] + NODE_RADIUS + 0.06, f"{value:.4f}", ha="center", va="bottom",
                color=VALUE_COLOR, fontsize=8.5)
    if grad is not None:
        ax.text(xy[0], xy[1] - NODE_RADIUS - 0.06, f"{grad:.4f}", ha="center", va="top",
                color=GRAD_COLOR, fontsize=8.5)


def _edge(ax, start, end, value_text=None, grad_text=None, at=0.5, width=1.0, color="0.35"):
    """An arrow between two nodes with a value label above it and a gradient label below."""
    (x0, y0), (x1, y1) = start, end
    length = np.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    ax.annotate("", xy=(x1 - NODE_RADIUS * ux, y1 - NODE_RADIUS * uy),
                xytext=(x0 + NODE_RADIUS * ux, y0 + NODE_RADIUS * uy),
                arrowprops=dict(arrowstyle="-|>", color=color, lw=width), zorder=2)
    mx, my = x0 + at * (x1 - x0), y0 + at * (y1 - y0)
    angle = np.degrees(np.arctan2(y1 - y0, x1 - x0))
    if abs(angle) > 90:  # an edge drawn right to left: keep its labels upright
        angle -= 180 if angle > 0 else -180
    box = dict(facecolor="white", edgecolor="none", alpha=0.8, pad=0.5)
    if value_text:
        ax.text(mx, my + 0.05, value_text, ha="center", va="bottom", rotation=angle,
                rotation_mode="anchor", color=VALUE_COLOR, fontsize=8, bbox=box)
    if grad_text:
        ax.text(mx, my - 0.05, grad_text, ha="center", va="top", rotation=angle,
                rotation_mode="anchor", color=GRAD_COLOR, fontsize=8, bbox=box)


def _stage_axes(ax, stages, title, height, ylabel="one circle per neuron"):
    """Axes whose x ticks name the stages of the graph (the labelled axes of a diagram)."""
    ax.set_title(title)
    ax.set_xticks([STEP * i for i in range(len(stages))], stages)
    ax.set_yticks([])
    ax.set_xlabel("forward pass: values (blue) →"
                  "        ← backward pass: gradients ∂C₀/∂· (red)")
    ax.set_ylabel(ylabel)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.set_xlim(-0.7 * STEP, STEP * (len(stages) - 0.3))
    ax.set_ylim(-height, height)
    ax.set_aspect("equal")


def draw_layer_graph(values, ax=None, title="One layer of sigmoid neurons: values and gradients",
                     highlight=0, figsize=(10, 5.4)):
    """Draw the computational graph of ``layer_graph``'s ``values``.

    Each edge a_k -> z_j is labelled with its weight w_jk (blue) and dC0/dw_jk (red); the
    edges leaving input ``highlight`` are drawn thick, and the sum of their path terms,
    dC0/da_k, is written out under the graph.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    n_in, n_out = values["a_prev"].size, values["a"].size
    spread = 2.8
    y_in = np.linspace(spread / 2 * (n_in - 1), -spread / 2 * (n_in - 1), n_in)
    y_out = np.linspace(spread / 2 * (n_out - 1), -spread / 2 * (n_out - 1), n_out)
    height = spread / 2 * max(n_in - 1, n_out - 1) + 1.5
    stages = ["activations\n$a_k^{(L-1)}$", "weighted inputs\n$z_j = \\sum_k w_{jk}a_k + b_j$",
              "activations\n$a_j = \\sigma(z_j)$", "cost\n$C_0 = \\sum_j (a_j - y_j)^2$"]
    _stage_axes(ax, stages, title, height)
    x_in, x_z, x_a, x_c = (STEP * i for i in range(4))
    for j in range(n_out):
        for k in range(n_in):
            thick = k == highlight
            # labels near the start of each edge, where the edges leaving a node fan apart
            _edge(ax, (x_in, y_in[k]), (x_z, y_out[j]),
                  f"$w_{{{j + 1}{k + 1}}}$ = {values['W'][j, k]:.2f}",
                  f"{values['dC_dW'][j, k]:.4f}", at=0.31,
                  width=2.4 if thick else 1.0, color="black" if thick else "0.55")
        _edge(ax, (x_z, y_out[j]), (x_a, y_out[j]), "σ", f"σ' = {values['slope'][j]:.3f}")
        _edge(ax, (x_a, y_out[j]), (x_c, 0), f"$y_{j + 1}$ = {values['y'][j]:.2f}", at=0.45)
        _node(ax, (x_z, y_out[j]), f"$z_{j + 1}$", values["z"][j], values["dC_dz"][j])
        _node(ax, (x_a, y_out[j]), f"$a_{j + 1}$", values["a"][j], values["dC_da"][j])
        ax.text(x_z, y_out[j] + NODE_RADIUS + 0.42, f"$b_{j + 1}$ = {values['b'][j]:.2f}",
                ha="center", va="bottom", color=VALUE_COLOR, fontsize=8)
    for k in range(n_in):
        _node(ax, (x_in, y_in[k]), f"$a_{k + 1}$", values["a_prev"][k],
              values["dC_da_prev"][k], color="#fff3c4" if k == highlight else "white")
    _node(ax, (x_c, 0), "$C_0$", values["cost"], 1.0)
    terms = " + ".join(f"({t:.4f})" for t in values["paths"][:, highlight])
    k = highlight + 1
    ax.text(1.5 * STEP, -height + 0.1,
            f"$\\partial C_0/\\partial a_{k} = \\sum_j w_{{j{k}}}\\,\\sigma'(z_j)\\,2(a_j - y_j)$"
            f" = {terms} = {values['dC_da_prev'][highlight]:.4f}",
            ha="center", va="bottom", fontsize=9.5,
            bbox=dict(facecolor="#fff3c4", edgecolor="0.6", pad=3))
    return ax


def draw_chain(x, y, ws, bs, dws, dbs, sigmoid, ax=None,
               title="A chain of sigmoid neurons: values and gradients", figsize=(11, 2.6)):
    """Draw x -> a^(1) -> ... -> a^(L) -> C0 with each weight and its gradient on its edge.

    ws, bs: the chain's weights and biases (ws[l-1] is w^(l)); dws, dbs: their gradients
    (e.g. from your chain_grads); sigmoid computes the forward values shown in blue.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    zs, acts = chain_values(x, ws, bs, sigmoid)
    n = len(ws)
    stages = [tr("input") + "\n$a^{(0)} = x$"] + \
        [tr("neuron {l}").format(l=l) + f"\n$a^{{({l})}}$" for l in range(1, n + 1)]
    _stage_axes(ax, stages + [tr("cost") + f"\n$(a^{{({n})}} - y)^2$"], title, 1.1,
                ylabel="neurons")
    for l in range(n + 1):
        _node(ax, (STEP * l, 0), f"$a^{{({l})}}$", acts[l])
    _node(ax, (STEP * (n + 1), 0), "$C_0$", (acts[-1] - float(y)) ** 2)
    for l in range(1, n + 1):
        _edge(ax, (STEP * (l - 1), 0), (STEP * l, 0),
              f"w = {float(ws[l - 1]):.2f}\nb = {float(bs[l - 1]):.2f}",
              f"∂C₀/∂w = {float(dws[l - 1]):.4f}\n∂C₀/∂b = {float(dbs[l - 1]):.4f}")
    _edge(ax, (STEP * n, 0), (STEP * (n + 1), 0), f"y = {float(y):.2f}")
    return ax


# --- interactive -----------------------------------------------------------------------
def layer_graph_explorer(sigmoid, sigmoid_prime, a_prev, W, b, y, slider_range=(-2.0, 2.0)):
    """Lesson 02: the layer's graph, recomputed as sliders move a_1, a_2, w_11 and w_21.

    sigmoid, sigmoid_prime: *your* functions from the lesson. a_prev (2,), W (J, 2),
    b (J,), y (J,): the starting point. The sliders move the first input and the weights
    leaving it (the highlighted paths), and the second input.
    """
    a_prev = np.asarray(a_prev, dtype=np.float64).reshape(-1)
    W = np.asarray(W, dtype=np.float64)

    def draw(ax, a1, a2, w11, w21):
        inputs = np.array([a1, a2])
        weights = W.copy()
        weights[0, 0], weights[1, 0] = w11, w21
        values = layer_graph(inputs, weights, b, y, sigmoid, sigmoid_prime)
        draw_layer_graph(values, ax=ax, title="Move a slider: values flow right, "
                                              "gradients flow left")

    controls = {"a1": _slider("$a_1$", a_prev[0], (0.0, 1.0)),
                "a2": _slider("$a_2$", a_prev[1], (0.0, 1.0)),
                "w11": _slider("$w_{11}$", W[0, 0], slider_range),
                "w21": _slider("$w_{21}$", W[1, 0], slider_range)}
    return interactive_figure(draw, controls, figsize=(10, 5.6))


def _slider(label, value, bounds):
    """A compact slider, four of which fit in one row above the figure."""
    return ipw.FloatSlider(value=float(value), min=bounds[0], max=bounds[1], step=0.01,
                         description=label, readout_format=".2f", continuous_update=False,
                         layout=ipw.Layout(width="240px"), style={"description_width": "40px"})


# --- the picture before the algebra (3Blue1Brown's nudges and wishes) ------------------
def draw_nudges(a_out=0.66, y=1.0, w=1.0, bright=0.9, dim=0.2, outputs=(0.66, 0.2, 0.1, 0.8),
                targets=(1.0, 0.0, 0.0, 0.0), figsize=(11, 4)):
    """Lesson 02's opening figure, drawn with nnlib's sigmoid. Returns (ax_w, ax_out).

    Left: the cost C0 = (a - y)^2 of one sigmoid neuron a = sigma(w a_prev + b) as its
    weight w is nudged, for a bright input (a_prev = ``bright``) and a dim one (``dim``);
    b is chosen so that both give the output ``a_out`` at the current w, and the tangents
    at w show the slopes a_prev sigma'(z) 2(a - y). Right: several output neurons with
    their ``targets``; arrows show each output's wish -(a_j - y_j), and the numbers its
    cost term (a_j - y_j)^2.
    """
    from .activations import sigmoid

    fig, (ax_w, ax_out) = plt.subplots(1, 2, figsize=figsize, layout="constrained")
    z_now = float(np.log(a_out / (1.0 - a_out)))  # sigma(z_now) = a_out
    ws = np.linspace(w - 3.0, w + 3.0, 241)
    for a_prev, color, name in ((bright, "tab:orange", N_("bright")),
                                (dim, "tab:blue", N_("dim"))):
        b = z_now - w * a_prev
        cost = (sigmoid(ws * a_prev + b) - y) ** 2
        slope = a_prev * a_out * (1.0 - a_out) * 2.0 * (a_out - y)
        ax_w.plot(ws, cost, color=color,
                  label=tr("{name} input $a^{{(L-1)}}$ = {a_prev}: slope {slope}").format(
                      name=tr(name), a_prev=a_prev, slope=f"{slope:.3f}"))
        near = np.linspace(w - 1.0, w + 1.0, 3)
        ax_w.plot(near, (a_out - y) ** 2 + slope * (near - w), ":", color=color)
    ax_w.plot([w], [(a_out - y) ** 2], "ks",
              label=tr("now: $w$ = {w}, $a^{{(L)}}$ = {a_out}").format(w=w, a_out=a_out))
    axes_labels(ax_w, "A nudge to the weight: the cost of one example",
                "weight $w^{(L)}$", "cost $C_0 = (a^{(L)} - y)^2$")
    ax_w.legend(fontsize="small", loc="upper right")

    outputs, targets = np.asarray(outputs, float), np.asarray(targets, float)
    js = np.arange(1, outputs.size + 1)
    ax_out.bar(js, outputs, width=0.5, color="0.75", label="activation $a_j$ now")
    ax_out.plot(js, targets, "k_", markersize=28, markeredgewidth=2, label="target $y_j$")
    for j, a, t in zip(js, outputs, targets):
        ax_out.annotate("", xy=(j + 0.3, a - (a - t) * 0.9), xytext=(j + 0.3, a),
                        arrowprops=dict(arrowstyle="-|>", color="tab:red", lw=2))
        ax_out.text(j, -0.12, f"$(a_{j} - y_{j})^2$ = {(a - t) ** 2:.3f}", ha="center",
                    fontsize=8.5)
    ax_out.plot([], [], color="tab:red", lw=2, label="wish: $-(a_j - y_j)$")
    ax_out.set_xticks(js, [tr("output {j}").format(j=j) for j in js])
    ax_out.set_ylim(-0.2, 1.35)
    axes_labels(ax_out, "What each output wishes", "output neuron $j$", "activation")
    ax_out.legend(fontsize="small", loc="upper right")
    return ax_w, ax_out


def axes_labels(ax, title, xlabel, ylabel):
    """Set an axes' title and labels (every figure of the course has all three)."""
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


def draw_two_passes(x, y, ws, bs, sigmoid, sigmoid_prime, figsize=(11, 4.6)):
    """Li Hongyi's split of dC0/dw = dz/dw * dC0/dz for a chain of sigmoid neurons.

    Top: the forward pass, left to right; each weight's edge shows dz/dw = a^(l-1), the
    value that enters the weight. Bottom: the backward pass, right to left, a chain run
    in reverse: it starts from dC0/da^(L) = 2(a^(L) - y), and each step multiplies by a
    fixed amplifier sigma'(z^(l)) (and then by w^(l)); the nodes show dC0/dz^(l). The
    product of the two numbers of one weight is its gradient. Returns
    (ax_forward, ax_backward, grads) with grads = {"dz_dw", "dC_dz", "dC_dw"}, lists in
    layer order.
    """
    zs, acts = chain_values(x, ws, bs, sigmoid)
    n = len(ws)
    dC_dz = [0.0] * n
    upstream = 2.0 * (acts[-1] - float(y))
    for l in reversed(range(n)):
        dC_dz[l] = float(sigmoid_prime(zs[l])) * upstream
        upstream = float(ws[l]) * dC_dz[l]
    dz_dw = acts[:n]
    fig, (ax_f, ax_b) = plt.subplots(2, 1, figsize=figsize, layout="constrained")
    stages = [tr("input")] + [tr("neuron {l}").format(l=l) for l in range(1, n + 1)] + \
        [tr("cost")]
    for ax, title, direction in (
            (ax_f,
             N_("Forward pass: each weight's input $\\partial z/\\partial w = a^{(l-1)}$"),
             N_("values flow left to right →")),
            (ax_b,
             N_("Backward pass: $\\partial C_0/\\partial z^{(l)}$, the chain run in reverse"),
             N_("← gradients flow right to left"))):
        ax.set_title(title)
        ax.set_xticks([STEP * i for i in range(n + 2)], stages)
        ax.set_yticks([])
        ax.set_xlabel(direction)
        ax.set_ylabel("one neuron per layer")
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.set_xlim(-0.5 * STEP, STEP * (n + 1.5))
        ax.set_ylim(-0.9, 0.9)
        ax.set_aspect("equal")
    for l in range(n + 1):
        _node(ax_f, (STEP * l, 0), f"$a^{{({l})}}$", acts[l])
    _node(ax_f, (STEP * (n + 1), 0), "$C_0$", (acts[-1] - float(y)) ** 2)
    for l in range(1, n + 1):
        _edge(ax_f, (STEP * (l - 1), 0), (STEP * l, 0), f"w = {float(ws[l - 1]):.2f}",
              f"∂z/∂w = {dz_dw[l - 1]:.4f}")
    _edge(ax_f, (STEP * n, 0), (STEP * (n + 1), 0), f"y = {float(y):.2f}")
    _node(ax_b, (STEP * (n + 1), 0), "$C_0$", None, 1.0)
    _edge(ax_b, (STEP * (n + 1), 0), (STEP * n, 0), None,
          f"2(a − y) = {2.0 * (acts[-1] - float(y)):.4f},\n× σ' = {float(sigmoid_prime(zs[-1])):.3f}")
    for l in range(n, 0, -1):
        _node(ax_b, (STEP * l, 0), f"$z^{{({l})}}$", None, dC_dz[l - 1])
        if l > 1:
            _edge(ax_b, (STEP * l, 0), (STEP * (l - 1), 0), None,
                  f"× w = {float(ws[l - 1]):.2f}\n× σ' = {float(sigmoid_prime(zs[l - 2])):.3f}")
    dC_dw = [a * d for a, d in zip(dz_dw, dC_dz)]
    return ax_f, ax_b, {"dz_dw": dz_dw, "dC_dz": dC_dz, "dC_dw": dC_dw}
