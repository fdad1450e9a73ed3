"""What the grader learns from the student's code by reading it, never by running it.

- :func:`references`: the dotted names a function of the notebook reaches
  (``nnlib.mlp.mlp_forward``, ``torch.autograd``), through imports, aliases and the
  notebook's other functions. The shortcut checks (``autograder.shortcuts``) refuse
  graded functions that hand their work to the course library or an autodiff package.
- :func:`suspicious_code`: code that reaches for the kernel's machinery, flagged for the
  instructor (defence in depth: no score depends on it).

Parsing is bounded: a cell too large, too deeply nested or not Python is skipped.
"""
import ast
import re

MAX_CELL_CHARS = 200_000
MAGIC = re.compile(r"^\s*[%!]")


def parse(source):
    """The AST of one cell's code, or None (too large, nested too deeply, not Python)."""
    if not isinstance(source, str) or len(source) > MAX_CELL_CHARS:
        return None
    code = "\n".join("" if MAGIC.match(line) else line for line in source.splitlines())
    try:
        return ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        return None


def _dotted(node):
    """'a.b.c' for Name/Attribute chains, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id] + parts[::-1])
    return None


class Notebook:
    """The top-level definitions of a notebook's code cells, in order."""

    def __init__(self, sources):
        self.aliases = {}    # name -> dotted path it stands for (imports, assignments)
        self.functions = {}  # name -> the last FunctionDef of that name
        for source in sources:
            tree = parse(source)
            if tree is not None:
                self._read(tree.body)

    def _read(self, statements):
        for node in statements:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self.aliases[alias.asname] = alias.name
                    else:
                        root = alias.name.split(".")[0]
                        self.aliases[root] = root
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    self.aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions[node.name] = node
                self.aliases.pop(node.name, None)
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                    isinstance(node.targets[0], ast.Name):
                path = _dotted(node.value)
                if path:
                    self.aliases[node.targets[0].id] = self.resolve(path)
            elif isinstance(node, (ast.If, ast.Try, ast.With)):
                for block in ("body", "orelse", "finalbody"):
                    self._read(getattr(node, block, []))
                for handler in getattr(node, "handlers", []):
                    self._read(handler.body)

    def resolve(self, path):
        """Replace the first name of a dotted path by what it was imported as."""
        head, _, rest = path.partition(".")
        seen = set()
        while head in self.aliases and head not in seen and head not in self.functions:
            seen.add(head)
            target = self.aliases[head]
            head, _, more = target.partition(".")
            rest = ".".join(p for p in (more, rest) if p)
        return ".".join(p for p in (head, rest) if p)

    def references(self, name, stand_ins=(), depth=0, seen=None):
        """Dotted names that function ``name`` reaches, following the notebook's functions
        but not those named in ``stand_ins`` (the grader replaces them while it checks)."""
        seen = set(stand_ins) - {name} if seen is None else seen
        if name in seen or name not in self.functions or depth > 10:
            return set()
        seen.add(name)
        found = set()
        for node in ast.walk(self.functions[name]):
            path = _dotted(node) if isinstance(node, (ast.Name, ast.Attribute)) else None
            if path:
                found.add(self.resolve(path))
            if isinstance(node, (ast.Import, ast.ImportFrom)):  # imports inside the function
                modules = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [f"{node.module}.{a.name}" for a in node.names if node.module]
                found.update(modules)
        for path in list(found):
            head = path.split(".")[0]
            if head in self.functions and head != name:
                found |= self.references(head, stand_ins, depth + 1, seen)
        return found


def references(sources, name, stand_ins=()):
    """Dotted names the notebook's function ``name`` reaches (see :class:`Notebook`)."""
    return Notebook(sources).references(name, stand_ins)


# --- flags for the instructor ---------------------------------------------------------
SUSPICIOUS_IMPORTS = {
    "ctypes": "imports ctypes", "gc": "imports gc (reads the interpreter's objects)",
    "importlib": "imports modules by computed names", "builtins": "imports builtins",
    "signal": "imports signal", "autograder": "imports the grader's own package",
    "inspect": "imports inspect", "zmq": "imports zmq (the kernel's messaging)",
    "jupyter_client": "imports jupyter_client (the kernel's messaging)",
}
SUSPICIOUS_NAMES = {
    "get_ipython": "uses IPython's shell object", "__import__": "calls __import__",
    "__builtins__": "uses __builtins__", "setattr": "calls setattr()",
    "delattr": "calls delattr()", "exec": "calls exec()", "eval": "calls eval()",
    "compile": "calls compile()",
}
SUSPICIOUS_ATTRIBUTES = {
    "input_transformers_post": "registers an input transformer",
    "input_transformers_cleanup": "registers an input transformer",
    "ast_transformers": "registers an AST transformer",
    "set_custom_exc": "installs a custom exception handler",
    "excepthook": "replaces sys.excepthook", "settrace": "installs a trace function",
    "setprofile": "installs a profile function", "_exit": "calls os._exit()",
    "modules": "reaches into sys.modules", "__globals__": "reads a function's globals",
    "__closure__": "reads a function's closure", "__code__": "reads a function's code",
    "symlink": "creates a symbolic link", "mkfifo": "creates a named pipe",
    "link": "creates a hard link",
}
PATCHABLE = ("np", "numpy", "nnlib", "math", "sys", "os", "operator")
# An answer that defines these can compare equal to anything (or pose as an array).
COMPARISON_METHODS = ("__eq__", "__ne__", "__bool__", "__array__", "__array_ufunc__",
                      "__float__", "__lt__", "__le__", "__gt__", "__ge__", "__abs__")


def suspicious_code(sources):
    """Reasons to look twice at the student's code cells (their sources, in order)."""
    found = []
    for source in sources:
        tree = parse(source)
        if tree is None:
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                modules = [a.name for a in node.names] if isinstance(node, ast.Import) \
                    else [node.module or ""]
                found += [SUSPICIOUS_IMPORTS[m.split(".")[0]] for m in modules
                          if m.split(".")[0] in SUSPICIOUS_IMPORTS]
            elif isinstance(node, ast.Name) and node.id in SUSPICIOUS_NAMES:
                found.append(SUSPICIOUS_NAMES[node.id])
            elif isinstance(node, ast.Attribute) and node.attr in SUSPICIOUS_ATTRIBUTES:
                found.append(SUSPICIOUS_ATTRIBUTES[node.attr])
            elif isinstance(node, ast.FunctionDef) and node.name in COMPARISON_METHODS:
                found.append(f"defines {node.name} (an answer that can compare equal to "
                             "anything)")
            targets = node.targets if isinstance(node, ast.Assign) else \
                [node.target] if isinstance(node, ast.AugAssign) else []
            for target in targets:
                root = target
                while isinstance(root, ast.Attribute):
                    root = root.value
                if target is not root and isinstance(root, ast.Name) and root.id in PATCHABLE:
                    found.append(f"assigns to an attribute of {root.id}")
    return list(dict.fromkeys(found))
