"""The JSON contract: one plain dict built from an analysis, which every report renders.

Documented in README.md and kept stable: new keys may be added, none renamed or removed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netriage import __version__
from netriage.analysis import Analysis
from netriage.engine.findings import SEVERITIES, Finding, severity_rank
from netriage.report.evidence import ordered
from netriage.report.pairs import pair_dict
from netriage.report.plain import plain
from netriage.report.undecided import full_commands, undecided_dict

if TYPE_CHECKING:
    from netriage.engine.partial_source import PartialSource

# Evidence lines a report keeps per finding; `evidence_total` counts them all.
EVIDENCE_SHOWN = 25


def partial_dict(source: PartialSource) -> dict[str, Any]:
    return {"command": source.command, "not_understood": source.count,
            "note": f"drawn from {source.note}", "source": source.source,
            "lines": [{"line": line, "text": text} for line, text in source.lines]}


def finding_dict(finding: Finding, sources: list[str] | None = None) -> dict[str, Any]:
    # deciding lines first, each part in file order; `deciding` tells them apart
    evidence = [{**plain(e), "deciding": deciding}
                for e, deciding in ordered(finding, sources or [])]
    return {
        "id": finding.id,
        "severity": finding.severity,
        "title": finding.title,
        "device": finding.device,
        # the deciding lines come first; a finding over 10,000 SAs must not make a 2 MB report
        "evidence": evidence[:EVIDENCE_SHOWN],
        "evidence_total": len(finding.evidence),
        "explanation": finding.explanation,
        "fix": [{**plain(f), "heading": f.heading} for f in finding.fix],
        "fix_note": finding.fix_note,
        "tree": finding.tree,
        "partial": [partial_dict(p) for p in finding.partial],
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
            entry = item.device.find(result.command)
            commands.append({
                "command": result.command,
                "parsed": parsed,
                "records": len(result.records),
                "template": result.template or None,
                "reason": result.reason,
                # `line`: in the output; `source_line`: in the file (`source`) it came from
                "not_understood": [
                    {"line": n, "text": t,
                     "source_line": entry.source_line(n - 1) if entry is not None else 0}
                    for n, t in result.not_understood],
                "source": entry.source if entry is not None else "",
            })
        device = item.device
        undecided = sum(1 for u in analysis.undecided if u.device == device.hostname)
        severities = [f.severity for f in analysis.findings if f.device == device.hostname]
        # a verdict over both ends is about this device too: its header must not read
        # "no finding" (or a lesser worst) when its pair is split-brained or one-way
        pairs = [{"verdict": p.verdict, "severity": p.severity,
                  "with": [d for d in p.devices if d != device.hostname]}
                 for p in analysis.pairs
                 if device.hostname in p.devices and len(p.devices) > 1
                 and severity_rank(p.severity) > severity_rank("info")]
        devices.append({
            "hostname": device.hostname,
            "platform": device.platform or None,
            "platform_reason": device.platform_reason,
            "version": device.version or None,
            "failover_role": device.failover_role or None,
            "commands": commands,
            "undecided": undecided,  # checks not decided on this device: never "healthy"
            "role": _role(item.facts, device.failover_role),
            "worst": max(severities + [p["severity"] for p in pairs], key=severity_rank,
                         default=""),
            "counts": {s: severities.count(s) for s in reversed(SEVERITIES) if s in severities},
            "pair_verdicts": pairs,
        })
    sources = [f.path for f in analysis.capture.files]
    hosts = {item.device.hostname: item.device for item in analysis.devices}
    captured = {name: full_commands(device) for name, device in hosts.items()}
    return {
        "netriage": __version__,
        "sources": list(analysis.capture.sources),
        "devices": devices,
        "findings": [finding_dict(f, sources) for f in analysis.findings],
        "undecided": [undecided_dict(u, hosts.get(u.device), captured.get(u.device, set()))
                      for u in analysis.undecided],
        "pairs": [pair_dict(p) for p in analysis.pairs],
        # files (or parts of files) not loaded, each with its reason
        "skipped": list(analysis.capture.skipped),
        # where the loader stopped keeping text at a bound: the analysis did not see it all
        "incomplete": list(analysis.capture.cut),
    }


_ROLE_WORDS = {"pri": "primary", "sec": "secondary", "act": "active", "stby": "standby"}


def _role(facts: Any, prompt_role: str) -> str:
    """`primary, active` from `show failover` when it was read, else from the prompt
    (`pri/act`); `failover off` when the unit says so; "" when nothing tells."""
    from netriage.engine.expr import Unknown

    try:
        failover, _commands = facts.resolve("failover")
    except (Unknown, KeyError):
        failover = None
    # an unread `show failover` resolves to an Unknown: it then tells nothing here
    if getattr(failover, "enabled", None) is False:
        return "failover off"
    this = getattr(failover, "this", None)
    if this is not None and this.role:
        return ", ".join(w.lower() for w in (this.role, this.state) if w)
    return ", ".join(_ROLE_WORDS.get(p.lower(), p) for p in prompt_role.split("/") if p)
