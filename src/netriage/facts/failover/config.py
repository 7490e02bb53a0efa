"""Failover configuration and links: `show running-config failover`, `show failover interface`,
`show monitor-interface`, and for Active/Active the MAC address and context configuration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netriage.engine.expr import Unknown
from netriage.facts.failover.common import captured, raw_output
from netriage.parsing import ParseResult

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts

_NO_ADDRESS = ("", "0.0.0.0", "not configured", "n/a", "::")  # noqa: S104 - addresses


@dataclass
class LinkAddress:
    name: str  # failover name of the LAN or state link
    ip: str
    mask: str
    standby: str

    @property
    def broken(self) -> bool:
        """No usable address pair: missing, zero, or the standby equal to the active."""
        return self.ip.lower() in _NO_ADDRESS or self.standby.lower() in _NO_ADDRESS or (
            self.ip == self.standby)


@dataclass
class FailoverGroup:
    number: int
    unit: str  # primary / secondary ("" when not printed: primary is the default)
    preempt: str  # "preempt" / "preempt 60", "" when absent
    lines: list[str] = field(default_factory=list)

    @property
    def has_mac(self) -> bool:
        return any(line.startswith("mac address") for line in self.lines)


@dataclass
class FailoverConfig:
    enabled: str  # "failover", "no failover" or "" when neither line is shown
    lan_unit: str  # primary / secondary / ""
    lan_name: str
    lan_interface: str
    link_name: str
    link_interface: str
    addresses: list[LinkAddress] = field(default_factory=list)
    key: bool = False  # `failover key` (PIX 6.3: `failover lan key`)
    ipsec_key: bool = False  # `failover ipsec pre-shared-key` (9.1(2)+)
    polltime_unit: str = ""
    polltime_unit_hold: str = ""
    polltime_interface: str = ""
    polltime_interface_hold: str = ""
    interface_policy: str = ""
    replication_http: bool = False
    mac_addresses: list[str] = field(default_factory=list)  # `failover mac address` interfaces
    groups: list[FailoverGroup] = field(default_factory=list)
    partial: bool = False  # some lines were not understood: an absent line may be one of them
    # the key as captured (clear, a redaction token, or the device's `*****`): pair checks
    # compare the two units' keys by it, never show it
    key_text: str = ""

    @property
    def pair_configured(self) -> bool:
        return bool(self.lan_unit or self.lan_name)

    @property
    def key_missing(self) -> bool | None:
        missing = bool(self.lan_name) and not (self.key or self.ipsec_key)
        return None if missing and self.partial else missing

    @property
    def lan_address(self) -> LinkAddress | None:
        return next((a for a in self.addresses if a.name == self.lan_name), None)

    @property
    def lan_addresses(self) -> str:
        """`<ip> <mask> standby <ip2>` of the LAN link as configured (what a fix typed on the
        mate repeats: the line is identical on both units), or named placeholders."""
        address = self.lan_address
        if address is None or address.broken:
            return "<fo-ip> <fo-mask> standby <fo-mate-ip>"
        return f"{address.ip} {address.mask} standby {address.standby}"

    @property
    def lan_ip_missing(self) -> bool:
        """The LAN link is named but has no usable `failover interface ip` line."""
        if not self.lan_name:
            return False
        address = self.lan_address
        if address is None and self.partial:
            return None  # its line may be one that was not understood
        return address is None or address.broken

    @property
    def active_active(self) -> bool:
        return bool(self.groups)

    @property
    def groups_without_preempt(self) -> list[FailoverGroup]:
        return [g for g in self.groups if not g.preempt]

    @property
    def groups_on_one_unit(self) -> bool:
        """Every failover group prefers the same unit (or only one group exists)."""
        return self.active_active and len({g.unit or "primary" for g in self.groups}) == 1

    @property
    def group_macs(self) -> bool:
        return any(g.has_mac for g in self.groups)


def _groups(lines: list[str]) -> list[FailoverGroup]:
    groups: list[FailoverGroup] = []
    for line in lines:
        match = re.match(r"failover group (\d+)$", line)
        if match:
            groups.append(FailoverGroup(int(match.group(1)), "", ""))
        elif groups:
            current = groups[-1]
            current.lines.append(line)
            if line in ("primary", "secondary"):
                current.unit = line
            elif line.startswith("preempt"):
                current.preempt = line
    return groups


def build_config(result: ParseResult) -> FailoverConfig | None:
    if not result.records:
        return None
    r = result.records[0]
    addresses = [LinkAddress(*values) for values in zip(
        r["interface_ip_names"], r["interface_ips"], r["interface_masks"],
        r["interface_standby_ips"], strict=False)]
    return FailoverConfig(
        enabled=r["failover"], lan_unit=r["lan_unit"], lan_name=r["lan_name"],
        lan_interface=r["lan_interface"], link_name=r["link_name"],
        link_interface=r["link_interface"], addresses=addresses, key=bool(r["key"]),
        ipsec_key=bool(r["ipsec_pre_shared_key"]), polltime_unit=r["polltime_unit"],
        polltime_unit_hold=r["polltime_unit_holdtime"],
        polltime_interface=r["polltime_interface"],
        polltime_interface_hold=r["polltime_interface_holdtime"],
        interface_policy=r["interface_policy"], replication_http=bool(r["replication_http"]),
        mac_addresses=list(r["mac_address_interfaces"]), groups=_groups(r["group_config"]),
        partial=result.status == "partial",
        key_text=str(r["key"] or r["ipsec_pre_shared_key"] or ""))


@dataclass
class FailoverLink:
    name: str
    interface: str
    system_ip: str
    mask: str
    my_ip: str
    other_ip: str
    my_mac: str = ""
    other_mac: str = ""

    @property
    def ip_missing(self) -> bool:
        """No system address, or both units on the same address."""
        return self.system_ip.lower() in _NO_ADDRESS or (
            self.my_ip != "" and self.my_ip == self.other_ip)


@dataclass
class FailoverLinks:
    links: list[FailoverLink] = field(default_factory=list)

    @property
    def missing_ip(self) -> list[FailoverLink]:
        return [link for link in self.links if link.ip_missing]


def build_links(result: ParseResult) -> FailoverLinks:
    return FailoverLinks([FailoverLink(
        r["name"], r["interface"], r["system_ip"], r["system_mask"], r["my_ip"], r["other_ip"],
        r["my_mac"], r["other_mac"]) for r in result.records])


@dataclass
class MonitoredInterface:
    host: str  # This / Other
    role: str
    name: str
    ip: str
    status: str
    monitor: str
    context: str = ""


@dataclass
class FailoverMonitor:
    interfaces: list[MonitoredInterface] = field(default_factory=list)

    @property
    def not_monitored(self) -> list[MonitoredInterface]:
        return [i for i in self.interfaces
                if i.host == "This" and i.monitor in ("Not-Monitored", "Not Monitored")]


def build_monitor(result: ParseResult) -> FailoverMonitor:
    return FailoverMonitor([MonitoredInterface(
        r["host"], r["role"], r["interface"], r["ip_address"], r["status"], r["monitor"],
        r["context"]) for r in result.records])


@dataclass
class ActiveActiveConfig:
    """What Active/Active needs beyond `show running-config failover`."""

    mac_auto: bool | None  # `mac-address auto` present; None when no output can tell
    contexts: list[str] = field(default_factory=list)  # user contexts (admin excluded)
    contexts_in_group2: list[str] = field(default_factory=list)

    @property
    def all_contexts_in_one_group(self) -> bool | None:
        if not self.contexts:
            return None
        return not self.contexts_in_group2


_MAC_AUTO = re.compile(r"^\s*mac-address\s+auto\b", re.MULTILINE)


def _mac_auto(facts: DeviceFacts) -> bool | None:
    # `show running-config all` lists the default; the plain form omits it on 9.x, where
    # auto-generation is the default, so only a line that is present can be trusted there.
    for command, absent_means_off in (("show running-config all mac-address", True),
                                      ("show running-config mac-address", False)):
        if captured(facts, command):
            present = bool(_MAC_AUTO.search(raw_output(facts, command).output))
            if present or absent_means_off:
                return present
    return None


def _contexts(facts: DeviceFacts) -> tuple[list[str], list[str]]:
    if not captured(facts, "show running-config context"):
        return [], []
    text = raw_output(facts, "show running-config context").output
    contexts, group2, current = [], [], ""
    for line in text.splitlines():
        match = re.match(r"^context\s+(\S+)", line)
        if match:
            current = match.group(1)
            if current != "admin":
                contexts.append(current)
            continue
        match = re.match(r"^\s+join-failover-group\s+(\d+)", line)
        if match and current != "admin" and match.group(1) != "1":
            group2.append(current)
    return contexts, group2


def build_active_active(facts: DeviceFacts) -> ActiveActiveConfig:
    if not captured(facts, "show running-config all mac-address",
                    "show running-config mac-address", "show running-config context"):
        raise Unknown("neither `show running-config all mac-address` nor `show running-config "
                      "context` was captured", ("show running-config all mac-address",
                                                "show running-config context"))
    contexts, group2 = _contexts(facts)
    return ActiveActiveConfig(_mac_auto(facts), contexts, group2)
