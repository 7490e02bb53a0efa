"""Walking a tree over one device's facts: step by step (guided) or to the end (auto).

A `Walk` is the state of one walkthrough: the steps taken, the answers given, overrides with
their reasons. Auto mode is a walk that never waits: questions without an answer and checks
that cannot be decided become `Undecided` entries naming the command or question that would
decide them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from netriage.capture.model import Device
from netriage.engine.expr import (
    PLACEHOLDER,
    ExprError,
    Namespace,
    Unknown,
    evaluate,
    render,
    unwrap,
)
from netriage.engine.findings import Evidence, Finding, Fix, Step, Undecided
from netriage.engine.linescan import matching_lines
from netriage.engine.tree import EvidenceRule, Node, Tree
from netriage.platforms import get_platform

_MAX_STEPS = 500  # trees are acyclic (lint checks); this only guards a broken file


@dataclass
class Walk:
    tree: Tree
    device: Device
    namespace: Namespace
    answers: dict[str, str] = field(default_factory=dict)  # question node → answer
    overrides: dict[str, tuple[str, str]] = field(default_factory=dict)  # node → (outcome, why)
    steps: list[Step] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    undecided: list[Undecided] = field(default_factory=list)
    current: str | None = None
    variables: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.current is None and not self.steps:
            self.current = self.tree.start

    # -- evidence -------------------------------------------------------------------------
    def evidence(self, rules: tuple[EvidenceRule, ...], namespace: Namespace) -> list[Evidence]:
        found: list[Evidence] = []
        for rule in rules:
            entry = self.device.find(rule.command)
            if entry is None:
                continue
            try:
                pattern = re.compile(_render_regex(rule.match, namespace), re.IGNORECASE)
            except (re.error, ExprError):
                continue
            # the same lines as testing every line, found by literal first (15 MB outputs)
            for index, text in matching_lines(entry.output, pattern):
                line = entry.source_line(index)
                found.append(Evidence(rule.command, line, text.strip(), entry.source))
        return found

    def title(self, node: Node) -> str:
        """The node's title with `{expr}` placeholders filled from the facts."""
        return render(node.title, self.namespace) if "{" in node.title else node.title

    # -- stepping -------------------------------------------------------------------------
    def step(self) -> Node | None:
        """Take one step from the current node; returns the node it stopped at (or None)."""
        if self.current is None:
            return None
        node = self.tree.nodes[self.current]
        if node.kind == "check":
            self.current = self._check(node)
        elif node.kind == "question":
            if node.id not in self.answers:
                return node  # waits for a person (guided) or becomes undecided (auto)
            answer = self.answers[node.id]
            self.steps.append(Step(node.id, self.title(node), answer))
            self.current = dict(node.choices).get(answer)
        else:
            self._finding(node)
            self.current = node.next
        return self.tree.nodes.get(self.current) if self.current else None

    def _check(self, node: Node) -> str | None:
        evidence = self.evidence(node.evidence, self.namespace)
        if node.id in self.overrides:
            outcome, why = self.overrides[node.id]
            self.steps.append(Step(node.id, self.title(node), outcome, evidence,
                                   f"override: {why}"))
            return node.if_true if outcome == "true" else node.if_false
        try:
            value = bool(evaluate(node.condition, self.namespace))
        except Unknown as unknown:
            commands = list(node.needs or unknown.commands)
            self.steps.append(Step(node.id, self.title(node), "unknown", evidence, unknown.reason))
            self.undecided.append(Undecided(self.device.hostname, self.tree.id, node.id,
                                            node.title, unknown.reason, commands))
            return node.if_unknown
        self.steps.append(Step(node.id, self.title(node), str(value).lower(), evidence))
        return node.if_true if value else node.if_false

    def _finding(self, node: Node) -> None:
        items: list[Any] = [None]
        if node.each:
            try:
                items = list(evaluate(node.each, self.namespace)) or []
            except Unknown as unknown:
                self.undecided.append(Undecided(self.device.hostname, self.tree.id, node.id,
                                                node.title, unknown.reason, list(node.needs)))
                return
        if not items:
            return
        platform_tag = get_platform(self.device.platform).tag if self.device.platform else ""
        path_evidence = [e for s in self.steps for e in s.evidence]
        evidence: list[Evidence] = []
        fixes: dict[str, Fix] = {}
        for item in items:
            scope = self.namespace.with_variables(**({node.each_as: item} if node.each else {}))
            evidence += self.evidence(node.evidence, scope)
            for template in node.fixes:
                if platform_tag and template.platforms and platform_tag not in template.platforms:
                    continue
                key = ",".join(template.platforms)
                fix = fixes.setdefault(key, Fix(platform=key))
                fix.commands += [render(c, scope) for c in template.commands]
                fix.verify += [v for v in (render(c, scope) for c in template.verify)
                               if v not in fix.verify]
                fix.rollback += [render(c, scope) for c in template.rollback]
        title = render(node.title, self.namespace)
        self.steps.append(Step(node.id, title, "finding"))
        self.findings.append(Finding(
            id=node.finding, severity=node.severity, title=title, device=self.device.hostname,
            explanation=render(node.explanation, self.namespace).strip(),
            evidence=_unique(evidence + path_evidence), fix=list(fixes.values()),
            tree=self.tree.id, path=list(self.steps)))

    def run(self) -> Walk:
        """Auto mode: walk to the end, recording questions nobody answered."""
        for _ in range(_MAX_STEPS):
            if self.current is None:
                break
            node = self.tree.nodes[self.current]
            if node.kind == "question" and node.id not in self.answers:
                self.steps.append(Step(node.id, self.title(node), "unknown", [], "not answered"))
                self.undecided.append(Undecided(self.device.hostname, self.tree.id, node.id,
                                                node.title, "a question only you can answer",
                                                question=node.title))
                self.current = None
                break
            self.step()
        return self


def _render_regex(template: str, namespace: Namespace) -> str:
    def fill(match: re.Match[str]) -> str:
        return re.escape(str(unwrap(evaluate(match.group(1), namespace))))

    try:
        return PLACEHOLDER.sub(fill, template)
    except Unknown:
        raise ExprError("evidence pattern needs an unknown fact") from None


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    seen: set[tuple[str, int, str]] = set()
    out = []
    for item in evidence:
        key = (item.command, item.line, item.text)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
