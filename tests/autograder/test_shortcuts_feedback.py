import nbformat
import pytest

from autograder.compare import StudentMistake
from autograder.feedback import ShortenTestTracebacks
from autograder.shortcuts import assert_no_shortcut
from nnlib import activations
import nnlib


def check(fn):
    assert_no_shortcut(fn, "sigmoid", forbidden=[activations.sigmoid])


def test_calls_to_the_library_answer_are_refused_however_imported():
    namespace = {"activations": activations, "nnlib": nnlib, "s": activations.sigmoid}
    for body in ("return activations.sigmoid(z)", "return nnlib.activations.sigmoid(z)",
                 "return s(z)", "f = lambda t: s(t)\n    return f(z)"):
        exec(f"def sigmoid(z):\n    {body}\n", namespace)
        with pytest.raises(StudentMistake, match="library_shortcut"):
            check(namespace["sigmoid"])


def test_own_code_and_other_library_parts_are_fine():
    namespace = {"activations": activations, "np": __import__("numpy")}
    exec("def sigmoid(z):\n    return 1 / (1 + np.exp(-z)) + 0 * activations.relu(z)\n",
         namespace)
    check(namespace["sigmoid"])


def test_autodiff_is_refused():
    import types
    fake_torch = types.ModuleType("torch")
    namespace = {"torch": fake_torch}
    exec("def sigmoid(z):\n    return torch.sigmoid(z)\n", namespace)
    with pytest.raises(StudentMistake, match="autodiff_shortcut"):
        check(namespace["sigmoid"])


def test_feedback_keeps_only_the_message_of_test_cell_errors():
    error = nbformat.v4.new_output("error", ename="StudentMistake", evalue="dW is wrong [x]",
                                   traceback=["Cell In[3], line 2", "check_backprop(backprop)"])
    test = nbformat.v4.new_code_cell("secret()", outputs=[error])
    test.metadata["nbgrader"] = {"grade": True, "grade_id": "t", "points": 1, "solution": False,
                                 "locked": True, "schema_version": 3}
    plain = nbformat.v4.new_code_cell("1/0", outputs=[nbformat.v4.new_output(
        "error", ename="ZeroDivisionError", evalue="x", traceback=["frame", "ZeroDivisionError"])])
    nb = nbformat.v4.new_notebook(cells=[test, plain])
    ShortenTestTracebacks().preprocess(nb, {})
    assert nb.cells[0].outputs[0].traceback == ["StudentMistake: dW is wrong [x]"]
    assert nb.cells[1].outputs[0].traceback == ["frame", "ZeroDivisionError"]
