"""Which loaded devices are the two units of one failover pair.

Matched by what does not flip when the pair fails over: serial numbers (each unit's `show
failover` prints `Serial Number: Ours X, Mate Y`), then the failover link addresses of the
configuration (identical on both units, with opposite `failover lan unit`), then the pair's
data addresses as `show failover` lists them for both hosts. Active/Standby is never used: it
is exactly what a split brain makes both units claim.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from netriage.pairs.read import fact

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts
    from netriage.facts.failover import FailoverConfig, FailoverFacts

_UNKNOWN = ("", "unknown")


@dataclass
class Unit:
    """One loaded unit: its facts and what identifies it."""

    facts: DeviceFacts
    failover: FailoverFacts
    config: FailoverConfig | None

    @property
    def name(self) -> str:
        return self.facts.device.hostname

    @property
    def role(self) -> str:
        """Primary / Secondary (the configured unit, not the state), "" when not printed."""
        role = self.failover.unit or (self.failover.this.role if self.failover.this else "")
        return (role or (self.config.lan_unit if self.config else "")).capitalize()

    @property
    def serial(self) -> str:
        serial = self.failover.serial or ""
        return "" if serial.lower() in _UNKNOWN else serial

    @property
    def serial_mate(self) -> str:
        serial = self.failover.serial_mate or ""
        return "" if serial.lower() in _UNKNOWN else serial


def failover_units(all_facts: list[DeviceFacts]) -> list[Unit]:
    units = []
    for facts in all_facts:
        failover = fact(facts, "failover")
        if failover is None or failover.enabled is False or failover.this is None:
            continue
        units.append(Unit(facts, failover, fact(facts, "failover_config")))
    return units


@dataclass(frozen=True)
class UnitKey:
    """What matching reads of a unit, and nothing else: a few strings, where the unit's facts
    pickle to ~50 KB (a batch worker sends this to be matched, not the facts)."""

    name: str
    role: str
    serial: str
    serial_mate: str
    # (failover link name, address, standby address) as configured; None when there is no
    # configuration, no address for the link or an unusable one (missing, zero, standby = active)
    link: tuple[str, str, str] | None
    pair_addresses: frozenset[str]
    # what tells which unit of a pair is an IPsec end (ipsec_match.owners_of): the addresses
    # `show failover` lists under This host (the unit holding them now: the active ones, per
    # group in Active/Active), this unit's state, and whether it runs failover groups
    holds: frozenset[str] = frozenset()
    state: str = ""
    groups: bool = False


def unit_key(unit: Unit) -> UnitKey:
    config = unit.config
    address = config.lan_address if config is not None else None
    link = None if config is None or address is None or address.broken else (
        config.lan_name, address.ip, address.standby)
    this = unit.failover.this
    return UnitKey(unit.name, unit.role, unit.serial, unit.serial_mate, link,
                   frozenset(unit.failover.pair_addresses),
                   frozenset(i.ip for i in this.interfaces if i.ip) if this else frozenset(),
                   this.state if this else "", bool(this and this.groups))


@dataclass(frozen=True)
class Shared:
    """An identifier more than two loaded units claim: a pair has two units, so it tells none
    (documentation addresses, a training lab's failover link, a placeholder serial)."""

    what: str  # in words: "serial number X", "failover link folink 10.0.0.1 standby 10.0.0.2"
    indexes: tuple[int, ...]  # the units claiming it, as loaded


def _claims(keys: list[UnitKey]) -> dict[tuple[str, object], list[int]]:
    claims: dict[tuple[str, object], list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        for serial in {key.serial, key.serial_mate} - {""}:
            claims["serial", serial].append(i)  # a pair's serial: one unit's own, its mate's
        if key.link is not None:
            claims["link", key.link].append(i)
        if len(key.pair_addresses) >= 2:
            claims["addresses", key.pair_addresses].append(i)
    return claims


def shared_ids(keys: list[UnitKey]) -> list[Shared]:
    """Every identifier more than two units claim, in words, with its claimants."""
    out = []
    for (kind, value), indexes in _claims(keys).items():
        if len(indexes) <= 2:
            continue
        if kind == "serial":
            what = f"serial number {value}"
        elif kind == "link":
            name, ip, standby = value  # type: ignore[misc]
            what = f"failover link {name} {ip} standby {standby}"
        else:
            shown = sorted(value)  # type: ignore[call-overload]
            what = "pair addresses " + ", ".join(shown[:4]) + (" ..." if len(shown) > 4 else "")
        out.append(Shared(what, tuple(indexes)))
    return out


def _usable(keys: list[UnitKey]) -> list[UnitKey]:
    """The keys with every identifier more than two units claim blanked: it pairs nobody."""
    void = {(kind, value) for (kind, value), idx in _claims(keys).items() if len(idx) > 2}
    out = []
    for key in keys:
        out.append(replace(
            key, serial="" if ("serial", key.serial) in void else key.serial,
            serial_mate="" if ("serial", key.serial_mate) in void else key.serial_mate,
            link=None if ("link", key.link) in void else key.link,
            pair_addresses=frozenset() if ("addresses", key.pair_addresses) in void
            else key.pair_addresses))
    return out


def holder(x: UnitKey, y: UnitKey, address: str) -> tuple[str, str]:
    """(which of two matched units holds `address` now, or "" and why that cannot be told).

    `show failover` lists under This host the addresses the unit uses now: the active ones on
    the active unit (per failover group in Active/Active), the standby ones on the other."""
    held = [u for u in (x, y) if address in u.holds]
    if len(held) == 1:
        return held[0].name, ""
    if held:
        return "", "both units' `show failover` list it as their own (a split brain)"
    if x.groups or y.groups:
        return "", ("neither unit's `show failover` lists it, so which failover group (and "
                    "unit) holds it is not shown")
    active = [u for u in (x, y) if u.state.lower().startswith("active")]
    if len(active) == 1:
        return active[0].name, ""
    return "", ("both units report Active (a split brain)" if active else
                "neither unit reports Active")


def _contradicts(a: UnitKey, b: UnitKey) -> bool:
    """One names a mate serial the other does not have: two units of different pairs."""
    return bool((a.serial_mate and b.serial and a.serial_mate != b.serial) or (
        b.serial_mate and a.serial and b.serial_mate != a.serial))


def _serials(a: UnitKey, b: UnitKey) -> str:
    """Each names the other as its mate (one side may print `Mate Unknown`, never a third)."""
    ab = a.serial_mate and b.serial and a.serial_mate == b.serial
    ba = b.serial_mate and a.serial and b.serial_mate == a.serial
    if (ab or ba) and not _contradicts(a, b):
        both = " and ".join(s for s in (
            f"{a.name} names {b.serial} as its mate" if ab else "",
            f"{b.name} names {a.serial} as its mate" if ba else "") if s)
        return f"serial numbers: {both}"
    return ""


def _link(a: UnitKey, b: UnitKey) -> str:
    if a.link is None or b.link is None or _contradicts(a, b) or a.link != b.link:
        return ""
    name, ip, standby = a.link
    return f"failover link {name} {ip} standby {standby} configured on both units"


def _addresses(a: UnitKey, b: UnitKey) -> str:
    ours, theirs = a.pair_addresses, b.pair_addresses
    if _contradicts(a, b) or len(ours) < 2 or ours != theirs:
        return ""
    return f"both list the same {len(ours)} pair addresses in `show failover`"


def match_keys(keys: list[UnitKey]) -> tuple[list[tuple[int, int, str]], list[int]]:
    """The matching itself, on what identifies each unit: (pairs as (primary index, secondary
    index, how), indexes left without their mate). An identifier more than two units claim
    pairs none of them (`shared_ids` names it)."""
    pairs: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    keys = _usable(keys)
    for matcher in (_serials, _link, _addresses):
        for i, a in enumerate(keys):
            for j in range(i + 1, len(keys)):
                b = keys[j]
                if i in taken or j in taken:
                    continue
                how = matcher(a, b)
                if not how:
                    continue
                taken |= {i, j}
                first, second = (j, i) if b.role == "Primary" and a.role != "Primary" else (i, j)
                pairs.append((first, second, how))
    return pairs, [i for i in range(len(keys)) if i not in taken]


def match_units(units: list[Unit]) -> tuple[list[tuple[Unit, Unit, str]], list[Unit]]:
    """(pairs as (primary, secondary, how), units left without their mate)."""
    pairs, alone = match_keys([unit_key(u) for u in units])
    return [(units[a], units[b], how) for a, b, how in pairs], [units[i] for i in alone]
