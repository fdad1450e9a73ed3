"""Figures used across the lessons. Every helper labels its axes and sets a title.

Helpers draw on an ``ax`` you pass (so a widget can redraw in place) or on a new figure;
they return the axes.
"""
import matplotlib.pyplot as plt
import numpy as np

from .fonts import use_thai_font
from .i18n import install_figure_translation

use_thai_font()  # Thai titles and labels (the Thai edition) draw with a Thai font
# every figure's titles, axis labels and legends in the learner's language (nnlib.i18n),
# translated as the figure is drawn, so the lessons' code is the same in every edition
install_figure_translation()


def axes(ax=None, title="", xlabel="", ylabel="", figsize=(6, 4)):
    """Return ``ax`` (or a new figure's axes) with the title and labels set."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


def plot_loss_curve(ws, losses, ax=None, title="Loss as a function of one weight",
                    xlabel="weight w", ylabel="loss"):
    """The loss over a grid of values of one weight: ws and losses are 1-D, same length."""
    ax = axes(ax, title, xlabel, ylabel)
    ax.plot(ws, losses, color="tab:blue", label="loss")
    return ax


def plot_descent_path(ws, losses, ax, color="tab:red", label="gradient descent"):
    """Successive (w, loss) points of an optimiser, joined in order, on an existing axes."""
    ax.plot(ws, losses, "o-", color=color, markersize=4, linewidth=1, label=label)
    ax.plot(ws[:1], losses[:1], "s", color=color, markersize=7)  # the start
    return ax


def plot_histories(histories, ax=None, title="Loss during training", xlabel="step",
                   ylabel="loss", logy=False):
    """One curve per entry of ``histories`` (a dict label -> sequence of losses)."""
    ax = axes(ax, title, xlabel, ylabel)
    for label, values in histories.items():
        ax.plot(np.arange(len(values)), values, label=str(label))
    if logy:
        ax.set_yscale("log")
    if len(histories) > 1:
        ax.legend(fontsize="small", ncols=2)
    return ax


def show_digits(X, labels, predicted=None, n_cols=10, title="Digits"):
    """A grid of 8x8 digit images; X is (64, n). Captions show label (and prediction)."""
    X = np.asarray(X)
    n = X.shape[1]
    n_rows = max(1, -(-n // n_cols))
    fig, grid = plt.subplots(n_rows, n_cols, figsize=(1.1 * n_cols, 1.3 * n_rows + 0.4),
                             squeeze=False, layout="constrained")
    for i, ax in enumerate(grid.flat):
        ax.set_axis_off()
        if i >= n:
            continue
        ax.imshow(X[:, i].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        caption = f"{labels[i]}" if predicted is None else f"{labels[i]}→{predicted[i]}"
        ax.set_title(caption, fontsize=9)
    fig.suptitle(title)
    return grid


def plot_decision_boundary(predict, X, y, ax=None, title="Decision boundary",
                           resolution=200):
    """Shade where ``predict(points)`` > 0.5 and scatter the two classes.

    predict maps a (2, n) array of points to (1, n) probabilities; X is (2, m), y (1, m).
    """
    ax = axes(ax, title, "$x_1$", "$x_2$")
    lo, hi = X.min(axis=1) - 0.5, X.max(axis=1) + 0.5
    g1, g2 = np.meshgrid(np.linspace(lo[0], hi[0], resolution),
                         np.linspace(lo[1], hi[1], resolution))
    p = np.asarray(predict(np.vstack([g1.ravel(), g2.ravel()]))).reshape(g1.shape)
    ax.contourf(g1, g2, p, levels=[0, 0.5, 1], colors=["#dbe9f6", "#fde0c5"], alpha=0.9)
    ax.contour(g1, g2, p, levels=[0.5], colors="k", linewidths=1)
    y = np.asarray(y).ravel()
    for cls, marker, color in ((0, "o", "tab:blue"), (1, "^", "tab:orange")):
        ax.scatter(*X[:, y == cls], marker=marker, s=14, color=color, label=f"class {cls}")
    ax.legend(fontsize="small")
    return ax
