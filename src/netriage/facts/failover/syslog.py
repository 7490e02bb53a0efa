"""Failover syslog messages, and console warnings in the session.

The messages (`%ASA-1-104001: ...`, also `%FTD-`, `%PIX-`) come from every place the device
printed them (`syslog_lines`): `show logging`, filtered or not, and console lines. Only a
complete, unfiltered `show logging` shows that a message is absent (`complete`); with none,
a capture that shows no failover message leaves the fact unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netriage.facts.clock import parse_time
from netriage.facts.failover.common import raw_output
from netriage.lazyre import lazy

if TYPE_CHECKING:
    from datetime import datetime

    from netriage.facts import DeviceFacts

_MESSAGE = lazy(r"%(?:ASA|FTD|PIX|FWSM)-\d-(\d{6}):\s*(.*?)\s*$")
_DECRYPT = lazy(r"WARNING: Failover message decryption failure|Failover message received "
                r"has bad HMAC|lan failover hellos.*authentication failure", re.IGNORECASE)
_INTERFACE = lazy(r"\binterface\s+(\S+?)[.,]?(?:\s|$)", re.IGNORECASE)
# "(cause: X)." (8.x and later) or "Switching to ACTIVE - X." / "to STNDBY - X" (7.x, PIX)
_CAUSE = lazy(r"\(cause:\s*(.*?)\)\.?$|Switching to \w+\s+-\s+(.*?)\.?$", re.IGNORECASE)
# Causes of a switchover that an operator or the mate asked for: intended, not a fault.
_MANUAL = lazy(r"Set by the (CI )?config (command|cmd)|Other unit wants me", re.IGNORECASE)
# Causes logged by every boot (the first unit up goes active, the second standby).
_BOOT = lazy(r"No Active unit found|Detected an Active mate", re.IGNORECASE)
# %ASA-4-405001: Received ARP {request|response} collision from <ip>/<mac> on interface <if>
# with existing ARP entry <ip>/<mac>: the address somebody else claims
_COLLISION = lazy(r"collision from\s+([0-9a-fA-F.:]+)/", re.IGNORECASE)
_STANDBY_WARNING = lazy(r"Configuration Replication is NOT performed from Standby unit",
                        re.IGNORECASE)

CLASSES: dict[str, tuple[int, ...]] = {
    "switching_active": (104001,),
    "switching_standby": (104002,),
    "switching_failed": (104003,),
    "switched_ok": (104004,),
    "no_response": (103001,),
    "lost_comm": (105005,),
    "fo_if_failed": (105043,),
    "fo_if_ok": (105042,),
    "cloud_ha": (104500, 104501, 104502),
    "version": (103006, 103007, 105040),
    "mode": (105044,),
    "license": (105045,),
    "hardware": (105046, 105047, 105048, 105038, 103008),
    "flapping": (105037,),
    "monitor_waiting": (105003,),
    "monitor_normal": (105004,),
    "testing": (105008,),
    "testing_result": (105009,),
    "sync_begin": (709003, 709005),
    "sync_end": (709004, 709006),
    "sync_failed": (709007, 709008),
    "queue": (210005, 210010, 210022, 709001),
    "arp_collision": (405001,),
    "command": (111008, 111009, 111010),  # a command typed (by whom, from where)
}
_NO_STATE_LINK = lazy(r"executed 'no failover link\b", re.IGNORECASE)


@dataclass
class SyslogMessage:
    """A failover syslog message, wherever the device printed it."""

    id: int  # 0 for the console decryption warning, which has no message id
    text: str  # the line as printed, stripped
    body: str  # the text after "%ASA-1-104001: "
    when: datetime | None = None

    @property
    def interface(self) -> str:
        match = _INTERFACE.search(self.body)
        return match.group(1) if match else ""

    @property
    def collision_ip(self) -> str:
        """The address an ARP collision (405001) is about, "" for other messages."""
        match = _COLLISION.search(self.body) if self.id == 405001 else None
        return match.group(1) if match else ""

    @property
    def cause(self) -> str:
        match = _CAUSE.search(self.body)
        return next((g for g in match.groups() if g), "") if match else ""

    @property
    def manual(self) -> bool:
        """A switchover an operator (or the mate, on request) asked for."""
        return bool(_MANUAL.search(self.cause))

    @property
    def routine(self) -> bool:
        """Asked for, or the normal start of a unit: not a fault to report."""
        return self.manual or bool(_BOOT.search(self.cause))


@dataclass
class FailoverSyslog:
    """The failover messages of one device and whether the log was whole."""

    messages: list[SyslogMessage] = field(default_factory=list)
    # read from a complete `show logging`; False when only console lines or a filtered log
    # were seen: then a message not in a list may still have been logged
    complete: bool = True

    @property
    def absence_shown(self) -> bool:
        """True when a message missing from the lists was not logged; unknown (with the reason)
        when the log was filtered or only console lines were seen: a tree's "no 103001 here"
        then stays undecided instead of concluding from what the filter hid."""
        if not self.complete:
            from netriage.engine.expr import Unknown

            raise Unknown("only a complete, unfiltered `show logging` shows that a failover "
                          "message was not logged; the log read here is filtered or partial",
                          ("show logging",))
        return True

    def _of(self, name: str) -> list[SyslogMessage]:
        return [m for m in self.messages if m.id in CLASSES[name]]

    @property
    def switching_active(self) -> list[SyslogMessage]:
        """Takeovers that were neither asked for nor part of a boot."""
        return [m for m in self._of("switching_active") if not m.routine]

    @property
    def switching_standby(self) -> list[SyslogMessage]:
        return [m for m in self._of("switching_standby") if not m.routine]

    @property
    def switching_failed(self) -> list[SyslogMessage]:
        return self._of("switching_failed")

    @property
    def switched_ok(self) -> list[SyslogMessage]:
        return self._of("switched_ok")

    @property
    def no_response(self) -> list[SyslogMessage]:
        return self._of("no_response")

    @property
    def lost_comm(self) -> list[SyslogMessage]:
        return self._of("lost_comm")

    @property
    def lost_comm_unexplained(self) -> list[SyslogMessage]:
        """Hellos lost on an interface that never then failed its tests (`105009 ... Failed`
        on it explains the loss: one cause, reported once, with the failure)."""
        failed = {m.interface for m in self._of("testing_result") if m.body.rstrip(". ")
                  .lower().endswith("failed")}
        return [m for m in self.lost_comm if m.interface not in failed]

    @property
    def fo_if_failed(self) -> list[SyslogMessage]:
        return self._of("fo_if_failed")

    @property
    def cloud_ha(self) -> list[SyslogMessage]:
        return self._of("cloud_ha")

    @property
    def version_mismatch(self) -> list[SyslogMessage]:
        return self._of("version")

    @property
    def mode_mismatch(self) -> list[SyslogMessage]:
        return self._of("mode")

    @property
    def license_mismatch(self) -> list[SyslogMessage]:
        return self._of("license")

    @property
    def hardware_mismatch(self) -> list[SyslogMessage]:
        return self._of("hardware")

    @property
    def flapping(self) -> list[SyslogMessage]:
        return self._of("flapping")

    @property
    def queue_drops(self) -> list[SyslogMessage]:
        return self._of("queue")

    @property
    def arp_collisions(self) -> list[SyslogMessage]:
        return self._of("arp_collision")

    @property
    def collision_ips(self) -> list[str]:
        """The addresses ARP collisions were logged for, each once, sorted."""
        return sorted({m.collision_ip for m in self.arp_collisions if m.collision_ip})

    @property
    def state_link_removed(self) -> list[SyslogMessage]:
        """`no failover link ...` typed (111008/111010): the pair had a state link, so a
        stateless pair now is a removal, not a design."""
        return [m for m in self._of("command") if _NO_STATE_LINK.search(m.body)]

    @property
    def state_link_restore(self) -> str:
        """The state link line as it was before the last logged `no failover link ...`: what
        puts it back exactly (a placeholder line when the log named no interface)."""
        for message in reversed(self.state_link_removed):
            match = re.search(r"executed 'no (failover link \S+(?: \S+)?)'", message.body)
            if match:
                return match.group(1)
        return "failover link <state-name> <state-port>"

    @property
    def decrypt_failures(self) -> list[SyslogMessage]:
        return [m for m in self.messages if m.id == 0]

    @property
    def sync_failures(self) -> list[SyslogMessage]:
        """Commands that failed on, or were not replicated to, the standby."""
        return self._of("sync_failed")

    @property
    def sync_unfinished(self) -> list[SyslogMessage]:
        """The last configuration replication began and never ended."""
        ids = CLASSES["sync_begin"] + CLASSES["sync_end"]
        sync = [m for m in self.messages if m.id in ids]
        return sync[-1:] if sync and sync[-1].id in CLASSES["sync_begin"] else []

    @property
    def waiting_resolved(self) -> list[SyslogMessage]:
        """`Monitoring on interface X waiting` later followed by `... normal` (start-up)."""
        out = []
        for index, message in enumerate(self.messages):
            if message.id in CLASSES["monitor_waiting"] and any(
                    later.id in CLASSES["monitor_normal"] and later.interface == message.interface
                    for later in self.messages[index + 1:]):
                out.append(message)
        return out

    @property
    def testing_repeated(self) -> list[SyslogMessage]:
        """`Testing Interface X` on an interface tested more than once: intermittent loss."""
        testing = self._of("testing")
        names = [m.interface for m in testing]
        return [m for m in testing if names.count(m.interface) >= 2]


def parse_messages(text: str) -> list[SyslogMessage]:
    messages = []
    for line in text.splitlines():
        match = _MESSAGE.search(line)
        if match:
            messages.append(SyslogMessage(int(match.group(1)), line.strip(), match.group(2),
                                          parse_time(line[:match.start()])))
        elif _DECRYPT.search(line):
            messages.append(SyslogMessage(0, line.strip(), line.strip(), parse_time(line)))
    return messages


def build_syslog(facts: DeviceFacts) -> FailoverSyslog:
    """The failover messages wherever the device printed them (`syslog_lines`: the log
    buffer, filtered or not, console lines between commands or inside outputs), each event
    once. Without a complete `show logging` the lists hold what was seen, and `complete`
    says that an empty one proves nothing."""
    from netriage.facts.syslog_lines import DeviceSyslog, is_log_command

    syslog = facts.resolve("syslog")[0]
    if not isinstance(syslog, DeviceSyslog):
        raise syslog
    messages = [SyslogMessage(int(line.mnemonic), line.text, line.body,
                              parse_time(line.prefix))
                for line in syslog.of("ASA", "FTD", "PIX", "FWSM")
                if len(line.mnemonic) == 6 and line.mnemonic.isdigit()]
    # the console's decryption warning has no message id: read it from the whole log and
    # the console text, as printed
    texts = [e.output for e in facts.device.console]
    if syslog.complete:
        texts.append(raw_output(facts, "show logging").output)
    messages += [m for text in texts for m in parse_messages(text) if m.id == 0]
    if not messages and not syslog.complete:
        raise syslog.absence()
    mixed = any(not is_log_command(line.where) for line in syslog.lines)
    if mixed and all(m.when is not None for m in messages):
        # a console line read before an older buffer: put the story back in time order
        messages.sort(key=lambda m: m.when)  # type: ignore[arg-type, return-value]
    return FailoverSyslog(messages, complete=syslog.complete)


@dataclass
class StandbyEdits:
    """`configure terminal` typed on a standby unit prints a warning; changes made there are
    not replicated and vanish at the next sync from the active."""

    warnings: list[str] = field(default_factory=list)  # the warning lines seen
    commands: list[str] = field(default_factory=list)  # config commands typed after one


def build_standby_edits(facts: DeviceFacts) -> StandbyEdits:
    from netriage.engine.expr import Unknown

    entries = facts.device.entries
    warned, commands = [], []
    for index, entry in enumerate(entries):
        if entry.command != "configure terminal" or not _STANDBY_WARNING.search(entry.output):
            continue
        warned += [line.strip() for line in entry.output.splitlines()
                   if _STANDBY_WARNING.search(line)]
        for later in entries[index + 1:]:
            if not later.config_mode:
                break
            if later.command not in ("end", "exit"):
                commands.append(later.command)
    if not any(e.command == "configure terminal" for e in entries):
        raise Unknown("no `configure terminal` in the capture", ("configure terminal",))
    return StandbyEdits(warned, commands)
