"""The `interfaces` fact: what the interface trees (checks/interfaces*.yaml) read.

Built from every interface output captured (IOS `show interfaces`, `show interfaces status`,
`show interfaces status err-disabled`, `show ip interface brief`, `show interfaces counters
errors`, `show errdisable recovery`; ASA `show interface`, `show nameif`, `show interface ip
brief`; `show logging` on both) and, when it was captured, the running-config (hard-coded
speed and duplex, crypto maps, the failover link).

Which interfaces matter: a named one (nameif), one with an address, a crypto-bearing one, a
trunk, the failover link, the parent of named subinterfaces. An unused shut port is no
problem, and a port that only has a description is a question for the engineer. Each list
below is what one finding reports, or an `Unknown` naming the output that would tell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from netriage.engine.expr import Unknown
from netriage.facts.config import iface_key
from netriage.facts.config_facts import ConfigFacts
from netriage.facts.interfaces_asa import asa_sources
from netriage.facts.interfaces_ios import Merger, ios_sources, read
from netriage.facts.interfaces_logs import read_log
from netriage.facts.interfaces_model import (
    DROP_MIN_COUNT,
    DROP_MIN_SHARE,
    FLAP_CARRIER,
    FLAP_DOWNS,
    RESET_COUNT,
    Interface,
    significant,
)
from netriage.platforms import get_platform

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts

INTERFACE_COMMANDS = {
    "cisco_ios": ("show interfaces", "show interfaces status",
                  "show interfaces status err-disabled", "show ip interface brief",
                  "show interfaces counters errors", "show errdisable recovery",
                  "show logging"),
    "cisco_asa": ("show interface", "show nameif", "show interface ip brief", "show logging"),
}
_PIX_UNUSED_NAME = re.compile(r"^intf\d+$")  # PIX 6.x names every spare interface intfN
_ERR_SPECIFIC = {"bpduguard": "bpduguard", "psecure-violation": "psecure",
                 "gbic-invalid": "sfp"}


@dataclass(frozen=True)
class SameSecurity:
    """Named interfaces sharing one security level with no same-security permit."""

    level: int
    names: str  # "dmz, guest"
    first: str  # nameif of the first, for fixes
    second: str


@dataclass
class InterfaceFacts:
    platform: str  # catalog tag: asa, ftd, pix, ios
    interfaces: list[Interface] = field(default_factory=list)
    errdisable_interval: int | None = None
    transparent: bool | None = None  # ASA firewall mode, when the config tells
    # what the trees judge: lists of Interface (or SameSecurity), or an Unknown
    admin_down: Any = None
    maybe_unused_shut: Any = None  # described ports, shut: only people know if in use
    maybe_unused_down: Any = None  # described ports, not connected
    down_down: Any = None
    speed_suspects: Any = None  # down/down with a hard-coded speed
    up_down: Any = None
    err_disabled: Any = None
    err_bpduguard: Any = None
    err_psecure: Any = None
    err_sfp: Any = None
    vlan_inactive: Any = None
    channel_suspended: Any = None
    duplex_mismatch: Any = None
    duplex_suspects: Any = None  # hard-coded full duplex with CRC/runts: ask about the far end
    half_duplex: Any = None
    crc_errors: Any = None
    runts: Any = None
    giants: Any = None
    overruns: Any = None
    output_drops: Any = None
    output_errors: Any = None
    flapping: Any = None
    resets: Any = None
    asa_no_nameif: Any = None
    asa_no_ip: Any = None
    asa_subif_no_vlan: Any = None
    asa_same_security: Any = None


def _first_unknown(states: dict[str, Unknown | None], *labels: str) -> Unknown | None:
    """None when any of the outputs was usable, else the Unknown of the first one."""
    unknowns = [states.get(label, Unknown(f"{label} not read")) for label in labels]
    if any(u is None for u in unknowns):
        return None
    return next(u for u in unknowns if u is not None)


def _judged(items: list, unknown: Unknown | None) -> Any:
    """The items found, or, with none found, the Unknown of the outputs that could not tell."""
    return items if items or unknown is None else unknown


# -- what each interface is for -------------------------------------------------------------
def _apply_config(interfaces: dict[str, Interface], config: ConfigFacts | None,
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


def _purpose(interfaces: list[Interface], failover_captured: bool) -> None:
    by_name = {i.name: i for i in interfaces}
    for interface in interfaces:
        if interface.subinterface and interface.nameif and interface.parent in by_name:
            by_name[interface.parent].has_named_children = True
    for interface in interfaces:
        if interface.internal:
            continue
        reasons = []
        spare_pix_name = bool(_PIX_UNUSED_NAME.match(interface.nameif)) and not interface.ip
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


# -- the judgements -------------------------------------------------------------------------
def _state_lists(facts: InterfaceFacts, interfaces: list[Interface],
                 state: Unknown | None) -> None:
    # a named ASA subinterface without its VLAN is down because of that: one finding
    checked = [i for i in interfaces if not i.internal and not i.elsewhere
               and not (i.subinterface and i.nameif and not i.vlan)]
    admin = [i for i in checked if i.admin_down and i.matters]
    down = [i for i in checked if i.matters and not i.admin_down and not i.err_disabled
            and (i.switch_status == "notconnect"
                 or (i.status == "down" and i.protocol == "down"))]
    facts.admin_down = _judged(admin, state)
    maybe = [i for i in checked if i.maybe_used and not i.err_disabled]
    facts.maybe_unused_shut = _judged([i for i in maybe if i.admin_down], state)
    facts.maybe_unused_down = _judged(
        [i for i in maybe if not i.admin_down and (i.switch_status == "notconnect" or (
            i.status == "down" and i.protocol == "down"))], state)
    # PIX 6.x ports are routinely hard-coded (`100full`) and the catalog has no PIX
    # speed-mismatch: there a down link is just down
    fixed = [i for i in down if i.speed_hardcoded and facts.platform != "pix"]
    facts.speed_suspects = _judged(fixed, state)
    facts.down_down = _judged([i for i in down if i not in fixed], state)
    facts.up_down = _judged(
        [i for i in checked if i.matters and i.status == "up" and i.protocol == "down"
         and not i.monitoring], state)
    facts.vlan_inactive = _judged([i for i in checked if i.switch_status == "inactive"], state)
    facts.channel_suspended = _judged(
        [i for i in checked if i.switch_status == "suspended" or i.cannot_bundle], state)


def _err_lists(facts: InterfaceFacts, interfaces: list[Interface],
               known: Unknown | None) -> None:
    disabled = [i for i in interfaces if i.err_disabled]
    groups: dict[str, list[Interface]] = {"bpduguard": [], "psecure": [], "sfp": [],
                                          "other": []}
    for interface in disabled:
        group = _ERR_SPECIFIC.get(interface.err_reason, "other")
        if interface.unsupported_sfp and not interface.err_reason:
            group = "sfp"
        groups[group].append(interface)
    facts.err_disabled = _judged(groups["other"], known)
    facts.err_bpduguard = _judged(groups["bpduguard"], known)
    facts.err_psecure = _judged(groups["psecure"], known)
    facts.err_sfp = _judged(groups["sfp"], known)


def _counter_lists(facts: InterfaceFacts, interfaces: list[Interface],
                   counters: Unknown | None, logs: Unknown | None) -> None:
    live = [i for i in interfaces if not i.internal and i.counters_source]
    # CDP's report needs no counters: the log alone proves the mismatch
    certain = [i for i in interfaces if not i.internal and (i.cdp_mismatch or (
        i.counters_source and i.duplex == "half" and (i.late_collisions or 0) > 0))]
    certain_keys = {i.key for i in certain}
    suspects = [i for i in live if i.key not in certain_keys and i.duplex == "full"
                and i.duplex_hardcoded
                and (significant(i.crc, i.input_packets) or significant(i.runts,
                                                                        i.input_packets))]
    explained = certain_keys | {i.key for i in suspects}
    facts.duplex_mismatch = _judged(certain, counters)
    facts.duplex_suspects = _judged(suspects, counters)
    facts.half_duplex = _judged(
        [i for i in live if i.duplex == "half" and i.key not in explained
         and facts.platform != "pix"], counters)
    crc = [i for i in live if i.key not in explained
           and (significant(i.crc, i.input_packets)
                or (significant(i.input_errors, i.input_packets) and (i.crc or 0) > 0))]
    crc_keys = {i.key for i in crc}
    framing = [i for i in live if i.key not in explained and i.key not in crc_keys]
    facts.crc_errors = _judged(crc, counters)
    facts.giants = _judged([i for i in framing if significant(i.giants, i.input_packets)],
                           counters)
    facts.runts = _judged([i for i in framing if significant(i.runts, i.input_packets)
                           and not significant(i.giants, i.input_packets)], counters)
    facts.overruns = _judged(
        [i for i in live if any(significant(n, i.input_packets)
                                for n in (i.overrun, i.ignored, i.no_buffer))], counters)
    drops = [i for i in live if (i.queue_exhausted and i.up)
             or significant(i.output_drops, i.output_packets, minimum=DROP_MIN_COUNT,
                            share=DROP_MIN_SHARE)]
    blind = [i for i in live if i.up and i.output_drops is None and not i.queue_known]
    if not drops and blind:
        facts.output_drops = Unknown(
            f"`show interface` gives no output-drop figure for {blind[0].name} on this "
            "platform", ("show asp drop", "show interface detail"))
    else:
        facts.output_drops = _judged(drops, counters)
    facts.output_errors = _judged(
        [i for i in live if i.key not in explained
         and (significant(i.output_errors, i.output_packets)
              or significant(i.underruns, i.output_packets))], counters)
    flapping = [i for i in interfaces if not i.internal and not i.elsewhere
                and i.err_reason != "link-flap"
                and ((i.log_downs or 0) >= FLAP_DOWNS
                     or (i.carrier_transitions or 0) >= FLAP_CARRIER)]
    facts.flapping = _judged(flapping, logs)
    flapping_keys = {i.key for i in flapping}
    # a port that is down resets again and again by itself: its state is the finding
    facts.resets = _judged(
        [i for i in live if (i.resets or 0) >= RESET_COUNT and i.key not in flapping_keys
         and i.key not in explained and i.status == "up" and i.protocol == "up"
         and facts.platform in ("asa", "ios")], counters)


def _asa_lists(facts: InterfaceFacts, interfaces: list[Interface], config: ConfigFacts | None,
               *, names: Unknown | None, levels: Unknown | None,
               addresses: Unknown | None) -> None:
    """`names`, `levels`, `addresses`: why the names, the security levels or the addresses
    cannot be told (None when an output that shows them was read)."""
    state = names
    visible = [i for i in interfaces if not i.internal and not i.failover_link]
    switchports = {i.key for i in interfaces if "88e6095" in i.hardware.lower()}
    facts.asa_no_nameif = _judged(
        [i for i in visible if not i.nameif and i.nameif_known
         and i.status == "up" and i.protocol == "up"
         and not i.subinterface and not i.has_named_children and not i.channel
         and i.key not in switchports and not i.name.lower().startswith("tunnel")], state)
    facts.asa_subif_no_vlan = _judged(
        [i for i in visible if i.subinterface and i.nameif and not i.vlan], state)
    # a subinterface without a VLAN is reported as such: its missing address comes second
    # management interfaces (FTD's `diagnostic` above all) often run without an address
    unnamed_ip = [i for i in visible
                  if i.nameif and i.ip_known and not i.ip and (not i.subinterface or i.vlan)
                  and not i.name.lower().startswith("management")
                  and not _PIX_UNUSED_NAME.match(i.nameif)]
    routed_proof = any(i.ip for i in visible if i.nameif and not i.name.lower().startswith(
        "management"))
    if facts.transparent is True:
        facts.asa_no_ip = _judged([], state)
    elif unnamed_ip and facts.transparent is None and not routed_proof:
        facts.asa_no_ip = Unknown(
            "no named interface has an address: the firewall may be in transparent mode",
            ("show firewall", "show running-config"))
    else:
        facts.asa_no_ip = _judged(unnamed_ip, addresses)
    named = [i for i in visible if i.nameif and i.security_level is not None]
    by_level: dict[int, list[Interface]] = {}
    for interface in named:
        if interface.name.lower().startswith("management"):
            continue  # management-only traffic never crosses the box
        by_level.setdefault(interface.security_level or 0, []).append(interface)
    shared = [SameSecurity(level, ", ".join(i.nameif for i in group), group[0].nameif,
                           group[1].nameif)
              for level, group in sorted(by_level.items()) if len(group) > 1]
    if not shared:
        facts.asa_same_security = _judged([], levels)
    elif config is None or config.same_security_permitted is None:
        facts.asa_same_security = Unknown(
            "interfaces share a security level; only the configuration tells whether "
            "`same-security-traffic permit inter-interface` allows traffic between them",
            ("show running-config same-security-traffic", "show running-config"))
    else:
        facts.asa_same_security = [] if config.same_security_permitted else shared


def _logs(facts: DeviceFacts, interfaces: dict[str, Interface],
          states: dict[str, Unknown | None]) -> None:
    records = read(facts, "show logging", states, "logs")
    if states["logs"] is not None:
        return
    nameifs = {i.nameif: i.key for i in interfaces.values() if i.nameif}
    for key, log in read_log(records, nameifs).items():
        interface = interfaces.get(key)
        if interface is None:
            continue
        interface.log_downs = log.downs
        interface.log_name = log.name
        interface.cdp_mismatch = log.cdp_mismatch
        interface.unsupported_sfp = log.unsupported_sfp
        interface.cannot_bundle = log.cannot_bundle
        if log.err_reasons and not interface.err_reason:
            interface.err_reason = log.err_reasons[-1]
        if log.cannot_bundle and not interface.channel:
            interface.channel = log.cannot_bundle.split()[0]
    for interface in interfaces.values():
        if interface.log_downs is None:
            interface.log_downs = 0


def _failover_view(device_facts: DeviceFacts, interfaces: dict[str, Interface]) -> None:
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


def interface_facts(device_facts: DeviceFacts) -> InterfaceFacts:
    """The `interfaces` fact of one device."""
    family = device_facts.family
    if family not in INTERFACE_COMMANDS:
        raise Unknown("the platform is not known", ("show version",))
    platform = get_platform(device_facts.device.platform).tag
    asa = family == "cisco_asa"
    merge = Merger()
    states: dict[str, Unknown | None] = {}
    interval = None
    if asa:
        asa_sources(device_facts, merge, states)
        state = _first_unknown(states, "state", "brief")
        counters = states["counters"]
    else:
        _causes, interval = ios_sources(device_facts, merge, states)
        state = _first_unknown(states, "state", "switch", "brief")
        counters = _first_unknown(states, "state", "counters_errors")
    if state is not None and not merge.by_key:
        raise state
    config_value, _ = device_facts.resolve("config")
    config = config_value if isinstance(config_value, ConfigFacts) else None
    _apply_config(merge.by_key, config, asa)
    _logs(device_facts, merge.by_key, states)
    if asa:
        _failover_view(device_facts, merge.by_key)
    interfaces = list(merge.by_key.values())
    _purpose(interfaces, device_facts.device.find("show failover") is not None)
    facts = InterfaceFacts(platform, interfaces, interval)
    if config is not None and asa:
        facts.transparent = config.transparent
    _state_lists(facts, interfaces, state)
    errors_known = state if asa else _first_unknown(states, "state", "switch")
    _err_lists(facts, interfaces, errors_known)
    _counter_lists(facts, interfaces, counters, states.get("logs"))
    if asa:
        _asa_lists(facts, interfaces, config, names=_first_unknown(states, "state", "nameif"),
                   # security levels: show nameif or the configuration, nothing else
                   levels=None if config is not None else states.get("nameif"),
                   addresses=state)
    else:
        for name in ("asa_no_nameif", "asa_no_ip", "asa_subif_no_vlan", "asa_same_security"):
            setattr(facts, name, [])
    return facts

