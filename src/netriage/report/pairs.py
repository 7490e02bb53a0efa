"""Pair verdicts in the reports: the JSON shape, and the "Pairs" section of text/Markdown.

JSON (README, stable): `{"kind", "devices", "verdict", "fix_at", "findings", "evidence"}`,
plus `severity`, `summary`, `matched_by`, `fix`, `differences`, `undecided` and `rows`.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netriage.pairs import Pair

# Evidence lines a report keeps per pair, as for findings.
EVIDENCE_SHOWN = 25


def pair_dict(pair: Pair) -> dict[str, Any]:
    return {
        "kind": pair.kind,
        "devices": list(pair.devices),
        "verdict": pair.verdict,
        "fix_at": pair.fix_at,
        "findings": list(pair.findings),
        "evidence": [asdict(e) for e in pair.evidence[:EVIDENCE_SHOWN]],
        "evidence_total": len(pair.evidence),
        "severity": pair.severity,
        "summary": pair.summary,
        "matched_by": pair.matched_by,
        "fix": list(pair.fix),
        "differences": list(pair.differences),
        "undecided": list(pair.undecided),
        "rows": [asdict(r) for r in pair.rows],
    }


def pairs_lines(report: dict[str, Any], markdown: bool = False) -> list[str]:
    """The "Pairs" section: one block per pair, verdict first, then fix_at and differences."""
    pairs = report.get("pairs") or []
    if not pairs:
        return []
    out = ["## Pairs" if markdown else "Pairs", ""]
    bullet = "- " if markdown else "  - "
    for pair in pairs:
        devices = " ↔ ".join(pair["devices"])
        head = f"{pair['kind']} {devices}: {pair['verdict']}"
        out.append(f"### {head}" if markdown else head)
        if pair["summary"]:
            out.append(("" if markdown else "  ") + pair["summary"])
        out.append(("" if markdown else "  ") + "Fix at: " + (pair["fix_at"] or
                   "no single end (the evidence does not tell which)"))
        if pair["findings"]:
            out.append(("" if markdown else "  ") + "Findings: " + ", ".join(pair["findings"]))
        if pair["matched_by"]:
            out.append(("" if markdown else "  ") + "Matched by " + pair["matched_by"])
        if pair["differences"]:
            out.append(("" if markdown else "  ") + "Differences:")
            out += [bullet + d for d in pair["differences"]]
        if pair["fix"]:
            out.append(("" if markdown else "  ") + "Fix:")
            out += [(f"    {line}" if markdown else f"    {line}") for line in pair["fix"]]
        if pair["undecided"]:
            out.append(("" if markdown else "  ") + "Not compared:")
            out += [bullet + u for u in pair["undecided"]]
        if pair["evidence"]:
            out.append(("" if markdown else "  ") + "Evidence:")
            out += [f"{bullet}{e['device']} {e['source'] or ''}:{e['line']} "
                    f"({e['command']}): {'`' if markdown else ''}{e['text'].strip()}"
                    f"{'`' if markdown else ''}" for e in pair["evidence"]]
        out.append("")
    return out
