"""docs/ARCHITECTURE.md is the law of imports: every module in a part, one direction."""
import ast
import re

from tests.conftest import ROOT

PACKAGE = ROOT / "autograder"
DOC = ROOT / "docs" / "ARCHITECTURE.md"
ALLOWED = {  # part -> parts it may import (the doc's second table)
    "kernel": set(),
    "checking": {"checking", "kernel"},
    "content": {"content", "checking"},
    "grading": {"grading", "content", "checking", "kernel"},
    "command line": {"command line", "grading", "content", "checking", "kernel"},
}


def parts_from_doc():
    """module name -> part, from the table of parts."""
    table = DOC.read_text().split("## The parts", 1)[1].split("Imports go", 1)[0]
    parts = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 3 and cells[0] in ALLOWED:
            for name in re.findall(r"`([a-z_]+)`", cells[2]):
                assert name not in parts, f"{name} is in two parts"
                parts[name] = cells[0]
    return parts


def module_of(path):
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def imports(path):
    """Our modules that the file at ``path`` imports (first component below autograder)."""
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = path.relative_to(PACKAGE).parts[:-1][:len(path.relative_to(PACKAGE).parts) - node.level]
                names = list(base) + (node.module.split(".") if node.module else [])
                if names:
                    found.add(names[0])
                else:
                    found.update(a.name for a in node.names)
            elif node.module and node.module.split(".")[0] == "autograder":
                rest = node.module.split(".")[1:]
                found.update([rest[0]] if rest else [a.name for a in node.names])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "autograder" and len(parts) > 1:
                    found.add(parts[1])
    return found


def test_every_module_has_a_part():
    parts = parts_from_doc()
    modules = {module_of(p) for p in PACKAGE.rglob("*.py") if p.name != "__init__.py"
               or p.parent != PACKAGE}
    assert modules - set(parts) == set(), "modules missing from docs/ARCHITECTURE.md"
    assert set(parts) - modules == set(), "docs/ARCHITECTURE.md names modules that do not exist"


def test_imports_go_one_way():
    parts = parts_from_doc()
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "__init__.py" and path.parent == PACKAGE:
            continue
        mine = parts[module_of(path)]
        for other in imports(path) - {module_of(path)}:
            if other not in parts:
                continue
            allowed = ALLOWED[mine] | ({"grading"} if other == "course" and mine == "content"
                                       else set())
            if parts[other] not in allowed and not (mine == "content" and other == "course"):
                wrong.append(f"{path.relative_to(ROOT)} ({mine}) imports {other} ({parts[other]})")
    assert wrong == []


def test_the_kernel_side_imports_nothing_that_holds_answers():
    """The shim and the launcher: the standard library and NumPy, nothing else."""
    import sys
    for name in ("kernel_shim.py", "limits.py"):
        tree = ast.parse((PACKAGE / name).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                assert not node.level, f"{name} imports relatively"
                roots = [node.module.split(".")[0]]
            else:
                continue
            for root in roots:
                assert root in sys.stdlib_module_names or root == "numpy", (name, root)
