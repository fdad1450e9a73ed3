import numpy as np

from nnlib import data


def test_digits_split_is_fixed_and_complete():
    train, test, everything = (data.load_digits(s) for s in ("train", "test", "all"))
    assert train.X.shape == (64, 1347) and test.X.shape == (64, 450)
    assert everything.X.shape == (64, 1797)
    assert train.Y.shape == (10, 1347) and np.all(train.Y.sum(axis=0) == 1)
    assert np.array_equal(train.Y.argmax(axis=0), train.labels)
    assert 0.0 <= train.X.min() and train.X.max() == 1.0
    # the split is a partition of all the images, the same every time
    rows = lambda d: {tuple(col) + (lab,) for col, lab in zip(d.X.T, d.labels)}
    assert len(rows(train) | rows(test)) == len(rows(everything))
    assert np.array_equal(data.load_digits("train").X, train.X)
    assert set(np.unique(test.labels)) == set(range(10))


def test_synthetic_sets_use_the_given_rng():
    for kind in ("moons", "circles", "blobs"):
        X1, Y1 = data.classes_2d(50, np.random.default_rng(3), kind)
        X2, Y2 = data.classes_2d(50, np.random.default_rng(3), kind)
        assert X1.shape == (2, 50) and Y1.shape == (1, 50)
        assert np.array_equal(X1, X2) and set(np.unique(Y1)) == {0.0, 1.0}
    x, y = data.regression_1d(40, np.random.default_rng(0), w_true=2.0, noise=0.0)
    assert np.allclose(y, 2 * x)
