"""The Markdown report: renders on GitHub and GitLab (headings, lists, fenced code)."""

from __future__ import annotations

from typing import Any

from netriage.report import common
from netriage.report.pairs import pairs_lines


def _fix_lines(f: dict[str, Any]) -> list[str]:
    out = [f"*Fix: {f['fix_note']}.*", ""] if f.get("fix_note") else []
    for view in map(common.fix_view, f["fix"]):
        out += [common.fix_label(view), ""]
        out += [f"*Change impact: {view.impact}*", ""] if view.impact else []
        if view.manager:
            out += ["In the manager:", "", *[f"1. {step}" for step in view.manager], ""]
        if view.commands:
            out += ["```", *view.commands, "```", ""]
        for name, lines in (("Verify", view.verify), ("Rollback", view.rollback)):
            if lines:
                out += [f"{name}:", "", "```", *lines, "```", ""]
    return out


def _finding_lines(f: dict[str, Any]) -> list[str]:
    out = [f"### {f['severity'].upper()}: {f['title']}", "",
           f"`{f['id']}` on **{f['device']}**", ""]
    out += [f"> {note}" for note in common.partial_notes(f)]
    out += [""] if common.partial_notes(f) else []
    out += [f["explanation"], ""]
    if f["evidence"]:
        out += ["Evidence (the deciding lines first):", "", "```"]
        out += [f"{e['command']} (line {e['line']}): {e['text']}" for e in f["evidence"]]
        out += [f"... and {more} more line(s)" for more in [common.more_evidence(f)] if more]
        out += ["```", ""]
    return out + _fix_lines(f)


def _undecided_lines(report: dict[str, Any]) -> list[str]:
    out: list[str] = []
    groups = common.undecided_groups(report)
    if groups:
        out += ["## What would decide more", ""]
        out += [f"- {g.sentence()}" for g in groups[:common.GROUPS_SHOWN]]
        if len(groups) > common.GROUPS_SHOWN:
            out.append(f"- ... and {len(groups) - common.GROUPS_SHOWN} more group(s) "
                       "(`--format json` lists every check)")
        out.append("")
    questions = common.questions(report)
    if questions:
        out += ["## Questions only you can answer", ""]
        for q in questions:
            out += [f"- **{q['device']}**: {q['question']}  ",
                    f"  `{common.answer_form(q)}` ({common.choices_text(q)})"]
        out.append("")
    return out


def render(report: dict[str, Any]) -> str:
    out = ["# netriage report", "", f"Sources: {', '.join(f'`{s}`' for s in report['sources'])}",
           ""]
    if common.skipped_lines(report):
        out += ["Not loaded:", "", *[f"- {s}" for s in common.skipped_lines(report)], ""]
    out += ["## Devices", ""]
    for device in report["devices"]:
        out += [f"### {common.device_title(device)}", "",
                f"**{common.severity_summary(device)}**", ""]
        if common.guess(device):
            out += [f"Platform {common.guess(device)}.", ""]
        for command, line in zip(device["commands"], common.commands_lines(device), strict=True):
            out.append(f"- {line}")
            out += [f"  - not understood, {text}" for text in common.not_understood(command, True)]
        if device.get("undecided"):
            out.append(f"- **{device['undecided']} check(s) not decided** on this device "
                       "(see *What would decide more*)")
        out.append("")
    out += ["## Findings", ""]
    if common.undecided_line(report):
        out += [common.undecided_line(report), ""]
    for f in report["findings"]:
        out += _finding_lines(f)
    out += pairs_lines(report, markdown=True)
    out += _undecided_lines(report)
    out += [common.redaction_line(report)]
    return "\n".join(out).rstrip() + "\n"
