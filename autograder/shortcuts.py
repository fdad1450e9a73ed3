"""Refuse graded functions that hand their work to a library.

An exercise that asks for ``sigmoid`` is not answered by calling ``nnlib``'s sigmoid,
and a gradient exercise is not answered by an autodiff library. The check reads the
names a function's code uses (its own code and nested functions, lambdas and
comprehensions), resolves them in the function's globals, and fails when one is a
forbidden object or an autodiff module.
"""
import types
import warnings

from .compare import fail
from .mistakes import Mistake

LIBRARY_ANSWER = Mistake(
    "library_shortcut",
    "{name} calls the course library's own implementation of the same thing: "
    "the exercise is to write it yourself.")
AUTODIFF = Mistake(
    "autodiff_shortcut",
    "{name} uses an automatic-differentiation library: the exercise is to derive and "
    "code the gradient by hand.")

AUTODIFF_MODULES = ("torch", "jax", "autograd", "tensorflow", "mxnet", "theano")


def _code_objects(code):
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _code_objects(const)


def _referenced(function):
    """Objects the function's code can reach by name: globals, closure cells, and
    attributes of referenced modules (``nnlib.activations.sigmoid`` names ``sigmoid``)."""
    namespace = dict(getattr(function, "__globals__", {}))
    for cell_name, cell in zip(function.__code__.co_freevars, function.__closure__ or ()):
        try:
            namespace[cell_name] = cell.cell_contents
        except ValueError:
            continue
    names = set()
    for code in _code_objects(function.__code__):
        names.update(code.co_names + code.co_freevars)
    found = [namespace[n] for n in names if n in namespace]
    seen_modules = set()
    for obj in found:  # grows while it runs: follows package.module.attribute chains
        if isinstance(obj, types.ModuleType) and obj.__name__ not in seen_modules:
            seen_modules.add(obj.__name__)
            with warnings.catch_warnings():  # numpy warns on lookups such as np.str
                warnings.simplefilter("ignore")
                found += [getattr(obj, n) for n in names if hasattr(obj, n)]
    return found


def _module_name(obj):
    if isinstance(obj, types.ModuleType):
        return obj.__name__
    return getattr(obj, "__module__", None) or ""


def assert_no_shortcut(function, name, forbidden=()):
    """Fail if ``function`` uses an object in ``forbidden`` or an autodiff library.

    forbidden: functions or modules (e.g. ``nnlib.activations.sigmoid``,
    ``nnlib.gradcheck``). A forbidden module also forbids every attribute path through
    it, since ``module.attr`` is resolved by name.
    """
    if not isinstance(function, types.FunctionType):
        return
    forbidden_ids = {id(obj) for obj in forbidden}
    for obj in _referenced(function):
        if id(obj) in forbidden_ids:
            fail(LIBRARY_ANSWER.explain(name=name), LIBRARY_ANSWER)
        if _module_name(obj).split(".")[0] in AUTODIFF_MODULES:
            fail(AUTODIFF.explain(name=name), AUTODIFF)
        # one level deeper: helpers the student wrote themselves in the notebook
        if isinstance(obj, types.FunctionType) and obj.__module__ == function.__module__ \
                and obj is not function:
            for inner in _referenced(obj):
                if id(inner) in forbidden_ids:
                    fail(LIBRARY_ANSWER.explain(name=name), LIBRARY_ANSWER)
