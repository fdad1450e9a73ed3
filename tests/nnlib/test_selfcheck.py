import numpy as np
import pytest

from nnlib.selfcheck import check


def mse(y_hat, y):
    return float(np.mean((np.asarray(y_hat) - np.asarray(y)) ** 2))


def test_a_correct_function_passes(capsys):
    assert check(mse) is True
    assert "✓ mse" in capsys.readouterr().out


def test_a_mistake_is_named_and_nothing_secret_is_printed(capsys):
    def mse(y_hat, y):  # noqa: F811 - the same name, with the classic mistake
        return float(np.sum((np.asarray(y_hat) - np.asarray(y)) ** 2))

    assert check(mse, rng=np.random.default_rng(5)) is False
    out = capsys.readouterr().out
    assert "[times_m]" in out and "divide by the number of examples" in out
    assert "reference" not in out and "def " not in out


def test_fresh_cases_each_call():
    seen = []

    def mse(y_hat, y):  # noqa: F811
        seen.append(np.array(y, dtype=float))
        return float(np.mean((np.asarray(y_hat) - np.asarray(y)) ** 2))

    check(mse, rounds=1, quiet=True)
    first = list(seen)
    check(mse, rounds=1, quiet=True)
    assert len(seen) == 2 * len(first)
    assert not all(np.array_equal(a, b) for a, b in zip(first, seen[len(first):]))


def test_unknown_function_is_a_clear_error():
    with pytest.raises(ValueError, match="no self-check"):
        check(print)
