"""Tamper-resistant comparison and mistake diagnosis."""
import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra.numpy import arrays

from autograder.compare import (StudentMistake, as_float_array, check_array, check_number,
                                values_close)
from autograder.mistakes import CATALOGUE, Mistake

finite = st.floats(-1e3, 1e3, allow_nan=False)
matrices = arrays(np.float64, st.tuples(st.integers(2, 4), st.integers(2, 5)), elements=finite)


def failure(value, expected, **kw):
    with pytest.raises(StudentMistake) as info:
        check_array(value, expected, "dW2", **kw)
    return info.value


@given(matrices)
def test_correct_values_pass_up_to_rounding(expected):
    noisy = expected * (1 + 1e-12) + 1e-13
    check_array(noisy, expected, "dW2", m=5)
    check_array(noisy.tolist(), expected, "dW2", m=5)  # lists are fine too


@given(matrices)
def test_scaled_answers_are_named(expected):
    if np.abs(expected).max() < 1e-3:
        return
    assert failure(expected * 5, expected, m=5).mistake.code == "times_m"
    assert failure(expected / 5, expected, m=5).mistake.code == "divided_by_m"
    assert failure(-expected, expected, m=5).mistake.code == "negated"
    assert failure(2 * expected, expected).mistake.code == "times_2"


def test_the_lecture_example_message():
    err = failure(np.ones((2, 3)) * 7, np.ones((2, 3)), m=7)
    assert str(err) == ("dW2 equals the correct value times m = 7: did you forget to divide "
                        "by the number of examples? [times_m]")


def test_shape_messages():
    err = str(failure(np.ones(3), np.ones((3, 1))))
    assert "dW2 has shape (3,), expected (3, 1)" in err and "keepdims" in err
    assert failure(np.arange(6.0).reshape(3, 2),
                   np.arange(6.0).reshape(3, 2).T).mistake.code == "transposed"


def test_lesson_specific_mistakes_come_first():
    special = CATALOGUE["bias_regularised"]
    err = failure([1.5, 2.5], [1.0, 2.0], mistakes=[(special, [1.5, 2.5])])
    assert err.mistake is special


def test_generic_failure_says_where_and_what():
    err = str(failure([1.0, 2.0, 9.0], [1.0, 2.0, 3.0]))
    assert "index (2,)" in err and "9" in err and "3" in err


class AlwaysEqual(float):
    def __eq__(self, other):
        return True

    __ne__ = lambda self, other: False


class LyingArray(np.ndarray):
    def __sub__(self, other):
        return np.zeros(self.shape)

    def __eq__(self, other):
        return np.ones(self.shape, bool)


@pytest.mark.parametrize("evil", [AlwaysEqual(0.0), np.zeros(3).view(LyingArray)])
def test_objects_that_claim_equality_do_not_pass(evil):
    expected = np.array([1.0, 2.0, 3.0]) if isinstance(evil, np.ndarray) else 1.0
    with pytest.raises(StudentMistake):
        check_array(evil, expected, "x")


def test_rebinding_numpy_comparisons_does_not_help(monkeypatch):
    monkeypatch.setattr(np, "allclose", lambda *a, **k: True)
    monkeypatch.setattr(np, "array_equal", lambda *a, **k: True)
    monkeypatch.setattr(np, "abs", lambda x: 0 * x)
    with pytest.raises(StudentMistake):
        check_array([5.0], [1.0], "x")


@pytest.mark.parametrize("value,words", [(None, "return statement"), (True, "bool"),
                                         ("1.0", "str"), (np.array(["a"]), "dtype"),
                                         ([1.0, [2.0]], "could not be read"),
                                         (np.array([np.nan]), "NaN")])
def test_bad_values_get_plain_words(value, words):
    with pytest.raises(StudentMistake, match=words):
        check_array(value, [1.0], "x")


def test_numbers_accept_floats_and_0d_or_1_element_arrays():
    for value in (2.0, np.float64(2.0), np.array(2.0), np.array([2.0]), 2):
        assert check_number(value, 2.0, "cost") == 2.0
    assert as_float_array(np.float32(1.5), "x").dtype == np.float64


def test_values_close_is_strict_about_shape_and_nan():
    assert not values_close(np.ones(2), np.ones((2, 1)))
    assert not values_close(np.array([np.nan]), np.array([np.nan]))
    assert values_close(np.array([1e-12]), np.array([0.0]))


def test_mistake_codes_are_unique():
    with pytest.raises(ValueError):
        Mistake("times_m", "again")
