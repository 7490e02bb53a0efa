"""From split text to entries: trim, keep the line map, expand show tech, tidy configs.

Every format ends here, so a `show tech-support` is cut into its sections and a
running-config gets its hierarchy back whether it came from a terminal log, a per-command
file or a forum paste.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from netriage.capture.commands import resolve
from netriage.capture.hierarchy import is_config_command, tidy_config
from netriage.capture.model import Entry, line_at
from netriage.lazyre import lazy
from netriage.parsing.marks import cut_at_bound_line, cut_short_line, is_cut_short

SECTION = re.compile(r"^-{6,}\s*((?:show|more|dir|write)\s.*?)\s*-{6,}\s*$", re.IGNORECASE)
_ASA_SHOW_VERSION = lazy(r"^Cisco (Adaptive Security Appliance|PIX Security Appliance|"
                         r"Firepower Threat Defense)", re.IGNORECASE)
SHOW_TECH = "show tech-support"


# What a device with FTD's bare `>` prompt is called until its `show version` banner names it.
BARE_PROMPT_NAME = "ftd"


class Key(NamedTuple):  # a record, not a fact: made ~5x faster than a dataclass
    """Which device an entry belongs to, as its source tells it."""

    hostname: str  # "" when the source does not say (named later from hints or the folder)
    unit: str = ""
    context: str = ""
    role: str = ""

    @property
    def name(self) -> str:
        return "/".join(p for p in (self.hostname, self.unit, self.context) if p)


def line_map(runs: list[tuple[int, int]], line: int) -> tuple[tuple[int, int], ...]:
    """The runs as an Entry.line_map; empty when output simply follows the command line."""
    if line and (not runs or runs == [(0, line + 1)]):
        return ()
    return tuple(runs)


def trim(texts: list[str], runs: list[tuple[int, int]], *,
         leading: bool = False) -> tuple[list[str], list[tuple[int, int]]]:
    """Drop trailing blank lines (and leading ones: the line map moves with the first kept)."""
    end = len(texts)
    while end and not texts[end - 1].strip():
        end -= 1
    start = 0
    while leading and start < end and not texts[start].strip():
        start += 1
    if start == 0:
        return texts[:end], runs
    first = line_at(runs, start)
    shifted = [(i - start, n) for i, n in runs if i > start]
    return texts[start:end], [(0, first), *shifted]


def first_lines(text: str, count: int) -> str:
    """The first `count` lines of `text`, joined (what the command resolver looks at)."""
    at = -1
    for _ in range(count):
        at = text.find("\n", at + 1)
        if at == -1:
            return text
    return text[:at]


def make_entries(texts: list[str], runs: list[tuple[int, int]], *, typed: str, prompt: str,
                 source: str, line: int, timestamp: str = "", truncated: bool = False,
                 config_mode: bool = False, command: str = "",
                 section: bool = False, cut: str = "", body: str | None = None) -> list[Entry]:
    """One entry, or one per section when the output is a show tech-support.

    A device's own leading blank line stays (ASA `show version` starts with one); a show
    tech section's does not: it belongs to the section heading. A truncated output ends in
    a cut mark (`cut` says why, e.g. the bound it crossed), so its parse is partial and no
    check reads it as whole.
    """
    if body is not None:  # the fast splitter's one string: kept whole where it can be
        output = body.rstrip("\n")  # trailing blank lines, as `trim` drops them
        full = command or resolve(typed, output=first_lines(output, 40)).command
        if full != SHOW_TECH and not is_config_command(full):
            entry = Entry(command=command, output=output, typed=typed, prompt=prompt,
                          source=source, line=line, timestamp=timestamp,
                          line_map=line_map(runs, line), config_mode=config_mode)
            if truncated:
                _mark_cut(entry, cut)
            return [entry]
        texts = body.split("\n")
    texts, runs = trim(texts, runs, leading=section)
    full = command or resolve(typed, output="\n".join(texts[:40])).command
    if full == SHOW_TECH and any(SECTION.match(t) for t in texts[:200] + texts[-50:]):
        entries = sections(texts, runs, prompt=prompt, source=source, timestamp=timestamp)
    else:
        if is_config_command(full) and texts:
            texts, runs = tidy_config(texts, runs, line_at(runs, 0) if runs else line + 1)
        entries = [Entry(command=command, output="\n".join(texts), typed=typed, prompt=prompt,
                         source=source, line=line, timestamp=timestamp,
                         line_map=line_map(runs, line), config_mode=config_mode)]
    if truncated and entries:
        _mark_cut(entries[-1], cut)
    return entries


def _mark_cut(entry: Entry, cut: str) -> None:
    """The last output of a truncated text: marked truncated, ending in a cut mark."""
    entry.truncated = True
    last = entry.output[-4096:].rstrip("\n").rsplit("\n", 1)[-1]
    if not is_cut_short(last):
        mark = cut_at_bound_line(cut) if cut else cut_short_line(
            "the capture ended before this output did")
        entry.output = f"{entry.output}\n{mark}" if entry.output else mark


def sections(texts: list[str], runs: list[tuple[int, int]], *, prompt: str, source: str,
             timestamp: str = "") -> list[Entry]:
    """Cut show tech-support text at its `------------------ show xxx ------------------` lines."""
    heads = [i for i, t in enumerate(texts) if SECTION.match(t)]
    entries: list[Entry] = []
    first_text = next((t for t in texts if t.strip()), "")
    if heads and heads[0] > 0 and _ASA_SHOW_VERSION.match(first_text):
        heads.insert(0, -1)  # ASA starts with show version output and no heading for it
    for number, start in enumerate(heads):
        end = heads[number + 1] if number + 1 < len(heads) else len(texts)
        match = SECTION.match(texts[start]) if start >= 0 else None
        typed = match.group(1) if match else "show version"
        body = texts[start + 1:end]
        body_runs = [(0, line_at(runs, start + 1))] if body else []
        body_runs += [(i - start - 1, n) for i, n in runs if start + 1 < i < end]
        head_line = line_at(runs, start) if start >= 0 else 0
        for entry in make_entries(body, body_runs, typed=typed, prompt=prompt, source=source,
                                  line=head_line, timestamp=timestamp, section=True):
            entry.section = SHOW_TECH
            entries.append(entry)
    return entries
