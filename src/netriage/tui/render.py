"""Rich renderables for findings: kept apart from widgets so both screens and tests reuse them."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from netriage.engine.findings import Finding

SEVERITY_STYLE = {
    "critical": "bold white on red",
    "high": "bold red",
    "medium": "bold yellow",
    "low": "cyan",
    "info": "dim",
}


def severity_label(severity: str) -> Text:
    return Text(f"{severity.upper():<8}", style=SEVERITY_STYLE.get(severity, ""))


def finding_option(finding: Finding) -> Text:
    text = severity_label(finding.severity)
    text.append(f" {finding.title}")
    return text


def finding_detail(finding: Finding) -> Group:
    parts: list[Text] = [
        Text.assemble(severity_label(finding.severity), (f" {finding.id}", "bold"),
                      (f"  on {finding.device}", "dim")),
        Text(finding.title, style="bold"),
        Text(""),
        Text(finding.explanation),
        Text(""),
        Text("Evidence", style="bold underline"),
    ]
    for evidence in finding.evidence:
        parts.append(Text.assemble((f"{evidence.command} ", "dim"),
                                   (f"line {evidence.line}: ", "dim"), (evidence.text, "green")))
    for fix in finding.fix:
        parts += [Text(""), Text(f"Fix ({fix.platform})", style="bold underline")]
        parts += [Text(f"  {command}", style="bold cyan") for command in fix.commands]
        if fix.verify:
            parts.append(Text("Verify: " + "; ".join(fix.verify), style="italic"))
        if fix.rollback:
            parts.append(Text("Rollback: " + "; ".join(fix.rollback), style="italic dim"))
    return Group(*parts)
