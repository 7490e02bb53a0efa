"""What each interface is for: what the configuration and `show failover` add to it, and
whether it matters (named, addressed, crypto-bearing, a trunk, the failover link, ...)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netriage.engine.expr import Unknown
from netriage.facts.config import iface_key
from netriage.facts.interfaces.model import PIX_UNUSED_NAME, Interface

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts
    from netriage.facts.config import ConfigFacts


def apply_config(interfaces: dict[str, Interface], config: ConfigFacts | None,
                 asa: bool) -> None:
    if config is None:
        return
    failover_ifs = set()
    # a bare `failover` line enables it; without one the unit is not part of a pair
    pair = asa and "failover" in (" ".join(t.split()) for t in config.failover_lines)
    for text in config.failover_lines:
        words = text.split()
        if len(words) >= 4 and words[1] in ("lan", "link"):
            failover_ifs.add(words[-1].lower())
    for cfg in config.interfaces:
        interface = interfaces.get(cfg.key)
        if interface is None:
            continue
        interface.cfg_speed, interface.cfg_duplex = cfg.speed, cfg.duplex
        interface.cfg_read = True
        if asa:
            interface.failover_pair = pair
        interface.crypto_map = cfg.crypto_map
        interface.description = interface.description or cfg.description
        if not interface.ip and cfg.ip and cfg.ip[0].isdigit():
            interface.ip = cfg.ip
        if asa and not interface.nameif:
            interface.nameif = cfg.nameif
        if interface.security_level is None:
            interface.security_level = cfg.security_level
        if cfg.channel_group and not interface.channel:
            interface.channel = f"Port-channel{cfg.channel_group}"
        if cfg.name.lower() in failover_ifs or cfg.key in failover_ifs:
            interface.failover_link = True
        speed = cfg.speed.lower()
        if interface.speed_hardcoded is None:
            interface.speed_hardcoded = bool(speed) and not speed.endswith("auto")
        if interface.duplex_hardcoded is None:
            interface.duplex_hardcoded = (cfg.duplex.lower() in ("full", "half")
                                          or speed.endswith(("full", "baset", "basetx")))
        if not asa and cfg.access_vlan and not interface.vlan:
            interface.vlan = cfg.access_vlan
        if cfg.switchport_mode == "trunk":  # a trunk that is down prints its native VLAN
            interface.vlan = "trunk"


def failover_view(device_facts: DeviceFacts, interfaces: dict[str, Interface]) -> None:
    """What `show failover` already judges: its LAN and state links, and monitored interfaces
    it reports failed or without link. Those are the failover checks' findings (one cable,
    one finding), so the state checks here leave them alone. Read defensively: the failover
    fact belongs to another area."""
    from netriage.facts import BUILDERS

    if "failover" not in BUILDERS or device_facts.device.find("show failover") is None:
        return
    failover, _ = device_facts.resolve("failover")
    if isinstance(failover, Unknown) or failover is None:
        return
    by_nameif = {i.nameif: i for i in interfaces.values() if i.nameif}
    for attribute in ("lan_interface", "state_link_interface"):
        name = getattr(failover, attribute, None)
        link = interfaces.get(iface_key(name)) if isinstance(name, str) else None
        if link is not None:
            link.failover_link = True
    this = getattr(failover, "this", None)
    listed = getattr(this, "interfaces", None) or []
    for reported in listed:
        status = str(getattr(reported, "status", "")).lower()
        nameif = getattr(reported, "nameif", "") or getattr(reported, "name", "")
        interface = by_nameif.get(nameif)
        monitor = str(getattr(reported, "monitor", "")).lower()
        if interface is not None and monitor:  # older releases print no monitor word
            interface.failover_monitored = monitor in ("monitored", "waiting", "failed")
        if interface is not None and status in ("failed", "no link", "link down"):
            interface.elsewhere = (f"show failover reports it {reported.status}: the failover "
                                   "checks judge it")


def purpose(interfaces: list[Interface], failover_captured: bool) -> None:
    by_name = {i.name: i for i in interfaces}
    for interface in interfaces:
        if interface.subinterface and interface.nameif and interface.parent in by_name:
            by_name[interface.parent].has_named_children = True
    for interface in interfaces:
        if interface.internal:
            continue
        reasons = []
        spare_pix_name = bool(PIX_UNUSED_NAME.match(interface.nameif)) and not interface.ip
        if interface.nameif and not spare_pix_name:
            reasons.append(f"named {interface.nameif}")
        if interface.ip:
            reasons.append(f"has address {interface.ip}")
        if interface.crypto_map:
            reasons.append(f"carries crypto map {interface.crypto_map}")
        if interface.failover_link:
            reasons.append("is the failover link")
            if failover_captured:
                interface.elsewhere = "the failover link: the failover checks judge it"
        if interface.vlan == "trunk":
            reasons.append("is a trunk")
        if interface.has_named_children:
            reasons.append("carries named subinterfaces")
        interface.matters = bool(reasons)
        interface.why = ", ".join(reasons)
        interface.in_use = ", ".join(_use_evidence(interface))
        interface.maybe_used = not interface.matters and bool(
            interface.description or interface.vlan not in ("", "1", "routed", "unassigned"))
    channels = {i.name.lower(): i for i in interfaces if i.name.lower().startswith(
        "port-channel")}
    for interface in interfaces:
        channel = channels.get(interface.channel.lower()) if interface.channel else None
        if channel is not None and channel.matters and not interface.matters:
            interface.matters = True
            interface.why = f"is a member of {channel.name}, which {channel.why}"
            if channel.in_use:
                interface.in_use = interface.in_use or f"its bundle {channel.name} is in use"


def _use_evidence(interface: Interface) -> list[str]:
    """What shows the port is used, beyond its own address or name: link, traffic, a
    description, or other configuration that depends on it. A shut port that only has an
    address may be a decommissioned one, so the address is not in this list."""
    evidence = []
    if interface.up or interface.protocol == "up":
        evidence.append("has link")
    packets = (interface.input_packets or 0) + (interface.output_packets or 0)
    if packets:
        evidence.append(f"counted {packets} packets since its counters were last cleared")
    if (interface.log_downs or 0) > 0:
        evidence.append("went down in the log (it was up before)")
    if interface.description:
        evidence.append(f"description '{interface.description}'")
    if interface.far_device:
        evidence.append(f"CDP neighbour {interface.far_device} on it")
    if interface.crypto_map:
        evidence.append(f"crypto map {interface.crypto_map} is applied to it")
    if interface.failover_link:
        evidence.append("it is the failover link")
    if interface.has_named_children:
        evidence.append("named subinterfaces ride on it")
    return evidence
