"""nnlib.gradcheck_plots (lesson 04): the ε sweep measures what Taylor predicts, and every
figure and the explorer are labelled and redraw."""
import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import ipywidgets as W  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from nnlib import gradcheck_plots as gp  # noqa: E402


def central(f, theta, eps):
    """An independent two-sided difference, standing in for the learner's."""
    return (f(theta + eps) - f(theta - eps)) / (eps + eps)


def labelled(ax):
    return bool(ax.get_title() and ax.get_xlabel() and ax.get_ylabel())


@pytest.mark.parametrize("name", list(gp.FUNCTIONS))
def test_listed_derivatives_are_the_derivatives(name):
    # Oracle: a central difference of each listed derivative gives the next one.
    funcs = gp.FUNCTIONS[name]
    for theta in (-1.3, 0.4, 1.7):
        for lower, higher in zip(funcs, funcs[1:]):
            assert np.isclose(central(lower, theta, 1e-5), higher(theta), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", list(gp.FUNCTIONS))
def test_sweep_shows_slopes_2_and_1_and_the_round_off_optimum(name):
    f, df = gp.FUNCTIONS[name][:2]
    eps = gp.EPS_GRID
    two, one = gp.eps_sweep(central, f, df, 0.7, eps)
    assert two.shape == one.shape == eps.shape
    assert abs(gp.fit_slope(eps, two, 1e-3, 1e-1) - 2.0) < 0.05
    assert abs(gp.fit_slope(eps, one, 1e-4, 1e-1) - 1.0) < 0.05
    assert gp.fit_slope(eps, two, 1e-14, 1e-10) < -0.6  # round-off: noisy, but falling
    assert 1e-7 <= gp.best_eps(eps, two) <= 1e-4
    assert 1e-10 <= gp.best_eps(eps, one) <= 1e-6
    assert np.min(two) < 1e-9 and np.min(two) < np.min(one) / 10


def test_error_model_predicts_the_truncation_error():
    derivatives = gp.FUNCTIONS["sin θ"]
    eps = np.array([1e-3, 1e-2])
    two, one = gp.eps_sweep(central, *derivatives[:2], 1.0, eps)
    model = gp.error_model(derivatives, 1.0, eps)
    assert np.allclose(two, model["two-sided truncation"], rtol=0.01)
    assert np.allclose(one, model["one-sided truncation"], rtol=0.02)
    assert np.all(np.diff(model["round-off"]) < 0)


def test_worked_example_one_sided():
    cube = gp.FUNCTIONS["θ³"][0]
    assert np.isclose(gp.one_sided_difference(cube, 1.0, 0.01), 3.0301, atol=1e-12)
    assert np.isclose(central(cube, 1.0, 0.01), 3.0001, atol=1e-12)


def test_fit_slope_recovers_a_power_law_and_skips_zeros():
    eps = np.logspace(-6, 0, 13)
    errors = 3.0 * eps ** 1.5
    errors[4] = 0.0
    assert np.isclose(gp.fit_slope(eps, errors, 1e-6, 1.0), 1.5)
    assert np.isnan(gp.fit_slope(eps, errors, 2.0, 3.0))


def test_every_figure_has_a_title_and_labelled_axes():
    eps = gp.EPS_GRID
    derivatives = gp.FUNCTIONS["exp θ"]
    two, one = gp.eps_sweep(central, *derivatives[:2], 0.5, eps)
    assert labelled(gp.plot_eps_sweep(eps, two, one, model=gp.error_model(derivatives, 0.5)))
    relu = lambda z: max(z, 0.0)
    ax = gp.plot_secant(relu, lambda z: float(z > 0), 3e-6, 1e-5, xlabel="z", ylabel="ReLU")
    assert labelled(ax)
    assert any("slope 0.65" in t.get_text() for t in ax.get_legend().get_texts())
    axs = gp.plot_candidates([("a", [0, 1], [1, 0], "iteration", "cost"),
                              ("b", [0, 1], [0, 1], "iteration", "cost")])
    assert len(axs) == 2 and all(labelled(a) for a in axs)
    assert [a.get_title() for a in axs] == ["(a)", "(b)"]
    ax = gp.plot_timing([10, 100], np.array([1e-3, 1e-2]), np.array([1e-4, 1e-4]))
    assert labelled(ax) and ax.get_xscale() == "log" and ax.get_yscale() == "log"
    plt.close("all")


def test_explorer_uses_the_given_derivative_and_redraws_on_every_control():
    calls = []

    def spy(f, theta, eps):
        calls.append(theta)
        return central(f, theta, eps)

    box = gp.eps_sweep_explorer(spy, eps_values=np.logspace(-8, -1, 8))
    assert isinstance(box, W.VBox) and len(calls) == 8 and set(calls) == {1.0}
    chooser, slider = box.children[0].children
    chooser.value = "sin θ"
    slider.value = -0.5
    assert len(calls) == 24 and calls[-1] == -0.5
    plt.close("all")
