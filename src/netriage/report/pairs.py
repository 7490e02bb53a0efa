"""Pair verdicts in the reports: the JSON shape, and the "Pairs" section of text/Markdown.

JSON (README, stable): `{"kind", "devices", "verdict", "fix_at", "findings", "evidence"}`,
plus `severity`, `summary`, `matched_by`, `fix`, `fix_blocks` (the CLI of `fix` per platform
and release, shaped as a finding's `fix`), `fix_note`, `differences`, `undecided` and `rows`.
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
        "fix_ends": list(pair.fix_ends),  # when each end has its part (fix_at is null then)
        "findings": list(pair.findings),
        "evidence": [asdict(e) for e in pair.evidence[:EVIDENCE_SHOWN]],
        "evidence_total": len(pair.evidence),
        "severity": pair.severity,
        "summary": pair.summary,
        "matched_by": pair.matched_by,
        "fix": list(pair.fix),
        # the CLI of `fix` as blocks for fix_at's platform and release (as a finding's fix)
        "fix_blocks": [{**asdict(f), "heading": f.heading} for f in pair.fix_blocks],
        "fix_note": pair.fix_note,
        "differences": list(pair.differences),
        "undecided": list(pair.undecided),
        "rows": [asdict(r) for r in pair.rows],
    }


def pairs_lines(report: dict[str, Any], markdown: bool = False) -> list[str]:
    """The "Pairs" section: one block per pair, verdict first, then fix_at and differences
    ("the primary sees inside Normal (Waiting); the secondary has no standby address ...")."""
    pairs = report.get("pairs") or []
    if not pairs:
        return []
    out = ["## Pairs" if markdown else "Pairs", ""]
    pad, bullet, code = ("", "- ", "`") if markdown else ("  ", "  - ", "")
    for pair in pairs:
        head = f"{pair['kind']} {' + '.join(pair['devices'])}: {pair['verdict']}"
        out.append(f"### {head}" if markdown else head)
        if pair["summary"]:
            out.append(pad + pair["summary"])
        ends = pair.get("fix_ends") or []
        out.append(pad + "Fix at: " + (pair["fix_at"] or (
            " and ".join(ends) + " (each its own part of the fix)" if ends else
            "no single end (the evidence does not tell which)")))
        if pair["findings"]:
            out.append(pad + "Findings: " + ", ".join(pair["findings"]))
        if pair["matched_by"]:
            out.append(pad + "Matched by " + pair["matched_by"])
        for title, items in (("Differences", pair["differences"]),
                             ("Not compared", pair["undecided"])):
            if items:
                out += [pad + f"{title}:", *(bullet + item for item in items)]
        blocks = pair.get("fix_blocks") or []
        out += [pad + f"Impact ({b['heading']}): {b['impact']}" for b in blocks if b["impact"]]
        if pair["fix"]:
            out += [pad + "Fix:", *(f"    {line}" for line in pair["fix"])]
        for block in blocks:
            if block["rollback"]:
                out += [pad + f"Rollback ({block['heading']}):",
                        *(f"    {line}" for line in block["rollback"])]
        if pair.get("fix_note"):
            out.append(pad + "Note: " + pair["fix_note"])
        if pair["evidence"]:
            out.append(pad + "Evidence:")
            out += [f"{bullet}{e['device']} {e['source'] or e['command']}:{e['line']}: "
                    f"{code}{e['text'].strip()}{code}" for e in pair["evidence"]]
            more = pair.get("evidence_total", 0) - len(pair["evidence"])
            if more > 0:
                out.append(f"{bullet}... and {more} more line(s)")
        out.append("")
    return out
