"""The interface judgements: each `InterfaceFacts` list a tree reads (state, err-disable,
error counters, ASA naming and addressing), or the Unknown of the outputs that could not tell."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netriage.engine.expr import Unknown
from netriage.facts.interfaces.model import (
    DROP_MIN_COUNT,
    DROP_MIN_SHARE,
    FLAP_CARRIER,
    FLAP_DOWNS,
    PIX_UNUSED_NAME,
    RESET_COUNT,
    Interface,
    SameSecurity,
    significant,
)

if TYPE_CHECKING:
    from netriage.facts.config import ConfigFacts
    from netriage.facts.interfaces.model import InterfaceFacts

_ERR_SPECIFIC = {"bpduguard": "bpduguard", "psecure-violation": "psecure",
                 "gbic-invalid": "sfp"}


def _judged(items: list, unknown: Unknown | None) -> Any:
    """The items found, or, with none found, the Unknown of the outputs that could not tell."""
    return items if items or unknown is None else unknown


def state_lists(facts: InterfaceFacts, interfaces: list[Interface],
                state: Unknown | None) -> None:
    # a named ASA subinterface without its VLAN is down because of that: one finding
    checked = [i for i in interfaces if not i.internal and not i.elsewhere
               and not (i.subinterface and i.nameif and not i.vlan)]
    # an address or a nameif is configuration, not use: a shut port is "in use" only with
    # evidence (link, traffic, description, something depending on it); without, ask
    # (FTD: interfaces-ftd.yaml asks where the shutdown came from, and whether it is meant)
    ftd = facts.platform == "ftd"
    admin = [i for i in checked if i.admin_down and i.matters and (i.in_use or ftd)]
    configured_only = [i for i in checked if i.admin_down and i.matters and not i.in_use
                       and not ftd]
    down = [i for i in checked if i.matters and not i.admin_down and not i.err_disabled
            and (i.switch_status == "notconnect"
                 or (i.status == "down" and i.protocol == "down"))]
    facts.admin_down = _judged(admin, state)
    maybe = [i for i in checked if i.maybe_used and not i.err_disabled]
    facts.maybe_unused_shut = _judged([i for i in maybe if i.admin_down] + configured_only,
                                      state)
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


def err_lists(facts: InterfaceFacts, interfaces: list[Interface],
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


def counter_lists(facts: InterfaceFacts, interfaces: list[Interface],
                  counters: Unknown | None, logs: Unknown | None) -> None:
    live = [i for i in interfaces if not i.internal and i.counters_source]
    # CDP's report needs no counters: the log alone proves the mismatch
    # a port that is down prints a duplex nothing negotiated: only a link that is up now
    # runs half duplex (its lifetime late collisions are then the mismatch's signature)
    running = [i for i in live if i.up and i.protocol != "down"]
    certain = [i for i in interfaces if not i.internal and (i.cdp_mismatch or (
        i in running and i.duplex == "half" and (i.late_collisions or 0) > 0))]
    certain_keys = {i.key for i in certain}
    suspects = [i for i in live if i.key not in certain_keys and i.duplex == "full"
                and i.duplex_hardcoded
                and (significant(i.crc, i.input_packets) or significant(i.runts,
                                                                        i.input_packets))]
    explained = certain_keys | {i.key for i in suspects}
    facts.duplex_mismatch = _judged(certain, counters)
    facts.duplex_suspects = _judged(suspects, counters)
    facts.half_duplex = _judged(
        [i for i in running if i.duplex == "half" and i.key not in explained
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


def asa_lists(facts: InterfaceFacts, interfaces: list[Interface], config: ConfigFacts | None,
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
                  and not i.management
                  and not PIX_UNUSED_NAME.match(i.nameif)]
    routed_proof = any(i.ip for i in visible if i.nameif and not i.management)
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
        if interface.management:
            continue  # management-only traffic never crosses the box
        by_level.setdefault(interface.security_level or 0, []).append(interface)
    shared = [SameSecurity(level, ", ".join(i.nameif for i in group), group[0].nameif,
                           group[1].nameif, group[0].name)
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

