"""Render the report dict as text, Markdown or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from netriage.analysis import Analysis
from netriage.report.model import report_dict

_STATUS = {True: "parsed", "partial": "PARTIAL", False: "UNPARSED"}


def _commands_lines(device: dict[str, Any]) -> list[str]:
    lines = []
    for c in device["commands"]:
        status = _STATUS[c["parsed"]]
        detail = f"{c['records']} record(s)" if c["parsed"] else (c["reason"] or "")
        if c["parsed"] == "partial":
            detail += f", {len(c['not_understood'])} line(s) not understood"
        lines.append(f"{c['command']}: {status} ({detail})")
    return lines


def _redaction_line(report: dict[str, Any]) -> str:
    redaction = report.get("redaction") or {}
    if not redaction.get("enabled"):
        return "Secrets are NOT masked in this report (--no-redact)."
    masked = redaction.get("masked") or []
    if not masked:
        return "Secrets masked: none found."
    kinds = sorted({m["kind"] for m in masked})
    return (f"Secrets masked: {len({m['token'] for m in masked})} found in the capture "
            f"({', '.join(kinds)}); the same token means the same secret.")


def _text(report: dict[str, Any]) -> str:
    out: list[str] = [f"netriage {report['netriage']}: {', '.join(report['sources'])}", ""]
    for device in report["devices"]:
        platform = device["platform"] or "unknown platform"
        out.append(f"Device {device['hostname']} ({platform}"
                   + (f" {device['version']}" if device["version"] else "") + ")")
        out += [f"  {line}" for line in _commands_lines(device)]
    out.append("")
    if not report["findings"]:
        out.append("No findings.")
    for number, f in enumerate(report["findings"], 1):
        out.append(f"{number}. [{f['severity'].upper()}] {f['id']} on {f['device']}: {f['title']}")
        out.append(f"   {f['explanation']}")
        if f["evidence"]:
            out.append("   Evidence:")
            out += [f"     {e['command']} line {e['line']}: {e['text']}" for e in f["evidence"]]
        for fix in f["fix"]:
            out.append(f"   Fix ({fix['platform']}):")
            out += [f"     {c}" for c in fix["commands"]]
            if fix["verify"]:
                out.append("   Verify: " + "; ".join(fix["verify"]))
            if fix["rollback"]:
                out.append("   Rollback: " + "; ".join(fix["rollback"]))
        out.append("")
    if report["undecided"]:
        out.append("Not decided (capture more to decide):")
        for u in report["undecided"]:
            tell = f"answer: {u['question']}" if u["question"] else (
                "run " + ", ".join(f"`{c}`" for c in u["commands"]) if u["commands"] else "")
            out.append(f"  - {u['device']}: {u['title']} ({u['reason']}; {tell})")
    out += ["", _redaction_line(report)]
    return "\n".join(out).rstrip() + "\n"


def _markdown(report: dict[str, Any]) -> str:
    out = ["# netriage report", "", f"Sources: {', '.join(f'`{s}`' for s in report['sources'])}",
           "", "## Devices", ""]
    for device in report["devices"]:
        out.append(f"### {device['hostname']} ({device['platform'] or 'unknown platform'})")
        out.append("")
        out += [f"- {line}" for line in _commands_lines(device)]
        out.append("")
    out += ["## Findings", ""]
    if not report["findings"]:
        out.append("No findings.")
    for f in report["findings"]:
        out += [f"### {f['severity'].upper()}: {f['title']}", "",
                f"`{f['id']}` on **{f['device']}**", "", f["explanation"], ""]
        if f["evidence"]:
            out += ["Evidence:", "", "```"]
            out += [f"{e['command']} (line {e['line']}): {e['text']}" for e in f["evidence"]]
            out += ["```", ""]
        for fix in f["fix"]:
            out += [f"Fix ({fix['platform']}):", "", "```", *fix["commands"], "```", ""]
            if fix["verify"]:
                out += ["Verify: " + ", ".join(f"`{v}`" for v in fix["verify"]), ""]
            if fix["rollback"]:
                out += ["Rollback: " + ", ".join(f"`{r}`" for r in fix["rollback"]), ""]
    if report["undecided"]:
        out += ["## Not decided", ""]
        for u in report["undecided"]:
            tell = u["question"] or ", ".join(f"`{c}`" for c in u["commands"])
            out.append(f"- {u['device']}: {u['title']} — {u['reason']} ({tell})")
    out += ["", _redaction_line(report)]
    return "\n".join(out).rstrip() + "\n"


def _json(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2) + "\n"


FORMATS: dict[str, Callable[[dict[str, Any]], str]] = {
    "text": _text, "markdown": _markdown, "json": _json,
}


def render_report(analysis: Analysis, fmt: str = "text", *, redact: bool = True) -> str:
    """The report in `fmt`; secrets (keys, passwords, communities) masked unless redact=False."""
    return FORMATS[fmt](report_dict(analysis, redact=redact))
