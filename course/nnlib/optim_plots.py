"""Lesson 06: figures and the interactive for mini-batches and momentum.

The long narrow valley is the cost of one linear unit ``y_hat = W x + b`` with two inputs
on very different scales. For centred, uncorrelated inputs with mean squares ``s1^2``
and ``s2^2`` and noise-free targets ``y = W* x + b*``, the cost
``J = (1/2) mean((y_hat - y)^2)`` is exactly

    J(W, b) = (1/2) [s1^2 (w1 - w1*)^2 + s2^2 (w2 - w2*)^2 + (b - b*)^2],

a quadratic whose curvatures are the mean squares of the inputs. The paths on it are
drawn with the learner's own update functions, passed in as arguments.
"""
from typing import NamedTuple

import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import NullFormatter, ScalarFormatter

from . import plotting
from .widgets import interactive_figure

#: A path is stopped once it is this many times farther out than the plotted box:
#: a diverging optimizer would otherwise overflow within a few dozen steps.
_ESCAPE = 50.0


class Valley(NamedTuple):
    """The cost of a linear unit on badly scaled inputs (see the module docstring).

    curvatures: (s1^2, s2^2), the mean squares of the two inputs; their ratio is the
    condition number of the valley. params: {"W1": (1, 2), "b1": (1, 1)}.
    """

    curvatures: tuple = (1.0, 40.0)
    w_star: tuple = (2.0, -1.0)
    b_star: float = 0.5

    def params_at(self, w1, w2):
        """Parameters at the point (w1, w2), with the bias at its best value b*."""
        return {"W1": np.array([[float(w1), float(w2)]]), "b1": np.array([[self.b_star]])}

    def cost(self, params):
        """J(W, b) as a float."""
        offset = np.asarray(params["W1"], dtype=np.float64).ravel() - self.w_star
        bias = float(np.asarray(params["b1"]).ravel()[0]) - self.b_star
        return 0.5 * float(np.dot(self.curvatures, offset ** 2) + bias ** 2)

    def grads(self, params):
        """{"dW1": (1, 2), "db1": (1, 1)}: the gradient of ``cost``."""
        offset = np.asarray(params["W1"], dtype=np.float64).reshape(1, 2) - self.w_star
        bias = np.asarray(params["b1"], dtype=np.float64).reshape(1, 1) - self.b_star
        return {"dW1": np.asarray(self.curvatures) * offset, "db1": bias.copy()}

    def grid(self, xlim, ylim, n=150):
        """(w1, w2, J) on an n x n grid, ready for ``ax.contour``."""
        w1, w2 = np.meshgrid(np.linspace(*xlim, n), np.linspace(*ylim, n))
        s1, s2 = self.curvatures
        J = 0.5 * (s1 * (w1 - self.w_star[0]) ** 2 + s2 * (w2 - self.w_star[1]) ** 2)
        return w1, w2, J


def _plain_log(axis):
    """A log axis labelled 1, 10, 100 in plain text: mathtext labels are slow to draw."""
    axis.set_major_formatter(ScalarFormatter())
    axis.set_minor_formatter(NullFormatter())


def _point(params):
    """(w1, w2) of a parameter dict, copied out: the learner may update in place."""
    return np.array(params["W1"], dtype=np.float64).reshape(-1)[:2].copy()


def _copy(params):
    return {key: np.array(value, dtype=np.float64) for key, value in params.items()}


def _escaped(point, start, valley):
    return not np.all(np.isfinite(point)) or \
        np.max(np.abs(point - valley.w_star)) > _ESCAPE * np.max(np.abs(start - valley.w_star))


def gd_path(valley, sgd_update, learning_rate, start, n_steps):
    """Plain gradient descent on the valley with ``sgd_update(params, grads, lr)``.

    start: (w1, w2). Returns an (n + 1, 2) array of the points visited (fewer rows when
    the path diverges and is stopped).
    """
    params = valley.params_at(*start)
    path = [_point(params)]
    for _ in range(n_steps):
        params = sgd_update(_copy(params), valley.grads(params), learning_rate)
        path.append(_point(params))
        if _escaped(path[-1], path[0], valley):
            break
    return np.array(path)


def momentum_path(valley, init_velocity, momentum_update, beta, learning_rate, start,
                  n_steps):
    """Gradient descent with momentum on the valley, with the learner's functions.

    init_velocity(params) -> v and momentum_update(params, grads, v, beta, lr) ->
    (params, v). Returns the points visited, as ``gd_path`` does.
    """
    params = valley.params_at(*start)
    velocity = init_velocity(_copy(params))
    path = [_point(params)]
    for _ in range(n_steps):
        params, velocity = momentum_update(_copy(params), valley.grads(params), velocity,
                                           beta, learning_rate)
        path.append(_point(params))
        if _escaped(path[-1], path[0], valley):
            break
    return np.array(path)


def plot_valley(valley, ax=None, title="A long narrow valley", xlim=(-9.0, 4.0),
                ylim=(-2.5, 0.5)):
    """Contours of the valley's cost over (w1, w2), both axes on one scale."""
    ax = plotting.axes(ax, title, "weight $w_1$ (input scale 1)",
                       "weight $w_2$ (input scale large)", figsize=(9, 3.2))
    w1, w2, J = valley.grid(xlim, ylim)
    ax.contour(w1, w2, J, levels=np.geomspace(0.02, 80.0, 12), cmap="Blues_r",
               linewidths=0.8)
    ax.plot(*valley.w_star, "*", color="black", markersize=10, label="minimum")
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    return ax


def plot_path(ax, path, label, color):
    """A path of (w1, w2) points joined in order, the start marked with a square."""
    path = np.asarray(path, dtype=np.float64)
    ax.plot(path[:, 0], path[:, 1], "o-", color=color, markersize=3, linewidth=1,
            label=label)
    ax.plot(path[:1, 0], path[:1, 1], "s", color=color, markersize=7)
    return ax


def _describe(valley, path, n_steps, name):
    if len(path) < n_steps + 1:
        return f"{name}: diverges"
    return f"{name}: J = {valley.cost(valley.params_at(*path[-1])):.2g} after {n_steps} steps"


def compare_paths(valley, sgd_update, init_velocity, momentum_update, learning_rate, beta,
                  start=(-8.0, 0.0), n_steps=50, ax=None, title=None):
    """Plain GD and momentum from one start with one learning rate, on one contour plot."""
    if title is None:
        title = f"{n_steps} steps with α = {learning_rate:.3f}"
    ax = plot_valley(valley, ax, title)
    plain = gd_path(valley, sgd_update, learning_rate, start, n_steps)
    heavy = momentum_path(valley, init_velocity, momentum_update, beta, learning_rate, start,
                          n_steps)
    plot_path(ax, plain, _describe(valley, plain, n_steps, "gradient descent"), "tab:red")
    plot_path(ax, heavy, _describe(valley, heavy, n_steps, f"momentum, β = {beta:.2f}"),
              "tab:green")
    ax.legend(fontsize="small", loc="lower right")
    return ax


def valley_explorer(valley, sgd_update, init_velocity, momentum_update, start=(-8.0, 0.0),
                    n_steps=50, learning_rate=0.045, beta=0.9, lr_range=(0.005, 0.5)):
    """Lesson 06: sliders for α and β redraw plain GD and momentum on the valley.

    The three functions are the learner's own; both paths use the same α.
    """
    def draw(ax, learning_rate, beta):
        compare_paths(valley, sgd_update, init_velocity, momentum_update, learning_rate,
                      beta, start, n_steps, ax)

    controls = {
        "learning_rate": W.FloatSlider(value=learning_rate, min=lr_range[0], max=lr_range[1],
                                       step=0.005, description="α", readout_format=".3f",
                                       continuous_update=False),
        "beta": W.FloatSlider(value=beta, min=0.0, max=0.99, step=0.01, description="β",
                              readout_format=".2f", continuous_update=False),
    }
    return interactive_figure(draw, controls, figsize=(9, 3.4))


def plot_gradient_noise(batch_sizes, deviations, predicted=None, ax=None,
                        title="How far a mini-batch gradient is from the full gradient"):
    """Measured (and predicted) relative deviation ||g_B - g|| / ||g|| per batch size."""
    ax = plotting.axes(ax, title, "batch size B (log scale)",
                       "relative deviation (log scale)")
    ax.plot(batch_sizes, deviations, "o", color="tab:blue", label="measured (mean over batches)")
    if predicted is not None:
        ax.plot(batch_sizes, predicted, "-", color="tab:gray",
                label="predicted: σ/‖g‖ · √((m − B)/(B(m − 1)))")
    ax.set_xscale("log")
    ax.set_yscale("log")
    _plain_log(ax.xaxis)
    _plain_log(ax.yaxis)
    ax.legend(fontsize="small")
    return ax


def plot_moving_averages(values, averages, ax=None,
                         title="Exponentially weighted averages of noisy gradients"):
    """A noisy sequence (dots) and one line per entry of ``averages`` (label -> values)."""
    ax = plotting.axes(ax, title, "step t", "value", figsize=(8, 3.5))
    steps = np.arange(1, len(values) + 1)
    ax.plot(steps, values, ".", color="lightgray", label="gradient $g_t$")
    for label, average in averages.items():
        ax.plot(steps, average, label=label)
    ax.legend(fontsize="small")
    return ax


def plot_optimizer_comparison(histories, updates_per_epoch, title="Four optimizers"):
    """Two panels: full-data cost per epoch, and the same points per parameter update.

    histories: label -> costs (costs[e] after epoch e, costs[0] before training).
    updates_per_epoch: label -> number of updates in one epoch.
    """
    fig, (by_epoch, by_update) = plt.subplots(1, 2, figsize=(11, 3.8), layout="constrained")
    # Linear cost axes: log axes over less than a decade label their minor ticks with
    # mathtext, which makes the figure several times slower to draw.
    plotting.plot_histories(histories, ax=by_epoch, title=f"{title}: cost per epoch",
                            xlabel="epoch (one pass over the data)", ylabel="training cost J")
    plotting.axes(by_update, f"{title}: cost per update", "parameter updates (log scale)",
                  "training cost J")
    for label, costs in histories.items():
        updates = updates_per_epoch[label] * np.arange(len(costs))
        by_update.plot(updates[1:], costs[1:], "o-", markersize=3, label=label)
    by_update.set_xscale("log")
    _plain_log(by_update.xaxis)
    by_update.legend(fontsize="small")
    return by_epoch, by_update
