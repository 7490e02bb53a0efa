"""`netriage checks lint`: everything that can be wrong in a tree file, found before a user does.

Checks: node references, unreachable nodes, cycles, missing explanations, expressions that
do not compile or read names no fact provides (and first-level fields the fact type lacks),
placeholders likewise, evidence patterns that do not compile, finding ids missing from the
catalog, severities outside the scale, fixes without verify or rollback.
"""

from __future__ import annotations

import ast
import csv
import dataclasses
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from netriage.engine.expr import PLACEHOLDER, ExprError, compile_expr, names_in
from netriage.engine.findings import SEVERITIES
from netriage.engine.tree import Node, Tree
from netriage.resources import data_dir


@dataclass(frozen=True)
class Problem:
    tree: str
    node: str
    message: str

    def __str__(self) -> str:
        where = f"{self.tree}:{self.node}" if self.node else self.tree
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class CatalogEntry:
    id: str
    platforms: tuple[str, ...]
    severity: str
    impact: str = ""  # what the fault does now (docs/fixes.md, severity policy); sets severity
    note: str = ""  # why a severity differs from the shared catalog, when it does


@cache
def load_catalog(path: Path | None = None) -> dict[str, CatalogEntry]:
    path = path or data_dir("checks") / "catalog.tsv"
    rows = (line for line in path.read_text().splitlines() if line and not line.startswith("#"))
    reader = csv.DictReader(rows, delimiter="\t")
    return {r["id"]: CatalogEntry(r["id"], tuple(r["platforms"].split(",")), r["severity"],
                                  (r.get("impact") or "").strip(), (r.get("note") or "").strip())
            for r in reader}


# The severity policy (docs/fixes.md), in the fault catalog's terms: what the fault does now
# decides how bad it is, so twins of one event and hygiene findings cannot drift apart.
SEVERITY_OF_IMPACT = {
    "down": "critical",  # traffic is down now
    "redundancy": "high", "exposure": "high",  # redundancy lost now; direct security exposure
    "degraded": "medium", "risk": "medium",  # degraded, or at risk of an outage
    "hygiene": "low",  # configuration hygiene, best practice
    "state": "info", "history": "info",  # healthy state; an event that is not an outage now
}


def severity_policy_problems(catalog: dict[str, CatalogEntry]) -> list[Problem]:
    """Catalog rows whose severity does not follow from their impact."""
    problems = []
    for entry in catalog.values():
        if not entry.impact:
            continue  # rows are classified as their trees are reviewed; see tests/test_lint.py
        wanted = SEVERITY_OF_IMPACT.get(entry.impact)
        if wanted is None:
            problems.append(Problem("catalog", entry.id, f"impact {entry.impact!r} is not one "
                                    f"of {', '.join(SEVERITY_OF_IMPACT)}"))
        elif entry.severity != wanted:
            problems.append(Problem("catalog", entry.id, f"impact {entry.impact} means "
                                    f"{wanted}, not {entry.severity}"))
    return problems


def _fact_fields(fact_type: type) -> set[str]:
    names = {f.name for f in dataclasses.fields(fact_type)} if dataclasses.is_dataclass(
        fact_type) else set()
    names |= {n for n, v in vars(fact_type).items() if isinstance(v, property)}
    return names


def _expression_problems(source: str, facts: dict[str, type], bound: set[str]) -> list[str]:
    try:
        compile_expr(source)
    except ExprError as exc:
        return [str(exc)]
    problems = []
    for name in sorted(names_in(source) - bound):
        if name not in facts:
            problems.append(f"{source!r} reads {name!r}, which no fact provides")
    for node in ast.walk(ast.parse(source.strip(), mode="eval")):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in facts and node.value.id not in bound):
            fields = _fact_fields(facts[node.value.id])
            if fields and node.attr not in fields:
                problems.append(f"{source!r}: {node.value.id} has no field {node.attr!r}")
    return problems


def _texts_with_placeholders(node: Node) -> list[str]:
    texts = [node.title, node.explanation]
    for fix in node.fixes:
        texts += [*fix.commands, *fix.verify, *fix.rollback]
    texts += [rule.match for rule in node.evidence]
    return texts


def _node_problems(tree: Tree, node: Node, facts: dict[str, type],
                   catalog: dict[str, CatalogEntry]) -> list[str]:
    problems = []
    bound = {node.each_as} if node.each else set()
    if node.kind in ("check", "question") and not node.why.strip():
        problems.append("no 'why' (the explanation a trainee reads)")
    if not node.title.strip():
        problems.append("no title")
    if node.kind == "check":
        problems += _expression_problems(node.condition, facts, set())
        if node.if_true is None and node.if_false is None:
            problems.append("a check with no branch decides nothing")
    if node.kind == "question" and not node.choices:
        problems.append("a question with no choices")
    if node.kind == "finding":
        if node.finding not in catalog:
            problems.append(f"finding id {node.finding!r} is not in the catalog")
        if node.severity not in SEVERITIES:
            problems.append(f"severity {node.severity!r} is not one of {', '.join(SEVERITIES)}")
        if not node.explanation.strip():
            problems.append("no explanation")
        if not node.fixes:
            problems.append("no fix")
        for fix in node.fixes:
            if not fix.verify or not fix.rollback:
                problems.append("every fix needs verify and rollback lines")
            if not fix.impact.strip():
                problems.append("every fix says in one line what applying it disturbs (impact)")
            unknown = set(fix.platforms) - {"asa", "ftd", "pix", "ios"}
            if unknown:
                problems.append(f"fix platforms {sorted(unknown)} are not catalog tags")
        if node.each:
            problems += _expression_problems(node.each, facts, set())
    for text in _texts_with_placeholders(node):
        for match in PLACEHOLDER.finditer(text):
            problems += _expression_problems(match.group(1), facts, bound)
    for rule in node.evidence:
        try:
            re.compile(PLACEHOLDER.sub("x", rule.match))
        except re.error as exc:
            problems.append(f"evidence pattern {rule.match!r} does not compile ({exc})")
    return problems


def _reachable(tree: Tree) -> set[str]:
    seen: set[str] = set()
    todo = [tree.start]
    while todo:
        current = todo.pop()
        if current in seen or current not in tree.nodes:
            continue
        seen.add(current)
        todo += tree.nodes[current].successors()
    return seen


def _cycle(tree: Tree) -> list[str] | None:
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done

    def visit(node_id: str, stack: list[str]) -> list[str] | None:
        if state.get(node_id) == 1:
            return [*stack[stack.index(node_id):], node_id]
        if state.get(node_id) == 2 or node_id not in tree.nodes:
            return None
        state[node_id] = 1
        for target in tree.nodes[node_id].successors():
            found = visit(target, [*stack, node_id])
            if found:
                return found
        state[node_id] = 2
        return None

    return visit(tree.start, [])


def lint_tree(tree: Tree, facts: dict[str, type],
              catalog: dict[str, CatalogEntry]) -> list[Problem]:
    problems: list[Problem] = []
    if tree.start not in tree.nodes:
        problems.append(Problem(tree.id, "", f"start node {tree.start!r} does not exist"))
    if not tree.platforms:
        problems.append(Problem(tree.id, "", "no platforms"))
    for node in tree.nodes.values():
        for target in node.successors():
            if target not in tree.nodes:
                problems.append(Problem(tree.id, node.id, f"goes to missing node {target!r}"))
        problems += [Problem(tree.id, node.id, m)
                     for m in _node_problems(tree, node, facts, catalog)]
    for node_id in sorted(set(tree.nodes) - _reachable(tree)):
        problems.append(Problem(tree.id, node_id, "unreachable from the start node"))
    cycle = _cycle(tree)
    if cycle:
        problems.append(Problem(tree.id, cycle[0], "cycle: " + " → ".join(cycle)))
    return problems


def lint_trees(trees: tuple[Tree, ...]) -> list[Problem]:
    from netriage.facts import BUILDERS

    facts = {name: builder.fact_type for name, builder in BUILDERS.items()}
    catalog = load_catalog()
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for tree in trees:
        if tree.id in seen:
            problems.append(Problem(tree.id, "", f"tree id also used by {seen[tree.id]}"))
        seen[tree.id] = tree.path
        problems += lint_tree(tree, facts, catalog)
    return problems + severity_policy_problems(catalog)
