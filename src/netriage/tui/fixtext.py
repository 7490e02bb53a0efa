"""Fixes as text to paste into a device or a ticket: what the copy and export keys produce."""

from __future__ import annotations

import time
from collections.abc import Callable

from netriage import __version__
from netriage.capture.model import Capture
from netriage.engine.findings import Finding


def fix_commands(finding: Finding) -> str:
    """Only the configuration lines, ready to paste at the device prompt."""
    return "\n".join(command for fix in finding.fix for command in fix.commands)


def fix_script(finding: Finding) -> str:
    """Configuration lines with verify and rollback as `!` comments (safe to paste)."""
    lines = [f"! netriage: {finding.title}", f"! {finding.id} ({finding.severity}) on "
             f"{finding.device}"]
    if finding.fix_note:
        lines.append(f"! note: {finding.fix_note}")
    for fix in finding.fix:
        lines.append(f"! --- fix ({fix.heading}) ---")
        if fix.impact:
            lines.append(f"! change impact: {fix.impact}")
        lines += [f"! manager step {n}: {step}" for n, step in enumerate(fix.manager, 1)]
        lines += fix.commands
        if fix.verify:
            lines.append("! verify:")
            lines += [f"!   {command}" for command in fix.verify]
        if fix.rollback:
            lines.append("! rollback:")
            lines += [f"!   {command}" for command in fix.rollback]
    return "\n".join(lines)


def fix_markdown(findings: list[Finding], sources: list[str],
                 capture: Capture | None = None,
                 mask: Callable[[str], str] | None = None) -> str:
    """Every finding with its evidence and fix, for a ticket or a change request.

    Secrets are masked as in the reports: by rule, and (given the analysed `capture`) every
    secret of the capture wherever a finding quotes it. `mask` (the open workspace's
    `ScreenMask.text`, which already knows the capture's secrets) replaces both, so the
    file's tokens are the screen's and nothing is learned twice.
    """
    if mask is None:
        from netriage.redact import TokenMap, capture_secrets, mask_value

        tokens = TokenMap()
        if capture is not None:
            capture_secrets(capture, tokens)

        def mask(text: str) -> str:
            return mask_value(text, tokens)

    return "\n".join(mask(line) for line in _markdown(findings, sources, mask))


def _markdown(findings: list[Finding], sources: list[str],
              masked: Callable[[str], str]) -> list[str]:
    out = [f"# netriage fixes ({time.strftime('%Y-%m-%d %H:%M')})", "",
           f"Sources: {', '.join(sources) or '-'}  ", f"netriage {__version__}", ""]
    for finding in findings:
        out += [f"## {finding.severity.upper()}: {finding.title}", "",
                f"`{finding.id}` on **{finding.device}**", "", finding.explanation, ""]
        if finding.evidence:
            out += ["Evidence:", "", "```"]
            out += [f"{e.command}: {masked(e.text)}" for e in finding.evidence]
            out += ["```", ""]
        if finding.fix_note:
            out += [f"*Fix: {finding.fix_note}.*", ""]
        for fix in finding.fix:
            out += [f"Fix ({fix.heading}):", ""]
            out += [f"*Change impact: {fix.impact}*", ""] if fix.impact else []
            out += [f"{n}. {step}" for n, step in enumerate(fix.manager, 1)]
            out += [""] if fix.manager else []
            out += ["```", *fix.commands, "```", ""] if fix.commands else []
            if fix.verify:
                out += ["Verify:", "", "```", *fix.verify, "```", ""]
            if fix.rollback:
                out += ["Rollback:", "", "```", *fix.rollback, "```", ""]
    return out
