"""The Markdown report: renders on GitHub and GitLab (headings, lists, fenced code, no HTML);
whatever a capture holds is escaped or fenced (`markdown_safe`)."""

from __future__ import annotations

from typing import Any

from netriage.report import common
from netriage.report.markdown_safe import blocks, code, fence, text
from netriage.report.pairs import pairs_lines


def _fix_lines(f: dict[str, Any]) -> list[str]:
    out = [f"*Fix: {text(f['fix_note'])}.*", ""] if f.get("fix_note") else []
    for view in map(common.fix_view, f["fix"]):
        out += [f"**{text(common.fix_label(view))}**", ""]
        out += [f"*Change impact: {text(view.impact)}*", ""] if view.impact else []
        if view.manager:
            out += ["In the manager:", "", *[f"1. {text(step)}" for step in view.manager], ""]
        if view.commands:
            out += [*fence(view.commands), ""]
        for name, lines in (("Verify", view.verify), ("Rollback", view.rollback)):
            if lines:
                out += [f"{name}:", "", *fence(lines), ""]
    return out


def _finding_lines(f: dict[str, Any]) -> list[str]:
    out = [f"### {f['severity'].upper()}: {text(f['title'])}", "",
           f"{code(f['id'])} on **{text(f['device'])}**", ""]
    out += [f"> {text(note)}" for note in common.partial_notes(f)]
    out += [""] if common.partial_notes(f) else []
    out += [text(f["explanation"]), ""]
    if f["evidence"]:
        lines = [f"{e['command']} (line {e['line']}): {e['text']}" for e in f["evidence"]]
        lines += [f"... and {more} more line(s)" for more in [common.more_evidence(f)] if more]
        out += ["Evidence (the deciding lines first):", "", *fence(lines), ""]
    return out + _fix_lines(f)


def _undecided_lines(report: dict[str, Any]) -> list[str]:
    out: list[str] = []
    groups = common.undecided_groups(report)
    if groups:
        out += ["## What would decide more", ""]
        out += [f"- {text(g.sentence())}" for g in groups[:common.GROUPS_SHOWN]]
        if len(groups) > common.GROUPS_SHOWN:
            out.append(f"- ... and {len(groups) - common.GROUPS_SHOWN} more group(s) "
                       "(`--format json` lists every check)")
        out.append("")
    questions = common.questions(report)
    if questions:
        out += ["## Questions only you can answer", ""]
        for q in questions:
            out += [f"- **{text(q['device'])}**: {text(q['question'])}",
                    f"  - {code(common.answer_form(q))} ({text(common.choices_text(q))})"]
        out.append("")
    return out


def render(report: dict[str, Any]) -> str:
    sources = ", ".join(code(s) for s in report["sources"])
    out = ["# netriage report", "", f"Sources: {sources}", ""]
    if common.skipped_lines(report):
        out += ["Not loaded:", "", *[f"- {text(s)}" for s in common.skipped_lines(report)], ""]
    out += ["## Devices", ""]
    for device in report["devices"]:
        out += [f"### {text(common.device_title(device))}", "",
                f"**{text(common.severity_summary(device))}**", ""]
        if common.guess(device):
            out += [f"Platform {text(common.guess(device))}.", ""]
        for command, line in zip(device["commands"], common.commands_lines(device), strict=True):
            out.append(f"- {text(line)}")
            out += [f"  - not understood, line {n.get('source_line') or n['line']}: "
                    f"{code(n['text'].strip())}"
                    for n in _not_understood(command)]
            out += [f"  - {text(extra)}" for extra in _more_not_understood(command)]
        if device.get("undecided"):
            out.append(f"- **{device['undecided']} check(s) not decided** on this device "
                       "(see *What would decide more*)")
        out.append("")
    out += ["## Findings", ""]
    if common.undecided_line(report):
        out += [text(common.undecided_line(report)), ""]
    for f in report["findings"]:
        out += _finding_lines(f)
    out += blocks(pairs_lines(report, markdown=True))
    out += _undecided_lines(report)
    out += [text(common.redaction_line(report))]
    return "\n".join(out).rstrip() + "\n"


def _not_understood(command: dict[str, Any]) -> list[dict[str, Any]]:
    items = command["not_understood"] if command["parsed"] == "partial" else []
    return items[:common.SHOWN_LINES]


def _more_not_understood(command: dict[str, Any]) -> list[str]:
    items = command["not_understood"] if command["parsed"] == "partial" else []
    more = len(items) - common.SHOWN_LINES
    return [f"... and {more} more line(s) not understood"] if more > 0 else []
