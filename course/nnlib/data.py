"""Data sets: the 8x8 handwritten digits (shipped in the package) and small synthetic sets.

Everything follows the course convention: examples are columns, X is (n_features, m),
Y is (n_outputs, m). Synthetic sets take an explicit ``rng`` (np.random.Generator).
"""
import gzip
from importlib import resources
from typing import NamedTuple

import numpy as np

N_DIGITS = 1797
#: The fixed split: the first 1,347 of a permutation drawn once with seed 0 train, 450 test.
N_TRAIN = 1347
_SPLIT_SEED = 0


class Digits(NamedTuple):
    """X: (64, m) pixels scaled to [0, 1]; Y: (10, m) one-hot; labels: (m,) ints 0..9."""
    X: np.ndarray
    Y: np.ndarray
    labels: np.ndarray


def one_hot(labels, n_classes):
    """(m,) integer labels -> (n_classes, m) one-hot float64 matrix."""
    labels = np.asarray(labels, dtype=np.int64)
    Y = np.zeros((n_classes, labels.size))
    Y[labels, np.arange(labels.size)] = 1.0
    return Y


def _digits_table():
    with resources.files("nnlib").joinpath("data/digits.csv.gz").open("rb") as raw:
        with gzip.open(raw, "rt") as text:
            table = np.loadtxt(text, delimiter=",")
    return table


def load_digits(split="train"):
    """The 8x8 handwritten digits, as a ``Digits(X, Y, labels)`` tuple.

    split: "train" (1,347 images), "test" (450) or "all" (1,797). The split is fixed:
    the same images every time, on every machine.
    """
    table = _digits_table()
    order = np.random.default_rng(_SPLIT_SEED).permutation(N_DIGITS)
    chosen = {"train": order[:N_TRAIN], "test": order[N_TRAIN:], "all": np.arange(N_DIGITS)}
    if split not in chosen:
        raise ValueError(f"split must be 'train', 'test' or 'all', not {split!r}")
    rows = table[chosen[split]]
    labels = rows[:, -1].astype(np.int64)
    X = rows[:, :-1].T / 16.0
    return Digits(X=X, Y=one_hot(labels, 10), labels=labels)


def regression_1d(m, rng, w_true=2.0, noise=1.0, x_range=(0.0, 5.0)):
    """Points on a line through the origin plus Gaussian noise: y = w_true x + noise.

    Returns 1-D arrays (x, y) of length m, for the one-weight model y_hat = w x.
    """
    x = rng.uniform(*x_range, size=m)
    y = w_true * x + noise * rng.standard_normal(m)
    return x, y


def classes_2d(m, rng, kind="moons", noise=0.15):
    """Two classes in the plane: X (2, m), Y (1, m) with 0/1 labels.

    kind: "moons" (two interleaved half circles), "circles" (a ring around a disc) or
    "blobs" (two Gaussian clusters).
    """
    labels = rng.permutation(np.arange(m) % 2)
    if kind == "moons":
        t = rng.uniform(0.0, np.pi, size=m)
        X = np.where(labels == 0, [np.cos(t), np.sin(t)], [1.0 - np.cos(t), 0.5 - np.sin(t)])
    elif kind == "circles":
        t = rng.uniform(0.0, 2 * np.pi, size=m)
        radius = np.where(labels == 0, 1.0, 0.4)
        X = radius * np.array([np.cos(t), np.sin(t)])
    elif kind == "blobs":
        centres = np.where(labels == 0, [[-1.0], [-1.0]], [[1.0], [1.0]])
        X = centres + 0.7 * rng.standard_normal((2, m))
    else:
        raise ValueError(f"kind must be 'moons', 'circles' or 'blobs', not {kind!r}")
    X = X + noise * rng.standard_normal((2, m))
    return X, labels.reshape(1, m).astype(np.float64)
