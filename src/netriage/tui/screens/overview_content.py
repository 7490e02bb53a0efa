"""What the overview's panes say: devices at a glance, tunnels, interfaces with problems,
what could not be parsed, and the checks nobody could decide (pure: data in, Content out)."""

from __future__ import annotations

from collections import Counter

from textual.content import Content

from netriage.engine.findings import Undecided
from netriage.tui.render import heading, lines, state_mark
from netriage.tui.summary import Overview

COMPACT_FROM = 4  # devices; from here on, one line each


def devices_content(overview: Overview) -> Content:
    rows: list[Content] = []
    if len(overview.devices) >= COMPACT_FROM:
        width = max(len(d.hostname) for d in overview.devices)
        return lines([Content.assemble((f"{d.hostname:<{width}}", "bold"),
                                       f"  {d.version:<10} ", state_mark(d.failover_state),
                                       f" {d.failover}") for d in overview.devices])
    for d in overview.devices:
        rows.append(Content.assemble((d.hostname, "bold"), f"  {d.platform} {d.version}  ",
                                     state_mark(d.failover_state), f" failover {d.failover}"))
        facts = Content(" ").join(
            Content.assemble(state_mark(f.state if f.state in ("ok", "warn") else "unknown"),
                             f" {f.name}") for f in d.facts)
        counts = f"{d.parsed} parsed"
        counts += f", {d.partial} partial" if d.partial else ""
        counts += f", {d.unparsed} unparsed" if d.unparsed else ""
        rows.append(Content.assemble(("  commands: ", "dim"), counts, ("   facts: ", "dim"),
                                     facts))
    return lines(rows) if rows else Content.styled("No device in this capture.", "dim")


def tunnels_content(overview: Overview) -> Content:
    parts: list[Content | str] = [heading("Tunnels")]
    if overview.tunnels:
        parts.append(Content.styled(f"  {'device':<12} {'peer':<16} {'phase 1':<12} "
                                    f"{'phase 2':<10} {'encaps':>9} {'decaps':>9}", "dim"))
        parts += [Content.assemble(state_mark(t.state), f" {t.device:<12.12} {t.peer:<16.16} "
                                   f"{t.phase1:<12.12} {t.phase2:<10.10} {t.encaps:>9} "
                                   f"{t.decaps:>9}") for t in overview.tunnels]
    parts += [Content.styled(f"  {note}", "dim") for note in overview.tunnel_notes]
    return lines(parts)


def interfaces_content(overview: Overview) -> Content:
    parts: list[Content | str] = [heading("Interfaces with problems")]
    parts += [Content.assemble(state_mark(p.state), f" {p.device}  ", (p.name, "bold"),
                               f"  {p.detail}") for p in overview.interfaces]
    if not overview.interfaces:
        parts.append("  none seen in what was captured")
    parts += [Content.styled(f"  {note}", "dim") for note in overview.interface_notes]
    return lines(parts)


# Not-understood lines shown per output in the overview; the raw viewer (v) has them all.
SHOWN_LINES = 5


def unparsed_content(overview: Overview) -> Content:
    parts: list[Content | str] = [heading("Not parsed")]
    for p in overview.unparsed:
        parts.append(Content.assemble(state_mark(p.state), f" {p.device}  ", (p.name, "bold"),
                                      ("  " + p.detail, "dim")))
        parts += [Content.assemble((f"      line {line:>5}  ", "dim"), text.strip())
                  for line, text in p.lines[:SHOWN_LINES]]
        if len(p.lines) > SHOWN_LINES:
            parts.append(Content.styled(f"      … {len(p.lines) - SHOWN_LINES} more", "dim"))
    parts += [Content.assemble(state_mark("warn"), f" {text}") for text in overview.skipped]
    if len(parts) == 1:
        parts.append("  every command was parsed completely")
    parts += ["", Content.styled("v opens the raw output of every command.", "dim")]
    return lines(parts)


def undecided_content(undecided: list[Undecided]) -> Content:
    """Grouped by what would decide them: the commands to capture, the questions to answer."""
    by_command = Counter(c for u in undecided for c in dict.fromkeys(u.commands))
    questions = Counter(u.question for u in undecided if u.question)
    devices = len({u.device for u in undecided})
    parts: list[Content | str] = [
        Content.styled(f"{len(undecided)} check(s) on {devices} device(s) could not be "
                       "decided.", "bold"), "",
        "Unknown is never healthy: capture these and open the capture again, or run them "
        "live from the walkthrough (r).", ""]
    if by_command:
        parts.append(heading("Commands that would decide them"))
        parts += [Content.assemble(f"  {command}", (f"  {count} check(s)", "dim"))
                  for command, count in by_command.most_common()]
    if questions:
        parts += ["", heading("Questions only you can answer (in the walkthrough)")]
        parts += [Content.assemble(f"  {q}", (f"  {n} device(s)", "dim"))
                  for q, n in questions.most_common()]
    plain = [u for u in undecided if not u.commands and not u.question]
    if plain:
        parts += ["", heading("Other reasons")]
        parts += [f"  {u.device}: {u.title}: {u.reason}" for u in plain[:20]]
    return lines(parts)


def no_finding_content(overview: Overview, undecided: list[Undecided]) -> tuple[Content,
                                                                                 Content]:
    """(list entry, detail) when nothing was found: "nothing wrong was seen" only when every
    check was decided from outputs that were read; else what was and was not understood."""
    understood = [f"{d.hostname}: {c}" for d in overview.devices for c in d.understood]
    not_read = [f"{p.device}: {p.name} ({p.detail})" for p in overview.unparsed
                if p.detail.startswith("unparsed")]
    total = len(understood) + len(not_read)
    if not understood:
        entry = Content.assemble(("?       ", "bold $warning"), (
            f"Nothing recognised: none of {total} output(s) understood", "bold $warning"))
        parts: list[Content | str] = [
            Content.styled("Nothing in this capture was recognised, so nothing can be "
                           "concluded: no finding does not mean healthy.", "bold"), "",
            heading("Understood"), "  none", "", heading("Not understood")]
        parts += [f"  {line}" for line in not_read] or ["  no show command output at all"]
        parts += [Content.styled(f"  skipped: {text}", "dim") for text in overview.skipped]
        parts += ["", Content.styled("v shows each output as captured.", "dim")]
        return entry, lines(parts)
    if undecided:
        entry = Content.assemble(("?       ", "bold $warning"), (
            f"No finding, but {len(undecided)} check(s) undecided: not shown healthy",
            "$warning"))
    else:
        entry = Content.styled("No finding: nothing wrong in what was read", "$success")
    parts = [Content.styled(f"{len(understood)} of {total} output(s) understood.", "bold"),
             "", heading("Understood"), *[f"  {line}" for line in understood]]
    if not_read:
        parts += ["", heading("Not understood"), *[f"  {line}" for line in not_read]]
    if undecided:
        parts += ["", undecided_content(undecided)]
    return entry, lines(parts)
