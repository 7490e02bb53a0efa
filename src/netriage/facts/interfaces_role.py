"""What each interface is for: what the configuration and `show failover` add to it, and
whether it matters (named, addressed, crypto-bearing, a trunk, the failover link, ...)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netriage.engine.expr import Unknown
from netriage.facts.config import iface_key
from netriage.facts.interfaces_model import PIX_UNUSED_NAME, Interface

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts
    from netriage.facts.config_facts import ConfigFacts


def apply_config(interfaces: dict[str, Interface], config: ConfigFacts | None,
                 asa: bool) -> None:
    if config is None:
        return
    failover_ifs = set()
    for text in config.failover_lines:
        words = text.split()
        if len(words) >= 4 and words[1] in ("lan", "link"):
            failover_ifs.add(words[-1].lower())
    for cfg in config.interfaces:
        interface = interfaces.get(cfg.key)
        if interface is None:
            continue
        interface.cfg_speed, interface.cfg_duplex = cfg.speed, cfg.duplex
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
    for reported in getattr(this, "interfaces", None) or []:
        status = str(getattr(reported, "status", "")).lower()
        nameif = getattr(reported, "nameif", "") or getattr(reported, "name", "")
        interface = by_nameif.get(nameif)
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
        interface.maybe_used = not interface.matters and bool(
            interface.description or interface.vlan not in ("", "1", "routed", "unassigned"))
    channels = {i.name.lower(): i for i in interfaces if i.name.lower().startswith(
        "port-channel")}
    for interface in interfaces:
        channel = channels.get(interface.channel.lower()) if interface.channel else None
        if channel is not None and channel.matters and not interface.matters:
            interface.matters = True
            interface.why = f"is a member of {channel.name}, which {channel.why}"
