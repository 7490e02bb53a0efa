"""`show failover` parsed records → `FailoverFacts` (this unit's, and the mate's own output).

The ASA/FTD and the PIX 6.x templates give records with the same keys where both print the same
thing; PIX-only keys (cable status, LAN-based failover block) are read with `.get`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netriage.engine.expr import Unknown
from netriage.facts.failover.common import mate_result
from netriage.facts.failover.model import (
    FailoverFacts,
    FailoverInterface,
    FailoverModule,
    FailoverSlot,
    FailoverUnit,
    GroupState,
    StatefulCounter,
)
from netriage.parsing import PARTIAL, ParseResult

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts


def _none_if_empty(value: str) -> str | None:
    return value or None


def _at(values: list, index: int) -> str:
    return values[index] if index < len(values) else ""


def _interfaces(record: dict, suffix: str, role: str) -> list[FailoverInterface]:
    names = record.get(f"interfaces{suffix}", [])
    contexts = record.get(f"interfaces_context{suffix}", [])
    out = []
    for index, name in enumerate(names):
        context = _at(contexts, index)
        out.append(FailoverInterface(
            name=f"{context}/{name}" if context else name,
            ip=_at(record.get(f"interfaces_ip{suffix}", []), index),
            status=_at(record.get(f"interfaces_status{suffix}", []), index).strip(),
            monitor=_at(record.get(f"interfaces_monitor{suffix}", []), index),
            nameif=name, context=context, role=role,
        ))
    return out


def _slots(record: dict, suffix: str) -> list[FailoverSlot]:
    return [FailoverSlot(slot, model, _at(record.get(f"slots_status{suffix}", []), index))
            for index, (slot, model) in enumerate(zip(
                record.get(f"slots{suffix}", []), record.get(f"slots_model{suffix}", []),
                strict=False))]


def _modules(record: dict, suffix: str) -> list[FailoverModule]:
    return [FailoverModule(name, _at(record.get(f"modules_status{suffix}", []), index))
            for index, name in enumerate(record.get(f"modules{suffix}", []))]


def _active_time(record: dict, suffix: str) -> int | None:
    times = record.get(f"active_times{suffix}") or [
        record.get("this_active_time" if not suffix else "other_active_time", "")]
    return _int(times[0]) if times else None


def _unit(role: str, state: str, record: dict, suffix: str) -> FailoverUnit | None:
    if not role:
        return None
    group_states = record.get(f"group_states{suffix}", [])
    if not state and group_states:  # Active/Active prints a state per failover group
        state = ", ".join(f"Group {i + 1} {s}" for i, s in enumerate(group_states))
    return FailoverUnit(
        role=role, state=state, interfaces=_interfaces(record, suffix, role),
        slots=_slots(record, suffix),
        groups=[GroupState(i + 1, s) for i, s in enumerate(group_states)],
        active_time=_active_time(record, suffix), modules=_modules(record, suffix),
        reason=record.get("this_reason" if not suffix else "other_reason", ""))


def _int(value: str) -> int | None:
    return int(value) if value and value.isdigit() else None


def _pix_lan_state(record: dict) -> str | None:
    """PIX 6.x prints `interface fo (ip): Normal, peer (ip): Normal` instead of `(up)`."""
    status = record.get("lan_status", "")
    if not status:
        return None
    return "up" if status.lower() == "normal" else "down"


def failover_facts(result: ParseResult) -> FailoverFacts | None:
    """Facts from a parsed (or partial) `show failover`; None when nothing was read.

    From a partial output, a value whose line was not read stays None (Unknown to the
    trees) instead of a definite False or "" drawn from an empty field."""
    if not result.records:
        return None
    r = result.records[0]
    partial = result.status == PARTIAL

    def read(*keys: str) -> bool:  # was any of these fields read (or is the output whole)?
        return not partial or any(r.get(k) for k in keys)
    counters = [
        StatefulCounter(name, int(x), int(xe), int(rc), int(re_))
        for name, x, xe, rc, re_ in zip(r["stats_object"], r["stats_xmit"], r["stats_xerr"],
                                        r["stats_rcv"], r["stats_rerr"], strict=False)
    ]
    pix6 = "cable_status" in r
    state_link_configured = None
    if r["state_link_unconfigured"]:
        state_link_configured = False
    elif r["state_link_name"] or r.get("state_link_status", "").lower() == "configured":
        state_link_configured = True
    return FailoverFacts(
        enabled=r["state"] == "On" if read("state") else None,
        unit=_none_if_empty(r["unit"]),
        lan_configured=not r["lan_not_configured"] and bool(r["lan_name"])
        if read("lan_not_configured", "lan_name", "lan_failover") else None,
        lan_name=_none_if_empty(r["lan_name"]),
        lan_interface=_none_if_empty(r["lan_interface"]),
        lan_state=_none_if_empty(r["lan_state"]) or _pix_lan_state(r),
        version=_none_if_empty(r["version"]),
        version_mate=_none_if_empty(r["version_mate"]),
        serial=_none_if_empty(r["serial"]),
        serial_mate=_none_if_empty(r["serial_mate"]),
        this=_unit(r["this_role"], r["this_state"], r, ""),
        mate=_unit(r["other_role"], r["other_state"], r, "_mate"),
        state_link_name=_none_if_empty(r["state_link_name"]),
        state_link_interface=_none_if_empty(r["state_link_interface"]),
        state_link_state=_none_if_empty(r["state_link_state"]),
        state_link_configured=state_link_configured,
        counters=counters,
        xmit_queue_max=_int(r["xmit_q_max"]),
        unit_poll=_none_if_empty(r["unit_poll"]),
        unit_hold=_none_if_empty(r["unit_hold"]),
        pix6=pix6,
        cable_status=(r.get("cable_status", "") if read("cable_status") else None) if pix6
        else r.get("serial_cable_status", "") if read("serial_cable_status") else None,
        serial_based="serial-based" in r["lan_not_configured"].lower()
        if read("lan_not_configured", "lan_name") else None,
        lan_based=r.get("lan_failover", "").lower() == "active"
        if read("lan_failover", "cable_status") else None,
        lan_peer_status=r.get("lan_peer_status", ""),
        interface_poll=_none_if_empty(r.get("interface_poll", "")),
        interface_hold=_none_if_empty(r.get("interface_hold", "")),
        interface_policy=_none_if_empty(r.get("interface_policy", "")),
        monitored=_int(r.get("monitored", "")),
        last_failover=r.get("last_failover", ""),
        recv_queue_max=_int(r["recv_q_max"]),
        xmit_queue_cur=_int(r["xmit_q_cur"]),
        state_note=r.get("state_note", ""),
        last_failover_reason=r.get("last_failover_reason", ""),
        monitored_max=_int(r.get("monitored_max", "")),
    )


def _physical_names(facts: DeviceFacts) -> dict[str, str]:
    """nameif → physical interface from `show nameif` or `show interface`, when usable.

    Only fills fix placeholders, so an absent or unusable output just leaves them to fill."""
    for command, name_key in (("show nameif", "nameif"), ("show interface", "nameif")):
        result = facts.result(command)
        if result is not None and result.usable:
            return {r[name_key]: r["interface"] for r in result.records if r.get(name_key)}
    return {}


def _configured(facts: DeviceFacts) -> dict[str, tuple[str, str, str]]:
    """nameif → (physical interface, address, mask) from `show running-config`, when read."""
    try:
        config = facts.resolve("config")[0]
    except Unknown:
        return {}
    return {i.nameif: (i.name, i.ip, i.mask) for i in getattr(config, "interfaces", [])
            if i.nameif and i.ip not in ("dhcp", "negotiated", "pppoe")}


def _with_physical(fact: FailoverFacts, facts: DeviceFacts) -> FailoverFacts:
    """Fill what a fix re-types from the capture: the physical interface of each nameif, its
    configured address and mask. Without the configuration the address is the one a unit
    prints for it (the unit holding the active address), and the mask stays to be filled."""
    names = _physical_names(facts)
    configured = _configured(facts)
    printed: dict[str, str] = {}
    for unit in sorted(fact.units, key=lambda u: not u.active):  # the active unit's first
        for ifc in unit.interfaces:
            if ifc.configured_address:
                printed.setdefault(ifc.name, next(
                    p for p in ifc.ip.split("/") if p not in ("0.0.0.0", "")))  # noqa: S104
    for unit in fact.units:
        for ifc in unit.interfaces:
            physical, address, mask = configured.get(ifc.nameif, ("", "", ""))
            ifc.physical = names.get(ifc.nameif) or physical or None
            ifc.address = address or printed.get(ifc.name, "")
            ifc.mask = mask
    lan = fact.lan_name or ""
    fact.lan_physical = (names.get(lan) or configured.get(lan, ("",))[0]
                         or ("" if fact.pix6 else fact.lan_interface or ""))
    return fact


def build_failover(facts: DeviceFacts) -> FailoverFacts:
    """`show failover` of this unit, with physical interface names where captured."""
    from netriage.facts import usable_result  # the registry imports this module

    fact = failover_facts(usable_result(facts, "show failover"))
    if fact is None:
        raise Unknown("`show failover` gave no usable record", ("show failover",))
    return _with_physical(fact, facts)


def build_mate_failover(facts: DeviceFacts) -> FailoverFacts | None:
    """The mate's own `show failover`, run here as `failover exec mate show failover`."""
    result = mate_result(facts, "show failover")
    if result is None:
        raise Unknown("`failover exec mate show failover` was not captured",
                      ("failover exec mate show failover",))
    return failover_facts(result)
