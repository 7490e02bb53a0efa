"""IOS / IOS-XE / Catalyst interface outputs, merged per interface."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from netriage.engine.expr import Unknown
from netriage.facts.config import iface_key
from netriage.lazyre import lazy

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts
    from netriage.facts.interfaces.model import Interface

_NOTE = lazy(r"^(\S+)(?:\s+\((.*)\))?\s*$")
_INTERNAL = lazy(r"^(Null|NVI|Embedded-Service-Engine|Virtual-Access|VoIP-Null|"
                 r"Internal)", re.IGNORECASE)


def as_int(text: str | None) -> int | None:
    return int(text) if text not in (None, "") and str(text).isdigit() else None


def duplex_of(text: str) -> str | None:
    """`Full-duplex`, `a-full`, `Auto-duplex`, PIX `full` → full / half / auto."""
    lower = text.strip().lower()
    if not lower:
        return None
    for word in ("full", "half", "auto"):
        if lower.startswith((word, "a-" + word)):
            return word
    return None


def speed_of(text: str) -> str | None:
    """`100Mb/s`, `1000 Mbps`, `10Gb/s`, `a-100`, `Auto-speed` → "100", "1000", "10000", "auto"."""
    lower = text.strip().lower().removeprefix("a-")
    if not lower:
        return None
    if lower.startswith("auto"):
        return "auto"
    match = re.match(r"(\d+)\s*([mgk])?", lower)
    if not match:
        return None
    number = int(match.group(1))
    unit = match.group(2) or "m"
    return str(number * 1000 if unit == "g" else number // 1000 if unit == "k" else number)


class Merger:
    """Interfaces by canonical key, created on first mention by any output."""

    def __init__(self) -> None:
        self.by_key: dict[str, Interface] = {}

    def get(self, name: str, *, long_name: bool = True) -> Interface:
        """The interface of that name; `long_name` says the output prints the long form,
        which then names it (a short one is expanded: logs and fixes want `GigabitEthernet`)."""
        key = iface_key(name)
        interface = self.by_key.get(key)
        if interface is None:
            # imported at the first interface: a capture with none never builds the model
            from netriage.facts.interfaces.model import Interface

            interface = Interface(name=name if long_name else _expanded(name), key=key)
            self.by_key[key] = interface
        elif long_name:
            interface.name = name  # the spelling the device prints in full
        return interface


def _expanded(name: str) -> str:
    # imported on first use: netutils brings importlib.metadata with it (start-up time)
    from netutils.interface import canonical_interface_name

    try:
        return canonical_interface_name(name)
    except (ValueError, TypeError):
        return name


_SINGLE = lazy(r"^show interfaces? [A-Za-z][A-Za-z-]*\d\S*$")


def read_singles(facts: DeviceFacts, full: str) -> list[dict]:
    """Records of every usable `show interface(s) <name>` (an engineer looking at one port).

    They prove what they show about that port; they never stand in for the full output, so
    the caller still treats the full output as missing when judging the other interfaces.
    """
    from netriage.facts import usable_result

    records: list[dict] = []
    seen: set[str] = set()
    for entry in facts.device.entries:
        command = entry.command
        if (entry.filtered or command in seen or not command.startswith(full + " ")
                or not _SINGLE.match(command)):
            continue
        seen.add(command)
        try:
            records += usable_result(facts, command).records
        except Unknown:
            continue  # a partial single output is left out, like any unusable one
    return records


def read(facts: DeviceFacts, command: str, states: dict[str, Unknown | None],
         label: str) -> list[dict]:
    """Records of a usable output; records the Unknown under `label` otherwise."""
    from netriage.facts import usable_result

    try:
        records = usable_result(facts, command).records
    except Unknown as unknown:
        states.setdefault(label, unknown)
        return []
    states[label] = None
    return records


def _show_interfaces(records: list[dict], merge: Merger) -> None:
    for record in records:
        interface = merge.get(record["interface"])
        interface.status = record["link_status"].strip().lower()
        match = _NOTE.match(record["protocol_status"].strip())
        interface.protocol = match.group(1).lower() if match else record["protocol_status"]
        interface.protocol_note = (match.group(2) or "").lower() if match else ""
        interface.err_disabled = interface.protocol_note == "err-disabled"
        interface.monitoring = interface.protocol_note == "monitoring"
        interface.description = record.get("description", "") or interface.description
        interface.hardware = record.get("hardware_type", "")
        interface.ip_known = True
        interface.ip = record.get("ip_address", "") or interface.ip
        interface.mtu = as_int(record.get("mtu"))
        # "PPP, LCP Open" / "HDLC" / "ARPA": the first word is the encapsulation
        words = record.get("encapsulation", "").replace(",", " ").split()
        interface.encapsulation = words[0].lower() if words else ""
        duplex = duplex_of(record.get("duplex", ""))
        if duplex is not None:
            interface.duplex = duplex
        speed = speed_of(record.get("speed", ""))
        if speed is not None:
            interface.speed = speed
        interface.counters_source = "show interfaces"
        interface.input_packets = as_int(record.get("packets_in"))
        interface.output_packets = as_int(record.get("packets_out"))
        interface.input_errors = as_int(record.get("input_errors"))
        interface.crc = as_int(record.get("crc"))
        interface.frame = as_int(record.get("frame"))
        interface.runts = as_int(record.get("runts"))
        interface.giants = as_int(record.get("giants"))
        interface.overrun = as_int(record.get("overrun"))
        interface.ignored = as_int(record.get("ignored"))
        interface.no_buffer = as_int(record.get("no_buffer"))
        interface.collisions = as_int(record.get("collisions"))
        interface.late_collisions = as_int(record.get("late_collisions"))
        interface.deferred = as_int(record.get("deferred"))
        interface.output_errors = as_int(record.get("output_errs"))
        interface.underruns = as_int(record.get("underruns"))
        interface.output_drops = as_int(record.get("queue_output_drops"))
        interface.resets = as_int(record.get("interface_resets"))
        interface.carrier_transitions = as_int(record.get("carrier_transitions"))
        interface.lost_carrier = as_int(record.get("lost_carrier"))
        interface.internal = bool(_INTERNAL.match(interface.name))


def _status(records: list[dict], merge: Merger) -> None:
    for record in records:
        interface = merge.get(record["port"], long_name=False)
        interface.short = record["port"]
        interface.switch_status = record["status"].strip().lower()
        interface.vlan = record.get("vlan_id", "")
        if record.get("name") and not interface.description:
            interface.description = record["name"]
        duplex, speed = record.get("duplex", ""), record.get("speed", "")
        if duplex_of(duplex) is not None:
            interface.duplex_hardcoded = not duplex.lower().startswith(("a-", "auto"))
            if interface.duplex is None or interface.duplex == "auto":
                interface.duplex = duplex_of(duplex)
        if speed_of(speed) is not None:
            interface.speed_hardcoded = not speed.lower().startswith(("a-", "auto"))
            if interface.speed is None or interface.speed == "auto":
                interface.speed = speed_of(speed)
        if interface.switch_status == "err-disabled":
            interface.err_disabled = True
        elif interface.err_disabled is None:
            interface.err_disabled = False
        if interface.switch_status == "monitoring":
            interface.monitoring = True


def _errdisabled(records: list[dict], merge: Merger) -> None:
    for record in records:
        interface = merge.get(record["interface"], long_name=False)
        interface.short = interface.short or record["interface"]
        interface.err_disabled = True
        interface.err_reason = record.get("port_error", "").strip().lower()


def _brief(records: list[dict], merge: Merger) -> None:
    for record in records:
        interface = merge.get(record["interface"])
        if interface.status is None:
            interface.status = record["status"].strip().lower()
            interface.protocol = record["proto"].strip().lower()
        address = record.get("ip_address", "")
        interface.ip_known = True
        if address and address != "unassigned" and not interface.ip:
            interface.ip = address


def _counters_errors(records: list[dict], merge: Merger) -> None:
    """The Catalyst error table fills what `show interfaces` did not give."""
    fields: dict[str, str] = {"fcs_err": "crc", "late_col": "late_collisions",
                              "runts": "runts", "giants": "giants",
                              "out_discards": "output_drops", "rcv_err": "input_errors",
                              "xmit_err": "output_errors"}
    for record in records:
        interface = merge.get(record["port"], long_name=False)
        interface.short = interface.short or record["port"]
        for column, attribute in fields.items():
            value = as_int(record.get(column))
            if value is not None and getattr(interface, attribute) is None:
                setattr(interface, attribute, value)
                interface.counters_source = (interface.counters_source
                                             or "show interfaces counters errors")


def _description(records: list[dict], merge: Merger) -> None:
    """`show interfaces description`: state and description, where nothing fuller said them."""
    for record in records:
        interface = merge.get(record["port"], long_name=False)
        interface.short = interface.short or record["port"]
        status = record.get("status", "").strip().lower()
        if interface.status is None and status:
            interface.status = "administratively down" if status == "admin down" else status
            interface.protocol = record.get("protocol", "").strip().lower() or None
        if record.get("description") and not interface.description:
            interface.description = record["description"]


def _switchport(records: list[dict], merge: Merger) -> None:
    """`show interfaces switchport`: trunks (set so, or negotiated) and access VLANs."""
    for record in records:
        interface = merge.get(record["interface"], long_name=False)
        interface.short = interface.short or record["interface"]
        modes = (record.get("admin_mode", ""), record.get("mode", ""))
        if any(mode.strip().lower().startswith("trunk") for mode in modes):
            interface.vlan = "trunk"  # a trunk matters, whatever it carries
        elif record.get("access_vlan", "").isdigit() and not interface.vlan:
            interface.vlan = record["access_vlan"]


def _trunk_table(records: list[dict], merge: Merger) -> None:
    """`show interfaces trunk`: the ports its first table shows trunking. A DTP port left
    `not-trunking` is listed too, but nothing says it was meant to be a trunk."""
    for record in records:
        if not record.get("status"):
            continue  # a row of the VLAN tables
        interface = merge.get(record["port"], long_name=False)
        interface.short = interface.short or record["port"]
        if record["status"].lower() == "trunking":
            interface.vlan = "trunk"


def _recovery(records: list[dict]) -> tuple[dict[str, str], dict[str, str], int | None]:
    causes: dict[str, str] = {}
    waiting: dict[str, str] = {}
    interval = None
    for record in records:
        if record.get("cause"):
            causes[record["cause"].split()[0].lower()] = record["timer_status"].lower()
        if record.get("interval"):
            interval = int(record["interval"])
        if record.get("interface"):
            waiting[iface_key(record["interface"])] = record.get("time_left", "")
    return causes, waiting, interval


SOURCES: list[tuple[str, str, Callable[[list[dict], Merger], None]]] = [
    ("show interfaces", "state", _show_interfaces),
    ("show interfaces status", "switch", _status),
    ("show interfaces status err-disabled", "errdisable", _errdisabled),
    ("show ip interface brief", "brief", _brief),
    ("show interfaces counters errors", "counters_errors", _counters_errors),
    ("show interfaces description", "description", _description),
    ("show interfaces switchport", "switchport", _switchport),
    ("show interfaces trunk", "trunk", _trunk_table),
]


def ios_sources(facts: DeviceFacts, merge: Merger,
                states: dict[str, Unknown | None]) -> tuple[dict[str, str], int | None]:
    """Read every IOS interface output; returns the err-disable recovery settings."""
    _show_interfaces(read_singles(facts, "show interfaces"), merge)
    for command, label, apply in SOURCES:
        apply(read(facts, command, states, label), merge)
    causes, waiting, interval = _recovery(
        read(facts, "show errdisable recovery", states, "recovery"))
    for interface in merge.by_key.values():
        if interface.err_reason and interface.err_reason in causes:
            interface.recovery = causes[interface.err_reason]
        if interface.key in waiting:
            interface.recovery_left = waiting[interface.key]
    return causes, interval
