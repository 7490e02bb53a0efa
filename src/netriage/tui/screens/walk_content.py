"""What the walkthrough's right pane says about the current node (pure: Position in, Content
out), and which outputs serve as its evidence."""

from __future__ import annotations

from textual.content import Content

from netriage.capture.model import Device
from netriage.engine.findings import Evidence, Finding
from netriage.engine.guided import Position
from netriage.engine.tree import Node, Tree
from netriage.tui.live_bridge import is_allowed
from netriage.tui.render import finding_header, heading, lines, severity_label
from netriage.tui.walkview import commands_for, is_override, missing_commands, outcome_words
from netriage.tui.workspace import worst_first

KIND = {"check": "Check", "question": "Question", "finding": "Finding"}


def hint(text: str) -> Content:
    return Content.styled(text, "dim italic")


def _next_title(tree: Tree, node: Node, outcome: str) -> str:
    target = {"true": node.if_true, "false": node.if_false}.get(outcome, node.if_unknown)
    following = tree.nodes.get(target) if target else None
    if following is None:
        return "the end of the walk"
    # A finding's title is a template filled from the facts when it is reached: its fixed
    # words say where the walk goes without showing `{join(...)}` to the user.
    return following.title.split("{")[0].rstrip(" :") or following.id


def check_content(tree: Tree, device: Device, position: Position) -> Content:
    node = position.node
    if node is None:
        return end_content(position)
    number = len(position.steps) + 1
    parts: list[Content | str] = [
        Content.assemble((f"{KIND[node.kind]} {number} · ", "dim"), (node.title, "bold"))]
    # What to do comes first (it must show at 80x24); why it matters follows.
    if node.kind == "question":
        parts += ["", _answers(node, position)]
    elif node.kind == "finding":
        parts += _finding_parts(position.pending)
    else:
        parts += ["", *_decision(tree, device, node, position)]
    if node.why and node.kind != "finding":
        parts += ["", Content.styled("Why it matters", "bold"), node.why.strip()]
    return lines(parts)


def _answers(node: Node, position: Position) -> Content:
    chosen = next((s.outcome for s in position.steps if s.node == node.id), None)
    keys = [Content.assemble((f" {i} ", "reverse bold"), f" {answer}   ")
            for i, (answer, _next) in enumerate(node.choices, start=1)]
    label = "Your answer: " if chosen else "Answer with a key: "
    return Content.assemble((label, "bold"), *keys)


def _finding_parts(pending: list[Finding]) -> list[Content | str]:
    parts: list[Content | str] = []
    for finding in pending:
        parts += ["", *finding_header(finding), "", finding.explanation]
    if not pending:
        parts += ["", hint("This finding does not apply here (nothing to report).")]
    parts += ["", hint("n records it and goes on · f shows the fix")]
    return parts


def _decision(tree: Tree, device: Device, node: Node, position: Position) -> list[Content]:
    decision = position.decision
    if decision is None:
        return [hint("The engine cannot take this step.")]
    if decision.outcome == "unknown":
        missing = [c for c in missing_commands(device, node) if is_allowed(c, device.platform)]
        parts = [Content.assemble(("? Unknown: ", "bold $warning"), decision.reason)]
        if missing:
            parts.append(hint(f"r runs `{missing[0]}` on the device now (read-only); "
                              "o overrides with what you know."))
        else:
            parts.append(hint("o overrides with what you know; n goes on along the "
                              "unknown branch."))
        return parts
    words = outcome_words(decision.outcome)
    following = _next_title(tree, node, decision.outcome)
    if is_override(decision):
        return [Content.assemble(("✎ Overridden: ", "bold $warning"), (words, "bold"),
                                 f" — {decision.reason.removeprefix('override: ')}"),
                hint(f"n goes on to: {following}")]
    deciding = deciding_parts(decision.evidence)
    return [Content.assemble(("Engine: ", "bold"), (words, "bold $accent"),
                             ", from " + ("these lines:" if deciding else
                                          "the highlighted lines below.")),
            *deciding, hint(f"n goes on to: {following} · o overrides")]


DECIDING_SHOWN = 3  # in the check pane; the output below highlights every one


def deciding_parts(evidence: list[Evidence]) -> list[Content]:
    """The lines that decided a check, whole (the pane wraps them): the command once, then
    each line's number and text; at 80 columns the number may shorten, never the text."""
    parts: list[Content] = []
    command = None
    for item in evidence[:DECIDING_SHOWN]:
        if item.command != command:
            command = item.command
            parts.append(Content.styled(f"  {item.command}", "dim"))
        parts.append(Content.assemble((f"  {item.line:>4} " if item.line else "     ", "dim"),
                                      (item.text.strip(), "bold $success")))
    if len(evidence) > DECIDING_SHOWN:
        parts.append(hint(f"  … {len(evidence) - DECIDING_SHOWN} more, highlighted below"))
    return parts


def end_content(position: Position) -> Content:
    findings = position.findings
    unknown = sum(1 for step in position.steps if step.outcome == "unknown")
    if not findings and unknown:  # unknown is never healthy
        return lines([Content.styled(f"Walk finished: no finding, but {unknown} step(s) "
                                     "unknown: this path is not shown healthy.",
                                     "bold $warning"), "",
                      hint("the ? steps on the left say what would decide them · b goes "
                           "back a step · s saves the walkthrough")])
    if not findings:
        return lines([Content.styled("Walk finished: no fault on this path.", "bold $success"),
                      "", hint("b goes back a step · s saves the walkthrough")])
    parts: list[Content | str] = [
        Content.styled(f"Walk finished: {len(findings)} finding(s).", "bold"), ""]
    parts += [Content.assemble(severity_label(f.severity), " ", f.title)
              for f in worst_first(findings)]
    parts += ["", heading("Next"), hint("f shows the fix: commands, verify, rollback, copy")]
    return lines(parts)


def evidence_for(position: Position) -> tuple[list[str], list[Evidence]]:
    """Commands to show (in order) and the evidence lines to highlight in them."""
    node = position.node
    if node is None:
        evidence = [e for f in position.findings for e in f.evidence]
        commands: list[str] = []
    elif node.kind == "finding":
        evidence = [e for f in position.pending for e in f.evidence]
        commands = [rule.command for rule in node.evidence]
    elif node.kind == "check":
        evidence = position.decision.evidence if position.decision else position.evidence
        commands = commands_for(node)
    else:
        return [], []
    commands = list(dict.fromkeys(commands + [e.command for e in evidence]))
    return commands, evidence
