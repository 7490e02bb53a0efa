"""What the engine concludes: findings with their evidence and exact, copy-only fixes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netriage.engine.partial_source import PartialSource


def __getattr__(name: str) -> type:
    # PartialSource lives in `partial_source`, imported when a partial output is read (most
    # analyses read none); its old name here still resolves
    if name == "PartialSource":
        from netriage.engine.partial_source import PartialSource

        return PartialSource
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


SEVERITIES = ("info", "low", "medium", "high", "critical")


def severity_rank(severity: str) -> int:
    """Higher is worse; unknown severities sort as info."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else 0


@dataclass
class Evidence:
    """A line of a device's output a finding or undecided check points at."""

    command: str
    line: int  # line in the source file (0 when the source has no line numbers)
    text: str
    source: str = ""


@dataclass
class Fix:
    """A fix block rendered for one device: commands, verification and rollback."""

    platform: str  # catalog platform tags the block is written for: asa, ftd, pix, ios
    commands: list[str] = field(default_factory=list)
    verify: list[str] = field(default_factory=list)
    rollback: list[str] = field(default_factory=list)
    versions: str = ""  # the releases the lines are for (">=8.4"); "" every release
    device: str = ""  # whose CLI: "" this device, "mate", "switch"
    impact: str = ""  # what applying it disturbs (a flap, a failover, the peer's tunnel)
    manager: list[str] = field(default_factory=list)  # FMC / FDM steps where the CLI can't

    @property
    def heading(self) -> str:
        """`asa >=8.4`, `ios, on the switch`: which CLI and releases the lines are for."""
        platforms = ", ".join(self.platform.split(",")) if self.platform else "all platforms"
        where = " ".join(p for p in (platforms, self.versions) if p)
        return where + (f", on the {self.device}" if self.device else "")


@dataclass
class Step:
    """One node visited on the way to a conclusion (the walkthrough shows these)."""

    node: str
    title: str
    outcome: str  # "true", "false", "unknown", an answer, or "finding"
    evidence: list[Evidence] = field(default_factory=list)
    reason: str = ""  # why unknown, or the override's reason
    partial: list[PartialSource] = field(default_factory=list)  # partial outputs it read


@dataclass
class Finding:
    """A fault a tree concluded on a device, with its evidence and fix."""

    id: str
    severity: str
    title: str
    device: str
    explanation: str
    evidence: list[Evidence] = field(default_factory=list)
    fix: list[Fix] = field(default_factory=list)
    tree: str = ""
    path: list[Step] = field(default_factory=list)
    partial: list[PartialSource] = field(default_factory=list)  # partial outputs that fed it
    fix_note: str = ""  # why no block fits, or why several release variants are shown


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
