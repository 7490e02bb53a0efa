"""Walking a tree over one device's facts: step by step (guided) or to the end (auto).

A `Walk` is the state of one walkthrough: the steps taken, the answers given, overrides with
their reasons. Auto mode is a walk that never waits: questions without an answer and checks
that cannot be decided become `Undecided` entries naming the command or question that would
decide them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from netriage.capture.model import Device, Entry
from netriage.engine.expr import (
    PLACEHOLDER,
    ExprError,
    Namespace,
    PartialUnknown,
    Unknown,
    evaluate,
    evaluate_as_read,
    fields_in,
    names_in,
    render,
    unwrap,
)
from netriage.engine.findings import Evidence, Finding, Fix, Step, Undecided
from netriage.engine.fixes import choose
from netriage.engine.linescan import matching_lines
from netriage.engine.tree import EvidenceRule, FixTemplate, Node, Tree
from netriage.platforms import get_platform

if TYPE_CHECKING:
    from netriage.engine.partial_source import PartialSource

# Configuration displays: a finding about the configuration may rest on any of them.
_CONFIG_DISPLAYS = ("show running-config", "show startup-config", "more system:running-config",
                    "write terminal", "show configuration")
_MAX_STEPS = 500  # trees are acyclic (lint checks); this only guards a broken file


@dataclass
class Walk:
    """One tree walked over one device: the path taken, findings and undecided checks."""

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
            # a filtered output (`| section crypto`) still holds real lines of the capture
            entry = self.device.find(rule.command) or self.device.find(rule.command,
                                                                       unfiltered=False)
            # the facts also read the command given an argument (`show interfaces Gi0/1`,
            # `show crypto ipsec sa detail`): without the plain output, its lines are the
            # evidence, or a figure the explanation quotes from them would show nowhere
            entries = [entry] if entry is not None else self._with_argument(rule.command)
            # a log message may also have been printed at the console between commands
            # (evidence then names the command `console`, see Device.console)
            console = self.device.console if rule.command.startswith("show log") else []
            if not entries and not console:
                continue
            try:
                pattern = _evidence_regex(_render_regex(rule.match, namespace))
            except (re.error, ExprError):
                continue
            for where in entries + console:
                # the same lines as testing every line, found by literal first (15 MB outputs)
                for index, text in matching_lines(where.output, pattern):
                    found.append(Evidence(where.command, where.source_line(index),
                                          text.strip(), where.source))
                    if rule.first:
                        break
        return found

    def _with_argument(self, command: str) -> list[Entry]:
        """Unfiltered outputs of `command` followed by an argument or a qualifier."""
        return [e for e in self.device.entries
                if e.command.startswith(command + " ") and not e.filtered]

    def output_head(self, commands: list[str]) -> list[Evidence]:
        """The first line of the first of `commands` captured: the evidence of a finding that
        rests on what an output lacks (no `banner`, no `ntp server`), read whole."""
        wanted = list(commands)
        if any(c in _CONFIG_DISPLAYS for c in wanted):  # PIX `write terminal` is the config
            wanted += _CONFIG_DISPLAYS
        entries = [e for c in wanted for e in self.device.entries
                   if e.command == c or e.command.startswith(c + " ")]  # `| section`, parts
        for entry in entries:
            for index, text in enumerate(entry.output.split("\n")):
                if text.strip():
                    return [Evidence(entry.command, entry.source_line(index), text.strip(),
                                     entry.source)]
        return []

    def partial(self, *expressions: str) -> list[PartialSource]:
        """Partial outputs the facts these expressions read were built from."""
        found: dict[str, PartialSource] = {}
        for source in expressions:
            if not source:
                continue
            try:
                names, fields = names_in(source), fields_in(source)
            except SyntaxError:
                continue
            for name in sorted(names):
                read = sorted(f for n, f in fields if n == name) or [""]  # fields, or all
                for field_name in read:
                    found.update((p.command, p)
                                 for p in self.namespace.partial_of(name, field_name))
        return list(found.values())

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
        partial = self.partial(node.condition)
        try:
            value = bool(evaluate(node.condition, self.namespace))
        except Unknown as unknown:
            commands = list(node.needs or unknown.commands)
            self.steps.append(Step(node.id, self.title(node), "unknown", evidence, unknown.reason,
                                   partial))
            self.undecided.append(Undecided(self.device.hostname, self.tree.id, node.id,
                                            node.title, unknown.reason, commands))
            if node.if_unknown is None and isinstance(unknown, PartialUnknown):
                return self._walk_on_as_read(node)
            return node.if_unknown
        self.steps.append(Step(node.id, self.title(node), str(value).lower(), evidence,
                               partial=partial))
        return node.if_true if value else node.if_false

    def _walk_on_as_read(self, node: Node) -> str | None:
        """After a check left undecided only because a partial output may miss rows: walk on
        along what the output shows as read, so later checks (a Failed interface that was
        read) still conclude, but never straight into a finding the missing rows could undo."""
        try:
            value = bool(evaluate_as_read(node.condition, self.namespace))
        except Unknown:
            return None
        target = node.if_true if value else node.if_false
        if target is None or self.tree.nodes[target].kind == "finding":
            return None
        return target

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
        choice = choose(node.fixes, platform_tag, self.device.version)
        path_evidence = [e for s in self.steps for e in s.evidence]
        scopes = [self.namespace.with_variables(**({node.each_as: item} if node.each else {}))
                  for item in items]
        evidence = [e for scope in scopes for e in self.evidence(node.evidence, scope)]
        fixes = _render_fixes(choice.chosen, scopes)
        title = render(node.title, self.namespace)
        evidence = _unique(evidence + path_evidence)
        if not evidence:  # every finding points into the capture: at least the output read
            deciding = [self.tree.nodes[s.node] for s in reversed(self.steps)
                        if s.node in self.tree.nodes and self.tree.nodes[s.node].kind == "check"]
            evidence = self.output_head([c for n in deciding for c in n.needs]
                                        + list(self.tree.requires))
        partial = {p.command: p for s in self.steps for p in s.partial}
        partial.update((p.command, p) for p in self.partial(node.each))
        self.steps.append(Step(node.id, title, "finding", partial=list(partial.values())))
        self.findings.append(Finding(
            id=node.finding, severity=node.severity, title=title, device=self.device.hostname,
            explanation=render(node.explanation, self.namespace).strip(),
            evidence=evidence, fix=fixes,
            tree=self.tree.id, path=list(self.steps), partial=list(partial.values()),
            fix_note=choice.note))

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


def _render_fixes(templates: tuple[FixTemplate, ...], scopes: list[Namespace]) -> list[Fix]:
    """One Fix per chosen block, rendered for every item and merged; lines that two items
    render alike (a block, a rollback) are said once."""
    fixes: dict[tuple[str, str, str], Fix] = {}
    said: set[tuple[tuple[str, str, str], str, tuple[str, ...]]] = set()
    for scope in scopes:
        for template in templates:
            key = (",".join(template.platforms), template.device, template.versions)
            fix = fixes.setdefault(key, Fix(
                platform=key[0], versions=template.versions, device=template.device,
                impact=render(template.impact, scope)))
            block = _lines(template.commands, scope)
            if (key, "commands", block) in said:
                continue
            said.add((key, "commands", block))
            fix.commands += block
            fix.manager += [m for m in (render(c, scope) for c in template.manager)
                            if m not in fix.manager]
            fix.verify += [v for v in (render(c, scope) for c in template.verify)
                           if v not in fix.verify]
            undo = _lines(template.rollback, scope)
            if (key, "rollback", undo) not in said:
                said.add((key, "rollback", undo))
                fix.rollback += undo
    return list(fixes.values())


def _lines(templates: tuple[str, ...], scope: Namespace) -> tuple[str, ...]:
    """Rendered lines; a value that holds several lines (a list re-entered one item a line,
    as IOS `proposal` lines are) gives one line each."""
    return tuple(line for c in templates for line in render(c, scope).split("\n"))


@lru_cache(maxsize=4096)
def _evidence_regex(pattern: str) -> re.Pattern[str]:
    """Compiled once per process: the trees' ~500 evidence patterns (and rendered ones, which
    repeat across captures) overflow `re`'s own 512-entry cache in a batch, so each capture
    compiled them again (~6% of a capture under cProfile)."""
    return re.compile(pattern, re.IGNORECASE)


def _render_regex(template: str, namespace: Namespace) -> str:
    """The pattern with each `{expr}` filled as literal text; a list fills in as any one of
    its items (`{i.peer.split(', ')}`: a line naming any of the peers an issue joins)."""

    def fill(match: re.Match[str]) -> str:
        value = unwrap(evaluate(match.group(1), namespace))
        if isinstance(value, list | tuple | set | frozenset):
            items = sorted({re.escape(str(unwrap(v))) for v in value}, key=lambda s: (-len(s), s))
            return "(?:" + "|".join(items) + ")" if items else "(?!)"
        return re.escape(str(value))

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
