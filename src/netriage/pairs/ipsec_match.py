"""Which loaded devices are the two ends of an IPsec tunnel: matched by crypto endpoints.

An end's own addresses come from its interfaces (crypto configuration, or the configuration
facts, which read PIX 6 `ip address outside ...` too) and the local endpoints of its SAs; its
peers from its static crypto map entries and the peers of its SAs. Two devices are the ends
of one tunnel when one names an address the other owns (both ways, or one way when the other
has no entry and no SA for it: that is then a fault of the pair, not a reason to look away).

An address several loaded devices own identifies no single end (`owners_of`): captures reusing
documentation addresses are of different sites. Only when its owners are the two units of one
matched failover pair is the end told: the unit holding the address now (`holder`); the other
unit, standby for it, is no end of that tunnel. A device naming such an address pairs with an
owner only by another address that owner alone holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netriage.pairs.failover_match import UnitKey, holder
from netriage.pairs.read import fact

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts
    from netriage.facts.crypto import CryptoConfig, CryptoFacts

_NONE = ("", "0.0.0.0", "dhcp", "negotiated", "pppoe")  # noqa: S104 - addresses, not a bind


@dataclass
class End:
    facts: DeviceFacts
    config: CryptoConfig | None
    crypto: CryptoFacts | None
    addresses: set[str] = field(default_factory=set)
    peers: dict[str, list] = field(default_factory=dict)  # peer address -> map entries

    @property
    def name(self) -> str:
        return self.facts.device.hostname

    def ike_sas(self) -> list:
        sas = self.crypto.ike_sas if self.crypto is not None else None
        return sas if isinstance(sas, list) else []

    def ipsec_sas(self) -> list:
        sas = self.crypto.ipsec_sas if self.crypto is not None else None
        return sas if isinstance(sas, list) else []

    @property
    def ike_known(self) -> bool:
        return self.crypto is not None and isinstance(self.crypto.ike_sas, list)

    @property
    def ipsec_known(self) -> bool:
        return self.crypto is not None and isinstance(self.crypto.ipsec_sas, list)


@dataclass(frozen=True)
class EndKey:
    """What matching reads of an end, and nothing else (a batch worker sends this, a few
    addresses, where the end's facts pickle to ~50 KB): `match_ends` takes it as an `End`."""

    name: str
    addresses: frozenset[str]
    peers: tuple[str, ...]  # sorted, as `_named` walks them


def end_key(end: End) -> EndKey:
    return EndKey(end.name, frozenset(end.addresses), tuple(sorted(end.peers)))


def _bare(address: str) -> str:
    return address.split("/", maxsplit=1)[0].strip()


def crypto_end(facts: DeviceFacts) -> End | None:
    config, crypto = fact(facts, "crypto_config"), fact(facts, "crypto")
    if crypto is None or not crypto.captured:
        return None
    end = End(facts, config, crypto)
    if config is not None:
        end.addresses |= {i.address for i in config.interfaces if i.address not in _NONE}
        for entry in config.all_entries():
            if entry.kind == "dynamic" or entry.is_dynamic_template:
                continue
            for peer in entry.peers:
                end.peers.setdefault(config.resolve(peer), []).append(entry)
    general = fact(facts, "config")
    if general is not None:
        end.addresses |= {i.ip for i in general.interfaces if i.ip not in _NONE}
    for sa in end.ipsec_sas():
        end.addresses.add(_bare(sa.local_address))
        end.peers.setdefault(_bare(sa.peer), [])
    for sa in end.ike_sas():
        end.addresses.add(_bare(sa.local))
        end.peers.setdefault(_bare(sa.peer), [])
    end.addresses -= set(_NONE)
    end.peers.pop("", None)
    return end if end.peers or end.addresses else None


@dataclass
class Match:
    a: End
    b: End
    a_to_b: str  # the address of b that a names ("" when a names none)
    b_to_a: str
    note: str = ""  # the failover mate that also owns the address, and why it is no end

    @property
    def how(self) -> str:
        said = [f"{self.a.name} names {self.a_to_b}" if self.a_to_b else "",
                f"{self.b.name} names {self.b_to_a}" if self.b_to_a else ""]
        return "crypto endpoints: " + " and ".join(s for s in said if s) + (
            f"; {self.note}" if self.note else "")


@dataclass(frozen=True)
class Owners:
    """An address some end names and several loaded ends own."""

    address: str
    owners: tuple[str, ...]  # as loaded
    namers: tuple[str, ...]  # the ends naming it as a peer, as loaded
    end: str = ""  # the owner that is the tunnel end ("" when none can be told)
    why: str = ""  # why none can be told (a failover pair's units), "" otherwise
    pair: bool = False  # the owners are the two units of one matched failover pair


def owners_of(ends: Sequence[End] | Sequence[EndKey],
              failover: Sequence[tuple[UnitKey, UnitKey]] = ()) -> dict[str, Owners]:
    """Every named address more than one loaded end owns, and which owner (if any) is the end;
    `failover`: the matched failover pairs' units."""
    namers: dict[str, list[str]] = defaultdict(list)
    for end in ends:
        for peer in sorted(end.peers):
            namers[peer].append(end.name)
    owned: dict[str, list[str]] = defaultdict(list)
    for end in ends:
        for address in sorted(set(end.addresses) & set(namers)):
            owned[address].append(end.name)
    units = {frozenset((x.name, y.name)): (x, y) for x, y in failover}
    out = {}
    for address, names in owned.items():
        if len(names) < 2:
            continue
        pair = units.get(frozenset(names)) if len(names) == 2 else None
        end, why = holder(*pair, address) if pair else ("", "")
        out[address] = Owners(address, tuple(names), tuple(namers[address]), end, why,
                              pair is not None)
    return out


def _named(a: End | EndKey, b: End | EndKey, shared: dict[str, Owners]) -> tuple[str, bool]:
    """(the first address of b that a names and that tells b, whether a names only addresses
    of b that tell another owner or none: then b is not a's end)."""
    other = False
    for peer in sorted(a.peers):
        if peer not in b.addresses:
            continue
        owners = shared.get(peer)
        if owners is None or owners.end == b.name:
            return peer, False
        other = True
    return "", other


def _note(match_to: str, shared: dict[str, Owners]) -> str:
    owners = shared.get(match_to)
    if owners is None or not owners.end:
        return ""
    mate = next(name for name in owners.owners if name != owners.end)
    return (f"{match_to} is also configured on {mate}, {owners.end}'s failover mate, which "
            "does not hold it now: no end of this tunnel")


def match_ends(ends: Sequence[End] | Sequence[EndKey],
               shared: dict[str, Owners] | None = None) -> list[Match]:
    """The pairs of ends that name each other; `shared`: `owners_of(ends, failover pairs)`."""
    shared = owners_of(ends) if shared is None else shared
    matches = []
    for i, a in enumerate(ends):
        for b in ends[i + 1:]:
            (ab, a_other), (ba, b_other) = _named(a, b, shared), _named(b, a, shared)
            if (ab or ba) and not (a_other and not ab) and not (b_other and not ba):
                note = " and ".join(n for n in (_note(ab, shared), _note(ba, shared)) if n)
                matches.append(Match(a, b, ab, ba, note))
    return matches


def refused(ends: Sequence[End], shared: dict[str, Owners]) -> list[tuple[End, End, str, str]]:
    """(a, b, the address of b a names, the address b names that several own) for every a
    that names b alone but is left unpaired because b's peer address tells no single end."""
    out = []
    for a in ends:
        for b in ends:
            if a is b:
                continue
            (ab, _), (ba, b_other) = _named(a, b, shared), _named(b, a, shared)
            if ab and b_other and not ba:
                shared_peer = next(p for p in sorted(b.peers) if p in a.addresses)
                if not shared[shared_peer].end:
                    out.append((a, b, ab, shared_peer))
    return out


def unmatched_peers(end: End, ends: list[End]) -> list[str]:
    """Peers of `end` that no loaded device owns (the other end was not loaded)."""
    owned = {address for other in ends if other is not end for address in other.addresses}
    return [peer for peer in sorted(end.peers) if peer not in owned and peer not in end.addresses]
