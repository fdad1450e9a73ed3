"""The only grader code that runs in the student's kernel: it calls functions, no more.

The trusted grader (``autograder.remote``) sends this file's text to the kernel, which
runs on the student's environment: the grader's package is not installed there. The
shim holds no reference, no expected value, no key and no check. While a hidden test
runs, the kernel executes ``serve()`` and the grader talks to it over Jupyter's stdin
channel: every prompt the kernel sends is a JSON message, every reply is a command.

Commands (grader -> kernel), each answered by one message:

    {"op": "lookup", "name": N}      -> {"op": "value", "kind": "callable"|"value"|"missing", "value": V}
    {"op": "call", "name": N, "args": [...], "kwargs": {...}, "stand_ins": {name: id}}
                                     -> {"op": "returned", "value": V, "args": [...], "kwargs": {...}}
                                        or {"op": "raised", "type": T, "message": M}
    {"op": "seed_legacy", "seed": S} -> {"op": "seeded"}  (np.random and random, seeded)
    {"op": "done"}                   -> serve() returns

A call may name a handle instead (``"handle": H``): a function the student's code gave
the grader, e.g. a lambda passed to one of the grader's helpers.

While a call runs, the student's code may call a stand-in (a helper the grader
computes, e.g. a correct ``forward`` while ``backprop`` is graded) or a callable
argument; that sends ``{"op": "callback", "id": I, "args": [...], "kwargs": {...}}``
and waits for ``{"op": "value", "value": V}`` or ``{"op": "error", "type": T, "message": M}``,
answering any command the grader sends meanwhile (calls nest both ways).

Values travel as JSON: numbers, strings, None, lists, and tagged objects for arrays
(``__ndarray__``: dtype, shape, base64 bytes), tuples, dicts, random generators and
callbacks. Anything else the student returns travels as a handle to the object, which
stays here and can be passed back (e.g. a ``cache``). Nothing here is trusted: the
grader parses every message defensively and decides every score itself.
"""
import base64
import builtins
import json
import sys

_PLAIN_DTYPES = ("b", "i", "u", "f")
_objects = {}  # handle -> object the student returned that is not plain data


def _encode(value, depth=0):
    import numpy as np

    if depth > 30:  # the grader refuses deeper data (wire.MAX_DEPTH): send a handle
        return {"__handle__": _keep(value), "type": type(value).__name__}
    if value is None or type(value) in (bool, int, float, str):
        return value
    if getattr(value, "_grader_callback", None) is not None:  # a stub of ours, going home
        return {"__callback__": value._grader_callback}
    if type(value).__name__ == "Generator" and hasattr(value, "bit_generator") and \
            type(value.bit_generator).__name__ == "PCG64":  # the rng a check gave, say
        return {"__rng__": value.bit_generator.state}
    if type(value) is tuple:
        return {"__tuple__": [_encode(v, depth + 1) for v in value]}
    if type(value) is list:
        return [_encode(v, depth + 1) for v in value]
    if type(value) is dict:
        return {"__dict__": [[_encode(k, depth + 1), _encode(v, depth + 1)]
                             for k, v in value.items()]}
    if isinstance(value, np.ndarray) or type(value).__module__ == "numpy" and \
            isinstance(value, np.generic):
        array = np.asarray(value)
        if array.dtype.kind in _PLAIN_DTYPES:
            array = np.array(array, dtype=array.dtype.newbyteorder("<"), order="C")
            return {"__ndarray__": base64.b64encode(array.tobytes()).decode("ascii"),
                    "dtype": array.dtype.str, "shape": list(array.shape),
                    "scalar": isinstance(value, np.generic)}
        if array.dtype.kind == "O":
            return {"__objects__": [_encode(v, depth + 1) for v in array.ravel().tolist()],
                    "shape": list(array.shape)}
    return {"__handle__": _keep(value), "type": type(value).__name__,
            "callable": callable(value)}


def _keep(value):
    handle = len(_objects) + 1
    _objects[handle] = value
    return handle


def _decode(value, ask):
    import numpy as np

    if isinstance(value, list):
        return [_decode(v, ask) for v in value]
    if not isinstance(value, dict):
        return value
    if "__ndarray__" in value:
        data = base64.b64decode(value["__ndarray__"])
        array = np.frombuffer(data, dtype=value["dtype"]).reshape(value["shape"]).copy()
        return array[()] if value.get("scalar") else array
    if "__tuple__" in value:
        return tuple(_decode(v, ask) for v in value["__tuple__"])
    if "__dict__" in value:
        return {_decode(k, ask): _decode(v, ask) for k, v in value["__dict__"]}
    if "__rng__" in value:
        rng = np.random.Generator(np.random.PCG64())
        rng.bit_generator.state = value["__rng__"]
        return rng
    if "__callback__" in value:
        return _callback(value["__callback__"], value.get("name", "function"), ask)
    if "__handle__" in value:
        return _objects[value["__handle__"]]
    if "__global__" in value:  # one of the student's own names
        return sys.modules["__main__"].__dict__[value["__global__"]]
    raise ValueError("unknown value from the grader")


def _callback(ident, name, ask):
    def function(*args, **kwargs):
        reply = ask({"op": "callback", "id": ident, "args": _encode(list(args)),
                     "kwargs": _encode(kwargs)})
        if reply.get("op") == "error":
            raise _exception(reply["type"])(reply["message"])
        # a generator the grader's helper drew from moves on here too
        for arg, state in zip(args, reply.get("rng_after", [])):
            if state is not None:
                arg.bit_generator.state = state
        return _decode(reply["value"], ask)

    function.__name__ = function.__qualname__ = name
    function._grader_callback = ident
    return function


def _exception(type_name):
    found = getattr(builtins, type_name, None)
    if isinstance(found, type) and issubclass(found, Exception):
        return found
    return RuntimeError


def _after(value):
    """What an argument looks like after the call (arrays and containers may change)."""
    import numpy as np

    if isinstance(value, np.random.Generator):
        return {"__rng__": value.bit_generator.state}
    return _encode(value)


def _call(message, namespace, ask):
    if "handle" in message:  # something the student's code returned or passed on
        function = _objects.get(message["handle"])
    else:
        function = namespace.get(message["name"])
    if not callable(function):
        return {"op": "raised", "type": "NameError",
                "message": f"{message.get('name', 'this')!r} is not a function in the notebook"}
    args = _decode(message["args"], ask)
    kwargs = _decode(message["kwargs"], ask)
    missing = object()
    stand_ins = message.get("stand_ins", {})
    saved = {name: namespace.get(name, missing) for name in stand_ins}
    for name, ident in stand_ins.items():
        namespace[name] = _callback(ident, name, ask)
    try:
        import warnings
        import numpy as np
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            value = function(*args, **kwargs)
        return {"op": "returned", "value": _encode(value),
                "args": [_after(a) for a in args],
                "kwargs": {k: _after(v) for k, v in kwargs.items()}}
    except BaseException as err:  # noqa: BLE001 - reported to the grader, never raised
        return {"op": "raised", "type": type(err).__name__, "message": str(err)[:2000]}
    finally:
        for name, value in saved.items():
            if value is missing:
                namespace.pop(name, None)
            else:
                namespace[name] = value


def _lookup(message, namespace):
    if message["name"] not in namespace:
        return {"op": "value", "kind": "missing", "value": None}
    value = namespace[message["name"]]
    if callable(value) and not isinstance(value, type):
        return {"op": "value", "kind": "callable", "value": None}
    return {"op": "value", "kind": "value", "value": _encode(value)}


def _answer(message, namespace, ask):
    """The kernel's answer to one command of the grader's."""
    try:
        if message["op"] == "call":
            return _call(message, namespace, ask)
        if message["op"] == "lookup":
            return _lookup(message, namespace)
        if message["op"] == "seed_legacy":  # does the student use global random?
            import random
            import numpy as np
            np.random.seed(int(message["seed"]))
            random.seed(int(message["seed"]))
            return {"op": "seeded"}
        return {"op": "raised", "type": "ValueError", "message": "unknown command"}
    except Exception as err:  # noqa: BLE001 - e.g. a value that cannot be encoded
        return {"op": "raised", "type": type(err).__name__, "message": str(err)[:2000]}


COMMANDS = ("call", "lookup", "seed_legacy")


def serve():
    """Answer the grader's commands until it says done (runs inside a hidden test)."""
    namespace = sys.modules["__main__"].__dict__
    prompt = builtins.input  # ipykernel's, set for this execution (allow_stdin)

    def ask(message):
        """Send a message; answer the grader's commands (they may come while a helper of
        the grader's is running) until its reply to this message arrives."""
        reply = json.loads(prompt(json.dumps(message)))
        while reply.get("op") in COMMANDS:
            reply = json.loads(prompt(json.dumps(_answer(reply, namespace, ask))))
        return reply

    ask({"op": "ready"})  # returns when the grader says done
