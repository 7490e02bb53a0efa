"""Failover facts from `show failover` (ASA, PIX 7+, FTD)."""

from __future__ import annotations

from dataclasses import dataclass, field

from netriage.parsing import ParseResult


@dataclass
class FailoverInterface:
    name: str  # nameif, with the context as `ctx/name` in multiple-context mode
    ip: str
    status: str  # Normal, Failed, No Link, Unknown, Testing ...
    monitor: str  # Monitored, Waiting, Not-Monitored, or "" when not printed

    @property
    def ip_missing(self) -> bool:
        return self.ip.split("/")[0] == "0.0.0.0"  # noqa: S104 - an address, not a bind


@dataclass
class FailoverUnit:
    role: str  # Primary / Secondary
    state: str  # Active, Standby Ready, Failed, Cold Standby, Not Detected ...
    interfaces: list[FailoverInterface] = field(default_factory=list)
    slots: list[str] = field(default_factory=list)

    @property
    def detected(self) -> bool:
        return "not detected" not in self.state.lower()


@dataclass
class StatefulCounter:
    name: str
    xmit: int
    xerr: int
    rcv: int
    rerr: int


@dataclass
class FailoverFacts:
    enabled: bool
    unit: str | None  # Primary / Secondary, None when not printed
    lan_configured: bool
    lan_name: str | None
    lan_interface: str | None
    lan_state: str | None  # up / down / "" when not configured
    version: str | None
    version_mate: str | None
    serial: str | None
    serial_mate: str | None
    this: FailoverUnit | None
    mate: FailoverUnit | None
    state_link_name: str | None
    state_link_interface: str | None
    state_link_state: str | None
    state_link_configured: bool | None
    counters: list[StatefulCounter] = field(default_factory=list)
    xmit_queue_max: int | None = None
    unit_poll: str | None = None
    unit_hold: str | None = None

    @property
    def lan_up(self) -> bool:
        return (self.lan_state or "").lower() == "up"

    @property
    def mate_detected(self) -> bool | None:
        if self.mate is None:
            return None
        return self.mate.detected and (self.version_mate or "").lower() != "unknown"

    @property
    def standby_ip_missing(self) -> list[FailoverInterface]:
        """Interfaces with an address on this unit and 0.0.0.0 on the mate."""
        if self.this is None or self.mate is None:
            return []
        ours = {i.name: i for i in self.this.interfaces}
        return [i for i in self.mate.interfaces
                if i.ip_missing and i.name in ours and not ours[i.name].ip_missing]


def _none_if_empty(value: str) -> str | None:
    return value or None


def _interfaces(record: dict, suffix: str) -> list[FailoverInterface]:
    names = record.get(f"interfaces{suffix}", [])
    contexts = record.get(f"interfaces_context{suffix}", [])
    ips = record.get(f"interfaces_ip{suffix}", [])
    statuses = record.get(f"interfaces_status{suffix}", [])
    monitors = record.get(f"interfaces_monitor{suffix}", [])
    out = []
    for index, name in enumerate(names):
        context = contexts[index] if index < len(contexts) else ""
        out.append(FailoverInterface(
            name=f"{context}/{name}" if context else name,
            ip=ips[index] if index < len(ips) else "",
            status=statuses[index] if index < len(statuses) else "",
            monitor=monitors[index] if index < len(monitors) else "",
        ))
    return out


def _unit(role: str, state: str, record: dict, suffix: str) -> FailoverUnit | None:
    if not role:
        return None
    group_states = record.get(f"group_states{suffix}", [])
    if not state and group_states:  # Active/Active prints a state per failover group
        state = ", ".join(f"Group {i + 1} {s}" for i, s in enumerate(group_states))
    return FailoverUnit(role=role, state=state, interfaces=_interfaces(record, suffix),
                        slots=list(record.get(f"slots_status{suffix}", [])))


def _int(value: str) -> int | None:
    return int(value) if value and value.isdigit() else None


def _pix_lan_state(record: dict) -> str | None:
    """PIX 6.x prints `interface fo (ip): Normal, peer (ip): Normal` instead of `(up)`."""
    status = record.get("lan_status", "")
    if not status:
        return None
    return "up" if status.lower() == "normal" else "down"


def failover_facts(result: ParseResult) -> FailoverFacts | None:
    """Facts from a parsed `show failover`; None when the output cannot be relied on."""
    if not result.usable or not result.records:
        return None
    r = result.records[0]
    counters = [
        StatefulCounter(name, int(x), int(xe), int(rc), int(re_))
        for name, x, xe, rc, re_ in zip(r["stats_object"], r["stats_xmit"], r["stats_xerr"],
                                        r["stats_rcv"], r["stats_rerr"], strict=False)
    ]
    state_link_configured = None
    if r["state_link_unconfigured"]:
        state_link_configured = False
    elif r["state_link_name"]:
        state_link_configured = True
    return FailoverFacts(
        enabled=r["state"] == "On",
        unit=_none_if_empty(r["unit"]),
        lan_configured=not r["lan_not_configured"] and bool(r["lan_name"]),
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
    )
