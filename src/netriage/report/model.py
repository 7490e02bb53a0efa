"""The JSON contract: one plain dict built from an analysis, which every report renders.

Documented in README.md and kept stable: new keys may be added, none renamed or removed.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from netriage import __version__
from netriage.analysis import Analysis
from netriage.engine.findings import Finding


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.id,
        "severity": finding.severity,
        "title": finding.title,
        "device": finding.device,
        "evidence": [asdict(e) for e in finding.evidence],
        "explanation": finding.explanation,
        "fix": [asdict(f) for f in finding.fix],
        "tree": finding.tree,
    }


def report_dict(analysis: Analysis, *, redact: bool = False) -> dict[str, Any]:
    """The report as a dict; with `redact`, secrets in every free-text value become tokens."""
    report = _report_dict(analysis)
    if not redact:
        report["redaction"] = {"enabled": False, "masked": []}
        return report
    from netriage.redact import TokenMap, capture_secrets, redact_report

    tokens = TokenMap()  # learnt from the capture, so prose quoting a secret is masked too
    masked = capture_secrets(analysis.capture, tokens)
    report = redact_report(report, tokens)
    report["redaction"] = {"enabled": True, "masked": [m.as_dict() for m in masked]}
    return report


def _report_dict(analysis: Analysis) -> dict[str, Any]:
    devices = []
    for item in analysis.devices:
        commands = []
        for result in item.facts.all_results():
            parsed: bool | str = {"parsed": True, "partial": "partial"}.get(result.status, False)
            commands.append({
                "command": result.command,
                "parsed": parsed,
                "records": len(result.records),
                "template": result.template or None,
                "reason": result.reason,
                "not_understood": [{"line": n, "text": t} for n, t in result.not_understood],
            })
        device = item.device
        devices.append({
            "hostname": device.hostname,
            "platform": device.platform or None,
            "platform_reason": device.platform_reason,
            "version": device.version or None,
            "failover_role": device.failover_role or None,
            "commands": commands,
        })
    return {
        "netriage": __version__,
        "sources": list(analysis.capture.sources),
        "devices": devices,
        "findings": [finding_dict(f) for f in analysis.findings],
        "undecided": [asdict(u) for u in analysis.undecided],
        "pairs": [],
    }
