"""Values on the wire between the grader and the student's kernel: plain data only.

The grader encodes the inputs of a check (arrays, numbers, containers, a random
generator, callables it answers itself) as JSON; the kernel's shim
(``autograder.kernel_shim``) sends back what the student's function returned in the
same form. Everything that comes from the kernel is parsed here, defensively: a
bounded size, a bounded depth, numeric dtypes only, shapes that match their bytes.
Pickle and other object formats are never used. A value the kernel could not send as
data arrives as a :class:`KernelObject`, an opaque handle the grader can only pass back.
"""
import base64
import json
import math

import numpy as np

MAX_MESSAGE_CHARS = 48 * 2**20   # one message from the kernel
MAX_DEPTH = 40                   # nesting of lists, tuples and dicts
MAX_ARRAY_BYTES = 32 * 2**20     # one array
MAX_DIMS = 8
NUMERIC_KINDS = "biuf"


class WireError(Exception):
    """A message from the kernel that is not well-formed data."""


class KernelObject:
    """Something the student's function returned that is not plain data (a handle).

    The grader can pass it back to the kernel (a ``cache`` from the student's forward
    goes to the student's backward) but never looks inside it.
    """

    def __init__(self, handle, type_name):
        self.handle, self.type_name = handle, type_name

    def __repr__(self):
        return f"<a {self.type_name} object in the notebook>"


def parse(text):
    """The JSON value of a message from the kernel, or WireError."""
    if not isinstance(text, str) or len(text) > MAX_MESSAGE_CHARS:
        raise WireError("a message from the notebook's kernel was too large")
    try:
        return json.loads(text)
    except (ValueError, RecursionError, MemoryError) as err:
        raise WireError(f"a message from the notebook's kernel was not valid data "
                        f"({type(err).__name__})") from None


def decode(raw, depth=0, resolve=None):
    """The value the kernel sent, rebuilt from plain data (never trusted, always bounded).

    resolve(tag, raw) turns references into objects of the caller's: a callable the
    grader lent (``"callback"``) or a function in the kernel (``"callable"``); without
    it, both are refused or stay opaque.
    """
    if depth > MAX_DEPTH:
        raise WireError("the answer is nested too deeply")
    if raw is None or isinstance(raw, (bool, str)):
        return raw
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return raw
    if isinstance(raw, list):
        return [decode(v, depth + 1, resolve) for v in raw]
    if not isinstance(raw, dict):
        raise WireError("unknown value")
    if "__ndarray__" in raw:
        return _array(raw)
    if "__tuple__" in raw:
        return tuple(decode(v, depth + 1, resolve) for v in _list(raw["__tuple__"]))
    if "__dict__" in raw:
        pairs = _list(raw["__dict__"])
        result = {}
        for pair in pairs:
            if not isinstance(pair, list) or len(pair) != 2:
                raise WireError("a malformed dict")
            key = decode(pair[0], depth + 1, resolve)
            if not isinstance(key, (str, int, float, bool, tuple)) and key is not None:
                raise WireError("a dict key that is not a plain value")
            result[key] = decode(pair[1], depth + 1, resolve)
        return result
    if "__objects__" in raw:
        items = [decode(v, depth + 1, resolve) for v in _list(raw["__objects__"])]
        shape = _shape(raw.get("shape"))
        array = np.empty(len(items), dtype=object)
        array[:] = items if items else []
        if math.prod(shape) != len(items):
            raise WireError("an object array whose shape does not match its items")
        return array.reshape(shape)
    if "__handle__" in raw:
        handle, type_name = raw["__handle__"], raw.get("type")
        if not isinstance(handle, int) or not isinstance(type_name, str):
            raise WireError("a malformed handle")
        if raw.get("callable") is True and resolve is not None:
            return resolve("callable", raw)
        return KernelObject(handle, type_name[:80])
    if "__rng__" in raw:
        return _generator(raw["__rng__"])
    if "__callback__" in raw:
        if resolve is None or not isinstance(raw["__callback__"], int):
            raise WireError("a reference to a helper of the grader's, out of place")
        return resolve("callback", raw)
    raise WireError("unknown tagged value")


def _generator(state):
    """A PCG64 generator in the state the kernel's had (a check's helper may draw)."""
    if not isinstance(state, dict) or state.get("bit_generator") != "PCG64":
        raise WireError("a random generator the grader cannot rebuild")
    generator = np.random.Generator(np.random.PCG64())
    try:
        generator.bit_generator.state = state
    except (TypeError, ValueError, KeyError, OverflowError):
        raise WireError("a random generator in a malformed state") from None
    return generator


def _list(value):
    if not isinstance(value, list):
        raise WireError("a malformed container")
    return value


def _shape(value):
    if not isinstance(value, list) or len(value) > MAX_DIMS or \
            not all(isinstance(n, int) and not isinstance(n, bool) and 0 <= n < 2**31
                    for n in value):
        raise WireError("a malformed array shape")
    return tuple(value)


def _array(raw):
    dtype_text, shape = raw.get("dtype"), _shape(raw.get("shape"))
    if not isinstance(dtype_text, str) or len(dtype_text) > 8:
        raise WireError("a malformed array dtype")
    try:
        dtype = np.dtype(dtype_text)
    except TypeError:
        raise WireError("an unknown array dtype") from None
    if dtype.kind not in NUMERIC_KINDS or dtype.itemsize > 16 or dtype.hasobject:
        raise WireError("an array that is not numeric")
    data = raw.get("__ndarray__")
    if not isinstance(data, str) or len(data) > MAX_ARRAY_BYTES * 4 // 3 + 4:
        raise WireError("an array too large")
    try:
        buffer = base64.b64decode(data, validate=True)
    except ValueError:
        raise WireError("a malformed array") from None
    if len(buffer) != math.prod(shape) * dtype.itemsize:
        raise WireError("an array whose shape does not match its data")
    array = np.frombuffer(buffer, dtype=dtype).reshape(shape).copy()
    if raw.get("scalar") is True:
        return array[()]
    return array


# --- the grader's values, for the kernel ----------------------------------------------
class Callbacks:
    """Callables the grader lends the kernel for one call: stand-ins and arguments."""

    def __init__(self):
        self.functions = {}

    def add(self, function):
        ident = len(self.functions) + 1
        self.functions[ident] = function
        return ident


def encode(value, callbacks, depth=0):
    """JSON-able form of a value the grader sends to the kernel."""
    if depth > MAX_DEPTH:
        raise ValueError("a value nested too deeply to send")
    if value is None or type(value) in (bool, int, float, str):
        return value
    if isinstance(value, KernelObject):
        return {"__handle__": value.handle}
    reference = getattr(value, "wire_reference", None)
    if callable(reference):  # a function that lives in the kernel (autograder.remote)
        return reference()
    if isinstance(value, (np.ndarray, np.generic)):
        array = np.asarray(value)
        if array.dtype.kind not in NUMERIC_KINDS:
            raise ValueError(f"cannot send an array of dtype {array.dtype}")
        array = np.array(array, dtype=array.dtype.newbyteorder("<"), order="C")
        return {"__ndarray__": base64.b64encode(array.tobytes()).decode("ascii"),
                "dtype": array.dtype.str, "shape": list(array.shape),
                "scalar": isinstance(value, np.generic)}
    if isinstance(value, bool):  # subclasses of the plain types: send the plain value
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, tuple):
        return {"__tuple__": [encode(v, callbacks, depth + 1) for v in value]}
    if isinstance(value, list):
        return [encode(v, callbacks, depth + 1) for v in value]
    if isinstance(value, dict):
        return {"__dict__": [[encode(k, callbacks, depth + 1), encode(v, callbacks, depth + 1)]
                             for k, v in value.items()]}
    if isinstance(value, np.random.Generator):
        return {"__rng__": value.bit_generator.state}
    if callable(value):
        return {"__callback__": callbacks.add(value),
                "name": getattr(value, "__name__", "function")}
    raise ValueError(f"cannot send a {type(value).__name__} to the kernel")


def write_back(original, after):
    """Make ``original`` look as the kernel's copy did after the call (in-place changes).

    The student's function ran on the kernel's copies of the arguments; a function
    that changes its arguments in place must be seen to do so here too.
    """
    if isinstance(original, np.ndarray) and isinstance(after, np.ndarray):
        if original.shape == after.shape and after.dtype.kind in NUMERIC_KINDS \
                and original.flags.writeable:
            np.copyto(original, after, casting="unsafe")
    elif isinstance(original, dict) and isinstance(after, dict):
        for key in list(original):
            if key not in after:
                del original[key]
        for key, value in after.items():
            if key in original and _same_kind(original[key], value):
                write_back(original[key], value)
            else:
                original[key] = value
    elif isinstance(original, list) and isinstance(after, list):
        if len(original) == len(after):
            for index, value in enumerate(after):
                if _same_kind(original[index], value):
                    write_back(original[index], value)
                else:
                    original[index] = value
        else:
            original[:] = after
    elif isinstance(original, tuple) and isinstance(after, tuple) and \
            len(original) == len(after):
        for item, value in zip(original, after):
            write_back(item, value)
    elif isinstance(original, np.random.Generator) and isinstance(after, dict) \
            and "__rng__" in after:
        try:
            original.bit_generator.state = after["__rng__"]
        except (TypeError, ValueError, KeyError):
            pass


def _same_kind(a, b):
    return isinstance(a, (np.ndarray, dict, list, tuple)) and type(a) is type(b) or \
        isinstance(a, np.ndarray) and isinstance(b, np.ndarray)


def decode_after(raw, resolve=None):
    """An argument as the kernel left it: a value, or a generator's new state."""
    if isinstance(raw, dict) and "__rng__" in raw:
        return {"__rng__": raw["__rng__"]}
    return decode(raw, resolve=resolve)


def generator_states(values):
    """For each value, a generator's state after use (None for anything else)."""
    return [v.bit_generator.state if isinstance(v, np.random.Generator) else None
            for v in values]
