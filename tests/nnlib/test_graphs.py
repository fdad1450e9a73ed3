"""nnlib.graphs: the layer's numbers against numerical derivatives, and the drawings."""
import ipywidgets as ipw
import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from nnlib import graphs  # noqa: E402
from nnlib.gradcheck import numerical_grad  # noqa: E402


def sig(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def sig_prime(z):
    return sig(z) * (1.0 - sig(z))


def layer_cost(a_prev, W, b, y):
    return float(np.sum((sig(W @ a_prev + b) - y) ** 2))


@pytest.mark.parametrize("n_in,n_out,seed", [(2, 2, 0), (3, 2, 1), (2, 4, 2), (1, 1, 3)])
def test_layer_graph_gradients_match_numerical_derivatives(n_in, n_out, seed):
    rng = np.random.default_rng(seed)
    a_prev, y = rng.uniform(0, 1, n_in), rng.uniform(0, 1, n_out)
    W, b = rng.normal(size=(n_out, n_in)), rng.normal(size=n_out)
    v = graphs.layer_graph(a_prev, W, b, y, sig, sig_prime)
    assert np.isclose(v["cost"], layer_cost(a_prev, W, b, y))
    assert np.allclose(v["dC_dW"], numerical_grad(lambda M: layer_cost(a_prev, M, b, y), W.copy()))
    assert np.allclose(v["dC_db"], numerical_grad(lambda c: layer_cost(a_prev, W, c, y), b.copy()))
    assert np.allclose(v["dC_da_prev"],
                       numerical_grad(lambda a: layer_cost(a, W, b, y), a_prev.copy()))
    # the sum over paths: one term w_jk σ'(z_j) 2(a_j - y_j) per neuron j
    assert v["paths"].shape == (n_out, n_in)
    assert np.allclose(v["paths"].sum(axis=0), v["dC_da_prev"])


def test_layer_graph_uses_the_activation_functions_it_is_given():
    v = graphs.layer_graph([0.5, 0.5], np.eye(2), [0.0, 0.0], [0.0, 0.0],
                           lambda z: 2 * np.asarray(z), lambda z: np.full(np.shape(z), 3.0))
    assert np.allclose(v["a"], [1.0, 1.0]) and np.allclose(v["dC_dz"], [6.0, 6.0])


def test_chain_values_run_the_forward_pass():
    zs, acts = graphs.chain_values(0.5, [2.0, -1.0], [0.0, 1.0], sig)
    assert acts[0] == 0.5 and np.isclose(zs[0], 1.0) and np.isclose(acts[1], sig(1.0))
    assert np.isclose(zs[1], -sig(1.0) + 1.0) and np.isclose(acts[2], sig(zs[1]))


def _texts(ax):
    return " ".join(t.get_text() for t in ax.texts)


def test_drawings_have_a_title_labelled_axes_and_the_numbers():
    v = graphs.layer_graph([0.6, 0.3], [[0.8, -0.5], [1.2, 0.4]], [0.1, -0.3], [1.0, 0.0],
                           sig, sig_prime)
    ax = graphs.draw_layer_graph(v, title="layer")
    assert ax.get_title() == "layer" and ax.get_xlabel() and ax.get_ylabel()
    assert len(ax.get_xticklabels()) == 4
    text = _texts(ax)
    assert f"{v['dC_da_prev'][0]:.4f}" in text and f"{v['dC_dW'][1, 0]:.4f}" in text
    ax = graphs.draw_chain(0.7, 0.2, [0.5, -1.2], [0.1, 0.3], [0.01, -0.02], [0.03, 0.04], sig)
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert "-0.0200" in _texts(ax) and len(ax.get_xticklabels()) == 4  # x, 2 neurons, cost
    plt.close("all")


def test_explorer_redraws_with_the_given_functions_when_a_slider_moves():
    calls = []

    def counting_sigmoid(z):
        calls.append(np.array(z, copy=True))
        return sig(z)

    box = graphs.layer_graph_explorer(counting_sigmoid, sig_prime, [0.6, 0.3],
                                      [[0.8, -0.5], [1.2, 0.4]], [0.1, -0.3], [1.0, 0.0])
    assert isinstance(box, ipw.VBox) and len(calls) == 1
    sliders = box.children[0].children
    assert [s.description for s in sliders] == ["$a_1$", "$a_2$", "$w_{11}$", "$w_{21}$"]
    sliders[2].value = -1.0  # w11
    assert len(calls) == 2
    assert np.allclose(calls[-1], np.array([[-1.0, -0.5], [1.2, 0.4]]) @ [0.6, 0.3]
                       + [0.1, -0.3])
    plt.close("all")


def test_two_passes_multiply_to_the_gradient_of_the_chain():
    """Li Hongyi's split: dz/dw (forward pass) times dC0/dz (backward pass) is dC0/dw."""
    x, y, ws, bs = 0.8, 0.1, [1.5, -1.8, 1.2, 2.0], [-0.5, 0.4, 0.2, -0.3]

    def cost(weights):
        a = x
        for w, b in zip(weights, bs):
            a = sig(w * a + b)
        return (a - y) ** 2

    ax_f, ax_b, g = graphs.draw_two_passes(x, y, ws, bs, sig, sig_prime)
    assert np.allclose(g["dC_dw"], numerical_grad(cost, np.array(ws)))
    assert np.allclose(g["dC_dw"], np.array(g["dz_dw"]) * np.array(g["dC_dz"]))
    assert g["dz_dw"][0] == x
    for ax in (ax_f, ax_b):
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    plt.close("all")


def test_nudges_slopes_are_the_chain_rule_and_the_bright_input_matters_more():
    ax_w, ax_out = graphs.draw_nudges(a_out=0.66, y=1.0, w=1.0, bright=0.9, dim=0.2)
    labels = [line.get_label() for line in ax_w.get_lines()]
    expected = [a * 0.66 * 0.34 * 2 * (0.66 - 1.0) for a in (0.9, 0.2)]
    for a_prev, slope in zip((0.9, 0.2), expected):
        assert any(f"= {a_prev}: slope {slope:.3f}" in label for label in labels), labels
    for ax in (ax_w, ax_out):
        assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    plt.close("all")
