"""Refuse graded functions that hand their work to a library.

An exercise that asks for ``sigmoid`` is not answered by calling ``nnlib``'s sigmoid,
and a gradient exercise is not answered by an autodiff library. The check reads the
names a function's code uses (its own code and nested functions, lambdas and
comprehensions), resolves them in the function's globals, and fails when one is a
forbidden object or an autodiff module.
"""
import importlib
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
RESOLVED_PACKAGES = ("nnlib",)


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


def _resolve(path):
    """The objects a dotted path of the student's code names, where the grader can tell:
    only the course library is looked up (in the grader's own copy, never imported
    from a name the student chose)."""
    parts = path.split(".")
    if parts[0] not in RESOLVED_PACKAGES:
        return []
    objects = []
    try:
        obj = importlib.import_module(parts[0])
    except ImportError:
        return []
    objects.append(obj)
    for depth, part in enumerate(parts[1:], start=2):
        child = getattr(obj, part, None)
        if child is None and isinstance(obj, types.ModuleType):
            try:  # a submodule not imported by its package
                child = importlib.import_module(".".join(parts[:depth]))
            except ImportError:
                child = None
        if child is None:
            break
        obj = child
        objects.append(obj)
    return objects


def references(function):
    """(module names, objects) that ``function`` reaches.

    The student's own function (self-checks, stock nbgrader) is inspected as it runs;
    a function in the student's kernel (``autograder.remote``) only by reading the
    notebook's source, since nothing the kernel says about itself is trusted.
    """
    paths = getattr(function, "static_references", None)
    if paths is not None:
        modules, objects = set(), []
        for path in paths:
            parts = path.split(".")
            modules.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
            objects += _resolve(path)
        modules.update(_module_name(obj) for obj in objects)
        return modules, objects
    if not isinstance(function, types.FunctionType):
        return set(), []
    objects = list(_referenced(function))
    for obj in list(objects):  # one level deeper: helpers written in the notebook
        if isinstance(obj, types.FunctionType) and obj.__module__ == function.__module__ \
                and obj is not function:
            objects += _referenced(obj)
    return {_module_name(obj) for obj in objects}, objects


def uses_module(function, prefixes):
    """Whether ``function`` reaches a module named by one of ``prefixes`` (or inside one)."""
    modules, _ = references(function)
    return any(m == p or m.startswith(p + ".") for m in modules for p in prefixes)


def assert_no_shortcut(function, name, forbidden=()):
    """Fail if ``function`` uses an object in ``forbidden`` or an autodiff library.

    forbidden: functions or modules (e.g. ``nnlib.activations.sigmoid``,
    ``nnlib.gradcheck``). A forbidden module also forbids every attribute path through
    it, since ``module.attr`` is resolved by name.
    """
    forbidden_ids = {id(obj) for obj in forbidden}
    modules, objects = references(function)
    if any(id(obj) in forbidden_ids for obj in objects):
        fail(LIBRARY_ANSWER.explain(name=name), LIBRARY_ANSWER)
    if any(m.split(".")[0] in AUTODIFF_MODULES for m in modules if m):
        fail(AUTODIFF.explain(name=name), AUTODIFF)
