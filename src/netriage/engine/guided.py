"""Guided mode: one node at a time, with answers, overrides, back/forward, save and resume.

A walk is a pure function of (tree, facts, answers, overrides), so the guided walk stores
only those decisions plus how many nodes the user has stepped through; "back" and "resume"
replay the walk from its start. That keeps saved sessions tiny and always consistent with
the capture they were made on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netriage import __version__
from netriage.engine.expr import Namespace
from netriage.engine.findings import Evidence, Finding, Step
from netriage.engine.tree import Node, Tree
from netriage.engine.walk import Walk
from netriage.errors import NetriageError

SESSION_FORMAT = 1


@dataclass
class Position:
    """What the user sees at a point of the walk."""

    node: Node | None  # None when the walk has ended
    steps: list[Step]  # decided so far, in order
    findings: list[Finding]
    evidence: list[Evidence] = field(default_factory=list)  # of the current node
    waiting_for_answer: bool = False
    # What the engine decides at the current node when you move on: its outcome, reason and
    # evidence (None at a question still waiting, or at the end), and the findings a finding
    # node records, rendered. The TUI shows these before the user presses "next".
    decision: Step | None = None
    pending: list[Finding] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.node is None


class GuidedWalk:
    """Drives one tree on one device a node at a time."""

    def __init__(self, tree: Tree, namespace: Namespace, walk_factory: Any, *,
                 answers: dict[str, str] | None = None,
                 overrides: dict[str, tuple[str, str]] | None = None, position: int = 0) -> None:
        self.tree = tree
        self._namespace = namespace
        self._new_walk = walk_factory  # (answers, overrides) -> fresh Walk at the start
        self.answers = dict(answers or {})
        self.overrides = dict(overrides or {})
        self.position = position  # number of nodes stepped through
        self._furthest = position

    # -- replay ---------------------------------------------------------------------------
    def _replay(self, limit: int) -> tuple[Walk, int]:
        walk: Walk = self._new_walk(self.answers, self.overrides)
        taken = 0
        while taken < limit and walk.current is not None:
            node = walk.tree.nodes[walk.current]
            if node.kind == "question" and node.id not in walk.answers:
                break
            walk.step()
            taken += 1
        return walk, taken

    def view(self) -> Position:
        walk, taken = self._replay(self.position)
        self.position = taken
        node = self.tree.nodes.get(walk.current) if walk.current else None
        evidence = walk.evidence(node.evidence, self._namespace) if node else []
        waiting = bool(node and node.kind == "question" and node.id not in self.answers)
        decision, pending = None, []
        if node is not None and not waiting:
            ahead, _taken = self._replay(taken + 1)
            if len(ahead.steps) > len(walk.steps):
                decision = ahead.steps[len(walk.steps)]
            pending = ahead.findings[len(walk.findings):]
        return Position(node, walk.steps, walk.findings, evidence, waiting, decision, pending)

    # -- moves ----------------------------------------------------------------------------
    def forward(self) -> Position:
        """Decide the current node and move on (a question needs `answer` first)."""
        before = self.view()
        if before.finished or before.waiting_for_answer:
            return before
        self.position += 1
        self._furthest = max(self._furthest, self.position)
        return self.view()

    def back(self) -> Position:
        self.position = max(0, self.position - 1)
        return self.view()

    def answer(self, choice: str) -> Position:
        node = self.view().node
        if node is None or node.kind != "question":
            raise NetriageError("there is no question to answer here")
        valid = [answer for answer, _next in node.choices]
        if choice not in valid:
            raise NetriageError(f"answer one of: {', '.join(valid)}")
        self.answers[node.id] = choice
        return self.forward()

    def override(self, outcome: str, reason: str) -> Position:
        """Force the current check's branch ('true'/'false'); the reason is recorded."""
        node = self.view().node
        if node is None or node.kind != "check":
            raise NetriageError("only a check can be overridden")
        if outcome not in ("true", "false"):
            raise NetriageError("an override is 'true' or 'false'")
        if not reason.strip():
            raise NetriageError("an override needs a reason; it is recorded in the report")
        self.overrides[node.id] = (outcome, reason.strip())
        return self.forward()

    def run_to_end(self) -> Position:
        while True:
            before = self.position
            position = self.forward()
            if position.finished or position.waiting_for_answer or self.position == before:
                return position

    # -- persistence ----------------------------------------------------------------------
    def to_dict(self, device: str, sources: list[str]) -> dict[str, Any]:
        return {
            "format": SESSION_FORMAT, "netriage": __version__, "tree": self.tree.id,
            "device": device, "sources": sources, "position": self.position,
            "answers": self.answers,
            "overrides": {k: {"outcome": o, "reason": r} for k, (o, r) in self.overrides.items()},
        }

    def save(self, path: Path, device: str, sources: list[str]) -> None:
        path.write_text(json.dumps(self.to_dict(device, sources), indent=2) + "\n")


def load_session(path: Path) -> dict[str, Any]:
    """Read a saved walkthrough; the caller reopens its sources and calls `resume`."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as exc:  # ValueError: JSON errors and undecodable bytes
        raise NetriageError(f"{path}: not a netriage session ({exc.__class__.__name__})"
                            ) from None
    if not isinstance(data, dict) or data.get("format") != SESSION_FORMAT:
        raise NetriageError(f"{path}: not a netriage session file of format {SESSION_FORMAT}")
    return data


def overrides_from(data: dict[str, Any]) -> dict[str, tuple[str, str]]:
    return {k: (v["outcome"], v["reason"]) for k, v in data.get("overrides", {}).items()}
