"""Plain helpers the walkthrough screen uses: how a step went, which lines of an output
decided it, which commands a check still needs. No Textual here, so they are unit-tested."""

from __future__ import annotations

from netriage.capture.model import Device, Entry
from netriage.engine.expr import ExprError, names_in
from netriage.engine.findings import Evidence, Finding, Step
from netriage.engine.tree import Node, Tree
from netriage.facts import BUILDERS

PASSED, FAILED, UNKNOWN, ANSWERED, FINDING = "passed", "failed", "unknown", "answered", "finding"


def step_status(tree: Tree, step: Step) -> str:
    """passed / failed / unknown / answered / finding. A check *failed* when the branch it
    took leads straight to a finding, whatever its true/false wording."""
    if step.outcome == "finding":
        return FINDING
    if step.outcome == "unknown":
        return UNKNOWN
    node = tree.nodes.get(step.node)
    if node is None or node.kind != "check":
        return ANSWERED
    target = node.if_true if step.outcome == "true" else node.if_false
    following = tree.nodes.get(target) if target else None
    return FAILED if following is not None and following.kind == "finding" else PASSED


def is_override(step: Step) -> bool:
    return step.reason.startswith("override:")


def outcome_words(outcome: str) -> str:
    return {"true": "yes", "false": "no"}.get(outcome, outcome)


def commands_for(node: Node) -> list[str]:
    """Commands whose output decides `node`: its `needs`, its evidence, else the commands
    feeding the facts its condition reads."""
    commands = list(node.needs) + [rule.command for rule in node.evidence]
    if not commands and node.condition:
        try:
            names = names_in(node.condition)
        except (ExprError, SyntaxError):
            names = frozenset()
        for name in sorted(names):
            if name in BUILDERS:
                commands += list(BUILDERS[name].commands)
    return list(dict.fromkeys(commands))


def missing_commands(device: Device, node: Node) -> list[str]:
    """Commands `node` needs that the capture lacks in full (a filtered output does not
    count); these are what "run now" offers."""
    if node.kind == "question":
        return []
    return [c for c in commands_for(node) if device.find(c) is None]


def deciding_lines(entry: Entry, evidence: list[Evidence]) -> list[int]:
    """0-based lines of `entry.output` that the evidence points at, in evidence order (a
    finding's own evidence comes before the path's, so the first is the one to show)."""
    lines = entry.output.split("\n")
    marked: list[int] = []
    for item in evidence:
        if item.command != entry.command:
            continue
        if item.line and entry.line:
            index = entry.output_index(item.line)
            if index is not None and index < len(lines) and lines[index].strip() == item.text:
                marked.append(index)
                continue
        marked += [i for i, text in enumerate(lines) if text.strip() == item.text]
    return list(dict.fromkeys(marked))


def _key(item: Evidence) -> tuple[str, int, str]:
    return item.command, item.line, item.text


def own_evidence(finding: Finding) -> list[Evidence]:
    """The lines that show `finding` itself (its node matched them), in file order: not the
    lines of the checks on its path (`Failover On`), which only say how the walk got there.
    All of its lines when it has none of its own."""
    path = {_key(e) for step in finding.path for e in step.evidence}
    own = [e for e in finding.evidence if _key(e) not in path]
    return sorted(own, key=lambda e: (e.source, e.line)) if own else list(finding.evidence)


def deciding_first(finding: Finding) -> list[Evidence]:
    """Every evidence line once, the finding's own first (each part in file order)."""
    own = own_evidence(finding)
    seen = {_key(e) for e in own}
    rest = sorted((e for e in finding.evidence if _key(e) not in seen),
                  key=lambda e: (e.source, e.line))
    return own + rest
