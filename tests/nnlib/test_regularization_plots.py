import matplotlib
import matplotlib.axes
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from nnlib import mlp, regularization_plots as rp  # noqa: E402


def _runs():
    rng = np.random.default_rng(0)
    runs = []
    for lambd, train_acc, val_acc in ((0.0, 1.0, 0.8), (0.1, 0.95, 0.9), (10.0, 0.5, 0.5)):
        params = mlp.init_params([2, 3, 1], rng)
        epochs = np.arange(0, 101, 20)
        runs.append(rp.Run(lambd, params, train_acc, val_acc, epochs,
                           np.linspace(0.7, 0.1, epochs.size), np.linspace(0.7, 0.5, epochs.size)))
    return runs


def _predict(params, points):
    return mlp.mlp_forward(points, params, hidden="tanh")[0]


X = np.random.default_rng(1).normal(size=(2, 20))
Y = (X[:1] > 0).astype(float)


def test_every_helper_labels_its_axes():
    runs = _runs()
    axes = [rp.plot_lambda_sweep(runs, chosen=0.1), rp.plot_cost_curves(runs[0]),
            rp.plot_boundary(runs[1], _predict, X, Y), rp.plot_weight_histograms(runs)]
    axes += list(rp.plot_boundaries(runs, _predict, X, Y))
    for ax in axes:
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    plt.close("all")


def test_sweep_plot_shows_lambda_zero_and_both_curves():
    runs = _runs()
    ax = rp.plot_lambda_sweep(runs, chosen=0.1, current=10.0)
    assert ax.get_xscale() == "symlog"
    train, val = ax.lines[0], ax.lines[1]
    assert list(train.get_xdata()) == [0.0, 0.1, 10.0]
    assert list(train.get_ydata()) == [1.0, 0.95, 0.5]
    assert list(val.get_ydata()) == [0.8, 0.9, 0.5]
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert "chosen λ = 0.1" in labels and "λ = 10" in labels
    plt.close("all")


def test_weight_histograms_count_every_weight_and_no_bias(monkeypatch):
    runs = _runs()
    passed = []
    real_hist = matplotlib.axes.Axes.hist

    def spy(ax, values, *args, **kwargs):
        passed.append(np.asarray(values))
        return real_hist(ax, values, *args, **kwargs)

    monkeypatch.setattr(matplotlib.axes.Axes, "hist", spy)
    ax = rp.plot_weight_histograms(runs)
    assert len(passed) == len(runs) and len(ax.patches) == len(runs)
    for run, values in zip(runs, passed):
        weights = np.concatenate([run.params["W1"].ravel(), run.params["W2"].ravel()])
        assert sorted(values.tolist()) == sorted(weights.tolist())  # 9 weights, no bias
    plt.close("all")


def test_explorer_redraws_the_selected_run_without_retraining(monkeypatch):
    runs = _runs()
    seen_params, figures = [], []

    def predict(params, points):
        seen_params.append(params)
        return _predict(params, points)

    real_close = plt.close

    def keep_and_close(fig=None):
        figures.append(fig)
        real_close(fig)

    monkeypatch.setattr(plt, "close", keep_and_close)
    box = rp.lambda_explorer(runs, predict, X, Y, chosen=0.1)
    slider = box.children[0].children[0]
    assert [value for _, value in slider.options] == [0.0, 0.1, 10.0] and slider.value == 0.1
    assert seen_params and all(p is runs[1].params for p in seen_params)
    seen_params.clear()
    slider.value = 10.0
    assert seen_params and all(p is runs[2].params for p in seen_params)
    fig = figures[-1]
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert len(titles) == 3 and titles[0].startswith("λ = 10")
    real_close("all")
