"""What every report format says, worded once: device headers, fix blocks as the reader
copies them, what would decide more (grouped by the command to capture), open questions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from netriage.engine.findings import severity_rank

_STATUS = {True: "parsed", "partial": "PARTIAL", False: "UNPARSED"}

# Not-understood lines listed per partial output; the count says how many more there are.
SHOWN_LINES = 10
# Lines of "what would decide more": about a screen; the rest is counted (JSON lists all).
GROUPS_SHOWN = 20
# Topics named per group before "...".
TOPICS_SHOWN = 6


def commands_lines(device: dict[str, Any]) -> list[str]:
    lines = []
    for c in device["commands"]:
        status = _STATUS[c["parsed"]]
        detail = f"{c['records']} record(s)" if c["parsed"] else (c["reason"] or "")
        if c["parsed"] == "partial":
            detail += f", {len(c['not_understood'])} line(s) not understood"
        lines.append(f"{c['command']}: {status} ({detail})")
    return lines


def guess(device: dict[str, Any]) -> str:
    """How the platform was told when `show version` did not say it (a guess, with its line)."""
    reason = device.get("platform_reason") or ""
    if not device.get("platform") or reason in ("", "show version", "--platform", "connection"):
        return ""
    return f"guessed from {reason}"


def device_title(device: dict[str, Any]) -> str:
    """`fw-edge/pri: cisco_asa 9.16(4), primary, active`."""
    what = " ".join(p for p in (device["platform"] or "unknown platform",
                                device["version"] or "") if p)
    return f"{device['hostname']}: {what}" + (f", {device['role']}" if device.get("role") else "")


def severity_summary(device: dict[str, Any]) -> str:
    """`worst HIGH: 1 high, 2 medium` or `no finding; 13 checks not decided (not healthy)`."""
    counts = device.get("counts") or {}
    pairs = "; ".join(f"{p['verdict']} with {', '.join(p['with'])} ({p['severity']}, see Pairs)"
                      for p in device.get("pair_verdicts") or [])
    if counts or pairs:
        listed = ", ".join(f"{n} {s}" for s, n in counts.items()) or "no one-ended finding"
        return f"worst {device['worst'].upper()}: {listed}" + (f"; pair: {pairs}" if pairs else "")
    if device.get("undecided"):
        return (f"no finding, but {device['undecided']} check(s) not decided: "
                "not shown healthy")
    return "no finding"


def more_evidence(finding: dict[str, Any]) -> int:
    return finding.get("evidence_total", len(finding["evidence"])) - len(finding["evidence"])


def not_understood(command: dict[str, Any], code: bool = False) -> list[str]:
    """`line 57: <text>` (line in the file) for the first lines of a partial output."""
    items = command["not_understood"] if command["parsed"] == "partial" else []
    quote = "`" if code else ""
    out = [f"line {n.get('source_line') or n['line']}: {quote}{n['text'].strip()}{quote}"
           for n in items[:SHOWN_LINES]]
    if len(items) > SHOWN_LINES:
        out.append(f"... and {len(items) - SHOWN_LINES} more line(s) not understood")
    return out


def partial_notes(finding: dict[str, Any]) -> list[str]:
    """`Drawn from a partial `show failover`: 1 line not understood`, one per output."""
    return [p["note"][0].upper() + p["note"][1:] for p in finding.get("partial", [])]


def undecided_line(report: dict[str, Any]) -> str:
    """Unknown is never healthy: no finding with checks undecided is not a clean bill."""
    count = len(report["undecided"])
    if not report["findings"] and (pairs := pair_verdicts_line(report)):
        # a pair folded every one-ended finding into its verdict
        return pairs + (f" {count} check(s) could not be decided (listed below)." if count
                        else "")
    if not report["findings"]:
        if count:
            return (f"No findings, but {count} check(s) could not be decided (listed below): "
                    "this capture does not show the devices healthy.")
        return "No findings."
    return ""


def pair_verdicts_line(report: dict[str, Any]) -> str:
    """`No one-ended findings, but 1 pair verdict is medium or worse: split brain (critical)
    ...`: "No findings" would hide a verdict that folded every one-ended finding."""
    serious = [p for p in report.get("pairs") or []
               if severity_rank(p["severity"]) >= severity_rank("medium")]
    if not serious:
        return ""
    named = "; ".join(f"{p['kind']} {' + '.join(p['devices'])}: {p['verdict']} "
                      f"({p['severity']})" for p in serious)
    verdicts = "verdict is" if len(serious) == 1 else "verdicts are"
    return (f"No one-ended findings, but {len(serious)} pair {verdicts} medium or worse "
            f"(see Pairs): {named}.")


@dataclass
class FixView:
    """One fix block as a reader copies it: comment lines are not commands to paste, and a
    block that only says `! nothing to fix` is not a fix."""

    heading: str
    impact: str
    manager: list[str]
    commands: list[str]
    verify: list[str]
    rollback: list[str] = field(default_factory=list)
    note: str = ""  # the block's leading `! ...` comment, in words
    nothing_to_fix: bool = False


def fix_view(fix: dict[str, Any]) -> FixView:
    commands = list(fix["commands"])
    notes = []
    while commands and commands[0].lstrip().startswith("!"):
        notes.append(commands.pop(0).lstrip("! ").strip())
    note = " ".join(notes)
    manager = list(fix.get("manager") or [])
    # `! nothing to fix; ...`, `! none: phase 1 is healthy`: words, not a fix to apply
    nothing = note.lower().startswith(("nothing to fix", "none")) or any(
        m.lower().startswith("nothing to fix") for m in manager)
    rollback = [r for r in fix["rollback"] if not r.lstrip().startswith("!")]
    return FixView(fix["heading"], fix.get("impact") or "", manager, commands,
                   list(fix["verify"]), rollback, note, nothing)


def fix_label(view: FixView) -> str:
    """`Fix (asa >=8.4):` or `Nothing to fix (asa, ftd): who ran it:`."""
    if not view.nothing_to_fix:
        return f"Fix ({view.heading}):" + (f" {view.note}" if view.note else "")
    rest = re.split(r"[;:]", view.note, maxsplit=1)[1].strip() if re.search(r"[;:]",
                                                                            view.note) else ""
    return f"Nothing to fix ({view.heading})" + (f": {rest}" if rest else ".")


@dataclass
class Group:
    """Checks of one device decided by one action: a command to capture, or none left."""

    device: str
    command: str  # to capture; "" when the commands were captured and still did not decide
    why: str = ""
    topics: list[str] = field(default_factory=list)
    captured: list[str] = field(default_factory=list)
    count: int = 0

    def sentence(self) -> str:
        topics = ", ".join(self.topics[:TOPICS_SHOWN]) + (
            ", ..." if len(self.topics) > TOPICS_SHOWN else "")
        checks = "check" if self.count == 1 else "checks"
        if self.command:
            partly = (f" (only {', '.join(self.captured)} was captured)"
                      if self.captured else "")
            return (f"{self.device}: capture `{self.command}`{partly} to decide "
                    f"{self.count} more {checks}: {topics}")
        return f"{self.device}: {self.why} — {self.count} {checks} not decided: {topics}"


def undecided_groups(report: dict[str, Any]) -> list[Group]:
    """What would decide more, one group per (device, command to capture) or per reason,
    largest first."""
    groups: dict[tuple[str, str, str], Group] = {}
    for u in report["undecided"]:
        if u.get("question"):
            continue
        command = u.get("capture", "")
        why = "" if command else (u.get("why") or u["reason"])
        group = groups.setdefault((u["device"], command, why), Group(u["device"], command, why))
        group.count += 1
        group.topics += [t for t in [u.get("topic") or u["tree"]] if t not in group.topics]
        group.captured += [c for c in u.get("captured", []) if c not in group.captured]
    return sorted(groups.values(), key=lambda g: (-g.count, g.device, g.command, g.why))


def questions(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [u for u in report["undecided"] if u.get("question")]


def answer_form(question: dict[str, Any]) -> str:
    """`--answer failover.meant-to-be-a-pair=ANSWER`: the node id a person types."""
    return f"--answer {question['tree']}.{question['node']}=ANSWER"


def choices_text(question: dict[str, Any]) -> str:
    """`ANSWER is one of: yes, no`."""
    choices = question.get("choices") or []
    return f"ANSWER is one of: {', '.join(choices)}" if choices else "any answer"


def skipped_lines(report: dict[str, Any]) -> list[str]:
    """`README.md: is not a capture netriage recognises ...; skipped`, one per file or part."""
    return list(report.get("skipped") or [])


def redaction_line(report: dict[str, Any]) -> str:
    redaction = report.get("redaction") or {}
    if not redaction.get("enabled"):
        return "Secrets are NOT masked in this report (--no-redact)."
    masked = redaction.get("masked") or []
    if not masked:
        return "Secrets masked: none found."
    kinds = sorted({m["kind"] for m in masked})
    return (f"Secrets masked: {len({m['token'] for m in masked})} found in the capture "
            f"({', '.join(kinds)}); the same token means the same secret.")
