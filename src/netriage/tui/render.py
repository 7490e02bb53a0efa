"""Content for findings, fixes and states, in theme colours (`$error`, `$warning`...), so the
dark and light themes both read well. Kept apart from widgets so every screen reuses them."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from netriage.engine.findings import Finding
from netriage.tui.walkview import deciding_first

SEVERITY_STYLE = {
    "critical": "bold $text on $error",
    "high": "bold $error",
    "medium": "bold $warning",
    "low": "$accent",
    "info": "dim",
}
STATE_STYLE = {"ok": "$success", "warn": "$warning", "bad": "bold $error", "unknown": "dim"}
STATE_MARK = {"ok": "✓", "warn": "!", "bad": "✗", "unknown": "?"}


def lines(parts: Iterable[Content | str]) -> Content:
    return Content("\n").join(Content(p) if isinstance(p, str) else p for p in parts)


def heading(text: str) -> Content:
    return Content.styled(text, "bold underline")


def severity_label(severity: str, width: int = 8) -> Content:
    return Content.styled(f"{severity.upper():<{width}}", SEVERITY_STYLE.get(severity, ""))


def state_mark(state: str) -> Content:
    return Content.styled(STATE_MARK.get(state, "?"), STATE_STYLE.get(state, ""))


def finding_option(finding: Finding) -> Content:
    # The device comes before the title: one fault on two units must not read the same
    # when a narrow list cuts the line.
    return Content.assemble(severity_label(finding.severity), " ", (finding.device, "bold"),
                            ": ", finding.title)


def finding_header(finding: Finding) -> list[Content]:
    return [
        Content.assemble(severity_label(finding.severity, 0), " ", (finding.id, "bold"),
                         (f"  on {finding.device}", "dim")),
        Content.styled(finding.title, "bold"),
    ]


def finding_detail(finding: Finding) -> Content:
    parts: list[Content | str] = [*finding_header(finding), "", finding.explanation, "",
                                  heading("Evidence")]
    parts += evidence_lines(finding)
    parts += fix_parts(finding, compact=True)
    return lines(parts)


EVIDENCE_SHOWN = 20  # more would only slow a slow link down; the walkthrough shows them all


def evidence_lines(finding: Finding) -> list[Content]:
    """The command once above its lines, each line as `  56  text`: on a narrow pane the
    deciding text starts near the left and wraps, instead of trailing a long prefix."""
    if not finding.evidence:
        return [Content.styled("(no evidence line: see the path that led here)", "dim")]
    shown: list[Content] = []
    command = None
    for e in deciding_first(finding)[:EVIDENCE_SHOWN]:
        if e.command != command:
            command = e.command
            shown.append(Content.styled(e.command, "dim underline"))
        shown.append(Content.assemble((f"{e.line:>5} " if e.line else "    · ", "dim"),
                                      (e.text.strip(), "$success")))
    more = len(finding.evidence) - EVIDENCE_SHOWN
    if more > 0:
        shown.append(Content.styled(f"… {more} more line(s): the walkthrough highlights "
                                    "them in the output", "dim"))
    return shown


def fix_parts(finding: Finding, compact: bool) -> list[Content | str]:
    """Each fix block: which CLI and releases, its change impact, manager steps, the lines,
    then verify and rollback (one command a line). `compact`: the detail pane's short form."""
    parts: list[Content | str] = []
    if finding.fix_note:
        parts += ["", Content.styled(f"Fix: {finding.fix_note}.", "italic $warning")]
    for fix in finding.fix:
        parts += ["", heading(f"{'Fix' if compact else 'Commands'} ({fix.heading})")]
        if fix.impact:
            parts.append(Content.styled(f"Change impact: {fix.impact}", "italic $warning"))
        parts += [f"  {n}. {step}" for n, step in enumerate(fix.manager, 1)]
        parts += [Content.styled(f"  {command}", "bold $accent") for command in fix.commands]
        for name, commands, style in (("Verify", fix.verify, ""),
                                      ("Rollback", fix.rollback, "dim")):
            if commands:
                parts += [heading(name)] if compact else ["", heading(name)]
                parts += [Content.styled(f"  {command}", style) for command in commands]
    return parts


def fix_detail(finding: Finding) -> Content:
    """The fix view: exact commands per platform, then how to verify and roll back."""
    parts: list[Content | str] = [*finding_header(finding), "", finding.explanation]
    if not finding.fix:
        parts += ["", Content.styled("This finding has no configuration fix: the explanation "
                                     "says what to check.", "italic")]
    parts += fix_parts(finding, compact=False)
    parts += ["", heading("Evidence"), *evidence_lines(finding)]
    return lines(parts)
