"""The structure of failover outputs, read line by line as the ASA prints them.

`show failover` and `show monitor-interface` (and their `failover exec mate` forms) describe
each unit in a section opened by `This host: Primary - Active` / `Other host: Secondary -
Standby Ready`. Sections are named by the unit's role (Primary/Secondary), never by This/Other,
so one edit means the same unit in every output, whichever unit printed it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from netriage.capture.model import Device, Entry
from netriage.training.inject.base import InjectError, entries, tag_of

FAILOVER_COMMANDS = ("show failover", "show monitor-interface")
MATE = "failover exec mate "
HOST = re.compile(r"^(?P<lead>\s*)(?P<which>This|Other) host\s*[:-]\s*(?P<role>Primary|Secondary)"
                  r"\b\s*(?:-\s*(?P<state>.*?))?\s*$")
IFACE = re.compile(r"^(?P<head>\s*Interface (?P<name>\S+) \()(?P<ip>[^)]*)(?P<mid>\):\s+)"
                   r"(?P<status>[A-Za-z][A-Za-z -]*?)(?P<tail>\s*(?:\((?P<monitor>[^)]*)\))?\s*)$")
VERSION = re.compile(r"^(?P<head>\s*Version:\s*Ours\s+)(?P<ours>\S+?)(?P<mid>,\s*Mate\s+)"
                     r"(?P<mate>\S+?)(?P<tail>\s*)$")
SERIALS = re.compile(r"^\s*Serial Number:\s*Ours\s+(\S+?),\s*Mate\s+(\S+)")
STATE_LINK = re.compile(r"^(?P<head>\s*Link\s*:\s*(?P<name>\S+)\s+(?P<phys>\S+)\s+\()"
                        r"(?P<state>[^)]*)(?P<tail>\).*)$")
LAN_LINK = re.compile(r"^\s*Failover LAN Interface:\s*(?P<name>\S+)\s+(?P<phys>\S+)")
POLICY = re.compile(r"^(?P<head>\s*Interface Policy\s+)(?P<value>\d+%?)(?P<tail>\s*)$")
OTHER = {"Primary": "Secondary", "Secondary": "Primary"}
UNIT_ROLE = {"pri": "Primary", "sec": "Secondary"}
NO_ADDRESS = "0.0.0.0"  # noqa: S104 - what show failover prints for a unit without address
_MANAGEMENT = re.compile(r"^(management|mgmt|manage|diagnostic|diag|oob)", re.IGNORECASE)


def is_failover_output(entry: Entry) -> bool:
    command = entry.command.removeprefix(MATE)
    return command in FAILOVER_COMMANDS


def section_roles(lines: list[str]) -> list[str | None]:
    """For each line, the role of the unit section it sits in (None outside any)."""
    roles: list[str | None] = []
    current: str | None = None
    for line in lines:
        host = HOST.match(line)
        if host:
            current = host.group("role")
        elif current and line.strip() and not line[:1].isspace():
            current = None  # `Stateful Failover Logical Update Statistics`, a prompt …
        roles.append(current)
    return roles


def this_host(output: str) -> str:
    for line in output.split("\n"):
        host = HOST.match(line)
        if host and host.group("which") == "This":
            return host.group("role")
    return ""


def runner_role(device: Device, entry: Entry) -> str:
    """The role of the unit that printed `entry` (its `This host`); "" when nothing says."""
    role = this_host(entry.output)
    if not role:
        own = next((this_host(e.output) for e in entries(device, "show failover")
                    if this_host(e.output)), "") or UNIT_ROLE.get(device.unit, "")
        role = OTHER.get(own, "") if entry.command.startswith(MATE) and own else own
    return role


@dataclass
class Pair:
    """The Active/Standby pair of a capture, and the unit a fault is planted on."""

    devices: list[Device]  # the capture's devices that are units of this pair
    active: str  # role of the active unit
    standby: str  # role of the standby unit: the one faults are planted on

    def role_of(self, device: Device) -> str:
        return runner_role(device, next(entries(device, "show failover"), Entry("", "")))

    def device_of(self, role: str) -> Device | None:
        return next((d for d in self.devices if self.role_of(d) == role), None)

    def outputs(self) -> list[tuple[Device, Entry]]:
        return [(d, e) for d in self.devices for e in d.entries if is_failover_output(e)]


def _states(output: str) -> dict[str, str]:
    return {m.group("role"): (m.group("state") or "").strip()
            for m in map(HOST.match, output.split("\n")) if m}


def _serials(output: str) -> frozenset[str]:
    for line in output.split("\n"):
        match = SERIALS.match(line)
        if match:
            return frozenset(match.groups())
    return frozenset()


def find_pair(devices: list[Device]) -> Pair:
    """The first Active/Standby pair among the firewalls, or one sentence on why there is none."""
    firewalls = [d for d in devices if tag_of(d) in ("asa", "ftd", "pix")]
    anchor = next(((d, e) for d in firewalls for e in entries(d, "show failover")
                   if not e.filter and _states(e.output)),
                  None)
    if anchor is None:
        off = next((d for d in firewalls for e in entries(d, "show failover")
                    if re.search(r"^Failover Off", e.output[:400], re.MULTILINE)), None)
        if off is not None:
            raise InjectError(f"failover is off on {off.hostname} (`Failover Off`): there "
                              "is no pair to plant a failover fault in")
        raise InjectError("no unfiltered `show failover` with its `This host` / `Other host` "
                          "sections was captured on a firewall")
    device, entry = anchor
    if re.search(r"^\s*Group \d+\s+State:", entry.output, re.MULTILINE):
        raise InjectError(f"{device.hostname} is an Active/Active pair (failover groups); "
                          "injection plants faults in Active/Standby pairs")
    states = _states(entry.output)
    active = [r for r, s in states.items() if s == "Active"]
    standby = [r for r, s in states.items() if s in ("Standby Ready", "Standby")]
    if len(states) != 2 or not active or not standby:
        shown = ", ".join(f"{r} {s or '(no state)'}" for r, s in states.items())
        raise InjectError(f"the pair on {device.hostname} is not one Active and one Standby "
                          f"Ready unit ({shown}): inject into a healthy pair")
    serials = _serials(entry.output)
    base = device.hostname.split("/")[0]

    def same_pair(other: Device) -> bool:
        if other is device:
            return True
        theirs = next((_serials(e.output) for e in entries(other, "show failover")
                       if _serials(e.output)), frozenset())
        return theirs == serials if serials and theirs else other.hostname.split("/")[0] == base

    return Pair([d for d in firewalls if same_pair(d)], active[0], standby[0])


def interfaces_of(output: str, role: str) -> list[tuple[str, str, str, str]]:
    """(name, ip, status, monitor) of the unit's interface lines in one output."""
    lines = output.split("\n")
    found = []
    for line, owner in zip(lines, section_roles(lines), strict=True):
        match = IFACE.match(line)
        if match and owner == role:
            found.append((match.group("name"), match.group("ip"), match.group("status"),
                          match.group("monitor") or ""))
    return found


def is_management(name: str) -> bool:
    """A management interface (nobody expects it to decide a failover)."""
    return bool(_MANAGEMENT.match(name.rsplit("/", maxsplit=1)[-1]))


def pick_interface(pair: Pair, want: str = "") -> str:
    """The interface a fault is planted on: `want`, or the last monitored data interface of
    the standby unit (not management: nobody expects it to decide a failover)."""
    shown: list[tuple[str, str, str, str]] = []
    for _device, entry in pair.outputs():
        shown = shown or interfaces_of(entry.output, pair.standby)
    if want:
        if not any(name == want for name, *_rest in shown):
            names = ", ".join(n for n, *_r in shown) or "none"
            raise InjectError(f"no interface {want!r} on the standby unit's lines of show "
                              f"failover (it shows: {names})")
        return want
    usable = [name for name, ip, status, monitor in shown
              if status == "Normal" and monitor in ("Monitored", "") and ip not in ("", NO_ADDRESS)
              and not is_management(name)]
    if not usable:
        raise InjectError("the standby unit's lines of show failover list no monitored data "
                          "interface in state Normal with an address")
    return usable[-1]


def rewrite(output: str, change: Callable[[str, str | None], str]) -> list[str]:
    """The output's lines, each passed with the role of its unit section to `change`."""
    lines = output.split("\n")
    return [change(line, owner) for line, owner in zip(lines, section_roles(lines), strict=True)]


def edit_interface(line: str, *, ip: str | None = None, status: str | None = None,
                   monitor: str | None = None) -> str:
    match = IFACE.match(line)
    if match is None:
        return line
    tail = match.group("tail")
    if monitor is not None and match.group("monitor") is not None:
        tail = tail.replace(f"({match.group('monitor')})", f"({monitor})")
    return (match.group("head") + (match.group("ip") if ip is None else ip) + match.group("mid")
            + (match.group("status") if status is None else status) + tail)
