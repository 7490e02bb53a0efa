"""Decision trees as data: YAML files in `checks/`, one per area, loaded into typed nodes."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from netriage.errors import TreeError
from netriage.resources import data_dir
from netriage.yamlio import load_yaml


@dataclass(frozen=True)
class EvidenceRule:
    """Which lines of a command's output a node shows as evidence."""

    command: str
    match: str  # regex; `{expr}` placeholders are filled (escaped) before matching
    # only the first line it matches in an output: the time printed above a history row is
    # printed again above every row of the same transition, which are no further evidence
    first: bool = False


@dataclass(frozen=True)
class FixTemplate:
    """A fix block of a finding node, before it is chosen and rendered for a device."""

    platforms: tuple[str, ...]
    commands: tuple[str, ...]
    verify: tuple[str, ...] = ()
    rollback: tuple[str, ...] = ()
    versions: str = ""  # release range the lines are for (">=8.4", "<7"); "" is every release
    impact: str = ""  # one line: what applying it disturbs (a flap, a failover, the peer)
    manager: tuple[str, ...] = ()  # FMC / FDM steps (menu path and field) where the CLI can't
    device: str = ""  # whose CLI the lines are for: "" this device, "mate", "switch" (far end)


@dataclass(frozen=True)
class Node:
    """One node of a decision tree: a check, a question or a finding."""

    id: str
    kind: str  # check | question | finding
    title: str
    why: str = ""  # for a trainee: why this check matters
    needs: tuple[str, ...] = ()  # commands whose output decides it
    evidence: tuple[EvidenceRule, ...] = ()
    # check
    condition: str = ""
    if_true: str | None = None
    if_false: str | None = None
    if_unknown: str | None = None
    # question
    choices: tuple[tuple[str, str | None], ...] = ()  # (answer, next node)
    # finding
    finding: str = ""
    severity: str = ""
    explanation: str = ""
    each: str = ""  # expression giving items; the finding is rendered per item, merged
    each_as: str = "item"
    fixes: tuple[FixTemplate, ...] = ()
    next: str | None = None

    def successors(self) -> list[str]:
        targets = [self.if_true, self.if_false, self.if_unknown, self.next]
        targets += [target for _answer, target in self.choices]
        return [t for t in targets if t]


@dataclass(frozen=True)
class Tree:
    """A decision tree loaded from checks/*.yaml."""

    id: str
    title: str
    platforms: tuple[str, ...]
    requires: tuple[str, ...]
    start: str
    nodes: dict[str, Node] = field(default_factory=dict)
    path: str = ""


def _tuple(value: Any) -> tuple:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list) else (value,)


def _node(node_id: str, raw: dict[str, Any], where: str) -> Node:
    if not isinstance(raw, dict):
        raise TreeError(f"{where}: node {node_id!r} must be a mapping")
    kinds = [k for k in ("check", "question", "finding") if k in raw]
    if len(kinds) != 1:
        raise TreeError(f"{where}: node {node_id!r} needs exactly one of check/question/finding")
    kind = kinds[0]
    evidence = tuple(EvidenceRule(e["command"], e["match"], bool(e.get("first", False)))
                     for e in raw.get("evidence", []))
    fixes = tuple(
        FixTemplate(_tuple(f.get("platforms") or f.get("platform")), _tuple(f.get("commands")),
                    _tuple(f.get("verify")), _tuple(f.get("rollback")),
                    str(f.get("versions") or ""), str(f.get("impact") or ""),
                    _tuple(f.get("manager")), str(f.get("device") or ""))
        for f in raw.get("fix", [])
    )
    choices = tuple((str(c["answer"]), c.get("next")) for c in raw.get("choices", []))
    return Node(
        id=node_id, kind=kind, title=str(raw.get("title", "")), why=str(raw.get("why", "")),
        needs=_tuple(raw.get("needs")), evidence=evidence,
        condition=str(raw["check"]) if kind == "check" else "",
        if_true=raw.get("if_true"), if_false=raw.get("if_false"),
        if_unknown=raw.get("if_unknown"),
        choices=choices,
        finding=str(raw["finding"]) if kind == "finding" else "",
        severity=str(raw.get("severity", "")), explanation=str(raw.get("explanation", "")),
        each=str(raw.get("each", "")), each_as=str(raw.get("as", "item")),
        fixes=fixes, next=raw.get("next"),
    )


def load_tree(path: Path) -> Tree:
    import yaml  # here, not at import: a start-up that finds its trees cached reads no YAML

    try:
        raw = load_yaml(path.read_text())
    except yaml.YAMLError as exc:
        raise TreeError(f"{path.name}: not valid YAML ({exc})") from None
    if not isinstance(raw, dict) or "nodes" not in raw or "tree" not in raw:
        raise TreeError(f"{path.name}: a tree needs 'tree', 'start' and 'nodes'")
    try:
        nodes = {str(k): _node(str(k), v, path.name) for k, v in raw["nodes"].items()}
        return Tree(id=str(raw["tree"]), title=str(raw.get("title", raw["tree"])),
                    platforms=_tuple(raw.get("platforms")), requires=_tuple(raw.get("requires")),
                    start=str(raw["start"]), nodes=nodes, path=str(path))
    except KeyError as exc:
        raise TreeError(f"{path.name}: missing key {exc}") from None


@cache
def load_trees(directory: Path | None = None) -> tuple[Tree, ...]:
    """Every tree of `directory` (default: the shipped checks/).

    Parsing 30-odd YAML files is a tenth of a second at every start, so the loaded trees are
    kept in the user's cache dir, keyed by the files' content (`netriage.cachefile`).
    """
    from netriage.cachefile import cached, code_files

    directory = directory or data_dir("checks")
    paths = sorted(directory.glob("*.yaml"))
    # Tree, Node, ... and their reading; the expressions' compiling (`engine.exprcache`)
    code = code_files("engine/tree.py", "yamlio.py", "engine/expr.py", "engine/exprcache.py")
    trees, expressions = cached("trees", paths + code, lambda: _build(paths),
                                salt=str(directory), valid=_built)
    from netriage.engine import exprcache

    exprcache.install(expressions)
    return trees


def _build(paths: list[Path]) -> tuple[tuple[Tree, ...], dict]:
    """The trees and their expressions compiled (kept beside them: see engine.exprcache)."""
    from netriage.engine import exprcache

    trees = tuple(load_tree(p) for p in paths)
    return trees, exprcache.compile_all(trees)


def _built(value: object) -> bool:
    return (isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], dict)
            and isinstance(value[0], tuple) and all(isinstance(t, Tree) for t in value[0]))
