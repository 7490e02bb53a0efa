"""Which loaded devices are the two ends of an IPsec tunnel: matched by crypto endpoints.

An end's own addresses come from its interfaces (crypto configuration, or the configuration
facts, which read PIX 6 `ip address outside ...` too) and the local endpoints of its SAs; its
peers from its static crypto map entries and the peers of its SAs. Two devices are the ends
of one tunnel when one names an address the other owns (both ways, or one way when the other
has no entry and no SA for it: that is then a fault of the pair, not a reason to look away).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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

    @property
    def how(self) -> str:
        said = [f"{self.a.name} names {self.a_to_b}" if self.a_to_b else "",
                f"{self.b.name} names {self.b_to_a}" if self.b_to_a else ""]
        return "crypto endpoints: " + " and ".join(s for s in said if s)


def _named(a: End | EndKey, b: End | EndKey) -> str:
    return next((peer for peer in sorted(a.peers) if peer in b.addresses), "")


def match_ends(ends: Sequence[End] | Sequence[EndKey]) -> list[Match]:
    matches = []
    for i, a in enumerate(ends):
        for b in ends[i + 1:]:
            ab, ba = _named(a, b), _named(b, a)
            if ab or ba:
                matches.append(Match(a, b, ab, ba))
    return matches


def unmatched_peers(end: End, ends: list[End]) -> list[str]:
    """Peers of `end` that no loaded device owns (the other end was not loaded)."""
    owned = {address for other in ends if other is not end for address in other.addresses}
    return [peer for peer in sorted(end.peers) if peer not in owned and peer not in end.addresses]
