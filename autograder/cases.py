"""Random test cases for hidden tests: reproducible per check, never the visible ones."""
import contextlib
import random
import zlib

import numpy as np

from .compare import call


def rng_for(check_name, rng=None):
    """The generator a check draws its cases from.

    Hidden tests use a seed derived from the check's name, so regrading gives the same
    grade; the tests of the checks pass a fresh ``rng`` to see new cases. (Learners'
    self-checks use the public fixed cases of ``nnlib/fixtures`` instead.)
    """
    if rng is not None:
        return rng
    return np.random.default_rng(zlib.crc32(check_name.encode()))


@contextlib.contextmanager
def substituted(function, **replacements):
    """Temporarily bind names in the globals of the student's ``function``.

    Used to grade one function at a time: while ``gradient_descent`` is checked, the
    ``mse_slope`` it calls is the reference one, so a wrong slope costs the slope's
    points only. Everything is restored afterwards.
    """
    if hasattr(function, "stand_ins"):  # in the student's kernel: autograder.remote
        saved_stand_ins = function.stand_ins
        function.stand_ins = {**saved_stand_ins, **replacements}
        try:
            yield
        finally:
            function.stand_ins = saved_stand_ins
        return
    namespace = getattr(function, "__globals__", None)
    if namespace is None:
        yield
        return
    missing = object()
    saved = {k: namespace.get(k, missing) for k in replacements}
    namespace.update(replacements)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is missing:
                namespace.pop(k, None)
            else:
                namespace[k] = v


def student_global(function, name):
    """Another of the student's names, seen from ``function``: the student's ``forward``
    while ``backprop`` is checked, say. None when the notebook has no such name.

    Works on the student's own function (self-checks, stock nbgrader) and on the
    grader's stand-in for a function that lives in the student's kernel.
    """
    lookup = getattr(function, "student_global", None)
    if lookup is not None:  # a function in the student's kernel (autograder.remote)
        return lookup(name)
    return getattr(function, "__globals__", {}).get(name)


def seed_legacy_rng(function, seed):
    """Seed the global random state where ``function`` runs: NumPy's legacy generator
    and Python's ``random`` (in the student's kernel, for a function that lives there)."""
    seeder = getattr(function, "seed_legacy_rng", None)
    if seeder is not None:
        seeder(seed)
    else:
        np.random.seed(seed)
        random.seed(seed)


def call_with_global_seed(function, name, global_seed, *args, **kwargs):
    """Call the student with the global random state seeded to ``global_seed``.

    A function that draws only from the ``rng`` it is given answers the same for the
    same ``rng`` seed whatever ``global_seed`` is; one that draws from the global state
    does not. Comparing answers (never asking the kernel) tells the two apart.
    """
    if hasattr(function, "seed_legacy_rng"):  # in the student's kernel
        function.seed_legacy_rng(global_seed)
        return call(function, name, *args, **kwargs)
    saved = np.random.get_state(), random.getstate()
    try:  # here: the caller's own global state is left as it was
        seed_legacy_rng(function, global_seed)
        return call(function, name, *args, **kwargs)
    finally:
        np.random.set_state(saved[0])
        random.setstate(saved[1])


def random_network(rng, layer_dims, m, sigmoid_outputs=True):
    """A self-consistent random test case for a layered network.

    Returns (X, Y, params): X (n0, m) standard normal, params with weights of std
    1/sqrt(n_in) and biases drawn too (so a bias mistake shows), and Y (nL, m) in {0, 1}
    (one-hot columns when nL > 1 and ``sigmoid_outputs`` is False).
    """
    X = rng.standard_normal((layer_dims[0], m))
    params = {}
    for l in range(1, len(layer_dims)):
        n_in, n_out = layer_dims[l - 1], layer_dims[l]
        params[f"W{l}"] = rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)
        params[f"b{l}"] = 0.5 * rng.standard_normal((n_out, 1))
    n_out = layer_dims[-1]
    if sigmoid_outputs or n_out == 1:
        Y = (rng.random((n_out, m)) < 0.5).astype(np.float64)
    else:
        Y = np.eye(n_out)[:, rng.integers(0, n_out, m)]
    return X, Y, params
