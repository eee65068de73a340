"""The engine's shape, checked from its source: imports run one way, no module keeps build
state, nothing edits sys.path, and the core does not need MkDocs."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "macros"
# The MkDocs adapter and the tools that drive whole builds; everything else is the core.
MKDOCS_ALLOWED = {"macros.plugin", "macros.config", "macros.build"}
MUTABLE_CALLS = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque"}


def _modules() -> dict[str, ast.Module]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        out[name] = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return out


MODULES = _modules()


def _imports(name: str, tree: ast.Module) -> set[str]:
    """Every macros.* module imported anywhere in the module (inside functions too)."""
    package = name if (PACKAGE / Path(*name.split(".")[1:]) / "__init__.py").exists() else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("macros")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            if not base.startswith("macros"):
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
    return {m for m in found if m in MODULES and m != name}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycle_in_the_engine() -> None:
    # Importing a submodule imports its package first, so a package's __init__ counts as a dependency.
    graph = {name: _imports(name, tree) for name, tree in MODULES.items()}
    assert len(graph) > 40
    cycle = _cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_checker_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def _module_state(name: str, tree: ast.Module) -> list[str]:
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            problems.append(f"{name}:{node.lineno}: 'global {', '.join(node.names)}'")
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        value = getattr(node, "value", None)
        mutable = isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)) or (
            isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in MUTABLE_CALLS)
        for target in targets:
            if isinstance(target, ast.Name) and mutable and target.id != "__all__":
                problems.append(f"{name}:{node.lineno}: module-level mutable {target.id!r} "
                                "(use a tuple, frozenset or MappingProxyType, or keep it on the build)")
    return problems


def test_no_module_keeps_mutable_state() -> None:
    problems = [p for name, tree in MODULES.items() for p in _module_state(name, tree)]
    assert not problems, "\n".join(problems)


def test_the_state_checker_notices_state() -> None:
    tree = ast.parse("cache = {}\nCONSTANT = (1, 2)\ndef f():\n    global cache\n")
    assert len(_module_state("x", tree)) == 2


def test_nothing_edits_sys_path() -> None:
    for name, tree in MODULES.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "path" and isinstance(node.value, ast.Name) \
                    and node.value.id == "sys":
                raise AssertionError(f"{name}:{node.lineno} uses sys.path: the plugin is installed, not put on the path")


def test_the_core_does_not_need_mkdocs() -> None:
    """Only the adapter imports MkDocs; the rest runs without it (other builders, plain tests)."""
    users = set()
    for name, tree in MODULES.items():
        for node in ast.walk(tree):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            if any(m == "mkdocs" or m.startswith(("mkdocs.", "material", "properdocs")) for m in modules):
                users.add(name)
    assert users <= MKDOCS_ALLOWED, f"MkDocs imported outside the adapter: {sorted(users - MKDOCS_ALLOWED)}"
