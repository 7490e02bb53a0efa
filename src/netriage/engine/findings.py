"""What the engine concludes: findings with their evidence and exact, copy-only fixes."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("info", "low", "medium", "high", "critical")


def severity_rank(severity: str) -> int:
    """Higher is worse; unknown severities sort as info."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else 0


@dataclass
class Evidence:
    command: str
    line: int  # line in the source file (0 when the source has no line numbers)
    text: str
    source: str = ""


@dataclass
class Fix:
    platform: str  # catalog platform tag: asa, ftd, pix, ios
    commands: list[str] = field(default_factory=list)
    verify: list[str] = field(default_factory=list)
    rollback: list[str] = field(default_factory=list)


@dataclass
class Step:
    """One node visited on the way to a conclusion (the walkthrough shows these)."""

    node: str
    title: str
    outcome: str  # "true", "false", "unknown", an answer, or "finding"
    evidence: list[Evidence] = field(default_factory=list)
    reason: str = ""  # why unknown, or the override's reason


@dataclass
class Finding:
    id: str
    severity: str
    title: str
    device: str
    explanation: str
    evidence: list[Evidence] = field(default_factory=list)
    fix: list[Fix] = field(default_factory=list)
    tree: str = ""
    path: list[Step] = field(default_factory=list)


@dataclass
class Undecided:
    """A check the engine could not decide, and what would decide it."""

    device: str
    tree: str
    node: str
    title: str
    reason: str
    commands: list[str] = field(default_factory=list)
    question: str = ""  # set when a person must answer rather than a command
