"""What two-ended analysis concludes: a pair of devices, how they were matched, and a verdict.

A `Pair` is the failover pair or the two IPsec peers found among the loaded devices. Its
verdict names the end to fix (`fix_at`, a device name, or None when the evidence cannot tell
which end), the fix there in words and CLI, the catalog ids it stands for, and evidence from
both ends. `rows` hold the side-by-side comparison the views draw (differences flagged).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netriage.engine.findings import Evidence, Fix, severity_rank

FAILOVER = "failover"
IPSEC = "ipsec"

# Verdicts (IPsec ones after Batfish's session statuses, driven by live state as well).
ESTABLISHED = "established"
PHASE1_FAILED = "phase 1 failed"
KEY_MISMATCH = "key mismatch"
PHASE2_FAILED = "phase 2 failed"
ONE_WAY = "one-way"
MISSING_END = "missing end"
HEALTHY = "healthy"
SPLIT_BRAIN = "split brain"
MISMATCH = "mismatch"
DEGRADED = "degraded"
UNDECIDED = "undecided"  # both ends loaded, but what would decide was not captured


@dataclass
class PairEvidence:
    """One line from one end."""

    device: str
    command: str
    line: int
    text: str
    source: str = ""

    @classmethod
    def of(cls, device: str, evidence: Evidence) -> PairEvidence:
        return cls(device, evidence.command, evidence.line, evidence.text, evidence.source)


@dataclass
class Row:
    """One compared value: what each end says, and whether they disagree."""

    label: str
    left: str
    right: str
    differs: bool = False


@dataclass
class Pair:
    kind: str  # failover / ipsec
    devices: list[str]  # failover: primary first; ipsec: as loaded
    matched_by: str  # how the two were told to belong together
    verdict: str = ""
    fix_at: str | None = None
    # both ends when each must change (an Active/Active split brain: each unit stands down
    # for the group that is not its own); fix_at stays None then, as the JSON contract says
    fix_ends: list[str] = field(default_factory=list)
    severity: str = "info"
    summary: str = ""  # one sentence: the verdict in words
    fix: list[str] = field(default_factory=list)  # what to do at fix_at (words, then CLI)
    # the CLI of `fix` as blocks (checks/pairs/fixes.yaml) for fix_at's platform and release
    fix_blocks: list[Fix] = field(default_factory=list)
    fix_note: str = ""  # why no block fits, or why several variants are shown
    findings: list[str] = field(default_factory=list)  # catalog ids the verdict stands for
    differences: list[str] = field(default_factory=list)  # in words, naming each end's view
    evidence: list[PairEvidence] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    undecided: list[str] = field(default_factory=list)  # what was not compared, and why
    # the same gaps in a few words, for a "healthy" summary to say what it did not compare
    # ("failover key not compared: masked on both"): healthy is only as far as both show
    gaps: list[str] = field(default_factory=list)
    # (device, catalog id) of one-ended findings this pair explains: folded, not repeated
    folds: list[tuple[str, str]] = field(default_factory=list)
    # device -> the other end's addresses, when the device has other tunnels too: only its
    # findings naming one of these are about this pair
    scope: dict[str, set[str]] = field(default_factory=dict)

    def raise_to(self, severity: str) -> None:
        if severity_rank(severity) > severity_rank(self.severity):
            self.severity = severity

    def add_finding(self, finding_id: str) -> None:
        if finding_id not in self.findings:
            self.findings.append(finding_id)
