"""The plain-text report: what a person reads in a terminal or pastes into a ticket."""

from __future__ import annotations

from typing import Any

from netriage.report import common
from netriage.report.pairs import pairs_lines


def _fix_lines(finding: dict[str, Any]) -> list[str]:
    """Each fix block: for which CLI, its impact, manager steps, lines, verify and rollback as
    lists (one command a line, copyable), and the note when no block or several fit."""
    out = [f"Fix: {finding['fix_note']}."] if finding.get("fix_note") else []
    for view in map(common.fix_view, finding["fix"]):
        out.append(common.fix_label(view))
        if view.impact:
            out.append(f"  Change impact: {view.impact}")
        if view.manager:
            out.append("  In the manager:")
            out += [f"    {n}. {step}" for n, step in enumerate(view.manager, 1)]
        out += [f"  {c}" for c in view.commands]
        for name, lines in (("Verify", view.verify), ("Rollback", view.rollback)):
            if lines:
                out.append(f"  {name}:")
                out += [f"    {c}" for c in lines]
    return out


def _device_lines(device: dict[str, Any]) -> list[str]:
    out = [f"Device {common.device_title(device)}", f"  {common.severity_summary(device)}"]
    if common.guess(device):
        out.append(f"  platform {common.guess(device)}")
    for command, line in zip(device["commands"], common.commands_lines(device), strict=True):
        out.append(f"  {line}")
        out += [f"    not understood, {text}" for text in common.not_understood(command)]
    if device.get("undecided"):
        out.append(f"  {device['undecided']} check(s) not decided on this device "
                   "(see 'What would decide more')")
    return out


def _finding_lines(number: int, f: dict[str, Any]) -> list[str]:
    out = [f"{number}. [{f['severity'].upper()}] {f['id']} on {f['device']}: {f['title']}"]
    out += [f"   {note}" for note in common.partial_notes(f)]
    out.append(f"   {f['explanation']}")
    if f["evidence"]:
        out.append("   Evidence (the deciding lines first):")
        out += [f"     {e['command']} line {e['line']}: {e['text']}" for e in f["evidence"]]
        out += [f"     ... and {more} more line(s)" for more in [common.more_evidence(f)] if more]
    out += [f"   {line}" for line in _fix_lines(f)]
    return out


def undecided_lines(report: dict[str, Any]) -> list[str]:
    """What would decide more (a screen at most), then every open question."""
    out: list[str] = []
    groups = common.undecided_groups(report)
    if groups:
        out.append("What would decide more:")
        out += [f"  - {g.sentence()}" for g in groups[:common.GROUPS_SHOWN]]
        if len(groups) > common.GROUPS_SHOWN:
            out.append(f"  ... and {len(groups) - common.GROUPS_SHOWN} more group(s) "
                       "(--format json lists every check)")
        out.append("")
    questions = common.questions(report)
    if questions:
        out.append("Questions only you can answer (add the --answer line to the command):")
        for q in questions:
            out += [f"  - {q['device']}: {q['question']}",
                    f"      {common.answer_form(q)}   ({common.choices_text(q)})"]
        out.append("")
    return out


def render(report: dict[str, Any]) -> str:
    out: list[str] = [f"netriage {report['netriage']}: {', '.join(report['sources'])}", ""]
    if common.skipped_lines(report):
        out += ["Not loaded:", *[f"  - {s}" for s in common.skipped_lines(report)], ""]
    for device in report["devices"]:
        out += [*_device_lines(device), ""]
    if common.undecided_line(report):
        out += [common.undecided_line(report), ""]
    for number, f in enumerate(report["findings"], 1):
        out += [*_finding_lines(number, f), ""]
    out += pairs_lines(report)
    out += undecided_lines(report)
    out.append(common.redaction_line(report))
    return "\n".join(out).rstrip() + "\n"
