"""Lesson 09's references against independent oracles (central differences, loops over
examples, closed forms), the train check's false-failure rate, and whole test cells."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from autograder.compare import StudentMistake
from autograder.lessons import lesson09
from autograder.variants import lesson09 as variants
from nnlib.activations import sigmoid
from nnlib.gradcheck import numerical_grad, numerical_param_grads, rel_error

ARCHITECTURES = [(3, 2), (4, 5, 3), (5, 1, 3), (3, 5, 4, 4, 2)]


def loop_softmax(Z):
    """Softmax written entry by entry from its definition, with Python floats."""
    import math
    K, m = Z.shape
    out = np.zeros((K, m))
    for j in range(m):
        top = max(Z[:, j].tolist())
        exps = [math.exp(z - top) for z in Z[:, j].tolist()]
        total = math.fsum(exps)
        for k in range(K):
            out[k, j] = exps[k] / total
    return out


def namespace(*sources):
    """A notebook-like namespace holding the given cells' code (with the given helper)."""
    ns = {"np": np, "sigmoid": sigmoid, "__name__": "__main__"}
    for source in sources:
        exec(source, ns)
    exec(SOFTMAX_FORWARD, ns)
    return ns


SOFTMAX_FORWARD = '''
def softmax_forward(X, params):
    L = len(params) // 2
    hidden = {key: value for key, value in params.items() if int(key[1:]) < L}
    A = forward(X, hidden)[0] if L > 1 else X
    return softmax(params[f"W{L}"] @ A + params[f"b{L}"])
'''


def instructor_namespace():
    from autograder.course import lesson
    from autograder.samples import solution_cells
    import nbformat
    cells = solution_cells(nbformat.read(lesson("09").source_notebook, as_version=4))
    return namespace(cells["earlier_functions"], variants.SOFTMAX, variants.SOFTMAX_COST,
                     variants.SOFTMAX_BACKPROP, variants.PREDICT, variants.TRAIN)


# --- references ----------------------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 6), st.integers(1, 6),
       st.floats(-800.0, 800.0))
def test_reference_softmax_is_the_definition_and_shift_invariant(seed, K, m, offset):
    rng = np.random.default_rng(seed)
    Z = offset + 5.0 * rng.standard_normal((K, m))
    A = lesson09.reference_softmax(Z)
    assert np.allclose(A, loop_softmax(Z), rtol=1e-12, atol=1e-300)
    assert np.allclose(A.sum(axis=0), 1.0, rtol=1e-12)
    assert np.allclose(lesson09.reference_softmax(Z + 3.0), A, rtol=1e-9, atol=1e-300)


def test_reference_softmax_of_two_units_is_a_sigmoid_of_the_difference():
    """Closed form: softmax((z1, z2))_1 = σ(z1 − z2)."""
    z = np.array([[1000.0, -3.0, 0.5], [998.0, 4.0, 0.5]])
    assert np.allclose(lesson09.reference_softmax(z)[0], sigmoid(z[0] - z[1]), rtol=1e-14)


@pytest.mark.parametrize("convention", ["course", "slides"])
@pytest.mark.parametrize("dims", ARCHITECTURES)
def test_reference_grads_are_the_central_differences_of_the_reference_cost(dims, convention):
    rng = np.random.default_rng(len(dims) + 9)
    X, Y, params = lesson09.random_softmax_network(rng, dims, 6)
    lambd = 0.8
    grads, _ = lesson09.reference_softmax_backprop(X, Y, params, lambd, convention)
    J = lambda p: lesson09.reference_softmax_cost(lesson09.reference_softmax_forward(X, p), Y,
                                                  p, lambd, convention)
    numerical = numerical_param_grads(J, params, eps=1e-5)
    assert set(grads) == set(numerical)
    for key in numerical:
        assert grads[key].shape == numerical[key].shape
        assert np.allclose(grads[key], numerical[key], rtol=1e-6, atol=1e-9), key
        assert rel_error(grads[key], numerical[key]) < 1e-6, key


def test_delta_L_is_a_minus_y_by_central_differences():
    rng = np.random.default_rng(4)
    z, y = rng.normal(0, 3, (6, 1)), np.eye(6)[:, [2]]
    J = lambda zz: -np.sum(y * np.log(loop_softmax(zz)))
    assert np.allclose(numerical_grad(J, z.copy()), lesson09.reference_softmax(z) - y,
                       atol=1e-8)


def test_reference_cost_and_grads_equal_a_loop_over_examples():
    """The lecture's algorithm: one example at a time, Δ accumulators, then Δ/m + (λ/m)W."""
    rng = np.random.default_rng(11)
    X, Y, params = lesson09.random_softmax_network(rng, (4, 6, 3, 5), 9)
    lambd, L, m = 0.6, 3, 9
    Delta = {k: np.zeros_like(v) for k, v in params.items()}
    total = 0.0
    for i in range(m):
        a = [X[:, [i]]]
        for l in range(1, L):
            a.append(1 / (1 + np.exp(-(params[f"W{l}"] @ a[-1] + params[f"b{l}"]))))
        a.append(loop_softmax(params[f"W{L}"] @ a[-1] + params[f"b{L}"]))
        total -= float(np.log(a[L][int(np.argmax(Y[:, i])), 0]))
        delta = a[L] - Y[:, [i]]
        for l in range(L, 0, -1):
            Delta[f"W{l}"] += np.outer(delta, a[l - 1])
            Delta[f"b{l}"] += delta
            delta = params[f"W{l}"].T @ delta * a[l - 1] * (1 - a[l - 1])
    squares = sum(float(np.sum(params[f"W{l}"] ** 2)) for l in range(1, L + 1))
    AL = lesson09.reference_softmax_forward(X, params)
    assert np.isclose(lesson09.reference_softmax_cost(AL, Y, params, lambd),
                      total / m + lambd / (2 * m) * squares, rtol=1e-12)
    grads = lesson09.reference_softmax_backprop(X, Y, params, lambd)[0]
    for l in range(1, L + 1):
        assert np.allclose(grads[f"dW{l}"], Delta[f"W{l}"] / m + lambd / m * params[f"W{l}"])
        assert np.allclose(grads[f"db{l}"], Delta[f"b{l}"] / m)


def test_reference_predict_is_the_argmax_of_the_outputs_in_a_loop():
    rng = np.random.default_rng(5)
    X, _, params = lesson09.random_softmax_network(rng, (5, 4, 7), 12)
    AL = lesson09.reference_softmax_forward(X, params)
    expected = [max(range(7), key=lambda k: AL[k, j]) for j in range(12)]
    assert lesson09.reference_predict(X, params).tolist() == expected


def test_mistake_candidates_differ_from_the_reference():
    """Every catalogued wrong gradient is really different, so a right answer is never
    named as a mistake."""
    rng = np.random.default_rng(6)
    X, Y, params = lesson09.random_softmax_network(rng, (4, 5, 3), 7)
    ref = lesson09.reference_softmax_backprop(X, Y, params, 0.5)[0]
    for kwargs in ({"output": "extra"}, {"output": "sigmoid"}, {"gprime": "none"},
                   {"gprime": "z"}, {"reg_scale": 0.5 / 14}):
        wrong = lesson09.reference_softmax_backprop(X, Y, params, 0.5, **kwargs)[0]
        assert any(not np.allclose(wrong[k], ref[k]) for k in ref), kwargs


# --- the instructor's code passes on fresh cases; train's false-failure rate -----------
@pytest.mark.parametrize("seed", range(4))
def test_checks_pass_correct_code_on_fresh_cases(seed):
    ns = instructor_namespace()
    rng = np.random.default_rng(seed)
    for name in ("softmax", "softmax_cost", "softmax_backprop", "predict", "train"):
        getattr(lesson09, f"check_{name}")(ns[name], rng)


def test_train_check_passes_correct_training_loops_on_many_seeds():
    """train is stochastic: the check must accept any draws. The reference loop, a Xavier
    variant and a small-uniform-initialisation variant pass on 60 fresh case seeds each
    (at most a few per cent false failures would show here)."""
    ns = instructor_namespace()
    xavier = namespace(instructor_namespace_sources(), variants.SOFTMAX,
                       variants.SOFTMAX_COST, variants.SOFTMAX_BACKPROP,
                       variants.CORRECT["slides_lambda_loops"]["train"])
    small = namespace(instructor_namespace_sources(), variants.SOFTMAX, variants.SOFTMAX_COST,
                      variants.SOFTMAX_BACKPROP,
                      variants.TRAIN.replace("params = init_he(layer_dims, rng)",
                                             "params = {k: (rng.uniform(-0.1, 0.1, w.shape) if "
                                             "k[0] == 'W' else w) for k, w in "
                                             "init_he(layer_dims, rng).items()}"))
    failures = []
    for which, train in (("reference", ns["train"]), ("xavier", xavier["train"]),
                         ("small uniform", small["train"])):
        for seed in range(60):
            try:
                lesson09.check_train(train, rng=np.random.default_rng(1000 + seed))
            except StudentMistake as err:
                failures.append((which, seed, str(err)))
    assert failures == []


def instructor_namespace_sources():
    from autograder.course import lesson
    from autograder.samples import solution_cells
    import nbformat
    return solution_cells(nbformat.read(lesson("09").source_notebook,
                                        as_version=4))["earlier_functions"]


def test_reference_train_reaches_95_percent_on_the_digits():
    from nnlib import data
    train_set, test_set = data.load_digits("train"), data.load_digits("test")
    params, costs = lesson09.reference_train(train_set.X, train_set.Y, [64, 32, 10],
                                             np.random.default_rng(9), 30, 32, 1.0, 0.9, 0.01)
    assert len(costs) == 30 and costs[-1] < costs[0]
    assert np.mean(lesson09.reference_predict(test_set.X, params) == test_set.labels) > 0.95


# --- grading one function at a time -------------------------------------------------
def test_softmax_backprop_is_graded_with_a_correct_softmax_when_the_student_one_is_wrong():
    ns = instructor_namespace()
    wrong = namespace(instructor_namespace_sources(), variants.MISTAKES[0].source,
                      variants.SOFTMAX_BACKPROP)
    with pytest.raises(StudentMistake, match=r"\[softmax_overflow\]"):
        lesson09.check_softmax(wrong["softmax"])
    lesson09.check_softmax_backprop(wrong["softmax_backprop"])
    assert wrong["softmax"].__code__ is not ns["softmax"].__code__  # restored afterwards


def test_a_list_cache_forward_is_used_when_it_is_correct_and_replaced_when_wrong():
    style = variants.CORRECT["slides_lambda_loops"]
    ns = namespace(style["earlier_functions"], style["softmax"], style["softmax_cost"],
                   style["softmax_backprop"])
    lesson09.check_softmax_backprop(ns["softmax_backprop"])
    broken = style["earlier_functions"].replace('+ params["b" + str(l)]', "", 1)
    ns = namespace(broken, style["softmax"], style["softmax_cost"], style["softmax_backprop"])
    with pytest.raises(StudentMistake):  # the reference forward has a dict cache
        lesson09.check_softmax_backprop(ns["softmax_backprop"])


def test_slides_cost_with_course_gradient_is_a_mismatch():
    """(λ/m)·W written in the gradient itself; a gradient that calls l2_grads gets the
    reference of its cost's convention instead, like every helper."""
    style = variants.CORRECT["slides_lambda_loops"]
    ns = namespace(instructor_namespace_sources(), variants.SOFTMAX, style["softmax_cost"],
                   variants.CORRECT["course_logsumexp"]["softmax_backprop"])
    lesson09.check_softmax_cost(ns["softmax_cost"])
    with pytest.raises(StudentMistake, match=r"\[lambda_convention_mismatch\]"):
        lesson09.check_softmax_backprop(ns["softmax_backprop"])


@pytest.mark.parametrize("answer", ["i", " (i) ", "I"])
def test_shift_question_accepts_spellings_of_the_right_option(answer):
    lesson09.check_answer_softmax_shift(answer)


@pytest.mark.parametrize("answer", ["i", "iii", "iv"])
def test_order_question_refuses_and_explains_every_other_option(answer):
    with pytest.raises(StudentMistake, match=r"\[example_order_wrong\]"):
        lesson09.check_answer_example_order(answer)


def test_questions_refuse_non_options_without_a_mistake_code():
    for answer in ("v", 2, None):
        for check in (lesson09.check_answer_softmax_shift, lesson09.check_answer_example_order):
            with pytest.raises(StudentMistake) as err:
                check(answer)
            assert err.value.mistake is None


def test_every_lesson_mistake_has_a_sample_submission():
    codes = {m.code for m in vars(lesson09).values()
             if isinstance(m, lesson09.Mistake) and m.code not in
             {m.code for m in vars(lesson09.lesson03).values()
              if isinstance(m, lesson09.Mistake)}}
    sampled = {m.mistake for m in variants.MISTAKES}
    assert codes - sampled <= {"softmax_not_normalised"}


# --- whole test cells (hidden *and* visible parts), as nbgrader runs them -------------
def _graded_cells_outcomes(answers):
    """test cell id -> None (passed) or the exception; a warning counts as a failure."""
    import warnings

    import matplotlib
    import nbformat

    from autograder.course import lesson
    from autograder.samples import solution_cells

    matplotlib.use("Agg")
    nb = nbformat.read(lesson("09").source_notebook, as_version=4)
    solutions = {**solution_cells(nb), **answers}
    last_test = max(i for i, c in enumerate(nb.cells)
                    if c.metadata.get("nbgrader", {}).get("grade"))
    ns, outcomes = {"__name__": "__main__"}, {}
    for cell in nb.cells[:last_test + 1]:
        if cell.cell_type != "code":
            continue
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade_id") in ("train_digits", "learning_curves", "hidden_weights",
                                    "explorer", "order"):
            continue  # figures and long runs: tests/test_notebooks.py runs them
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
