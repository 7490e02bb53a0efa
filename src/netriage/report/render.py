"""Render the report dict as text, Markdown or JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from netriage.analysis import Analysis
from netriage.report.model import report_dict

_STATUS = {True: "parsed", "partial": "PARTIAL", False: "UNPARSED"}


# Not-understood lines listed per partial output; the count says how many more there are.
SHOWN_LINES = 10


def _commands_lines(device: dict[str, Any]) -> list[str]:
    lines = []
    for c in device["commands"]:
        status = _STATUS[c["parsed"]]
        detail = f"{c['records']} record(s)" if c["parsed"] else (c["reason"] or "")
        if c["parsed"] == "partial":
            detail += f", {len(c['not_understood'])} line(s) not understood"
        lines.append(f"{c['command']}: {status} ({detail})")
    return lines


def _guess(device: dict[str, Any]) -> str:
    """How the platform was told when `show version` did not say it (a guess, with its line)."""
    reason = device.get("platform_reason") or ""
    if not device.get("platform") or reason in ("", "show version", "--platform", "connection"):
        return ""
    return f"guessed from {reason}"


def _more_evidence(finding: dict[str, Any]) -> int:
    return finding.get("evidence_total", len(finding["evidence"])) - len(finding["evidence"])


def _not_understood(command: dict[str, Any], code: bool = False) -> list[str]:
    """`line 57: <text>` (line in the file) for the first lines of a partial output."""
    items = command["not_understood"] if command["parsed"] == "partial" else []
    quote = "`" if code else ""
    out = [f"line {n.get('source_line') or n['line']}: {quote}{n['text'].strip()}{quote}"
           for n in items[:SHOWN_LINES]]
    if len(items) > SHOWN_LINES:
        out.append(f"... and {len(items) - SHOWN_LINES} more line(s) not understood")
    return out


def _partial_notes(finding: dict[str, Any]) -> list[str]:
    """`Drawn from a partial `show failover`: 1 line not understood`, one per output."""
    return [p["note"][0].upper() + p["note"][1:] for p in finding.get("partial", [])]


def _undecided_line(report: dict[str, Any]) -> str:
    """Unknown is never healthy: no finding with checks undecided is not a clean bill."""
    count = len(report["undecided"])
    if not report["findings"]:
        if count:
            return (f"No findings, but {count} check(s) could not be decided (listed below): "
                    "this capture does not show the devices healthy.")
        return "No findings."
    return ""


def _fix_lines(finding: dict[str, Any]) -> list[str]:
    """Each fix block: for which CLI, its impact, manager steps, lines, verify and rollback as
    lists (one command a line, copyable), and the note when no block or several fit."""
    out = [f"Fix: {finding['fix_note']}."] if finding.get("fix_note") else []
    for fix in finding["fix"]:
        out.append(f"Fix ({fix['heading']}):")
        if fix.get("impact"):
            out.append(f"  Change impact: {fix['impact']}")
        if fix.get("manager"):
            out.append("  In the manager:")
            out += [f"    {n}. {step}" for n, step in enumerate(fix["manager"], 1)]
        out += [f"  {c}" for c in fix["commands"]]
        for name in ("verify", "rollback"):
            if fix[name]:
                out.append(f"  {name.capitalize()}:")
                out += [f"    {c}" for c in fix[name]]
    return out


_CHECKS_OF = re.compile(r"\(checks of ([^)]*)\)")
_NOT_CAPTURED = re.compile(r"^`([^`]+)` was not captured$")


def _undecided_lines(undecided: list[dict[str, Any]]) -> list[str]:
    """Questions with the `--answer` that settles them; the rest grouped by why (the reason
    names the device's own command): "capture `show running-config` to decide 6 more
    checks: management access; ..."."""
    lines: list[str] = []
    groups: dict[tuple[str, str], list[str]] = {}
    for u in undecided:
        if u["question"]:
            lines.append(f"{u['device']}: {u['question']} (answer with "
                         f"`--answer {u['tree']}.{u['node']}=ANSWER`)")
            continue
        topic = _CHECKS_OF.search(u["title"])
        groups.setdefault((u["device"], u["reason"]), []).append(
            topic.group(1) if topic else u["title"].rstrip("?"))
    for (device, reason), topics in groups.items():
        shown = "; ".join(dict.fromkeys(topics[:5])) + ("; ..." if len(topics) > 5 else "")
        missing = _NOT_CAPTURED.match(reason)
        if missing:
            lines.append(f"{device}: capture `{missing.group(1)}` to decide {len(topics)} "
                         f"more check(s): {shown}")
        else:
            lines.append(f"{device}: {reason} — {len(topics)} check(s) not decided: {shown}")
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
        if _guess(device):
            out.append(f"  platform {_guess(device)}")
        for command, line in zip(device["commands"], _commands_lines(device), strict=True):
            out.append(f"  {line}")
            out += [f"    not understood, {text}" for text in _not_understood(command)]
        if device.get("undecided"):
            out.append(f"  {device['undecided']} check(s) not decided on this device "
                       "(listed under 'Not decided')")
    out.append("")
    if _undecided_line(report):
        out.append(_undecided_line(report))
    for number, f in enumerate(report["findings"], 1):
        out.append(f"{number}. [{f['severity'].upper()}] {f['id']} on {f['device']}: {f['title']}")
        out += [f"   {note}" for note in _partial_notes(f)]
        out.append(f"   {f['explanation']}")
        if f["evidence"]:
            out.append("   Evidence:")
            out += [f"     {e['command']} line {e['line']}: {e['text']}" for e in f["evidence"]]
            out += [f"     ... and {more} more line(s)" for more in [_more_evidence(f)] if more]
        out += [f"   {line}" for line in _fix_lines(f)]
        out.append("")
    if report["undecided"]:
        out.append("Not decided (capture more to decide):")
        out += [f"  - {line}" for line in _undecided_lines(report["undecided"])]
    out += ["", _redaction_line(report)]
    return "\n".join(out).rstrip() + "\n"


def _markdown(report: dict[str, Any]) -> str:
    out = ["# netriage report", "", f"Sources: {', '.join(f'`{s}`' for s in report['sources'])}",
           "", "## Devices", ""]
    for device in report["devices"]:
        out.append(f"### {device['hostname']} ({device['platform'] or 'unknown platform'})")
        out.append("")
        if _guess(device):
            out += [f"Platform {_guess(device)}.", ""]
        for command, line in zip(device["commands"], _commands_lines(device), strict=True):
            out.append(f"- {line}")
            out += [f"  - not understood, {text}" for text in _not_understood(command, True)]
        if device.get("undecided"):
            out.append(f"- **{device['undecided']} check(s) not decided** on this device "
                       "(see *Not decided*)")
        out.append("")
    out += ["## Findings", ""]
    if _undecided_line(report):
        out.append(_undecided_line(report))
    for f in report["findings"]:
        out += [f"### {f['severity'].upper()}: {f['title']}", "",
                f"`{f['id']}` on **{f['device']}**", ""]
        out += [f"> {note}" for note in _partial_notes(f)]
        out += [""] if _partial_notes(f) else []
        out += [f["explanation"], ""]
        if f["evidence"]:
            out += ["Evidence:", "", "```"]
            out += [f"{e['command']} (line {e['line']}): {e['text']}" for e in f["evidence"]]
            out += [f"... and {more} more line(s)" for more in [_more_evidence(f)] if more]
            out += ["```", ""]
        if f.get("fix_note"):
            out += [f"*Fix: {f['fix_note']}.*", ""]
        for fix in f["fix"]:
            out += [f"Fix ({fix['heading']}):", ""]
            out += [f"*Change impact: {fix['impact']}*", ""] if fix.get("impact") else []
            if fix.get("manager"):
                out += ["In the manager:", "", *[f"1. {step}" for step in fix["manager"]], ""]
            if fix["commands"]:
                out += ["```", *fix["commands"], "```", ""]
            for name in ("verify", "rollback"):
                if fix[name]:
                    out += [f"{name.capitalize()}:", "", "```", *fix[name], "```", ""]
    if report["undecided"]:
        out += ["## Not decided", ""]
        out += [f"- {line}" for line in _undecided_lines(report["undecided"])]
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
