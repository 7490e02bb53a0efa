"""Content for findings, fixes and states, in theme colours (`$error`, `$warning`...), so the
dark and light themes both read well. Kept apart from widgets so every screen reuses them."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from netriage.engine.findings import Finding

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
    return Content.assemble(severity_label(finding.severity), " ", finding.title)


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
    for fix in finding.fix:
        parts += ["", heading(f"Fix ({fix.platform})")]
        parts += [Content.styled(f"  {command}", "bold $accent") for command in fix.commands]
        if fix.verify:
            parts.append(Content.styled("Verify: " + "; ".join(fix.verify), "italic"))
        if fix.rollback:
            parts.append(Content.styled("Rollback: " + "; ".join(fix.rollback), "italic dim"))
    return lines(parts)


EVIDENCE_SHOWN = 20  # more would only slow a slow link down; the walkthrough shows them all


def evidence_lines(finding: Finding) -> list[Content]:
    if not finding.evidence:
        return [Content.styled("(no evidence line: see the path that led here)", "dim")]
    shown = [Content.assemble((f"{e.command} ", "dim"),
                              (f"line {e.line}: " if e.line else "", "dim"),
                              (e.text, "$success")) for e in finding.evidence[:EVIDENCE_SHOWN]]
    more = len(finding.evidence) - EVIDENCE_SHOWN
    if more > 0:
        shown.append(Content.styled(f"… {more} more line(s): the walkthrough highlights "
                                    "them in the output", "dim"))
    return shown


def fix_detail(finding: Finding) -> Content:
    """The fix view: exact commands per platform, then how to verify and roll back."""
    parts: list[Content | str] = [*finding_header(finding), "", finding.explanation]
    if not finding.fix:
        parts += ["", Content.styled("This finding has no configuration fix: the explanation "
                                     "says what to check.", "italic")]
    for fix in finding.fix:
        parts += ["", heading(f"Commands ({fix.platform or 'all platforms'})")]
        parts += [Content.styled(f"  {command}", "bold $accent") for command in fix.commands]
        if fix.verify:
            parts += ["", heading("Verify")]
            parts += [f"  {command}" for command in fix.verify]
        if fix.rollback:
            parts += ["", heading("Rollback")]
            parts += [Content.styled(f"  {command}", "dim") for command in fix.rollback]
    parts += ["", heading("Evidence"), *evidence_lines(finding)]
    return lines(parts)
