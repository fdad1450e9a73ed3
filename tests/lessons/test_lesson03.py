"""Lesson 03's references against independent oracles, and the grader's λ-convention logic."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from autograder.cases import random_network
from autograder.compare import StudentMistake
from autograder.lessons import lesson03
from autograder.variants import lesson03 as variants
from nnlib import mlp
from nnlib.activations import sigmoid
from nnlib.gradcheck import numerical_grad, numerical_param_grads, rel_error

ARCHITECTURES = [(3, 1), (4, 5, 3), (5, 1, 1), (3, 5, 4, 4, 2)]


def namespace(*sources):
    """A notebook-like namespace holding the given cells' code."""
    ns = {"np": np, "sigmoid": sigmoid, "__name__": "__main__"}
    for source in sources:
        exec(source, ns)
    return ns


# --- references ----------------------------------------------------------------------
@pytest.mark.parametrize("dims", ARCHITECTURES)
@pytest.mark.parametrize("convention", ["course", "slides"])
def test_reference_grads_are_the_central_differences_of_the_reference_cost(dims, convention):
    rng = np.random.default_rng(len(dims))
    X, Y, params = random_network(rng, dims, 6)
    lambd = 0.8
    grads, _ = lesson03.reference_backprop(X, Y, params, lambd, convention)
    J = lambda p: lesson03.reference_cost(lesson03.forward_values(X, p)[1][-1], Y, p, lambd,
                                          convention)
    numerical = numerical_param_grads(J, params, eps=1e-5)
    assert set(grads) == set(numerical)
    for key in numerical:  # round-off of the differences is about 1e-16 / eps = 1e-11
        assert grads[key].shape == numerical[key].shape
        assert np.allclose(grads[key], numerical[key], rtol=1e-6, atol=1e-9), key
        assert rel_error(grads[key], numerical[key]) < 1e-5, key


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 9), st.floats(0.0, 2.0))
def test_reference_forward_and_cost_match_nnlib(seed, m, lambd):
    rng = np.random.default_rng(seed)
    dims = [int(n) for n in rng.integers(1, 6, size=rng.integers(2, 5))]
    X, Y, params = random_network(rng, dims, m)
    AL, cache = lesson03.reference_forward(X, params)
    AL_nnlib, caches = mlp.mlp_forward(X, params)
    assert np.allclose(AL, AL_nnlib, rtol=1e-12, atol=0)
    for l, (_, (Z, A, _)) in enumerate(caches, start=1):
        assert np.allclose(cache[f"Z{l}"], Z, rtol=1e-12, atol=1e-15)
        assert np.allclose(cache[f"A{l}"], A, rtol=1e-12, atol=1e-15)
    assert np.isclose(lesson03.reference_cost(AL, Y, params, lambd),
                      mlp.mlp_cost(AL, Y, params, lambd), rtol=1e-12)
    grads = lesson03.reference_backprop(X, Y, params, lambd)[0]
    expected = mlp.mlp_backward(AL_nnlib, Y, caches, params, lambd)
    for key in expected:
        assert np.allclose(grads[key], expected[key], rtol=1e-10, atol=1e-14), key


def test_per_example_accumulation_equals_the_vectorised_reference():
    rng = np.random.default_rng(7)
    X, Y, params = random_network(rng, (4, 6, 3, 2), 9)
    lambd, L, m = 0.4, 3, 9
    Delta = {k: np.zeros_like(v) for k, v in params.items()}
    for i in range(m):  # written from the lecture's algorithm, one example at a time
        a = [X[:, [i]]]
        for l in range(1, L + 1):
            a.append(1 / (1 + np.exp(-(params[f"W{l}"] @ a[-1] + params[f"b{l}"]))))
        delta = a[L] - Y[:, [i]]
        for l in range(L, 0, -1):
            Delta[f"W{l}"] += np.outer(delta, a[l - 1])
            Delta[f"b{l}"] += delta
            delta = params[f"W{l}"].T @ delta * a[l - 1] * (1 - a[l - 1])
    grads = lesson03.reference_backprop(X, Y, params, lambd)[0]
    for l in range(1, L + 1):
        assert np.allclose(grads[f"dW{l}"], Delta[f"W{l}"] / m + lambd / m * params[f"W{l}"])
        assert np.allclose(grads[f"db{l}"], Delta[f"b{l}"] / m)


def test_delta_L_is_a_minus_y_by_central_differences():
    rng = np.random.default_rng(3)
    z, y = rng.normal(0, 2, (4, 1)), np.array([[0.0], [1.0], [1.0], [0.0]])
    J = lambda zz: -np.sum(y * np.log(sigmoid(zz)) + (1 - y) * np.log(1 - sigmoid(zz)))
    assert np.allclose(numerical_grad(J, z.copy()), sigmoid(z) - y, atol=1e-8)


def test_zero_weights_answer_is_the_derivative_of_the_cost_wrt_z1():
    net = lesson03.ZERO_WEIGHTS_NET
    z1 = net["W1"] @ net["x"] + net["b1"]

    def J(z):
        a2 = sigmoid(net["W2"] @ sigmoid(z) + net["b2"])
        return -np.sum(net["y"] * np.log(a2) + (1 - net["y"]) * np.log(1 - a2))

    d1, d2 = lesson03.zero_weights_deltas()
    assert d1[0] == 0.0 and abs(d1[1]) > 1e-3
    assert np.allclose(numerical_grad(J, z1.copy()).ravel(), d1, atol=1e-9)
    lesson03.check_answer_zero_weights_delta(np.round(d1, 4))  # four decimals pass
    with pytest.raises(StudentMistake, match=r"\[zero_weights_gave_output_delta\]"):
        lesson03.check_answer_zero_weights_delta(d2)


@pytest.mark.parametrize("answer", ["ii", " (ii) ", "II", "(ii)"])
def test_fp_bp_order_accepts_spellings_of_the_right_option(answer):
    lesson03.check_answer_fp_bp_order(answer)


@pytest.mark.parametrize("answer", ["i", "iii", "iv"])
def test_fp_bp_order_refuses_and_explains_every_other_option(answer):
    with pytest.raises(StudentMistake, match=r"\[fp_bp_order_wrong\]"):
        lesson03.check_answer_fp_bp_order(answer)


def test_fp_bp_order_refuses_non_options_without_a_mistake_code():
    for answer in ("v", 2, None):
        with pytest.raises(StudentMistake) as err:
            lesson03.check_answer_fp_bp_order(answer)
        assert err.value.mistake is None


# --- the checks on the instructor's code, with fresh random cases --------------------
@pytest.mark.parametrize("seed", range(4))
def test_checks_pass_correct_code_on_fresh_cases(seed):
    ns = namespace(variants.FORWARD, variants.COST, variants.BACKPROP_LOOP, variants.BACKPROP)
    rng = np.random.default_rng(seed)
    lesson03.check_forward(ns["forward"], rng)
    lesson03.check_cost(ns["cost"], rng)
    lesson03.check_backprop_loop(ns["backprop_loop"], rng)
    lesson03.check_backprop(ns["backprop"], rng)


# --- the λ conventions ---------------------------------------------------------------
SLIDES_COST = variants.COST.replace("lambd / (2 * m) * penalty", "lambd / 2 * penalty")
SLIDES_BACKPROP = variants.BACKPROP.replace("lambd / m * params", "lambd * params")


def test_slides_cost_with_slides_gradient_passes():
    ns = namespace(variants.FORWARD, SLIDES_COST, SLIDES_BACKPROP)
    lesson03.check_cost(ns["cost"])
    lesson03.check_backprop(ns["backprop"])


def test_slides_cost_with_course_gradient_is_a_mismatch():
    ns = namespace(variants.FORWARD, SLIDES_COST, variants.BACKPROP)
    lesson03.check_cost(ns["cost"])
    with pytest.raises(StudentMistake, match=r"\[lambda_convention_mismatch\]"):
        lesson03.check_backprop(ns["backprop"])


def test_course_cost_with_slides_gradient_is_lambda_without_m():
    ns = namespace(variants.FORWARD, variants.COST, SLIDES_BACKPROP)
    with pytest.raises(StudentMistake, match=r"your cost uses .*\[lambda_without_m\]"):
        lesson03.check_backprop(ns["backprop"])


@pytest.mark.parametrize("cost_source", [None, variants.COST.replace("(1 - Y) * ", "0 * ")])
def test_without_a_usable_cost_only_the_course_convention_passes(cost_source):
    sources = [variants.FORWARD] + ([cost_source] if cost_source else [])
    course = namespace(*sources, variants.BACKPROP)
    lesson03.check_backprop(course["backprop"])
    slides = namespace(*sources, SLIDES_BACKPROP)
    with pytest.raises(StudentMistake, match=r"\[lambda_without_m\]"):
        lesson03.check_backprop(slides["backprop"])


# --- grading one function at a time -------------------------------------------------
def test_backprop_is_graded_with_a_correct_forward_when_the_student_one_is_wrong():
    broken = variants.FORWARD.replace('@ A + params[f"b{l}"]', "@ A")
    ns = namespace(broken, variants.BACKPROP)
    with pytest.raises(StudentMistake, match=r"\[forward_missing_bias\]"):
        lesson03.check_forward(ns["forward"])
    students_forward = ns["forward"]
    lesson03.check_backprop(ns["backprop"])
    assert ns["forward"] is students_forward  # restored after grading


def test_a_foreign_cache_layout_with_a_wrong_forward_gets_an_explanation():
    style = variants.CORRECT["list_cache_loops"]
    broken = style["forward"].replace('+ params["b" + str(l)]', "")
    ns = namespace(broken, style["backprop"])
    with pytest.raises(StudentMistake, match="fix forward, or read the cache in that layout"):
        lesson03.check_backprop(ns["backprop"])


def test_forward_accepts_any_container_but_needs_every_z():
    ns = namespace(variants.FORWARD.replace("return A, cache", "return A, tuple(cache.items())"))
    lesson03.check_forward(ns["forward"])
    ns = namespace(variants.FORWARD.replace('cache[f"Z{l}"], cache[f"A{l}"] = Z, A',
                                            'cache[f"A{l}"] = A'))
    with pytest.raises(StudentMistake, match=r"Z1 is missing.*\[forward_cache_missing_z\]"):
        lesson03.check_forward(ns["forward"])


def test_loop_check_names_the_unaveraged_accumulator_even_without_lambda():
    source = variants.BACKPROP_LOOP.replace('Delta[f"dW{l}"] / m', 'Delta[f"dW{l}"]')
    ns = namespace(variants.FORWARD, variants.COST, source)
    with pytest.raises(StudentMistake, match=r"\[accumulator_not_averaged\]"):
        lesson03.check_backprop_loop(ns["backprop_loop"])


def test_every_lesson_mistake_has_a_sample_submission():
    codes = {m.code for m in vars(lesson03).values() if isinstance(m, lesson03.Mistake)}
    sampled = {m.mistake for m in variants.MISTAKES}
    assert codes - sampled <= {"lambda_convention_mismatch", "zero_weights_gave_output_delta"}


# --- whole test cells (hidden *and* visible parts), as nbgrader runs them -------------
def _graded_cells_outcomes(answers):
    """Run the notebook up to its last test cell with ``answers`` in the solution cells.

    test cell id -> None (passed) or the exception; a warning counts as a failure, since
    nbgrader scores a test cell that writes to stderr as failed.
    """
    import warnings

    import matplotlib
    import nbformat

    from autograder.course import lesson
    from autograder.samples import solution_cells

    matplotlib.use("Agg")
    nb = nbformat.read(lesson("03").source_notebook, as_version=4)
    solutions = {**solution_cells(nb), **answers}
    last_test = max(i for i, c in enumerate(nb.cells)
                    if c.metadata.get("nbgrader", {}).get("grade"))
    ns, outcomes = {"__name__": "__main__"}, {}
    for cell in nb.cells[:last_test + 1]:
        if cell.cell_type != "code":
            continue
        meta = cell.metadata.get("nbgrader", {})
        source = solutions.get(meta.get("grade_id"), cell.source)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                exec(compile(source, meta.get("grade_id", "cell"), "exec"), ns)
                error = None
            except Exception as err:  # noqa: BLE001 - part of the scenario
                error = err
        if meta.get("grade"):
            outcomes[meta["grade_id"]] = error or (
                RuntimeWarning(str(caught[0].message)) if caught else None)
    return outcomes


@pytest.mark.parametrize("style", sorted(variants.CORRECT))
def test_correct_styles_pass_whole_test_cells(style):
    outcomes = _graded_cells_outcomes(variants.CORRECT[style])
    assert {k: repr(v) for k, v in outcomes.items() if v} == {}


@pytest.mark.parametrize("mistake", variants.MISTAKES, ids=lambda m: m.student)
def test_each_mistake_fails_only_its_whole_test_cell(mistake):
    outcomes = _graded_cells_outcomes({mistake.cell: mistake.source})
    assert {k for k, v in outcomes.items() if v} == {mistake.test_cell}, \
        {k: repr(v) for k, v in outcomes.items() if v}
