"""Every syslog message a device printed anywhere in the capture, as one list of events.

Cisco devices print the same message shape wherever it lands: `%FAC-SEV-MNEMONIC: text`
(IOS `%PM-4-ERR_DISABLE:`, `%CRYPTO-4-RECVD_PKT_INV_SPI:`, sub-facility `%SYS-SP-3-...:`;
ASA / FTD / PIX `%ASA-4-411002:` with a number for mnemonic), after an optional prefix the
logging settings add: a sequence number (`000123:`), a timestamp (`*Dec  7 10:01:02.123:`,
`Dec  7 2026 10:01:02:`, `Dec 07 2026 10:01:02 fw1 :`, `1d02h:`, `2026-12-07T10:01:02Z`), a
hostname (`logging device-id` / `origin-id`), an EMBLEM `<166>`. Such a line is evidence
whether it sits in `show logging` (filtered or not), in the text the device printed after an
empty prompt between two commands (console logging), or in the middle of another command's
output (a console message interleaved with `show interfaces`).

The same message seen at the console and again in `show logging` is one event: the first
line read is its evidence, `seen` counts the sightings. Absence is only ever concluded from a
complete log: an unfiltered `show logging` read to its end (a `| include` may hide a line,
the console shows only what came while the engineer watched).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netriage.capture.model import Device, Entry
from netriage.lazyre import lazy
from netriage.parsing.native.logging_buffer import MESSAGE as _MESSAGE

if TYPE_CHECKING:
    from netriage.engine.expr import Unknown
    from netriage.facts.syslog_event import SyslogLine

# What may stand before the `%`: timestamps, sequence numbers, hostnames, `*` / `.` clock
# markers, EMBLEM priority. Anything else (prose, a table cell) means the `%` is not a syslog
# message at the start of the line.
_PREFIX = lazy(r"^[\w\s:.*<>/+\-\[\]]{0,96}$")
_STAMP = lazy(
    r"[A-Z][a-z]{2}\s+\d{1,2}(?:\s+\d{4})?\s+\d\d:\d\d:\d\d(?:[.:]\d+)?(?:\s+[A-Z]{2,5})?"
    r"|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?"
    r"|\b\d+[ywd]\d+[dhw]\b|\b\d\d:\d\d:\d\d(?:\.\d+)?\b")
_SEQUENCE = lazy(r"^\s*(?:<\d{1,3}>)?\s*(\d{1,10}):\s")

# Commands whose output is the log buffer itself; the first group is complete when unfiltered.
_FULL_LOGS = ("show logging", "show logging buffered", "show logging buff", "show log")
_LOG_PREFIX = "show log"
BETWEEN = "between commands"  # `where` of console lines after an empty prompt


@dataclass
class DeviceSyslog:
    """Every syslog event of one device, and whether their absence may be concluded."""

    lines: list[SyslogLine] = field(default_factory=list)  # in capture order
    complete: bool = False  # an unfiltered log buffer was captured, whole and accepted
    log_read: list[str] = field(default_factory=list)  # log outputs read, as typed
    filtered_logs: list[str] = field(default_factory=list)  # `show logging | include X`
    unreadable: list[str] = field(default_factory=list)  # why an unfiltered log is not whole

    def absence(self) -> Unknown:
        """Why no message cannot be read as "it did not happen", naming what would tell."""
        from netriage.engine.expr import Unknown

        if self.unreadable:
            return Unknown(self.unreadable[0], ("show logging",))
        if self.filtered_logs:
            return Unknown(f"only a filtered `{self.filtered_logs[0]}` was captured (a filter "
                           "may hide the message); the full `show logging` is needed",
                           ("show logging",))
        if self.lines:
            return Unknown("`show logging` was not captured (console messages show only what "
                           "came while the session was open)", ("show logging",))
        return Unknown("`show logging` was not captured", ("show logging",))

    def of(self, *facilities: str) -> list[SyslogLine]:
        return [s for s in self.lines if s.facility in facilities]


def is_log_command(command: str) -> bool:
    return command.startswith(_LOG_PREFIX)


def parse_line(text: str) -> tuple[re.Match[str], str] | None:
    """(message match, prefix) when `text` is a syslog line, else None."""
    at = text.find("%")
    if at < 0:
        return None
    prefix = text[:at]
    # every logging prefix ends its fields with `: ` (IOS, ASA `fw1 : `) or an EMBLEM `<n>`
    if not _PREFIX.match(prefix) or (prefix.strip() and prefix.rstrip()[-1] not in ":>"):
        return None
    match = _MESSAGE.match(text, at)
    return (match, prefix) if match else None


def _stamp(prefix: str) -> str:
    match = _STAMP.search(prefix)
    return " ".join(match.group(0).split()) if match else ""


def _lines_of(entry: Entry, where: str, filtered: bool) -> list[SyslogLine]:
    if "%" not in entry.output:  # most outputs: no regex at all (15 MB SA tables)
        return []
    found = []
    for index, text in enumerate(entry.output.split("\n")):
        parsed = parse_line(text)
        if parsed is None:
            continue
        match, prefix = parsed
        # imported at the first message: most captures print none (`syslog_event`)
        from netriage.facts.syslog_event import SyslogLine

        found.append(SyslogLine(
            text.strip(), entry.source, entry.source_line(index), where, filtered,
            match.group("facility"), int(match.group("severity")), match.group("mnemonic"),
            match.group("body"), _stamp(prefix), prefix.strip()))
    return found


def without_syslog(text: str) -> tuple[str, list[int]] | None:
    """`text` without the syslog lines a console printed into it, and the original 0-based
    index of each kept line (to number not-understood lines as the capture does); None when
    there is none to take out."""
    if "%" not in text:
        return None
    lines = text.split("\n")
    kept = [i for i, line in enumerate(lines) if parse_line(line) is None]
    if len(kept) == len(lines):
        return None
    return "\n".join(lines[i] for i in kept), kept


def _incomplete(entry: Entry) -> str:
    """Why an unfiltered log output cannot prove absence ("" when it can)."""
    from netriage.parsing.runner import _REJECTED  # the parser's own test for a refusal

    if entry.command not in _FULL_LOGS:
        return f"`{entry.command}` shows only part of the log buffer"
    if entry.truncated:
        return f"`{entry.command}` was cut off before its end"
    if _REJECTED.search(entry.output) is not None:
        return f"the device rejected `{entry.command}`"
    return ""


# The last devices collected: the crypto log reads a Device, not DeviceFacts, and a big log
# buffer is worth reading once per analysis. Keyed by identity, checked against the entries.
_RECENT: dict[int, tuple[Device, int, DeviceSyslog]] = {}
_RECENT_SIZE = 8


def collect(device: Device) -> DeviceSyslog:
    """The device's syslog events from its log outputs, other outputs and console text."""
    size = len(device.entries) + len(device.console)
    cached = _RECENT.get(id(device))
    if cached is not None and cached[0] is device and cached[1] == size:
        return cached[2]
    result = _collect(device)
    _RECENT[id(device)] = (device, size, result)
    if len(_RECENT) > _RECENT_SIZE:
        _RECENT.pop(next(iter(_RECENT)))
    return result


def _collect(device: Device) -> DeviceSyslog:
    result = DeviceSyslog()
    containers: list[tuple[Entry, str, bool]] = []
    for entry in device.entries:
        if is_log_command(entry.command):
            label = entry.command + (f" {entry.filter}" if entry.filter else "")
            (result.filtered_logs if entry.filtered else result.log_read).append(label)
            if not entry.filtered:
                why = _incomplete(entry)
                result.complete = result.complete or not why
                result.unreadable += [why] if why else []
        containers.append((entry, entry.command, entry.filtered))
    containers += [(entry, BETWEEN, False) for entry in device.console]
    sources = list(dict.fromkeys([e.source for e in device.entries]
                                 + [e.source for e in device.console]))
    sightings: list[tuple[tuple[int, int, int], SyslogLine]] = []
    for number, (entry, where, filtered) in enumerate(containers):
        for seen in _lines_of(entry, where, filtered):
            sightings.append(((sources.index(entry.source), seen.line, number), seen))
    sightings.sort(key=lambda s: s[0])
    result.lines = _dedupe(sightings)
    if result.complete:
        result.unreadable = []
    return result


def _dedupe(sightings: list[tuple[tuple[int, int, int], SyslogLine]]) -> list[SyslogLine]:
    """One event per message: a sighting in another output (or console text) with the same
    message and timestamp is the same event printed again (every logging destination of a
    device stamps alike). Two equal lines of one output are two events (a port that flapped
    twice, logged without time): the n-th copy in an output matches the n-th event."""
    events: list[SyslogLine] = []
    by_key: dict[tuple[str, str], list[tuple[SyslogLine, int]]] = {}  # (event, container)
    matched: dict[tuple[int, tuple[str, str]], int] = {}  # copies of a key seen per container
    for (_rank, _line, container), seen in sightings:
        key = ("".join(seen.message.split()), seen.stamp)
        earlier = by_key.setdefault(key, [])
        at = matched.get((container, key), 0)
        if at < len(earlier) and earlier[at][1] != container:
            earlier[at][0].seen += 1
            matched[(container, key)] = at + 1
            continue
        events.append(seen)
        earlier.append((seen, container))
        matched[(container, key)] = len(earlier)  # its own copies never match each other
    return events
