import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from nnlib import plotting, widgets  # noqa: E402


def test_every_helper_labels_its_axes():
    ax = plotting.plot_loss_curve(np.linspace(0, 1, 5), np.arange(5.0))
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    ax = plotting.plot_histories({"a": [3, 2, 1], "b": [3, 1, 0.5]}, logy=True)
    assert ax.get_title() and ax.get_yscale() == "log" and ax.get_legend() is not None
    grid = plotting.show_digits(np.random.default_rng(0).random((64, 3)), [1, 2, 3])
    assert grid.shape == (1, 10)
    plt.close("all")


def test_interactive_figure_redraws_when_a_control_moves():
    import ipywidgets as W
    seen = []

    def draw(ax, level):
        seen.append(level)
        ax.plot([0, 1], [level, level])

    slider = W.FloatSlider(value=1.0, min=0, max=2)
    box = widgets.interactive_figure(draw, {"level": slider})
    slider.value = 1.5
    assert seen == [1.0, 1.5]
    assert isinstance(box, W.VBox)


def test_learning_rate_explorer_runs_the_given_descent_one_step_at_a_time():
    calls = []

    def descent(x, y, w0, learning_rate, n_steps):
        calls.append((w0, learning_rate, n_steps))
        w = w0 - learning_rate * np.mean(2 * (w0 * x - y) * x)
        return w, [0.0, 0.0]

    x = np.array([1.0, 2.0]); y = 2 * x
    box = widgets.learning_rate_explorer(descent, x, y, w0=0.0, n_steps=5)
    assert len(calls) == 5 and all(c[2] == 1 for c in calls)
    box.children[0].children[0].value = 0.05
    assert len(calls) == 10 and calls[-1][1] == 0.05
    plt.close("all")
