"""Lesson 04, gradient checking: the ε sweep, its explorer and the lesson's other figures.

The sweep measures how far a finite-difference estimate of f'(θ) is from the exact
derivative for many step sizes ε, on log-log axes. Two kinds of error compete:

- truncation error, from cutting the Taylor series: ≈ ε²|f'''|/6 for the two-sided
  difference (slope 2 on the plot) and ≈ ε|f''|/2 for the one-sided one (slope 1);
- round-off error, from subtracting two nearly equal float64 numbers: ≈ u|f|/ε with
  the unit round-off u ≈ 1.1e-16 (slope −1).

Every helper draws on an ``ax`` you pass (so a widget can redraw in place) or on a new
figure, sets a title and labels its axes, and returns the axes.
"""
import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import NullFormatter

from . import plotting
from .widgets import interactive_figure

#: float64 unit round-off: the largest relative error of rounding one real number.
UNIT_ROUNDOFF = np.finfo(np.float64).eps / 2


def _tanh_derivatives():
    def d1(t):
        return 1.0 - np.tanh(t) ** 2

    def d2(t):
        return -2.0 * np.tanh(t) * d1(t)

    def d3(t):
        return -2.0 * d1(t) * (1.0 - 3.0 * np.tanh(t) ** 2)

    return np.tanh, d1, d2, d3


#: name -> (f, f', f'', f'''), smooth functions of one number for the ε sweep.
FUNCTIONS = {
    "θ³": (lambda t: t ** 3, lambda t: 3.0 * t ** 2, lambda t: 6.0 * t,
           lambda t: 6.0 + 0.0 * t),
    "sin θ": (np.sin, np.cos, lambda t: -np.sin(t), lambda t: -np.cos(t)),
    "exp θ": (np.exp, np.exp, np.exp, np.exp),
    "tanh θ": _tanh_derivatives(),
}

#: The default grid of step sizes: 1e-15 ... 1, four points per decade.
EPS_GRID = np.logspace(-15, 0, 61)


def one_sided_difference(f, theta, eps):
    """Forward difference (f(θ + ε) − f(θ)) / ε: the O(ε) estimate, for comparison."""
    f_step, f_here = f(theta + eps), f(theta)
    return (f_step - f_here) / eps


def eps_sweep(numerical_derivative, f, df, theta, eps_values=EPS_GRID):
    """Absolute errors |estimate − f'(θ)| for every ε, two-sided and one-sided.

    numerical_derivative(f, theta, eps) -> float is *your* two-sided difference.
    Returns (two_sided, one_sided): 1-D arrays shaped like ``eps_values``.
    """
    exact = float(df(theta))
    two_sided = [abs(float(numerical_derivative(f, theta, e)) - exact) for e in eps_values]
    one_sided = [abs(float(one_sided_difference(f, theta, e)) - exact) for e in eps_values]
    return np.array(two_sided), np.array(one_sided)


def error_model(derivatives, theta, eps_values=EPS_GRID):
    """The predicted error terms of the sweep, each a 1-D array over ``eps_values``.

    derivatives: (f, f', f'', f'''), e.g. ``FUNCTIONS["θ³"]``.
    Returns a dict: "two-sided truncation" ε²|f'''|/6, "one-sided truncation" ε|f''|/2
    and "round-off" u(|f| + |θ f'|)/ε (the second part: θ + ε itself is rounded).
    """
    f, d1, d2, d3 = derivatives
    eps = np.asarray(eps_values, dtype=np.float64)
    size = abs(float(f(theta))) + abs(theta * float(d1(theta)))
    return {"two-sided truncation": eps ** 2 * abs(float(d3(theta))) / 6.0,
            "one-sided truncation": eps * abs(float(d2(theta))) / 2.0,
            "round-off": UNIT_ROUNDOFF * size / eps}


def fit_slope(eps_values, errors, lo, hi):
    """Least-squares slope of log10(error) against log10(ε) over lo <= ε <= hi.

    Entries with a zero error (exact by luck) are skipped; NaN when fewer than two remain.
    """
    eps = np.asarray(eps_values, dtype=np.float64)
    errors = np.asarray(errors, dtype=np.float64)
    keep = (eps >= lo) & (eps <= hi) & (errors > 0)
    if keep.sum() < 2:
        return float("nan")
    return float(np.polyfit(np.log10(eps[keep]), np.log10(errors[keep]), 1)[0])


def best_eps(eps_values, errors):
    """The ε with the smallest error."""
    return float(np.asarray(eps_values)[int(np.nanargmin(errors))])


def _positive(values):
    """Zeros cannot be drawn on a log axis: hide them."""
    values = np.asarray(values, dtype=np.float64)
    return np.where(values > 0, values, np.nan)


def plot_eps_sweep(eps_values, two_sided, one_sided, ax=None, model=None,
                   title="Error of finite differences against the step ε"):
    """Log-log plot of the two sweeps of ``eps_sweep``, optionally with ``error_model``."""
    ax = plotting.axes(ax, title, "step size ε", "|estimate − exact derivative|")
    ax.loglog(eps_values, _positive(two_sided), "o-", color="tab:blue", markersize=3,
              label="two-sided (J(θ+ε) − J(θ−ε)) / 2ε")
    ax.loglog(eps_values, _positive(one_sided), "s-", color="tab:orange", markersize=3,
              label="one-sided (J(θ+ε) − J(θ)) / ε")
    if model is not None:
        styles = {"two-sided truncation": ("tab:blue", "truncation ∝ ε² (slope 2)"),
                  "one-sided truncation": ("tab:orange", "truncation ∝ ε (slope 1)"),
                  "round-off": ("gray", "round-off ∝ 1/ε (slope −1)")}
        for key, (color, label) in styles.items():
            ax.loglog(eps_values, _positive(model[key]), "--", color=color, linewidth=1,
                      label=label)
    for errors, color in ((two_sided, "tab:blue"), (one_sided, "tab:orange")):
        if np.any(np.asarray(errors) > 0):
            ax.axvline(best_eps(eps_values, _positive(errors)), color=color, linestyle=":",
                       linewidth=1)
    finite = np.concatenate([_positive(two_sided), _positive(one_sided)])
    finite = finite[np.isfinite(finite)]
    if finite.size:
        ax.set_ylim(max(finite.min() / 3, 1e-18), finite.max() * 3)
    ax.legend(fontsize="x-small", loc="lower right")
    return ax


def eps_sweep_explorer(numerical_derivative, eps_values=EPS_GRID, theta=1.0):
    """Interactive ε sweep: pick the function and the point θ; your two-sided difference.

    numerical_derivative(f, theta, eps) -> float is *your* function from the lesson.
    """
    def draw(ax, name, theta):
        derivatives = FUNCTIONS[name]
        f, df = derivatives[0], derivatives[1]
        two, one = eps_sweep(numerical_derivative, f, df, theta, eps_values)
        plot_eps_sweep(eps_values, two, one, ax=ax,
                       model=error_model(derivatives, theta, eps_values),
                       title=f"ε sweep for J(θ) = {name} at θ = {theta:.2f}")

    chooser = W.Dropdown(options=list(FUNCTIONS), value="θ³", description="J(θ)")
    slider = W.FloatSlider(value=theta, min=-2.0, max=2.0, step=0.05, description="θ",
                           readout_format=".2f", continuous_update=False)
    return interactive_figure(draw, {"name": chooser, "theta": slider}, figsize=(7, 4.5))


def plot_secant(f, df, theta, eps, ax=None, title="A secant across a kink",
                xlabel="θ", ylabel="J(θ)"):
    """f near θ with its tangent (slope f'(θ)) and the two-sided secant through θ ± ε."""
    ax = plotting.axes(ax, title, xlabel, ylabel)
    span = 3.0 * eps
    ts = np.linspace(theta - span, theta + span, 401)
    ax.plot(ts, [f(t) for t in ts], color="black", label=ylabel)
    slope_exact = float(df(theta))
    ax.plot(ts, f(theta) + slope_exact * (ts - theta), "--", color="tab:green",
            label=f"tangent, slope {slope_exact:.2f}")
    lo, hi = theta - eps, theta + eps
    slope_secant = (f(hi) - f(lo)) / (hi - lo)
    ax.plot(ts, f(lo) + slope_secant * (ts - lo), "-", color="tab:red", linewidth=1,
            label=f"secant through {xlabel} ± ε, slope {slope_secant:.2f}")
    ax.plot([lo, hi], [f(lo), f(hi)], "o", color="tab:red")
    ax.plot([theta], [f(theta)], "s", color="tab:green")
    ax.legend(fontsize="small")
    return ax


def plot_candidates(panels, title="Which plot shows that gradient descent works?"):
    """One small plot per candidate answer, side by side.

    panels: list of (letter, x, y, xlabel, ylabel). Returns the array of axes.
    """
    fig, axs = plt.subplots(1, len(panels), figsize=(3.1 * len(panels), 3.0),
                            layout="constrained", squeeze=False)
    for ax, (letter, x, y, xlabel, ylabel) in zip(axs[0], panels):
        plotting.axes(ax, f"({letter})", xlabel, ylabel)
        ax.plot(x, y, color="tab:blue")
    fig.suptitle(title)
    return axs[0]


def plot_timing(n_params, numerical_seconds, backprop_seconds, ax=None,
                title="Cost of one gradient: numerical against backprop"):
    """Seconds per gradient against the number of parameters, log-log."""
    ax = plotting.axes(ax, title, "number of parameters", "seconds per gradient")
    n_params = np.asarray(n_params, dtype=np.float64)
    ax.loglog(n_params, numerical_seconds, "o-", color="tab:red",
              label="numerical: 2 cost evaluations per parameter")
    ax.loglog(n_params, backprop_seconds, "s-", color="tab:blue",
              label="backprop: one forward and one backward pass")
    guide = numerical_seconds[-1] * n_params / n_params[-1]
    ax.loglog(n_params, guide, ":", color="gray", label="∝ number of parameters")
    ax.xaxis.set_minor_formatter(NullFormatter())  # crowded labels at 2e1, 3e1, ...
    ax.legend(fontsize="small")
    return ax
