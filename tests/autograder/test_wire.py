"""Plain data across the trust boundary (autograder.wire and the kernel shim's side)."""
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from autograder import kernel_shim, wire


def from_kernel(value):
    """What the grader reads when the student's function returns ``value``."""
    return wire.decode(wire.parse(json.dumps(kernel_shim._encode(value))))


@settings(max_examples=60, deadline=None)
@given(hnp.arrays(st.sampled_from([np.float64, np.float32, np.int64, np.int8, np.bool_]),
                  hnp.array_shapes(min_dims=0, max_dims=4, max_side=5)))
def test_arrays_cross_exactly(array):
    back = from_kernel(array)
    assert isinstance(back, np.ndarray) and back.dtype == array.dtype
    assert back.shape == array.shape
    assert np.array_equal(back, array, equal_nan=array.dtype.kind == "f")


def test_containers_scalars_and_objects():
    value = {"W1": np.ones((2, 3)), "b1": (1, 2.5, None, True), "n": [np.float64(3.0), "x"]}
    back = from_kernel(value)
    assert set(back) == {"W1", "b1", "n"} and back["b1"] == (1, 2.5, None, True)
    assert isinstance(back["n"][0], np.float64) and back["n"][0] == 3.0
    odd = from_kernel(object())
    assert isinstance(odd, wire.KernelObject) and odd.type_name == "object"


def test_a_float_subclass_is_not_taken_for_a_number():
    class Anything(float):
        def __eq__(self, other):
            return True
    back = from_kernel(Anything(1.0))
    assert isinstance(back, wire.KernelObject) and back.type_name == "Anything"


def test_deep_nesting_becomes_a_handle_in_the_kernel_and_an_error_here():
    deep = 0.0
    for _ in range(10_000):
        deep = [deep]
    assert isinstance(from_kernel(deep), list)  # a handle at depth 40, no RecursionError
    raw = "[" * 100_000 + "]" * 100_000
    with pytest.raises(wire.WireError):
        wire.decode(wire.parse(raw))
    nested = {"__tuple__": []}
    for _ in range(wire.MAX_DEPTH + 5):
        nested = {"__tuple__": [nested]}
    with pytest.raises(wire.WireError, match="nested"):
        wire.decode(nested)


@pytest.mark.parametrize("raw", [
    {"__ndarray__": "AAAA", "dtype": "O", "shape": [1]},             # objects
    {"__ndarray__": "AAAAAAAAAAA=", "dtype": "<f8", "shape": [3]},   # wrong size
    {"__ndarray__": "AAAAAAAAAAA=", "dtype": "<f8", "shape": [-1]},  # negative
    {"__ndarray__": "!!!", "dtype": "<f8", "shape": [1]},            # not base64
    {"__ndarray__": "", "dtype": "V8", "shape": [0]},                 # void
    {"__handle__": "1", "type": "x"},
    {"__dict__": [[{"__ndarray__": "", "dtype": "<f8", "shape": [0]}, 1]]},  # array key
    {"__nonsense__": 1},
])
def test_malformed_values_are_refused(raw):
    with pytest.raises(wire.WireError):
        wire.decode(raw)


def test_oversized_messages_are_refused_before_parsing():
    with pytest.raises(wire.WireError, match="too large"):
        wire.parse(" " * (wire.MAX_MESSAGE_CHARS + 1))


def test_the_grader_sends_callables_and_generators_as_references():
    callbacks = wire.Callbacks()
    rng = np.random.default_rng(3)
    sent = wire.encode({"J": len, "rng": rng, "x": np.arange(3.0)}, callbacks)
    assert callbacks.functions == {1: len}
    shim_side = kernel_shim._decode(json.loads(json.dumps(sent)), ask=None)
    assert shim_side["rng"].standard_normal() == np.random.default_rng(3).standard_normal()
    assert callable(shim_side["J"]) and shim_side["J"].__name__ == "len"


def test_in_place_changes_are_written_back():
    params = {"W1": np.zeros((2, 2)), "b1": np.zeros((2, 1))}
    after = {"W1": np.ones((2, 2)), "b1": np.full((2, 1), 2.0)}
    kept = params["W1"]
    wire.write_back(params, after)
    assert kept is params["W1"] and kept.sum() == 4.0 and params["b1"].sum() == 4.0
    theta = np.zeros(3)
    wire.write_back(theta, np.ones(4))  # a different shape is not forced in
    assert theta.sum() == 0.0


def test_the_static_scan_follows_the_notebook_but_not_the_graders_stand_ins():
    from autograder.source_scan import Notebook
    notebook = Notebook(["from nnlib import mlp as m\nimport torch\n",
                         "def helper(x):\n    return torch.tensor(x)\n",
                         "def backprop(X):\n    return m.mlp_backward(helper(X))\n"])
    found = notebook.references("backprop")
    assert {"nnlib.mlp.mlp_backward", "torch.tensor"} <= found
    # a stand-in replaces helper while backprop is checked: it is not followed...
    assert "torch.tensor" not in notebook.references("backprop", {"helper"})
    # ...but the function checked is read even when the grader also lends a stand-in for it
    assert "nnlib.mlp.mlp_backward" in notebook.references("backprop", {"backprop", "helper"})
