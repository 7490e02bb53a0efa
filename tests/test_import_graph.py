"""The package's modules import one way: no circle, and the core never imports Textual.

The graph is read from the source (module-level imports only: an import inside a function or
under `if TYPE_CHECKING:` runs later or never, so it cannot close a circle at import time).
"""

from __future__ import annotations

import ast
from itertools import pairwise
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _top_level_imports(tree: ast.Module, name: str, is_package: bool) -> set[str]:
    found: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.If):
                test = ast.unparse(node.test)
                if "TYPE_CHECKING" not in test:
                    visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    anchor = name.split(".")
                    anchor = anchor if is_package else anchor[:-1]
                    anchor = anchor[: len(anchor) - node.level + 1]
                    mod = ".".join(anchor + ([node.module] if node.module else []))
                else:
                    mod = node.module or ""
                found.add(mod)
                found.update(f"{mod}.{alias.name}" for alias in node.names)

    visit(tree.body)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = {
        _module_name(p): p
        for p in SRC.joinpath("netriage").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        targets = _top_level_imports(tree, name, path.name == "__init__.py")
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                walk(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            walk(node)
    return found


def _package_cycle(cycle: list[str]) -> bool:
    # A package's __init__ importing its own submodule, which imports a sibling through the
    # package, is Python's normal package shape, not a circle between files.
    return any(b.startswith(a + ".") or a.startswith(b + ".") for a, b in pairwise(cycle))


def test_no_import_circle() -> None:
    cycles = [c for c in _cycles(import_graph()) if not _package_cycle(c)]
    assert cycles == [], "\n".join(" → ".join(c) for c in cycles)


def test_facts_areas_are_entered_through_their_package() -> None:
    graph = import_graph()
    areas = ("failover", "crypto", "interfaces", "config")
    wrong = []
    for module, targets in graph.items():
        for target in targets:
            for area in areas:
                pkg = f"netriage.facts.{area}"
                inside = module == pkg or module.startswith(pkg + ".")
                if target.startswith(pkg + ".") and not inside:
                    wrong.append(f"{module} imports {target}")
    assert wrong == [], wrong


def test_core_never_imports_textual() -> None:
    graph = import_graph()
    src = SRC / "netriage"
    offenders = []
    for path in src.rglob("*.py"):
        name = _module_name(path)
        if name.startswith("netriage.tui") or "__pycache__" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = _top_level_imports(tree, name, path.name == "__init__.py")
        if any(t == "textual" or t.startswith("textual.") for t in imports):
            offenders.append(name)
    assert graph and offenders == [], offenders


def test_cycle_finder_sees_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c", "a"]]
    pkg = "netriage.facts.crypto"
    assert _package_cycle([pkg, f"{pkg}.model", pkg])
