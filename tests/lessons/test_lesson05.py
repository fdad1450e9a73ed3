"""Lesson 05: references against the formulas, the statistical checks' error rates, and
the checks against many random streams (a correct initialiser must pass whatever the
seed; every catalogued mistake must be named whatever the seed)."""
import math

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from autograder.compare import StudentMistake
from autograder.lessons import lesson05
from autograder.variants import lesson05 as variants

CHECKS = {"init_zeros": lesson05.check_init_zeros, "init_uniform": lesson05.check_init_uniform,
          "init_xavier": lesson05.check_init_xavier, "init_he": lesson05.check_init_he,
          # the questions: the check receives the answer's value (namespace[cell])
          "answer_equal_rows": lesson05.check_answer_equal_rows,
          "answer_he_std": lesson05.check_answer_he_std}
#: the layer_dims of the statistical cases, in the order the checks use them
RANDOM_CASES = ([200, 80, 120], [150, 60], [120, 100, 50, 3])


def functions(answers):
    """Execute a variant's cells (instructor's reference elsewhere) in one namespace."""
    namespace = {"np": np, "__name__": "__main__",
                 "init_zeros": lesson05.reference_init_zeros}
    for cell, source in answers.items():
        exec(compile(source, cell, "exec"), namespace)
    return namespace


def outcome(check, function, rng):
    try:
        check(function, rng=rng)
    except StudentMistake as err:
        return err
    return None


# --- the references -----------------------------------------------------------------------
@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(1, 9), min_size=2, max_size=5), st.integers(0, 2 ** 32 - 1))
def test_references_have_the_contract_keys_shapes_and_zero_biases(dims, seed):
    rng = np.random.default_rng(seed)
    for params in (lesson05.reference_init_zeros(dims),
                   lesson05.reference_init_uniform(dims, 0.3, rng),
                   lesson05.reference_init_xavier(dims, rng),
                   lesson05.reference_init_he(dims, rng)):
        assert sorted(params) == sorted([f"{p}{l}" for l in range(1, len(dims)) for p in "Wb"])
        for l in range(1, len(dims)):
            assert params[f"W{l}"].shape == (dims[l], dims[l - 1])
            assert params[f"b{l}"].shape == (dims[l], 1) and not params[f"b{l}"].any()
            assert params[f"W{l}"].dtype == np.float64


def test_reference_spreads_match_the_formulas():
    rng = np.random.default_rng(0)
    n_in, n_out = 600, 400
    xavier = lesson05.reference_init_xavier([n_in, n_out], rng)["W1"]
    he = lesson05.reference_init_he([n_in, n_out], rng)["W1"]
    uniform = lesson05.reference_init_uniform([n_in, n_out], 0.2, rng)["W1"]
    assert np.isclose(xavier.std(), math.sqrt(2 / (n_in + n_out)), rtol=0.01)
    assert np.isclose(he.std(), math.sqrt(2 / n_in), rtol=0.01)
    assert np.abs(uniform).max() <= 0.2 and np.isclose(uniform.std(), 0.2 / math.sqrt(3), rtol=0.01)


# --- the tolerances -------------------------------------------------------------------------
def test_each_statistical_test_fails_a_correct_initialiser_with_probability_below_1e_9():
    smallest = min(rows * cols for dims in RANDOM_CASES for rows, cols in zip(dims[1:], dims)
                   if rows * cols >= lesson05.MIN_ENTRIES)
    assert smallest >= lesson05.MIN_ENTRIES
    for n in (smallest, lesson05.MIN_ENTRIES):
        bounds = lesson05.false_failure_bounds(n)
        assert max(bounds.values()) < 1e-9, bounds
    # at most 5 tested matrices per check, 3 tests each: the union bound for a whole check
    assert 15 * max(lesson05.false_failure_bounds(lesson05.MIN_ENTRIES).values()) < 1e-8


def test_the_bounds_are_bounds():
    """Sanity: no bound is below the exact normal tail it is meant to cap."""
    bounds = lesson05.false_failure_bounds(10 ** 6)
    exact = math.erfc(lesson05.Z_MAX / math.sqrt(2))
    assert bounds["normal mean"] == pytest.approx(exact)
    for name in ("normal spread", "uniform mean", "uniform half"):
        assert bounds[name] >= exact, name  # a two-sided tail bound cannot beat the CLT value


@pytest.mark.parametrize("name,std_of,candidates", [
    ("xavier", lesson05.xavier_std, lesson05.xavier_candidates),
    ("he", lesson05.he_std, lesson05.he_candidates)])
def test_named_spreads_are_far_from_the_right_one_and_from_each_other(name, std_of, candidates):
    """In the first tested matrix, every catalogued wrong std is ≥ 2·Z_MAX + 3 standard
    errors from the right one, so it fails; candidates with different codes are ≥ 2·Z_MAX
    apart, so it is named after the right mistake."""
    n_in, n_out = RANDOM_CASES[0][:2]
    n = n_in * n_out

    def separation(true_std, assumed_std):  # |spread_z| of a draw of true_std, in its own sd
        ratio = (true_std / assumed_std) ** 2
        return abs(ratio - 1) * math.sqrt(n / 2) / ratio

    right = std_of(n_in, n_out)
    named = candidates(n_in, n_out)
    for mistake, wrong in named:
        assert separation(wrong, right) >= 2 * lesson05.Z_MAX + 3, mistake.code
        for other, other_std in named:
            if other is not mistake:
                assert separation(wrong, other_std) >= 2 * lesson05.Z_MAX, (mistake, other)


# --- the checks on many random streams --------------------------------------------------------
@pytest.mark.parametrize("style", sorted(variants.CORRECT))
def test_correct_styles_pass_for_every_seed(style):
    namespace = functions(variants.CORRECT[style])
    for seed in range(8):
        for cell in variants.CORRECT[style]:
            err = outcome(CHECKS[cell], namespace[cell], np.random.default_rng(seed))
            assert err is None, f"{style} {cell} seed {seed}: {err}"


@pytest.mark.parametrize("mistake", variants.MISTAKES, ids=lambda m: m.student)
def test_every_mistake_is_named_for_every_seed(mistake):
    namespace = functions({mistake.cell: mistake.source})
    for seed in range(3):
        err = outcome(CHECKS[mistake.cell], namespace[mistake.cell], np.random.default_rng(seed))
        assert err is not None and err.mistake is not None, f"seed {seed}: {err}"
        assert err.mistake.code == mistake.mistake, f"seed {seed}: {err}"


def test_checks_restore_numpy_global_random_state():
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    lesson05.check_init_he(lesson05.reference_init_he)
    assert np.array_equal(np.random.get_state()[1], before)


# --- mistakes beyond the catalogue's sample answers ------------------------------------------
def _he(weights, bias="np.zeros((n_out, 1))"):
    source = ("def init_he(layer_dims, rng):\n    params = {}\n"
              "    for l in range(1, len(layer_dims)):\n"
              "        n_in, n_out = layer_dims[l - 1], layer_dims[l]\n"
              f"        params[f'W{{l}}'] = {weights}\n"
              f"        params[f'b{{l}}'] = {bias}\n    return params\n")
    return functions({"init_he": source})["init_he"]


def test_an_unseeded_generator_of_its_own_is_refused():
    err = outcome(lesson05.check_init_he, _he(
        "np.random.default_rng().normal(0, np.sqrt(2 / n_in), (n_out, n_in))"), None)
    assert err.mistake.code == "init_rng_ignored"


def test_a_correct_initialiser_that_draws_extra_numbers_still_passes():
    assert outcome(lesson05.check_init_he, _he(
        "rng.normal(0, np.sqrt(2 / n_in), (n_out, n_in)) + 0 * rng.random()"), None) is None


def test_constant_biases_and_constant_weights_fail_with_a_message():
    err = outcome(lesson05.check_init_he, _he(
        "rng.normal(0, np.sqrt(2 / n_in), (n_out, n_in))", bias="np.full((n_out, 1), 0.01)"),
        None)
    assert err is not None and "start at exactly 0" in str(err)
    err = outcome(lesson05.check_init_he, _he("np.full((n_out, n_in), 0.1) + 0 * rng.random()"),
                  None)
    assert err is not None and "must be random" in str(err)


def test_a_uniform_range_of_half_the_width_is_refused():
    source = ("def init_uniform(layer_dims, epsilon, rng):\n    params = {}\n"
              "    for l in range(1, len(layer_dims)):\n"
              "        shape = (layer_dims[l], layer_dims[l - 1])\n"
              "        params[f'W{l}'] = rng.uniform(-epsilon / 2, epsilon / 2, shape)\n"
              "        params[f'b{l}'] = np.zeros((layer_dims[l], 1))\n    return params\n")
    err = outcome(lesson05.check_init_uniform, functions({"init_uniform": source})["init_uniform"],
                  None)
    assert err is not None and "whole interval" in str(err)


def test_a_non_dict_answer_is_explained():
    err = outcome(lesson05.check_init_zeros, lambda layer_dims: None, None)
    assert err is not None and "return statement" in str(err)


def test_row_biases_are_named_transposed():
    def init_zeros(layer_dims):
        return {key: np.zeros(shape[::-1]) if key[0] == "b" else np.zeros(shape)
                for key, shape in lesson05._expected_shapes(layer_dims).items()}
    err = outcome(lesson05.check_init_zeros, init_zeros, None)
    assert err.mistake.code == "transposed" and "b1" in str(err) and "column" in str(err)


def test_checks_print_no_warning_for_any_correct_style():
    """nbgrader scores a test cell that writes to stderr 0: a warning costs the points."""
    import warnings
    for style, answers in variants.CORRECT.items():
        namespace = functions(answers)
        for cell in answers:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                CHECKS[cell](namespace[cell])
            assert [str(w.message) for w in caught] == [], (style, cell)
