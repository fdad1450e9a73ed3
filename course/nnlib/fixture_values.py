"""Plain data for the self-checks' fixtures: encoding, decoding and comparing values.

A fixture (``nnlib/fixtures/lessonNN.json``) holds fixed inputs and the outputs they
must give, as JSON. Values other than numbers, strings, lists and None are tagged:

    {"__array__": [[1.0, 2.0]], "dtype": "float64"}   an ndarray (shape from the lists,
                                                      or "shape" for an empty one)
    {"__tuple__": [...]}, {"__dict__": {...}}         a tuple, a dict
    {"__function__": "cubic"}                          a function of ``FUNCTIONS``
    {"__rng__": 7}                                     np.random.default_rng(7)

Only numbers travel: no code is ever read from a fixture.
"""
import math

import numpy as np

from .i18n import _


def _coupled(theta):
    """A smooth cost of any array θ whose entries interact: sum sin θ + (w·θ)² / 4."""
    t = np.asarray(theta, dtype=np.float64).ravel()
    w = np.linspace(-1.0, 1.0, t.size)
    return float(np.sum(np.sin(t)) + 0.25 * np.dot(w, t) ** 2)


def _coupled_grad(theta):
    """The exact gradient of ``_coupled``, shaped like θ."""
    shape = np.shape(theta)
    t = np.asarray(theta, dtype=np.float64).ravel()
    w = np.linspace(-1.0, 1.0, t.size)
    return (np.cos(t) + 0.5 * np.dot(w, t) * w).reshape(shape)


def _coupled_grad_buggy(theta):
    """``_coupled_grad`` with its first entry of the wrong sign."""
    g = np.array(_coupled_grad(theta), dtype=np.float64)
    g.flat[0] = -g.flat[0]
    return g


def _coupled_grad_tilted(theta):
    """``_coupled_grad`` off by about 4e-6 relative: passes tol = 1e-4 only."""
    g = np.array(_coupled_grad(theta), dtype=np.float64)
    return g * (1.0 + 4e-6 * np.where(np.arange(g.size) % 2 == 0, 1.0, -1.0).reshape(g.shape))


#: The functions a fixture may pass as an argument, by name.
FUNCTIONS = {
    "cubic": lambda t: t ** 3,
    "wave": lambda t: math.sin(2.0 * t) + 0.5 * t * t,
    "growth": lambda t: math.exp(1.5 * t / 2) - t,
    "coupled": _coupled,
    "coupled_grad": _coupled_grad,
    "coupled_grad_buggy": _coupled_grad_buggy,
    "coupled_grad_tilted": _coupled_grad_tilted,
}


def _plain(x):
    return x.item() if isinstance(x, np.generic) else x


def encode(value):
    """A JSON-able form of ``value`` (numbers, arrays, tuples, dicts, lists, strings, a
    function of ``FUNCTIONS``, ``{"__rng__": seed}``)."""
    if isinstance(value, np.ndarray):
        data = {"__array__": value.tolist(), "dtype": value.dtype.name}
        if value.size == 0:
            data["shape"] = list(value.shape)
        return data
    if isinstance(value, np.generic):
        return _plain(value)
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, dict) and set(value) == {"__rng__"}:
        return {"__rng__": int(value["__rng__"])}  # a generator, by its seed
    if isinstance(value, dict):
        return {"__dict__": {str(k): encode(v) for k, v in value.items()}}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    for name, function in FUNCTIONS.items():
        if value is function:
            return {"__function__": name}
    raise TypeError(f"not plain data: {type(value).__name__}")


def decode(data):
    """The value ``encode`` wrote: fresh arrays, generators and named functions."""
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict):
        return data
    if "__array__" in data:
        array = np.array(data["__array__"], dtype=data["dtype"])
        return array.reshape(data["shape"]) if "shape" in data else array
    if "__tuple__" in data:
        return tuple(decode(v) for v in data["__tuple__"])
    if "__dict__" in data:
        return {k: decode(v) for k, v in data["__dict__"].items()}
    if "__function__" in data:
        return FUNCTIONS[data["__function__"]]
    if "__rng__" in data:
        return np.random.default_rng(data["__rng__"])
    raise ValueError(f"unknown fixture value {sorted(data)}")


def _shape_text(shape):
    return _("a scalar") if shape == () else str(tuple(shape))


def difference(actual, expected, name, rtol=1e-6, atol=1e-9):
    """None when ``actual`` matches ``expected`` (a decoded fixture value), else a
    sentence saying where they first differ.

    Numbers and arrays agree when |a − e| <= atol·max(1, max|e|) + rtol·|e| entrywise;
    a list of numbers may come back as an array and a number as a one-entry array.
    """
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return _("{name} is a {type}; expected a dict").format(
                name=name, type=type(actual).__name__)
        if sorted(map(str, actual)) != sorted(expected):
            return _("{name} has keys {keys}, expected {expected}").format(
                name=name, keys=sorted(map(str, actual)), expected=sorted(expected))
        for key in expected:
            part = f"{name}[{key!r}]" if key.isidentifier() else f"{name}, {key}"
            found = difference(actual[key], expected[key], part, rtol, atol)
            if found:
                return found
        return None
    if isinstance(expected, tuple) or (isinstance(expected, list) and expected
                                       and not _numeric(expected)):
        if not isinstance(actual, (tuple, list)):
            return _("{name} is a {type}; expected {count} values").format(
                name=name, type=type(actual).__name__, count=len(expected))
        if len(actual) != len(expected):
            return _("{name} has {count} entries, expected {expected}").format(
                name=name, count=len(actual), expected=len(expected))
        for i, (a, e) in enumerate(zip(actual, expected)):
            found = difference(a, e, f"{name}[{i}]", rtol, atol)
            if found:
                return found
        return None
    if isinstance(expected, (bool, str)) or expected is None:
        if type(actual) is type(expected) or isinstance(actual, np.bool_):
            if actual == expected:
                return None
            return _("{name} is {value}, expected {expected}").format(
                name=name, value=repr(actual), expected=repr(expected))
        return _("{name} is {value} ({type}), expected {expected}").format(
            name=name, value=repr(actual), type=type(actual).__name__, expected=repr(expected))
    return _numbers_difference(actual, expected, name, rtol, atol)


def _numeric(values):
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def _numbers_difference(actual, expected, name, rtol, atol):
    if actual is None:
        return _("{name} is None: did you forget a return statement?").format(name=name)
    try:
        a = np.array(actual, dtype=np.float64)
    except (TypeError, ValueError):
        return _("{name} is a {type}; expected numbers").format(name=name,
                                                                  type=type(actual).__name__)
    e = np.array(expected, dtype=np.float64)
    if a.size == 1 and e.size == 1 and e.ndim == 0:
        a = a.reshape(())
    if a.shape != e.shape:
        return _("{name} has shape {shape}, expected {expected}").format(
            name=name, shape=_shape_text(a.shape), expected=_shape_text(e.shape))
    if np.any(~np.isfinite(a) & np.isfinite(e)):
        return _("{name} contains NaN or infinite values").format(name=name)
    # where the expected value is NaN or infinite (a mistake's output), so must yours be
    same_special = (np.isnan(a) & np.isnan(e)) | (np.isinf(e) & (a == e))
    if np.any(~np.isfinite(e) & ~same_special):
        return _("{name} is finite where the expected value is not").format(name=name)
    finite_e = np.where(np.isfinite(e), e, 0.0)
    scale = max(1.0, float(np.max(np.abs(finite_e)))) if e.size else 1.0
    diff = np.where(np.isfinite(e), np.abs(np.where(np.isfinite(a), a, 0.0) - finite_e), 0.0)
    gap = diff - (atol * scale + rtol * np.abs(finite_e))
    if e.size == 0 or not np.any(gap > 0):
        return None
    index = np.unravel_index(int(np.argmax(gap)), e.shape)
    if e.ndim == 0:
        return _("{name} is wrong: you return {value} and the expected value is "
                 "{expected}").format(name=name, value=f"{a:.6g}", expected=f"{e:.6g}")
    return _("{name} is wrong: the largest difference is at index {index}, where you return "
             "{value} and the expected value is {expected}").format(
        name=name, index=tuple(int(i) for i in index), value=f"{a[index]:.6g}",
        expected=f"{e[index]:.6g}")
