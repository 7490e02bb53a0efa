"""Reading one end: its typed facts (Unknown → None, with the reason kept) and its lines.

Pair checks never re-parse text: values come from the facts packages. The raw outputs are
only searched for the evidence line that shows a value, so a report can cite it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from netriage.engine.expr import Unknown
from netriage.engine.linescan import matching_lines
from netriage.pairs.model import PairEvidence

if TYPE_CHECKING:
    from netriage.capture.model import Device, Entry
    from netriage.facts import DeviceFacts


def fact(facts: DeviceFacts, name: str) -> Any:
    """The fact, or None when it could not be read (never a guess)."""
    try:
        value = facts.resolve(name)[0]
    except Unknown:
        return None
    return None if isinstance(value, Unknown) else value


def why_unknown(facts: DeviceFacts, name: str) -> str:
    try:
        value = facts.resolve(name)[0]
    except Unknown as unknown:
        return unknown.reason
    return value.reason if isinstance(value, Unknown) else ""


# Other names the same output is captured under (PIX 6 has no `show running-config`).
_SAME_OUTPUT = {"show running-config": ("write terminal", "more system:running-config")}


def _entry(device: Device, command: str) -> Entry | None:
    for name in (command, *_SAME_OUTPUT.get(command, ())):
        entry = device.find(name)
        if entry is not None:
            return entry
    return None


def evidence(facts: DeviceFacts, command: str, pattern: str,
             limit: int = 1) -> list[PairEvidence]:
    """Lines of `command`'s output matching `pattern` (a regex), numbered in their file."""
    device = facts.device
    entry = _entry(device, command)
    if entry is None:
        entry = next((e for e in reversed(device.entries)
                      if e.command.startswith(command) and not e.filtered), None)
    if entry is None:
        return []
    return _lines(device, entry, re.compile(pattern), limit)


def first_evidence(facts: DeviceFacts, commands: tuple[str, ...], pattern: str,
                   limit: int = 1) -> list[PairEvidence]:
    """The first of `commands` whose output has a matching line."""
    for command in commands:
        found = evidence(facts, command, pattern, limit)
        if found:
            return found
    return []


def evidence_after(facts: DeviceFacts, command: str, anchor: str, pattern: str,
                   limit: int = 1) -> list[PairEvidence]:
    """Lines matching `pattern` after the first line matching `anchor` (one SA's block)."""
    device = facts.device
    entry = _entry(device, command)
    if entry is None:
        return []
    first = matching_lines(entry.output, re.compile(anchor))[:1]
    if not first:
        return []
    return _lines(device, entry, re.compile(pattern), limit, after=first[0][0])


def _lines(device: Device, entry: Entry, regex: re.Pattern[str], limit: int,
           after: int = -1) -> list[PairEvidence]:
    """The first `limit` lines matching `regex` after line index `after`: found by the same
    literal-first scan as the trees' evidence (an SA table runs to 100 MB on a headend)."""
    found = [(index, line) for index, line in matching_lines(entry.output, regex)
             if index > after][:limit]
    return [PairEvidence(device.hostname, entry.command, entry.source_line(index),
                         line.rstrip(), entry.source) for index, line in found]
