"""nnlib.deltas reads δ from the backprop it is given and draws it layer by layer."""
import matplotlib
import numpy as np

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from nnlib import deltas  # noqa: E402

PARAMS = {"W1": np.zeros((3, 2)), "b1": np.zeros((3, 1)),
          "W2": np.zeros((2, 3)), "b2": np.zeros((2, 1))}


def recording_backprop(calls):
    """A stand-in backprop whose db_l encodes the call, so we can see what was read."""
    def backprop(X, Y, params, lambd):
        calls.append((X.shape, Y.shape, lambd))
        return {"dW1": None, "dW2": None,
                "db1": np.array([[1.0], [-2.0], [X[0, 0]]]), "db2": np.array([[0.5], [Y[1, 0]]])}
    return backprop


def test_deltas_of_one_example_are_its_bias_gradients_with_lambda_zero():
    calls = []
    found = deltas.deltas_of_example(recording_backprop(calls), np.array([7.0, 1.0]),
                                     np.array([0.0, 1.0]), PARAMS)
    assert calls == [((2, 1), (2, 1), 0.0)]  # one column each, and no regularization
    assert [d.tolist() for d in found] == [[1.0, -2.0, 7.0], [0.5, 1.0]]


def test_delta_table_puts_the_output_on_top_and_pads_with_nan():
    table = deltas.delta_table([np.array([1.0, -4.0, 2.0]), np.array([0.5, -0.25])])
    assert table.shape == (2, 3)
    assert table[0, :2].tolist() == [0.5, -0.25] and np.isnan(table[0, 2])
    assert table[1].tolist() == [1.0, -4.0, 2.0]
    scaled = deltas.delta_table([np.array([1.0, -4.0, 2.0]), np.zeros(2)], per_layer=True)
    assert scaled[1].tolist() == [0.25, -1.0, 0.5] and scaled[0, :2].tolist() == [0.0, 0.0]


def test_plot_deltas_labels_every_layer():
    ax = deltas.plot_deltas([np.arange(4.0) - 1, np.array([0.3, -0.1])], title="t")
    assert ax.get_title() == "t" and ax.get_xlabel() and ax.get_ylabel()
    assert [t.get_text() for t in ax.get_yticklabels()] == ["2 (output)", "1"]
    plt.close("all")


def test_explorer_redraws_the_chosen_example_and_network():
    calls = []
    X, Y = np.arange(8.0).reshape(2, 4), np.eye(2)[:, [0, 1, 0, 1]]
    box = deltas.delta_flow_explorer(recording_backprop(calls), X, Y,
                                     {"a": PARAMS, "b": PARAMS}, labels=[0, 1, 0, 1])
    assert len(calls) == 1
    slider, network, scale = box.children[0].children
    slider.value = 3
    network.value = "b"
    scale.value = "per layer"
    assert len(calls) == 4 and all(c == ((2, 1), (2, 1), 0.0) for c in calls)
    plt.close("all")


def test_wishes_add_up_to_minus_the_gradient_of_the_hidden_activation():
    """The sum of the outputs' wishes for a hidden unit is -dJ/da_j for the cross-entropy
    of sigmoid outputs (dJ/dz_k = a_k - y_k), checked against a numerical derivative."""
    import matplotlib.pyplot as plt
    from nnlib.activations import sigmoid
    from nnlib.gradcheck import numerical_grad
    rng = np.random.default_rng(0)
    W = rng.normal(size=(4, 5))
    a_hidden = rng.uniform(0, 1, 5)
    y = np.array([0.0, 1.0, 0.0, 0.0])

    def J(a):
        out = sigmoid(W @ a)
        return -np.sum(y * np.log(out) + (1 - y) * np.log(1 - out))

    a_out = sigmoid(W @ a_hidden)
    ax_out, ax_h = deltas.draw_wishes(a_out, y, W, hidden=2)
    bars = [p.get_height() for p in ax_h.patches]
    assert np.isclose(bars[-1], -numerical_grad(J, a_hidden.copy())[2])
    assert np.allclose(bars[:-1], -W[:, 2] * (a_out - y))
    for ax in (ax_out, ax_h):
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    plt.close("all")
