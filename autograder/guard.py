"""The grading guard: keeps a student's code from making a later hidden test pass.

Student cells run in the same kernel as the hidden tests and before them, so they
could patch numpy or the checks, rewrite later cells with IPython hooks, or swallow
the exceptions a failed check raises. While a notebook is graded, ``autograder`` loads
this module into the kernel as an IPython extension, before any student code runs:

- it snapshots what the checks rely on: the modules ``builtins``, ``math``,
  ``operator``, ``numpy`` (and ``numpy.linalg``/``numpy.random``), every ``nnlib`` and
  ``autograder`` module and the classes they define, ``sys.modules`` entries for them,
  IPython's input and AST transformers, event callbacks, exception handlers and
  ``run_cell`` machinery, import hooks, trace functions and the SIGINT handler;
- before every cell (IPython's ``pre_run_cell`` event, which fires before the cell is
  transformed) it puts back anything that changed and remembers what it was;
- every hidden check (decorated with :func:`hidden_test`) fails, with code
  ``[tampering]``, once anything was changed, and verifies again after running, so a
  change made while the check runs is caught too;
- a check that passes publishes a receipt: an HMAC, under a key only the grader and
  this guard know, of the cell's execution count and the check's name. The grader
  (``autograder.integrity``) gives 0 to a test cell whose checks left no valid
  receipt, which is what happens when the cell was skipped, rewritten or its
  exceptions swallowed by means this module cannot see.

Outside grading (a student's own kernel, self-checks, the test suite) the guard is not
loaded and :func:`hidden_test` only runs the check.
"""
import functools
import hashlib
import hmac
import importlib
import json
import os
import signal
import sys
import types

RECEIPT_MIME = "application/vnd.autograder.receipt+json"
KEY_FILE_ENV = "AUTOGRADER_GUARD_KEY_FILE"
WATCHED_PREFIXES = ("nnlib", "autograder")
WATCHED_MODULES = ("builtins", "math", "operator", "numpy", "numpy.linalg", "numpy.random")
SHELL_METHODS = ("run_cell", "run_cell_async", "_run_cell", "run_ast_nodes", "run_code",
                 "transform_cell", "showtraceback", "_showtraceback", "showsyntaxerror",
                 "ex", "ev", "should_run_async")
KERNEL_METHODS = ("do_execute", "execute_request", "dispatch_shell", "process_one")
# Replaced by ipykernel itself on every execution (``input`` is a new bound method).
IGNORED_KEYS = {"__warningregistry__", "__loader__", "__spec__", "input", "raw_input",
                "getpass", "exit", "quit"}

_state = None  # the guard of this kernel, once loaded


class _Guard:
    def __init__(self, shell, key):
        self.shell, self.key = shell, key
        self.tampered = []           # descriptions of what student code changed
        self.count = 0               # cells run so far: nbclient's execution_count
        self.snapshot = None         # taken before the first cell runs (see pre_run_cell)

    # --- what is watched --------------------------------------------------------
    def _modules(self):
        names = [n for n in WATCHED_MODULES if n in sys.modules]
        names += sorted(n for n in sys.modules
                        if n.split(".")[0] in WATCHED_PREFIXES and sys.modules[n])
        return {n: sys.modules[n] for n in names}

    def _take(self):
        shell, kernel = self.shell, getattr(self.shell, "kernel", None)
        snap = {"modules": {}, "classes": {}, "attrs": {}}
        for name, module in self._modules().items():
            snap["modules"][name] = (module, dict(vars(module)))
            for value in vars(module).values():  # classes defined by our own packages
                if isinstance(value, type) and value.__module__ == name and \
                        name.split(".")[0] in WATCHED_PREFIXES:
                    snap["classes"][value] = dict(vars(value))
        for obj in (shell, kernel):
            for cls in type(obj).__mro__[:-1]:  # not ``object``
                snap["classes"][cls] = dict(vars(cls))
        attrs = snap["attrs"]
        for name in SHELL_METHODS:
            attrs[(shell, name)] = shell.__dict__.get(name, _ABSENT)
        for name in ("input_transformers_cleanup", "input_transformers_post",
                     "ast_transformers"):
            attrs[(shell, name)] = list(getattr(shell, name))
        attrs[(shell, "custom_exceptions")] = shell.custom_exceptions
        attrs[(shell, "CustomTB")] = shell.__dict__.get("CustomTB", _ABSENT)
        attrs[(shell.events, "callbacks")] = {k: list(v) for k, v in
                                                shell.events.callbacks.items()}
        if kernel is not None:
            for name in KERNEL_METHODS:
                attrs[(kernel, name)] = kernel.__dict__.get(name, _ABSENT)
            attrs[(kernel, "shell_handlers")] = dict(kernel.shell_handlers)
        attrs[(sys, "meta_path")] = list(sys.meta_path)
        attrs[(sys, "path_hooks")] = list(sys.path_hooks)
        snap["trace"] = (sys.gettrace(), sys.getprofile())
        snap["sigint"] = signal.getsignal(signal.SIGINT)
        return snap

    # --- compare and restore ----------------------------------------------------
    def check_and_restore(self):
        """Put back whatever changed since the snapshot; return what changed."""
        changed = []
        for name, (module, saved) in self.snapshot["modules"].items():
            if sys.modules.get(name) is not module:
                changed.append(f"sys.modules[{name!r}] was replaced")
                sys.modules[name] = module
            changed += _restore_dict(vars(module), saved, name, setattr_on=module)
        for cls, saved in self.snapshot["classes"].items():
            changed += _restore_dict(vars(cls), saved, cls.__qualname__, setattr_on=cls)
        for (owner, name), saved in self.snapshot["attrs"].items():
            changed += self._restore_attr(owner, name, saved)
        if (sys.gettrace(), sys.getprofile()) != self.snapshot["trace"]:
            changed.append("a trace or profile function was installed")
            sys.settrace(self.snapshot["trace"][0])
            sys.setprofile(self.snapshot["trace"][1])
        if signal.getsignal(signal.SIGINT) is not self.snapshot["sigint"]:
            changed.append("the interrupt (SIGINT) handler was replaced")
            signal.signal(signal.SIGINT, self.snapshot["sigint"])
        return changed

    def _restore_attr(self, owner, name, saved):
        label = f"{type(owner).__name__}.{name}"
        if name in ("input_transformers_cleanup", "input_transformers_post",
                    "ast_transformers", "meta_path", "path_hooks"):
            current = getattr(owner, name)
            if list(current) != saved:
                current[:] = saved
                return [f"{label} was changed"]
            return []
        if name == "callbacks":
            if {k: list(v) for k, v in owner.callbacks.items()} != saved:
                owner.callbacks.clear()
                owner.callbacks.update({k: list(v) for k, v in saved.items()})
                return ["IPython event callbacks were changed"]
            return []
        if name == "shell_handlers":
            if dict(owner.shell_handlers) != saved:
                owner.shell_handlers.clear()
                owner.shell_handlers.update(saved)
                return [f"{label} was changed"]
            return []
        if saved is _ABSENT:
            if name in owner.__dict__:
                del owner.__dict__[name]
                return [f"{label} was replaced"]
            return []
        if getattr(owner, name, _ABSENT) is not saved:
            setattr(owner, name, saved)
            return [f"{label} was replaced"]
        return []

    # --- events -----------------------------------------------------------------
    def pre_run_cell(self, info):
        # The first snapshot is taken here, not at load: inside a cell's execution,
        # where IPython and ipykernel have put their per-cell hooks in place.
        if self.snapshot is None:
            self.snapshot = self._take()
        self.tampered.extend(self.check_and_restore())
        self.count += 1

    def receipt(self, check_name):
        return {"execution_count": self.count, "check": check_name,
                "mac": receipt_mac(self.key, self.count, check_name)}


class _Absent:
    def __repr__(self):
        return "<absent>"


_ABSENT = _Absent()


def _restore_dict(namespace, saved, label, setattr_on):
    changed = []
    for key, value in saved.items():
        if key in IGNORED_KEYS:
            continue
        if namespace.get(key, _ABSENT) is not value:
            changed.append(f"{label}.{key} was replaced")
            try:
                setattr(setattr_on, key, value)
            except (AttributeError, TypeError):
                pass
    return changed


def receipt_mac(key, count, check_name):
    """The MAC of a genuine receipt: the cell's execution count and the check's name."""
    message = f"{count}|{check_name}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def load_ipython_extension(shell):
    """Install the guard (called by IPython when the kernel starts, before any cell)."""
    global _state
    if _state is not None:
        return
    path = os.environ.pop(KEY_FILE_ENV, None)
    if not path:
        return
    try:
        with open(path, "rb") as handle:
            key = handle.read()
        os.remove(path)
    except OSError:
        return
    # Import everything the hidden tests use now, so the snapshot covers it.
    for name in ("numpy", "numpy.linalg", "numpy.random", "nnlib", "autograder.compare",
                 "autograder.cases", "autograder.mistakes", "autograder.shortcuts"):
        importlib.import_module(name)
    import autograder.lessons as lessons
    import pkgutil
    for info in pkgutil.iter_modules(lessons.__path__):
        importlib.import_module(f"autograder.lessons.{info.name}")
    _state = _Guard(shell, key)
    shell.events.register("pre_run_cell", _state.pre_run_cell)


def hidden_test(check):
    """Decorate a hidden check: refuse to pass after tampering, and leave a receipt."""

    @functools.wraps(check)
    def guarded(*args, **kwargs):
        guard = _state
        if guard is None or guard.snapshot is None:
            return check(*args, **kwargs)
        _refuse_if_tampered(guard, guard.check_and_restore())
        result = check(*args, **kwargs)
        _refuse_if_tampered(guard, guard.check_and_restore())
        _publish(guard.receipt(check.__name__))
        return result

    return guarded


def _refuse_if_tampered(guard, changed):
    guard.tampered.extend(changed)
    if guard.tampered:
        seen = list(dict.fromkeys(guard.tampered))
        shown = "; ".join(seen[:3]) + (f"; and {len(seen) - 3} more" if len(seen) > 3 else "")
        raise AssertionError(
            "This test cannot be trusted, so it scores 0: code in this notebook changed "
            f"what the grader relies on ({shown}). Remove the code that patches numpy, "
            "nnlib, the grader, builtins or IPython. [tampering]")


def _publish(receipt):
    from IPython.display import display
    display({RECEIPT_MIME: json.dumps(receipt)}, raw=True)
