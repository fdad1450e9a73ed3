"""Observations of random functions (initialisation, mini-batches, training).

A random function has no single right answer, so its self-check compares what can be
observed of it, on a fixture's fixed inputs, with what the course's own function shows:
shapes, statistics of the values, and whether the same seed repeats the result. Each
probe turns ``function(*args)`` into a dict of such plain observations; ``make_args()``
returns fresh arguments (a new ``np.random.default_rng(seed)`` each time).
"""
import numpy as np


class ProbeError(Exception):
    """The function's answer cannot even be observed (wrong type, wrong structure)."""


def _with_global_seed(seed, function, args):
    """Call ``function(*args)`` with NumPy's global random state seeded to ``seed``."""
    saved = np.random.get_state()
    try:
        np.random.seed(seed)
        return function(*args)
    finally:
        np.random.set_state(saved)


def _same(a, b):
    """True when two answers (dicts, lists, tuples of arrays) are equal entry by entry."""
    if isinstance(a, dict) and isinstance(b, dict):
        return sorted(a) == sorted(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    try:
        x, y = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return x.shape == y.shape and bool(np.allclose(x, y, rtol=1e-12, atol=0.0))


def _arrays(params, name):
    if not isinstance(params, dict):
        raise ProbeError(f"{name} must return a dict of arrays; it returned "
                         f"{type(params).__name__}")
    out = {}
    for key, value in params.items():
        try:
            out[str(key)] = np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise ProbeError(f"{name}[{key!r}] is not an array of numbers") from None
    return out


def array_statistics(A):
    """Shape and, unless all zero, log(std), mean/std and mean|x|/std of an array of any
    shape: its scale, its centre and its distribution (0.80 normal, 0.87 uniform)."""
    A = np.asarray(A, dtype=np.float64)
    std = float(A.std()) if A.size else 0.0
    if std == 0.0:
        return {"shape": str(A.shape), "all zero": bool(not np.any(A))}
    return {"shape": str(A.shape), "all zero": False, "log(std)": float(np.log(std)),
            "mean/std": float(A.mean() / std), "mean|x|/std": float(np.abs(A).mean() / std)}


def probe_init(function, make_args, name):
    """Initialisers ``init_*(layer_dims, ..., rng) -> params``: statistics of each
    array, and the generator's part (same seed, same params; another seed, others).

    layer_dims: [n_0, ..., n_L]; params: W_l of shape (n_l, n_(l-1)), b_l of (n_l, 1).
    """
    params = _arrays(_with_global_seed(1, function, make_args()), name)
    again = _arrays(_with_global_seed(2, function, make_args()), name)
    twice = _arrays(_with_global_seed(1, function, make_args()), name)
    other = _arrays(_with_global_seed(1, function, make_args(seed_offset=1)), name)
    return {"params": {key: array_statistics(params[key]) for key in sorted(params)},
            "the same seed gives the same params": _same(params, again),
            "the same seed and global state give the same params": _same(params, twice),
            "another seed gives other params": not _same(params, other)}


def _batch_order(batches, X, Y, name):
    """Column indices of X in the order the batches hold them (-1: not a column of X),
    and whether each example kept its own Y column."""
    if not isinstance(batches, (list, tuple)):
        raise ProbeError(f"{name} must return a list of (X_batch, Y_batch) pairs; it "
                         f"returned {type(batches).__name__}")
    order, paired, shapes = [], True, []
    for batch in batches:
        if not isinstance(batch, (list, tuple)) or len(batch) != 2:
            raise ProbeError(f"each entry of {name}'s list must be a pair (X_batch, Y_batch)")
        Xb, Yb = (np.asarray(b, dtype=np.float64) for b in batch)
        shapes.append(f"{Xb.shape} and {Yb.shape}")
        if Xb.ndim != 2 or Yb.ndim != 2:
            continue
        for j in range(Xb.shape[1]):
            match = np.flatnonzero(np.all(X == Xb[:, j:j + 1], axis=0))
            i = int(match[0]) if match.size else -1
            order.append(i)
            if i < 0 or j >= Yb.shape[1] or not np.array_equal(Yb[:, j], Y[:, i]):
                paired = False
    return order, paired, shapes


def probe_minibatches(function, make_args, name):
    """``random_minibatches(X, Y, batch_size, rng)``: batch shapes, every example once
    with its own label, shuffled, and the generator's part.

    X: (n_x, m), Y: (n_y, m), columns distinct; each batch a pair X_b (n_x, k),
    Y_b (n_y, k) with k = batch_size except maybe the last.
    """
    args = make_args()
    X, Y = np.asarray(args[0], dtype=np.float64), np.asarray(args[1], dtype=np.float64)
    order, paired, shapes = _batch_order(_with_global_seed(1, function, args), X, Y, name)
    again = _batch_order(_with_global_seed(2, function, make_args()), X, Y, name)[0]
    twice = _batch_order(_with_global_seed(1, function, make_args()), X, Y, name)[0]
    other = _batch_order(_with_global_seed(1, function, make_args(seed_offset=1)), X, Y,
                         name)[0]
    shared = make_args()  # two epochs drawn from one generator
    first = _batch_order(function(*shared), X, Y, name)[0]
    second = _batch_order(function(*shared), X, Y, name)[0]
    return {"batch shapes": shapes,
            "every example exactly once": sorted(order) == list(range(X.shape[1])),
            "every X column keeps its Y column": paired,
            "the examples are shuffled": order != sorted(order),
            "the same seed gives the same batches": again == order,
            "the same seed and global state give the same batches": twice == order,
            "another seed gives other batches": other != order,
            "two epochs from one generator differ": first != second}


def _predict(X, params):
    """Classes, shape (m,), of the capstone's network (sigmoid hidden units, softmax
    output) for X of shape (n_0, m)."""
    A, L = X, len(params) // 2
    for l in range(1, L + 1):
        Z = params[f"W{l}"] @ A + params[f"b{l}"]
        A = 1.0 / (1.0 + np.exp(-Z)) if l < L else Z
    return np.argmax(A, axis=0)


def _accurate(X, Y, params):
    try:
        return bool(np.mean(_predict(X, params) == np.argmax(Y, axis=0)) >= 0.9)
    except (KeyError, ValueError):  # missing or mis-shaped parameters
        return False


def probe_train(function, make_args, name):
    """``train(X, Y, layer_dims, rng, epochs, ...) -> (params, costs)``: shapes, one
    cost per epoch, learning, distinct hidden units, the generator's part and λ's.

    X: (n_0, m), Y: (K, m) one-hot; params W_l (n_l, n_(l-1)), b_l (n_l, 1); costs:
    one number per epoch. ``lambd`` is the last argument.
    """
    def run(global_seed=1, seed_offset=0, lambd=None):
        args = make_args(seed_offset=seed_offset)
        if lambd is not None:
            args[-1] = lambd
        result = _with_global_seed(global_seed, function, args)
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            raise ProbeError(f"{name} must return a pair (params, costs)")
        costs = np.asarray(result[1], dtype=np.float64).ravel()
        return _arrays(result[0], name), costs, args

    params, costs, args = run()
    X, Y, epochs = args[0], args[1], args[4]
    W1 = params.get("W1", np.zeros((1, 1)))
    held, free = run(lambd=5.0)[0], run(lambd=0.0)[0]
    norm = lambda p: float(np.sqrt(sum(np.sum(p[k] ** 2) for k in p if k.startswith("W"))))
    return {"shapes": {key: str(params[key].shape) for key in sorted(params)},
            "one cost per epoch": costs.size == epochs,
            "the cost goes down": bool(costs.size > 1 and costs[-1] < costs[0]),
            "at least 90% of the training examples right": _accurate(X, Y, params),
            "the hidden units differ": not all(np.allclose(W1[j], W1[0])
                                               for j in range(1, W1.shape[0])),
            "the same seed gives the same run": _same(params, run(global_seed=2)[0]),
            "the same seed and global state give the same run": _same(params, run()[0]),
            "another seed gives another run": not _same(params, run(seed_offset=1)[0]),
            "λ = 5 keeps the weights under half those of λ = 0": norm(held) < 0.5 * norm(free)}


PROBES = {"init": probe_init, "minibatches": probe_minibatches, "train": probe_train}
