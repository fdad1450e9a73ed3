"""Lesson 08's references against independent oracles, its lecture numbers, and the
checks' behaviour on fresh cases: correct styles pass, each mistake is named."""
import itertools
import math
import types

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from autograder.compare import StudentMistake
from autograder.lessons import lesson08
from autograder.variants import lesson08 as variants
from nnlib.gradcheck import numerical_grad, rel_error

SEEDS = [0, 1, 2, 3]


# --- oracles written independently of the references ----------------------------------
def brute_force_forward(X, W, b, stride, pad):
    """The definition, one multiply-add at a time; padding by an explicit bounds test."""
    N, C, H, W_in = X.shape
    F, _, HH, WW = W.shape
    H_out = (H + 2 * pad - HH) // stride + 1
    W_out = (W_in + 2 * pad - WW) // stride + 1
    out = np.zeros((N, F, H_out, W_out))
    for n, f, i, j in itertools.product(range(N), range(F), range(H_out), range(W_out)):
        total = b[f]
        for c, p, q in itertools.product(range(C), range(HH), range(WW)):
            r, s = i * stride + p - pad, j * stride + q - pad
            if 0 <= r < H and 0 <= s < W_in:
                total += X[n, c, r, s] * W[f, c, p, q]
        out[n, f, i, j] = total
    return out


def random_case(rng, stride, pad, square=False):
    N, C, F = rng.integers(1, 4, size=3)
    HH, WW = (3, 3) if square else rng.integers(1, 4, size=2)
    H_out, W_out = rng.integers(1, 5, size=2)
    H = max(1, (H_out - 1) * stride + HH - 2 * pad)
    W_in = max(1, (W_out - 1) * stride + WW - 2 * pad)
    return (rng.standard_normal((N, C, H, W_in)), rng.standard_normal((F, C, HH, WW)),
            rng.standard_normal(F))


def namespace_of(answers):
    """Execute variant cells as a notebook would: one shared global namespace."""
    namespace = {"np": np, "math": math, "__name__": "__main__"}
    for source in answers.values():
        exec(compile(source, "<variant>", "exec"), namespace)
    return namespace


def instructor_answers():
    import nbformat
    from autograder.course import lesson
    from autograder.samples import solution_cells
    return solution_cells(nbformat.read(lesson("08").source_notebook, as_version=4))


ALL_CORRECT = {"instructor": instructor_answers(), **variants.CORRECT}
CHECKS = ["count_dense_params", "count_conv_params", "conv2d_forward", "conv2d_backward",
          "answer_shared_dw", "answer_ball_prediction"]  # answers: checked on their value


# --- the references ------------------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([1, 2, 3]), st.sampled_from([0, 1, 2]))
def test_reference_forward_is_the_definition(seed, stride, pad):
    X, W, b = random_case(np.random.default_rng(seed), stride, pad)
    assert np.allclose(lesson08.reference_conv2d_forward(X, W, b, stride, pad),
                       brute_force_forward(X, W, b, stride, pad), rtol=1e-12, atol=1e-12)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([1, 2]), st.sampled_from([0, 1]))
def test_reference_backward_matches_central_differences(seed, stride, pad):
    rng = np.random.default_rng(seed)
    X, W, b = random_case(rng, stride, pad)
    out = lesson08.reference_conv2d_forward(X, W, b, stride, pad)
    dout = rng.standard_normal(out.shape)
    dX, dW, db = lesson08.reference_conv2d_backward(dout, X, W, b, stride, pad)

    def loss(x, w, bias):
        return float(np.sum(brute_force_forward(x, w, bias, stride, pad) * dout))

    assert dX.shape == X.shape and dW.shape == W.shape and db.shape == b.shape
    assert rel_error(dX, numerical_grad(lambda v: loss(v, W, b), X.copy())) < 1e-7
    assert rel_error(dW, numerical_grad(lambda v: loss(X, v, b), W.copy())) < 1e-7
    assert rel_error(db, numerical_grad(lambda v: loss(X, W, v), b.copy())) < 1e-7


def test_dx_is_a_full_correlation_with_the_flipped_filter_for_stride_1():
    rng = np.random.default_rng(5)
    X, W, b = random_case(rng, 1, 0, square=True)
    dout = rng.standard_normal(lesson08.reference_conv2d_forward(X, W, b).shape)
    dX = lesson08.reference_conv2d_backward(dout, X, W, b)[0]
    flipped = W[:, :, ::-1, ::-1].transpose(1, 0, 2, 3)
    assert np.allclose(dX, brute_force_forward(dout, flipped, np.zeros(X.shape[1]), 1, 2))


def test_lecture_numbers():
    assert 64 * 64 * 3 == 12_288 and 4 * 4 * 3 == 48
    namespace = namespace_of(instructor_answers())
    for n in (1, 7, 100):
        assert namespace["count_dense_params"]((64, 64, 3), n) == 12_288 * n + n
        assert namespace["count_conv_params"]((4, 4, 3), n) == 48 * n + n
        assert namespace["count_dense_params"]((12_288,), n) == 12_288 * n + n
        assert namespace["count_conv_params"]((3, 4, 4), n) == 48 * n + n


def test_hidden_cases_are_what_the_brief_promises():
    for seed in SEEDS:
        cases = lesson08.conv_cases(np.random.default_rng(seed))
        assert {(s, p) for *_, s, p in cases} == {(1, 0), (1, 1), (2, 0), (2, 1)}
        assert cases[0][3:] == (2, 1), "stride 2 with padding is the most telling case"
        for X, W, b, stride, pad in cases:
            N, C, H, W_in = X.shape
            F, _, HH, WW = W.shape
            assert min(N, C, F) >= 2 and H != W_in and HH != WW
            assert (H + 2 * pad - HH) % stride == 0 and (W_in + 2 * pad - WW) % stride == 0


# --- every catalogued mistake is detectable on the hidden cases ----------------------
def _distinct(a, b):
    return a.shape != b.shape or not np.allclose(a, b, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
def test_mistake_values_differ_from_the_reference_where_they_apply(seed):
    rng = np.random.default_rng(seed)
    seen = set()
    for X, W, b, stride, pad in lesson08.conv_cases(rng):
        out = lesson08.reference_conv2d_forward(X, W, b, stride, pad)
        dout = rng.standard_normal(out.shape)
        dX, dW, db = lesson08.reference_conv2d_backward(dout, X, W, b, stride, pad)
        groups = [(out, lesson08.forward_mistakes(X, W, b, stride, pad)),
                  (dX, lesson08.dx_mistakes(dout, X, W, stride, pad)),
                  (dW, lesson08.dw_mistakes(dout, X, W, stride, pad)),
                  (db, lesson08.db_mistakes(dout))]
        for reference, pairs in groups:
            for mistake, wrong in pairs:
                assert _distinct(np.asarray(wrong), reference), (mistake.code, stride, pad)
                seen.add(mistake.code)
    assert {m.mistake for m in variants.MISTAKES if m.cell.startswith("conv2d")} \
        - {"library_shortcut"} <= seen


# --- the checks on fresh random cases -------------------------------------------------
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("style", list(ALL_CORRECT))
def test_every_correct_style_passes_on_fresh_cases(style, seed):
    namespace = namespace_of(ALL_CORRECT[style])
    for name in CHECKS:
        getattr(lesson08, f"check_{name}")(namespace[name], rng=np.random.default_rng(seed))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("mistake", variants.MISTAKES, ids=lambda m: m.student)
def test_every_mistake_is_named_on_fresh_cases(mistake, seed):
    namespace = namespace_of({**instructor_answers(), mistake.cell: mistake.source})
    check = getattr(lesson08, f"check_{mistake.cell}")
    with pytest.raises(StudentMistake) as failure:
        check(namespace[mistake.cell], rng=np.random.default_rng(seed))
    assert failure.value.mistake is not None and failure.value.mistake.code == mistake.mistake, \
        str(failure.value)
    for other in set(CHECKS) - {mistake.cell}:  # and only its own check fails
        getattr(lesson08, f"check_{other}")(namespace[other], rng=np.random.default_rng(seed))


# --- conv2d_backward is graded with the student's cache, fairly ----------------------
def _with_forward(forward_source):
    answers = instructor_answers()
    answers["conv2d_forward"] = forward_source
    return namespace_of(answers)


def test_backward_keeps_its_points_when_the_forward_values_are_wrong():
    for mistake in variants.MISTAKES:
        if mistake.cell == "conv2d_forward":
            namespace = _with_forward(mistake.source)
            lesson08.check_conv2d_backward(namespace["conv2d_backward"])


def test_backward_is_graded_with_a_standard_cache_when_the_forward_is_missing():
    for style in ("instructor", "windows_einsum"):  # (X, W, b, S, P) and CS231n's dict cache
        answers = dict(ALL_CORRECT[style])
        answers["conv2d_forward"] = ("def conv2d_forward(X, W, b, stride=1, pad=0):\n"
                                     "    raise NotImplementedError()\n")
        namespace = namespace_of(answers)
        lesson08.check_conv2d_backward(namespace["conv2d_backward"])


def test_backward_with_an_unusable_forward_says_to_fix_the_forward_first():
    answers = dict(variants.CORRECT["im2col"])      # its cache holds the im2col matrix
    answers["conv2d_forward"] = ("def conv2d_forward(X, W, b, stride=1, pad=0):\n"
                                 "    raise NotImplementedError()\n")
    namespace = namespace_of(answers)
    with pytest.raises(StudentMistake, match="Fix conv2d_forward first"):
        lesson08.check_conv2d_backward(namespace["conv2d_backward"])


def test_a_wrong_backward_is_still_named_when_the_forward_is_wrong_too():
    by_code = {m.mistake: m for m in variants.MISTAKES}
    answers = {**instructor_answers(), "conv2d_forward": by_code["conv_flipped_kernel"].source,
               "conv2d_backward": by_code["conv_dx_overwritten"].source}
    with pytest.raises(StudentMistake, match="conv_dx_overwritten"):
        lesson08.check_conv2d_backward(namespace_of(answers)["conv2d_backward"])


# --- shortcuts and return types --------------------------------------------------------
def test_a_library_convolution_is_refused_however_it_is_imported():
    fake_signal = types.ModuleType("scipy.signal")

    def correlate(*args, **kwargs):
        raise AssertionError("never called: refused before running")

    correlate.__module__ = "scipy.signal._signaltools"
    fake_signal.correlate = correlate
    for body in ("return signal.correlate(X, W), None", "return correlate(X, W), None",
                 "return helper(X, W), None"):
        namespace = {"np": np, "signal": fake_signal, "correlate": correlate}
        exec("def helper(X, W):\n    return correlate(X, W)\n", namespace)
        exec(f"def conv2d_forward(X, W, b, stride=1, pad=0):\n    {body}\n", namespace)
        with pytest.raises(StudentMistake, match="conv_library_shortcut"):
            lesson08.check_conv2d_forward(namespace["conv2d_forward"])


def test_numpy_tools_are_not_shortcuts():
    namespace = namespace_of(variants.CORRECT["windows_einsum"])  # sliding_window_view, einsum
    lesson08.check_conv2d_forward(namespace["conv2d_forward"])


@pytest.mark.parametrize("body,accepted", [
    ("return math.prod(input_shape) * n_units + n_units", True),
    ("return np.int32(np.prod(input_shape) * n_units + n_units)", True),
    ("return float(math.prod(input_shape) * n_units + n_units)", False),
    ("return np.array([math.prod(input_shape) * n_units + n_units])", False),
])
def test_counts_are_whole_numbers(body, accepted):
    namespace = {"np": np, "math": math}
    exec(f"def count_dense_params(input_shape, n_units):\n    {body}\n", namespace)
    if accepted:
        lesson08.check_count_dense_params(namespace["count_dense_params"])
    else:
        with pytest.raises(StudentMistake, match="whole number") as failure:
            lesson08.check_count_dense_params(namespace["count_dense_params"])
        assert "[" not in str(failure.value), "not a catalogued mistake, a type problem"


def test_a_forward_that_returns_only_out_is_told_to_return_a_pair():
    namespace = namespace_of(instructor_answers())
    forward = namespace["conv2d_forward"]
    namespace["only_out"] = forward
    exec("def conv2d_forward(X, W, b, stride=1, pad=0):\n"
         "    return only_out(X, W, b, stride, pad)[0]\n", namespace)
    with pytest.raises(StudentMistake, match=r"pair \(out, cache\)"):
        lesson08.check_conv2d_forward(namespace["conv2d_forward"])


def test_a_wrong_output_size_is_explained_with_the_formula():
    namespace = namespace_of(instructor_answers())
    namespace["right"] = namespace["conv2d_forward"]
    exec("def conv2d_forward(X, W, b, stride=1, pad=0):\n"
         "    out, cache = right(X, W, b, stride, pad)\n"
         "    return out[:, :, :-1], cache\n", namespace)
    with pytest.raises(StudentMistake, match=r"H' = 1 \+ \(H \+ 2·pad − HH\) / stride"):
        lesson08.check_conv2d_forward(namespace["conv2d_forward"])
