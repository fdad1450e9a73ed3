import numpy as np
import pytest

from nnlib.selfcheck import check, fixtures


def mse(y_hat, y):
    return float(np.mean((np.asarray(y_hat) - np.asarray(y)) ** 2))


def test_a_correct_function_passes(capsys):
    assert check(mse) is True
    assert "✓ mse passed" in capsys.readouterr().out


def test_a_mistake_is_named_and_nothing_secret_is_printed(capsys):
    def mse(y_hat, y):  # noqa: F811 - the same name, with the classic mistake
        return float(np.sum((np.asarray(y_hat) - np.asarray(y)) ** 2))

    assert check(mse, rng=np.random.default_rng(5)) is False
    out = capsys.readouterr().out
    assert "[times_m]" in out and "divide by the number of examples" in out
    assert "reference" not in out and "def " not in out


def test_a_wrong_answer_no_mistake_explains_says_where(capsys):
    def mse(y_hat, y):  # noqa: F811
        return float(np.mean((np.asarray(y_hat) - np.asarray(y)) ** 2)) + 0.5

    assert check(mse) is False
    out = capsys.readouterr().out
    assert "✗ mse: mse(y_hat, y) is wrong" in out and "for m = " in out and "[" not in out


def test_the_same_public_cases_each_call():
    seen = []

    def mse(y_hat, y):  # noqa: F811
        seen.append(np.array(y, dtype=float))
        return float(np.mean((np.asarray(y_hat) - np.asarray(y)) ** 2))

    check(mse, quiet=True)
    first = list(seen)
    check(mse, quiet=True)
    assert len(first) >= 3 and len(seen) == 2 * len(first)
    assert all(np.array_equal(a, b) for a, b in zip(first, seen[len(first):]))
    assert first[0].size > 1 and first[-1].size == 1  # m > 1 before m = 1


def test_errors_and_unfinished_work_are_said_in_words(capsys):
    def sigmoid(z):
        raise NotImplementedError()

    def relative_error(a, b):
        return 1 / 0

    assert check(sigmoid) is False and check(relative_error) is False
    out = capsys.readouterr().out
    assert "sigmoid is not implemented yet" in out
    assert "relative_error raised ZeroDivisionError" in out


def test_an_exception_names_a_mistake_only_when_every_case_agrees(capsys):
    import math

    def sigmoid(z):  # works on one number only: a catalogued mistake
        return 1.0 / (1.0 + math.exp(-z))

    assert check(sigmoid) is False
    assert "[sigmoid_scalar_only]" in capsys.readouterr().out

    def sigmoid(z):  # noqa: F811 - the same exception, on the number too: no mistake named
        raise TypeError("nothing works")

    assert check(sigmoid) is False
    out = capsys.readouterr().out
    assert "sigmoid raised TypeError: nothing works" in out and "[" not in out


def test_conv2d_backward_needs_the_learners_forward(capsys):
    def conv2d_backward(dout, cache):
        return None

    assert check(conv2d_backward) is False
    assert "define conv2d_forward first" in capsys.readouterr().out


def test_a_random_function_is_checked_by_its_properties(capsys):
    def init_he(layer_dims, rng):
        params = {}
        for l in range(1, len(layer_dims)):
            scale = np.sqrt(2.0 / layer_dims[l - 1])
            params[f"W{l}"] = rng.normal(0.0, scale, (layer_dims[l], layer_dims[l - 1]))
            params[f"b{l}"] = np.zeros((layer_dims[l], 1))
        return params

    def init_xavier(layer_dims, rng):  # He's scale: the wrong variance
        return init_he(layer_dims, rng)

    assert check(init_he) is True
    assert check(init_xavier) is False
    assert "init_xavier" in capsys.readouterr().out


def test_every_graded_function_has_a_fixture():
    assert {"mse", "backprop", "conv2d_backward", "train", "init_he"} <= set(fixtures())


def test_unknown_function_is_a_clear_error():
    with pytest.raises(ValueError, match="no self-check"):
        check(print)
