"""Lesson 02's references against independent oracles, its lecture numbers, and its checks
on fresh random cases (the hidden checks use one seed; a grader must hold for any)."""
import math

import nbformat
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from autograder.compare import StudentMistake
from autograder.course import lesson
from autograder.lessons import lesson02
from autograder.samples import solution_cells
from autograder.variants import lesson02 as variants

LESSON = lesson("02_chain_rule")


def oracle_sigmoid(z):
    """Scalar sigmoid in plain Python, written separately from the reference."""
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def central(f, x, eps=1e-6):
    return (f(x + eps) - f(x - eps)) / (2 * eps)


# --- references against oracles ----------------------------------------------------------
@settings(max_examples=60)
@given(st.floats(-30, 30))
def test_reference_sigmoid_and_its_derivative(z):
    assert math.isclose(float(lesson02.reference_sigmoid(z)), oracle_sigmoid(z), rel_tol=1e-14)
    slope = float(lesson02.reference_sigmoid_prime(z))
    e = math.exp(-abs(z))
    assert math.isclose(slope, e / (1.0 + e) ** 2, rel_tol=1e-9)  # σ' = e^-z / (1 + e^-z)^2
    if abs(z) <= 15:  # beyond, σ' is below the round-off of a central difference
        # round-off of a central difference of values near 1: about 2^-52 / eps = 2e-10
        assert math.isclose(slope, central(oracle_sigmoid, z), rel_tol=1e-6, abs_tol=1e-9)


def test_reference_sigmoid_is_elementwise_and_stable():
    z = np.array([[-800.0, -1.0, 0.0], [1.0, 40.0, 800.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # no overflow
        s = lesson02.reference_sigmoid(z)
    assert s.shape == (2, 3) and s[0, 2] == 0.5
    expected = [[0.0, oracle_sigmoid(-1.0), 0.5], [oracle_sigmoid(1.0), oracle_sigmoid(40.0), 1.0]]
    assert np.allclose(s, expected, rtol=1e-14, atol=0)


def oracle_mean_cost(a_prev, w, b, y):
    a_prev, y = np.ravel(a_prev), np.ravel(y)
    return sum((oracle_sigmoid(w * ap + b) - t) ** 2 for ap, t in zip(a_prev, y)) / a_prev.size


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([(), (1,), (7,), (1, 5), (3, 4)]))
def test_reference_neuron_is_the_gradient_of_the_mean_cost(seed, shape):
    rng = np.random.default_rng(seed)
    a_prev, y = rng.uniform(0, 1, shape), rng.uniform(0, 1, shape)
    w, b = rng.uniform(-2, 2), rng.uniform(-1, 1)
    ref = lesson02.reference_neuron(a_prev, w, b, y)
    assert math.isclose(ref["dw"], central(lambda v: oracle_mean_cost(a_prev, v, b, y), w),
                        rel_tol=1e-6, abs_tol=1e-9)
    assert math.isclose(ref["db"], central(lambda v: oracle_mean_cost(a_prev, w, v, y), b),
                        rel_tol=1e-6, abs_tol=1e-9)
    assert np.shape(ref["da_prev"]) == shape
    flat = np.ravel(ref["da_prev"])
    for i, (ap, t) in enumerate(zip(np.ravel(a_prev), np.ravel(y))):  # per-example cost C0
        numerical = central(lambda v: (oracle_sigmoid(w * v + b) - t) ** 2, ap)
        assert math.isclose(flat[i], numerical, rel_tol=1e-6, abs_tol=1e-9)


def oracle_chain_cost(x, y, ws, bs):
    a = x
    for w, b in zip(ws, bs):
        a = oracle_sigmoid(w * a + b)
    return (a - y) ** 2


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 7))
def test_reference_chain_is_the_gradient_of_the_chain_cost(seed, n):
    rng = np.random.default_rng(seed)
    x, y = rng.uniform(-2, 2), rng.uniform(0, 1)
    ws, bs = list(rng.uniform(-2, 2, n)), list(rng.uniform(-1, 1, n))
    dws, dbs = lesson02.reference_chain_grads(x, y, ws, bs)
    for l in range(n):
        def with_w(v, l=l):
            return oracle_chain_cost(x, y, ws[:l] + [v] + ws[l + 1:], bs)

        def with_b(v, l=l):
            return oracle_chain_cost(x, y, ws, bs[:l] + [v] + bs[l + 1:])
        assert math.isclose(dws[l], central(with_w, ws[l]), rel_tol=1e-5, abs_tol=1e-10)
        assert math.isclose(dbs[l], central(with_b, bs[l]), rel_tol=1e-5, abs_tol=1e-10)


def test_a_chain_of_one_is_one_neuron():
    ref = lesson02.reference_neuron(0.3, 1.4, -0.2, 0.9)
    dws, dbs = lesson02.reference_chain_grads(0.3, 0.9, [1.4], [-0.2])
    assert np.isclose(dws[0], ref["dw"]) and np.isclose(dbs[0], ref["db"])


# --- the lecture's perceptron --------------------------------------------------------------
def test_lecture_perceptron_numbers():
    x1, x2, w1, w2, b, y, alpha = 0.05, 0.1, 0.2, 0.5, 0.3, 0.7, 0.5
    z = w1 * x1 + w2 * x2 + b
    y_hat = float(lesson02.reference_sigmoid(z))
    assert math.isclose(z, 0.36) and round(y_hat, 4) == 0.5890
    assert round((y - y_hat) ** 2, 4) == 0.0123
    # from w2's point of view, w1 x1 + b is a bias
    dw2 = lesson02.reference_neuron(x2, w2, w1 * x1 + b, y)["dw"]
    assert round(dw2, 5) == -0.00537 and round(w2 - alpha * dw2, 5) == 0.50269
    # the lecture's digits come from rounding y_hat and σ'(z) to three decimals first
    y_hat_r = round(y_hat, 3)
    slope_r = round(y_hat_r * (1 - y_hat_r), 3)
    dw2_r = x2 * slope_r * 2 * (y_hat_r - y)
    assert round(dw2_r, 7) == -0.0053724 and round(w2 - alpha * dw2_r, 7) == 0.5026862
    assert round(dw2, 7) != -0.0053724  # full precision really differs in the last digits


# --- the checks on many random draws ----------------------------------------------------------
def student_namespace(answers):
    """The instructor's solutions with ``answers`` swapped in, executed like a notebook."""
    nb = nbformat.read(LESSON.source_notebook, as_version=4)
    namespace = {"__name__": "__main__", "np": np}
    for cell_id, source in {**solution_cells(nb), **answers}.items():
        exec(compile(source, cell_id, "exec"), namespace)
    return namespace


GRADED = ("sigmoid", "sigmoid_prime", "neuron_grads", "chain_grads")


@pytest.mark.parametrize("style", sorted(variants.CORRECT) + ["instructor"])
def test_correct_styles_pass_on_many_seeds(style):
    namespace = student_namespace(variants.CORRECT.get(style, {}))
    for seed in range(8):
        for name in GRADED:
            getattr(lesson02, f"check_{name}")(namespace[name], rng=np.random.default_rng(seed))


@pytest.mark.parametrize("mistake", variants.MISTAKES, ids=lambda m: m.student)
def test_each_mistake_is_named_on_many_seeds(mistake):
    namespace = student_namespace({mistake.cell: mistake.source})
    for seed in range(5):
        with pytest.raises(StudentMistake) as info:
            getattr(lesson02, f"check_{mistake.cell}")(namespace[mistake.cell],
                                                        rng=np.random.default_rng(seed))
        assert info.value.mistake.code == mistake.mistake, str(info.value)


MORE_CORRECT = {
    "neuron_grads": '''
def neuron_grads(a_prev, w, b, y):
    if np.ndim(a_prev) == 0:  # one example: plain floats
        z = float(w) * float(a_prev) + float(b)
        a = float(sigmoid(z))
        dz = 2.0 * (a - float(y)) * float(sigmoid_prime(z))
        return {"da_prev": float(w) * dz, "db": dz, "dw": float(a_prev) * dz}
    a_prev, y = np.asarray(a_prev), np.asarray(y)
    z = w * a_prev + b
    dz = 2.0 * (sigmoid(z) - y) * sigmoid_prime(z) / a_prev.size  # 1/m folded in early
    return {"dw": float(np.sum(a_prev * dz)), "db": np.sum(dz, keepdims=True),
            "da_prev": (w * dz * a_prev.size).tolist()}
''',
    "chain_grads": '''
def chain_grads(x, y, ws, bs):
    acts = [x]
    for w, b in zip(ws, bs):
        acts.append(sigmoid(w * acts[-1] + b))
    grads_w, grads_b, upstream = [], [], 2 * (acts[-1] - y)
    for l in range(len(ws) - 1, -1, -1):
        local = acts[l + 1] * (1 - acts[l + 1]) * upstream
        grads_w.append(np.array([acts[l] * local]))
        grads_b.append(np.array([local]))
        upstream = local * ws[l]
    return tuple(grads_w[::-1]), np.array(grads_b[::-1])
''',
}


@pytest.mark.parametrize("name", sorted(MORE_CORRECT))
def test_more_correct_forms_pass(name):
    namespace = student_namespace({name: MORE_CORRECT[name]})
    for seed in range(5):
        getattr(lesson02, f"check_{name}")(namespace[name], rng=np.random.default_rng(seed))


def test_a_wrong_sigmoid_costs_only_sigmoid_points():
    wrong = {"sigmoid": "def sigmoid(z):\n    return 1 / (1 + np.exp(z))\n"}
    namespace = student_namespace(wrong)
    with pytest.raises(StudentMistake):
        lesson02.check_sigmoid(namespace["sigmoid"])
    for name in GRADED[1:]:
        getattr(lesson02, f"check_{name}")(namespace[name])
    # the substitution is undone afterwards: the student's own (wrong) sigmoid is back
    assert namespace["sigmoid"](1.0) < 0.5


def test_gradients_from_the_graph_helpers_are_refused():
    namespace = student_namespace({"neuron_grads": '''
from nnlib.graphs import layer_graph

def neuron_grads(a_prev, w, b, y):
    v = layer_graph([a_prev], [[w]], [b], [y], sigmoid, sigmoid_prime)
    return {"dw": v["dC_dW"][0, 0], "db": v["dC_db"][0], "da_prev": v["dC_da_prev"][0]}
'''})
    with pytest.raises(StudentMistake, match="library_shortcut"):
        lesson02.check_neuron_grads(namespace["neuron_grads"])


def test_unfinished_work_gets_a_plain_message():
    namespace = student_namespace({"chain_grads": "def chain_grads(x, y, ws, bs):\n"
                                                  "    raise NotImplementedError()\n"})
    with pytest.raises(StudentMistake, match="not implemented"):
        lesson02.check_chain_grads(namespace["chain_grads"])
    namespace = student_namespace({"neuron_grads": "def neuron_grads(a_prev, w, b, y):\n"
                                                   "    return (1.0, 2.0, 3.0)\n"})
    with pytest.raises(StudentMistake, match="dict with keys"):
        lesson02.check_neuron_grads(namespace["neuron_grads"])
