"""Lesson 07: figures and the interactive explorer of L2 regularization.

A λ sweep is a list of ``Run``s, one network trained per value of λ. The helpers draw
training and held-out accuracy against λ, cost curves over the epochs, decision
boundaries, and ``lambda_explorer``: the same three views with a λ slider. Everything
is precomputed, so moving the slider only redraws.
"""
from typing import NamedTuple

import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

from . import plotting
from .widgets import interactive_figure

#: the shading of plotting.plot_decision_boundary: class 0 blue, class 1 orange.
CLASS_COLOURS = ListedColormap(["#dbe9f6", "#fde0c5"])


class Run(NamedTuple):
    """One network trained with one λ.

    lambd:      the regularization strength λ of the cost (λ/(2m)) Σ‖W_l‖².
    params:     the trained parameters {"W1": (n1, n0), "b1": (n1, 1), ...}.
    train_acc:  accuracy on the training set, in [0, 1].
    val_acc:    accuracy on the held-out (validation) set, in [0, 1].
    epochs:     (k,) epochs at which the costs were recorded.
    train_cost: (k,) cross-entropy on the training set (the penalty not included).
    val_cost:   (k,) cross-entropy on the validation set.
    """
    lambd: float
    params: dict
    train_acc: float
    val_acc: float
    epochs: np.ndarray
    train_cost: np.ndarray
    val_cost: np.ndarray


def lambda_axis(ax, lambdas):
    """A log-like λ axis that still shows λ = 0: linear up to the smallest positive λ."""
    positive = [lam for lam in lambdas if lam > 0]
    if positive:
        ax.set_xscale("symlog", linthresh=min(positive))
    return ax


def plot_lambda_sweep(runs, ax=None, chosen=None, current=None,
                      title="Accuracy against the regularization strength λ"):
    """Training and validation accuracy of every run against λ.

    chosen: the λ picked by validation accuracy (a dotted line); current: a λ to mark
    with circles (the explorer's slider).
    """
    ax = plotting.axes(ax, title, "λ (symmetric log scale)", "accuracy")
    lambdas = [run.lambd for run in runs]
    ax.plot(lambdas, [run.train_acc for run in runs], "o-", label="training")
    ax.plot(lambdas, [run.val_acc for run in runs], "s-", label="validation")
    lambda_axis(ax, lambdas)
    if chosen is not None:
        ax.axvline(chosen, color="gray", linestyle=":", label=f"chosen λ = {chosen:g}")
    if current is not None:
        run = runs[lambdas.index(current)]
        ax.plot([current, current], [run.train_acc, run.val_acc], "o", markersize=12,
                markerfacecolor="none", color="k", label=f"λ = {current:g}")
    ax.set_ylim(0.4, 1.02)
    ax.legend(fontsize="small", loc="lower left")
    return ax


def plot_cost_curves(run, ax=None, title=None):
    """Training and validation cross-entropy of one run against the epoch."""
    title = title or f"Cost during training, λ = {run.lambd:g}"
    ax = plotting.axes(ax, title, "epoch", "cross-entropy (no penalty)")
    ax.plot(run.epochs, run.train_cost, label="training")
    ax.plot(run.epochs, run.val_cost, label="validation")
    ax.legend(fontsize="small")
    return ax


def plot_boundary(run, predict, X, Y, ax=None, title=None, resolution=100):
    """The decision boundary of one run over the points X (2, m) with labels Y (1, m).

    predict(params, points) maps a (2, n) array to (1, n) probabilities. Like
    ``plotting.plot_decision_boundary``, but the classes are shaded with ``imshow``, which
    renders several times faster than filled contours: the explorer redraws it often.
    """
    title = title or (f"λ = {run.lambd:g}: train {run.train_acc:.0%}, "
                      f"validation {run.val_acc:.0%}")
    ax = plotting.axes(ax, title, "$x_1$", "$x_2$")
    lo, hi = X.min(axis=1) - 0.5, X.max(axis=1) + 0.5
    g1, g2 = np.meshgrid(np.linspace(lo[0], hi[0], resolution),
                         np.linspace(lo[1], hi[1], resolution))
    p = np.asarray(predict(run.params, np.vstack([g1.ravel(), g2.ravel()]))).reshape(g1.shape)
    ax.imshow(p > 0.5, origin="lower", extent=(lo[0], hi[0], lo[1], hi[1]), aspect="auto",
              cmap=CLASS_COLOURS, vmin=0, vmax=1, interpolation="nearest")
    if p.min() < 0.5 < p.max():  # a network that predicts one class has no boundary
        ax.contour(g1, g2, p, levels=[0.5], colors="k", linewidths=1)
    y = np.asarray(Y).ravel()
    for cls, marker, color in ((0, "o", "tab:blue"), (1, "^", "tab:orange")):
        ax.scatter(*X[:, y == cls], marker=marker, s=14, color=color, label=f"class {cls}")
    ax.legend(fontsize="small", loc="upper right")
    return ax


def plot_boundaries(runs, predict, X, Y, figsize=None):
    """Decision boundaries of several runs side by side; returns the axes."""
    figsize = figsize or (3.6 * len(runs), 3.6)
    _, axs = plt.subplots(1, len(runs), figsize=figsize, layout="constrained", squeeze=False)
    for run, ax in zip(runs, axs[0]):
        plot_boundary(run, predict, X, Y, ax=ax)
    return axs[0]


def plot_weight_histograms(runs, ax=None, title="Weights of the trained networks",
                           bins=40):
    """Histograms of every weight (not bias) of each run, on one axes."""
    ax = plotting.axes(ax, title, "weight value", "number of weights")
    weights = {run.lambd: np.concatenate([v.ravel() for k, v in run.params.items()
                                          if k.startswith("W")]) for run in runs}
    edges = np.histogram_bin_edges(np.concatenate(list(weights.values())), bins=bins)
    for lambd, values in weights.items():
        ax.hist(values, bins=edges, histtype="step", linewidth=1.5, label=f"λ = {lambd:g}")
    ax.set_yscale("log")
    ax.legend(fontsize="small")
    return ax


def lambda_explorer(runs, predict, X, Y, chosen=None):
    """The λ sweep with a slider: decision boundary, accuracy against λ, cost curves.

    runs:    the precomputed sweep, a list of ``Run`` in increasing λ.
    predict: predict(params, points) -> (1, n) probabilities, points (2, n).
    X, Y:    the points drawn under the boundary, (2, m) and (1, m).
    """
    by_lambda = {run.lambd: run for run in runs}

    def draw(ax, lambd):
        # interactive_figure hands over one axes; this view needs three side by side.
        fig = ax.figure
        ax.remove()
        ax_boundary, ax_sweep, ax_cost = fig.subplots(1, 3)
        run = by_lambda[lambd]
        plot_boundary(run, predict, X, Y, ax=ax_boundary)
        plot_lambda_sweep(runs, ax=ax_sweep, chosen=chosen, current=lambd,
                          title="Accuracy against λ")
        plot_cost_curves(run, ax=ax_cost)

    slider = W.SelectionSlider(options=[(f"{run.lambd:g}", run.lambd) for run in runs],
                               value=chosen if chosen in by_lambda else runs[0].lambd,
                               description="λ", continuous_update=False)
    return interactive_figure(draw, {"lambd": slider}, figsize=(13, 4))
