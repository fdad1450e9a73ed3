"""Loss functions. ``y_hat`` (or ``AL``) and ``y`` (or ``Y``) have the same shape."""
import numpy as np


def mean_squared_error(y_hat, y):
    """Mean over all entries of (y_hat - y)^2, as a Python float."""
    residual = np.asarray(y_hat, dtype=np.float64) - np.asarray(y, dtype=np.float64)
    return float(np.mean(np.square(residual)))


def cross_entropy(AL, Y, eps=1e-12):
    """Binary cross-entropy of K sigmoid outputs, averaged over the m columns.

    AL, Y: arrays of shape (K, m) (a 1-D array is one output unit over m examples).
    Returns -(1/m) sum_i sum_k [y log a + (1 - y) log(1 - a)] as a Python float.
    ``eps`` keeps log() finite when a saturates at exactly 0 or 1.
    """
    AL = np.clip(np.asarray(AL, dtype=np.float64), eps, 1.0 - eps)
    Y = np.asarray(Y, dtype=np.float64)
    m = Y.shape[-1] if Y.ndim else 1
    return float(-(Y * np.log(AL) + (1.0 - Y) * np.log1p(-AL)).sum() / m)


def accuracy(AL, Y):
    """Fraction of columns whose largest output is the one-hot target's class."""
    AL, Y = np.asarray(AL), np.asarray(Y)
    return float(np.mean(AL.argmax(axis=0) == Y.argmax(axis=0)))
