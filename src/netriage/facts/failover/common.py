"""Helpers shared by the failover fact builders: honest raw outputs and the mate's outputs.

Some failover evidence has no template (syslog lines in `show logging`, the console warning
printed by `configure terminal` on a standby, `show clock`): the builders read those outputs
with narrow regular expressions, but only from a complete, unfiltered, accepted output, so a
missing line means "not there" and never "not captured".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from netriage.capture.commands import resolve
from netriage.capture.model import Entry
from netriage.engine.expr import Unknown
from netriage.parsing import ParseResult, parse_output
from netriage.parsing.runner import _REJECTED  # the parser's own test for a refused command

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts
    from netriage.facts.failover.history import FailoverHistory
    from netriage.facts.failover.syslog import FailoverSyslog, StandbyEdits

MATE_PREFIX = "failover exec mate "


def _check_entry(entry: Entry, command: str) -> Entry:
    if entry.truncated:
        raise Unknown(f"`{command}` was cut off before its end", (command,))
    if _REJECTED.search(entry.output):
        raise Unknown(f"the device rejected `{command}`", (command,))
    return entry


def raw_output(facts: DeviceFacts, command: str) -> Entry:
    """The complete, unfiltered output of `command` for narrow regex reading, or Unknown."""
    entry = facts.device.find(command)
    if entry is None:
        if facts.device.find(command, unfiltered=False) is not None:
            raise Unknown(f"only a filtered `{command}` was captured; the full output is needed",
                          (command,))
        raise Unknown(f"`{command}` was not captured", (command,))
    return _check_entry(entry, command)


def build_history(facts: DeviceFacts) -> FailoverHistory:
    """The `failover_history` fact. The output is chosen (and found missing, the common case)
    here, so that the history models are imported only once there is a history to read."""
    from netriage.facts import usable_result

    command = "show failover history"
    if facts.device.find("show failover history details", unfiltered=False) is not None:
        command = "show failover history details"  # a superset: prefer it when present
    result = usable_result(facts, command)
    from netriage.facts.failover.history import history_from

    return history_from(facts, result)


def build_syslog(facts: DeviceFacts) -> FailoverSyslog:
    """The `failover_syslog` fact. A device with no complete log, no console text and no
    failover message anywhere has nothing to read: its answer (the log's absence, as the
    reader in `syslog` gives it) is found here, without importing the syslog models."""
    from netriage.facts.syslog_lines import DeviceSyslog

    syslog = facts.resolve("syslog")[0]
    if not isinstance(syslog, DeviceSyslog):
        raise syslog
    if not (syslog.complete or facts.device.console or syslog.of("ASA", "FTD", "PIX", "FWSM")):
        raise syslog.absence()
    from netriage.facts.failover.syslog import build_syslog as read_syslog

    return read_syslog(facts)


def build_standby_edits(facts: DeviceFacts) -> StandbyEdits:
    """The `failover_standby_edits` fact: unknown without a `configure terminal` (found here,
    before the syslog module is imported), else read by `syslog.build_standby_edits`."""
    if not any(e.command == "configure terminal" for e in facts.device.entries):
        raise Unknown("no `configure terminal` in the capture", ("configure terminal",))
    from netriage.facts.failover.syslog import build_standby_edits as read_edits

    return read_edits(facts)


def mate_command(command: str, family: str) -> str | None:
    """`failover exec mate sh ver` → `show version`; None for other commands."""
    if not command.startswith(MATE_PREFIX):
        return None
    return resolve(command[len(MATE_PREFIX):], family).command


def mate_entry(facts: DeviceFacts, command: str, *, unfiltered: bool = True) -> Entry | None:
    """Latest `failover exec mate <command>` entry (the mate's own output), if captured."""
    for entry in reversed(facts.device.entries):
        if mate_command(entry.command, facts.family) == command and not (
                unfiltered and entry.filtered):
            return entry
    return None


def mate_result(facts: DeviceFacts, command: str) -> ParseResult | None:
    """The mate's `command` output parsed with the template of `command`; None if absent.

    Raises Unknown when only a filtered, cut-off, rejected or unparsed output exists; a
    partial one is returned (and noted as such).
    """
    entry = mate_entry(facts, command)
    label = f"{MATE_PREFIX}{command}"
    if entry is None:
        if mate_entry(facts, command, unfiltered=False) is not None:
            raise Unknown(f"only a filtered `{label}` was captured", (label,))
        return None
    _check_entry(entry, label)
    result = parse_output(entry.output, command, facts.family, facts.device.platform)
    from netriage.facts import readable, unreadable_reason  # the registry imports this module

    if not readable(result):
        raise unreadable_reason(label, result)
    facts.note_partial(result, label, entry)  # partial is read, and the fact says so
    return result


def captured(facts: DeviceFacts, *commands: str) -> bool:
    """Was any of `commands` captured at all, filtered or not?"""
    return any(facts.device.find(c, unfiltered=False) is not None for c in commands)


def seconds(text: str) -> int | None:
    """`1 seconds` / `200 milliseconds` / `msec 500` → milliseconds."""
    match = re.match(r"\s*(?:(msec)\s+)?(\d+)\s*(\w*)", text or "")
    if not match:
        return None
    msec, number, unit = match.groups()
    value = int(number)
    return value if msec or unit.lower().startswith("milli") else value * 1000


def polltime(poll: str | None, hold: str | None, *, hold_msec: bool) -> str:
    """Timers as `failover polltime unit|interface` takes them: `1 holdtime 15`, `msec 200
    holdtime msec 800` (the interface holdtime is whole seconds only); named placeholders
    when the timers were not read."""
    poll_ms, hold_ms = seconds(poll or ""), seconds(hold or "")
    if poll_ms is None or hold_ms is None:
        return "<previous-poll> holdtime <previous-hold>"

    def form(ms: int) -> str:
        return str(ms // 1000) if ms % 1000 == 0 else f"msec {ms}"
    return f"{form(poll_ms)} holdtime {form(hold_ms) if hold_msec else max(hold_ms // 1000, 1)}"


@dataclass
class FailoverOutputs:
    """Which supplementary failover outputs the capture holds, in any form.

    Trees walk the checks that read an optional output only when it was captured: a missing
    `show failover history` is not worth an undecided on every capture, while a captured but
    filtered, cut-off or unparsed one still is (the check then reads the fact, which is
    Unknown, and says why). The mate's outputs count only when unfiltered:
    `failover exec mate show failover | include host` is the usual quick glance at the mate,
    not an attempt at the full output.
    """

    failover_readable: bool  # `show failover` captured and understood (the `failover` fact)
    history: bool
    state: bool
    failover_interface: bool
    running_config: bool
    logging: bool  # in any form: the syslog tree says why a filtered one cannot be read
    logging_complete: bool  # unfiltered: other trees use the log only as extra evidence
    version: bool
    mate_version: bool
    mate_failover: bool
    modes: bool  # show firewall / show mode on both units
    startup: bool
    mac_address: bool  # show running-config [all] mac-address
    contexts: bool  # show running-config context
    configure: bool  # `configure terminal` was typed


def _console_failover(facts: DeviceFacts) -> bool:
    """Failover messages printed at the console (or into another output) count as a log."""
    from netriage.facts.syslog_lines import DeviceSyslog

    syslog = facts.resolve("syslog")[0]
    return isinstance(syslog, DeviceSyslog) and bool(syslog.of("ASA", "FTD", "PIX", "FWSM"))


def build_outputs(facts: DeviceFacts) -> FailoverOutputs:
    def mate(command: str) -> bool:
        return mate_entry(facts, command) is not None

    return FailoverOutputs(
        failover_readable=not isinstance(facts.resolve("failover")[0], Unknown),
        history=captured(facts, "show failover history", "show failover history details"),
        state=captured(facts, "show failover state"),
        failover_interface=captured(facts, "show failover interface"),
        running_config=captured(facts, "show running-config failover"),
        logging=captured(facts, "show logging") or _console_failover(facts),
        logging_complete=facts.device.find("show logging") is not None,
        version=captured(facts, "show version"),
        mate_version=mate("show version"),
        mate_failover=mate("show failover"),
        modes=(mate("show firewall") and captured(facts, "show firewall"))
        or (mate("show mode") and captured(facts, "show mode")),
        startup=captured(facts, "show startup-config"),
        mac_address=captured(facts, "show running-config all mac-address",
                             "show running-config mac-address"),
        contexts=captured(facts, "show running-config context"),
        configure=captured(facts, "configure terminal"),
    )
