"""The overview as plain data: devices, failover at a glance, tunnels, interfaces with problems
and what could not be parsed. Built in the loading worker (it parses every output once), so
the screen only formats it.

Facts are read through `DeviceFacts.resolve`, and every fact may be missing from this build
(KeyError), unknown (not captured, unparsed) or of a shape this module reads by duck typing,
so new fact builders (`crypto`, `interfaces`) show up without a change here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from netriage.analysis import Analysis
from netriage.engine.expr import Unknown
from netriage.facts import BUILDERS, DeviceFacts
from netriage.platforms import PLATFORMS, family

OK, WARN, BAD, UNKNOWN = "ok", "warn", "bad", "unknown"


@dataclass
class FactState:
    name: str
    state: str  # ok | unknown | absent (no builder in this build)
    detail: str = ""


@dataclass
class DeviceSummary:
    hostname: str
    platform: str
    version: str
    failover: str
    failover_state: str  # ok | warn | bad | unknown
    facts: list[FactState] = field(default_factory=list)
    parsed: int = 0
    partial: int = 0
    unparsed: int = 0
    understood: list[str] = field(default_factory=list)  # commands read whole or in part


@dataclass
class TunnelRow:
    device: str
    peer: str
    phase1: str
    phase2: str
    encaps: str
    decaps: str
    state: str  # ok | bad | unknown


@dataclass
class Problem:
    device: str
    name: str
    detail: str
    state: str = BAD
    lines: list[tuple[int, str]] = field(default_factory=list)  # (file line, text) not read


@dataclass
class Overview:
    devices: list[DeviceSummary] = field(default_factory=list)
    tunnels: list[TunnelRow] = field(default_factory=list)
    tunnel_notes: list[str] = field(default_factory=list)  # why a device shows no tunnels
    interfaces: list[Problem] = field(default_factory=list)
    interface_notes: list[str] = field(default_factory=list)
    unparsed: list[Problem] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    crypto_captured: list[str] = field(default_factory=list)  # `host: `command` (status)`


def read_fact(facts: DeviceFacts, name: str) -> tuple[Any, str]:
    """(value, "") or (None, why not): never raises for a missing or unknown fact."""
    try:
        value, _commands = facts.resolve(name)
    except KeyError:
        return None, "not available in this version of netriage"
    except Unknown as unknown:
        return None, unknown.reason
    except Exception as error:  # one fact's bug must not hide the others
        return None, f"could not be read ({type(error).__name__}: {error}); please report it"
    if isinstance(value, Unknown):
        return None, value.reason
    return value, ""


def _get(obj: Any, *names: str, default: Any = "") -> Any:
    for name in names:
        value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
        if value not in (None, ""):
            return value
    return default


def _items(value: Any, *names: str) -> list[Any]:
    for name in names:
        items = _get(value, name, default=None)
        if isinstance(items, (list, tuple)):
            return list(items)
        if isinstance(items, dict):
            return list(items.values())
    return list(value) if isinstance(value, (list, tuple)) else []


def _failover(facts: DeviceFacts) -> tuple[str, str]:
    value, why = read_fact(facts, "failover")
    prompt_role = facts.device.failover_role
    if value is None:
        text = f"{prompt_role} (prompt); " if prompt_role else ""
        return text + why, UNKNOWN
    if not value.enabled:
        detail = f"Off, LAN {value.lan_name} configured" if value.lan_configured else "Off"
        return detail, BAD if value.lan_configured else WARN
    parts, state = [], OK
    if value.this is not None:
        parts.append(f"{value.this.role} {value.this.state}")
    if value.mate is not None:
        parts.append(f"mate {value.mate.role} {value.mate.state}")
        if value.mate_detected is False:
            state = BAD
    states = " ".join(u.state.lower() for u in (value.this, value.mate) if u is not None)
    if "fail" in states:
        state = BAD
    if value.lan_configured:
        parts.append(f"LAN {value.lan_name} {value.lan_state or '?'}")
        if not value.lan_up:
            state = BAD
    else:
        parts.append("no failover LAN")
        state = BAD
    return ", ".join(parts), state


def _peer_rows(hostname: str, ike: list[Any], ipsec: list[Any]) -> list[TunnelRow]:
    """One row per peer: IKE (phase 1) state, IPsec (phase 2) SAs and their counters."""
    rows = []
    for peer in dict.fromkeys([str(_get(sa, "peer", default="?")) for sa in ike + ipsec]):
        phase1 = [sa for sa in ike if str(_get(sa, "peer", default="?")) == peer]
        phase2 = [sa for sa in ipsec if str(_get(sa, "peer", default="?")) == peer]
        p1 = ", ".join(dict.fromkeys(str(_get(sa, "state", default="?")) for sa in phase1))
        up1 = any(_get(sa, "established", default=False) for sa in phase1)
        spis = [sa for sa in phase2 if str(_get(sa, "outbound_spi", default="0")).lower()
                not in ("", "0", "0x0", "0x00000000")]
        encaps = sum(int(_get(sa, "encaps", default=0) or 0) for sa in phase2)
        decaps = sum(int(_get(sa, "decaps", default=0) or 0) for sa in phase2)
        p2 = f"{len(spis)} SA(s)" if spis else ("no SA" if phase2 else "none")
        healthy = up1 and bool(spis) and not (encaps and not decaps)
        rows.append(TunnelRow(hostname, peer, p1 or "none", p2, str(encaps), str(decaps),
                              OK if healthy else BAD))
    return rows


# Outputs the tunnels panel is read from (with the configuration): named when none is read.
CRYPTO_OUTPUTS = ("show crypto", "show isakmp", "show vpn-sessiondb")


def _crypto_outputs(facts: DeviceFacts) -> list[str]:
    """`show crypto isakmp sa (unparsed)`: each crypto output captured, and how it read."""
    said = []
    for entry in facts.device.entries:
        if not entry.command.startswith(CRYPTO_OUTPUTS):
            continue
        result = None if entry.filtered else facts.result(entry.command)
        status = "filtered" if entry.filtered else result.status if result else "not read"
        said.append(f"`{entry.command}` ({status})")
    return list(dict.fromkeys(said))


def _tunnels(hostname: str, facts: DeviceFacts, overview: Overview) -> FactState:
    """Fill the tunnels panel for one device, and return the facts panel's crypto mark from
    the same reading, so the two never disagree: ✓ only when the SA tables were read."""
    value, why = read_fact(facts, "crypto")
    captured = _crypto_outputs(facts)
    overview.crypto_captured += [f"{hostname}: {c}" for c in captured]
    what = f"captured {', '.join(captured)}; " if captured else ""
    if value is None:
        overview.tunnel_notes.append(f"{hostname}: {what}no tunnel read: {why}")
        return FactState("crypto", UNKNOWN, why)
    if _get(value, "captured", default=True) is False:
        overview.tunnel_notes.append(f"{hostname}: no crypto output or configuration captured")
        return FactState("crypto", UNKNOWN, "no crypto output captured")
    ike, ipsec = _get(value, "ike_sas", default=None), _get(value, "ipsec_sas", default=None)
    unread = [f"{name} SAs: {table.reason}" for name, table in (("IKE", ike), ("IPsec", ipsec))
              if isinstance(table, Unknown)]
    rows = _peer_rows(hostname, ike if isinstance(ike, list) else [],
                      ipsec if isinstance(ipsec, list) else [])
    overview.tunnels += rows
    if unread and not rows:
        overview.tunnel_notes.append(f"{hostname}: {what}no tunnel read: {'; '.join(unread)}")
        return FactState("crypto", UNKNOWN, "; ".join(unread))
    overview.tunnel_notes += [f"{hostname}: {note}" for note in unread]
    if not rows:
        overview.tunnel_notes.append(f"{hostname}: no security association up or trying")
    return FactState("crypto", WARN if unread else OK, "; ".join(unread))


# What the interface trees judge a problem (InterfaceFacts lists), in the overview's words.
INTERFACE_PROBLEMS = (
    ("down_down", "down/down"), ("up_down", "up, line protocol down"),
    ("err_disabled", "err-disabled"), ("channel_suspended", "suspended from its channel"),
    ("duplex_mismatch", "duplex mismatch"), ("half_duplex", "half duplex"),
    ("crc_errors", "CRC errors"), ("runts", "runts"), ("giants", "giants"),
    ("overruns", "overruns"), ("output_drops", "output drops"),
    ("output_errors", "output errors"), ("flapping", "flapping"), ("resets", "resets"),
    ("asa_no_nameif", "no nameif"), ("asa_no_ip", "no IP address"),
)


def _interfaces(hostname: str, facts: DeviceFacts, overview: Overview) -> None:
    failover, _why = read_fact(facts, "failover")
    for unit in (getattr(failover, "this", None), getattr(failover, "mate", None)):
        for ifc in getattr(unit, "interfaces", None) or []:
            if ifc.status and ifc.status.lower() != "normal":
                overview.interfaces.append(Problem(
                    hostname, ifc.name, f"{ifc.status} on the {unit.role.lower()} unit "
                    "(show failover)"))
    value, why = read_fact(facts, "interfaces")
    if value is None:
        overview.interface_notes.append(f"{hostname}: interface outputs: {why}")
        return
    found: dict[str, list[str]] = {}
    for attribute, words in INTERFACE_PROBLEMS:
        judged = _get(value, attribute, default=None)
        if isinstance(judged, Unknown):
            continue
        for item in judged if isinstance(judged, list) else []:
            found.setdefault(str(_get(item, "name", default=item)), []).append(words)
    overview.interfaces += [Problem(hostname, name, ", ".join(dict.fromkeys(problems)))
                            for name, problems in found.items()]


def _areas(facts: DeviceFacts) -> list[FactState]:
    """One state per area of facts (`failover`, `crypto`, ...: the part of a builder's name
    before `_`): the area's own fact when there is one, else any of its facts."""
    areas: dict[str, list[str]] = {}
    for name in BUILDERS:
        areas.setdefault(name.split("_")[0], []).append(name)
    states = []
    for area, names in areas.items():
        main = [area] if area in names else names
        results = [read_fact(facts, name) for name in main]
        results = [(value, why) if value is None else (None, _nothing_read(value)) if (
            _nothing_read(value)) else (value, why) for value, why in results]
        built = [value for value, _why in results if value is not None]
        why = next((why for value, why in results if value is None), "")
        states.append(FactState(area, OK if built else UNKNOWN, "" if built else why))
    return states


def _nothing_read(value: Any) -> str:
    """Why a fact that was built still rests on nothing captured ("" when it does not): a
    fact built from no output is unknown, never a ✓."""
    if _get(value, "captured", default=True) is False:
        return "nothing was captured for it"
    if hasattr(value, "log_read") and not value.log_read and not _get(value, "lines",
                                                                       default=None):
        return "no log output was captured"
    return ""


def build_overview(analysis: Analysis) -> Overview:
    overview = Overview(skipped=list(analysis.capture.skipped))
    for item in analysis.devices:
        device, facts = item.device, item.facts
        platform = PLATFORMS[device.platform].label if device.platform in PLATFORMS else (
            "platform unknown")
        if device.platform and family(device.platform) == "cisco_ios":
            failover, state = "not applicable (IOS)", OK
        else:
            failover, state = _failover(facts)
        summary = DeviceSummary(device.hostname, platform, device.version or "?", failover, state)
        crypto = _tunnels(device.hostname, facts, overview)
        summary.facts = [crypto if area.name == "crypto" else area for area in _areas(facts)]
        for result in facts.all_results():
            if result.status == "parsed":
                summary.parsed += 1
                summary.understood.append(result.command)
                continue
            if result.status == "partial":
                summary.partial += 1
                summary.understood.append(result.command)
                detail = f"{len(result.not_understood)} line(s) not understood"
            else:
                summary.unparsed += 1
                detail = result.reason or "no record"
            entry = device.find(result.command)
            not_read = [(entry.source_line(n - 1) if entry is not None else n, text)
                        for n, text in result.not_understood]
            overview.unparsed.append(Problem(device.hostname, result.command,
                                             f"{result.status}: {detail}", WARN, not_read))
        overview.devices.append(summary)
        _interfaces(device.hostname, facts, overview)
    return overview
