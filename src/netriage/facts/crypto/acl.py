"""Access lists as the crypto checks need them: which traffic an ACE selects, in addresses.

ASA writes `host A`, `A MASK`, `any`/`any4`, `object NAME`, `object-group NAME`; IOS writes
`host A`, `A WILDCARD`, `any`. Both become an `ipaddress` network (or None for objects we could
not resolve), so a check can say "this ACE selects everything" or "10.1.1.5 is inside it".
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass
class Ace:
    """One permit/deny line of an access list."""

    action: str  # permit / deny
    protocol: str  # ip, tcp, udp, icmp, esp, gre, 47 ...
    source: str  # as written: "10.1.0.0 255.255.255.0", "host 10.1.1.1", "any"
    destination: str
    text: str  # the line as configured (without the `access-list NAME` head on ASA)
    source_net: Network | None = None  # None: an object we could not resolve
    destination_net: Network | None = None

    @property
    def selects_any_destination(self) -> bool:
        return self.destination_net is not None and self.destination_net.prefixlen == 0

    @property
    def selects_any_source(self) -> bool:
        return self.source_net is not None and self.source_net.prefixlen == 0


@dataclass
class AccessList:
    name: str
    aces: list[Ace] = field(default_factory=list)
    remarks: int = 0

    @property
    def permits(self) -> list[Ace]:
        return [a for a in self.aces if a.action == "permit"]


def network(address: str, mask: str = "", *, wildcard: bool = False) -> Network | None:
    """`10.1.0.0` + `255.255.255.0` (or IOS wildcard `0.0.0.255`) as a network; None if bad."""
    try:
        if not mask:
            return ipaddress.ip_network(address, strict=False)
        if wildcard:
            inverted = ".".join(str(255 - int(octet)) for octet in mask.split("."))
            return ipaddress.ip_network(f"{address}/{inverted}", strict=False)
        return ipaddress.ip_network(f"{address}/{mask}", strict=False)
    except ValueError:
        return None


def contains(net: str, address: str) -> bool:
    """Does `net` ("10.1.0.0/24", "10.1.0.0/255.255.255.0" or an address) contain `address`?"""
    outer = network(*net.split("/", 1)) if "/" in net else network(net)
    inner = network(address)
    if outer is None or inner is None or outer.version != inner.version:
        return False
    return inner.subnet_of(outer)  # type: ignore[arg-type]


_ANY = {"any": "0.0.0.0/0", "any4": "0.0.0.0/0", "any6": "::/0"}


def _operand(words: list[str], at: int, *, wildcard: bool,
             objects: dict[str, str]) -> tuple[str, Network | None, int]:
    """Read one address operand at `words[at]`; (text, network, next index)."""
    word = words[at]
    if word in _ANY:
        return word, ipaddress.ip_network(_ANY[word]), at + 1
    if word == "host" and at + 1 < len(words):
        return f"host {words[at + 1]}", network(words[at + 1]), at + 2
    if word in ("object", "object-group") and at + 1 < len(words):
        name = words[at + 1]
        resolved = objects.get(name)
        return f"{word} {name}", network(*resolved.split("/", 1)) if resolved else None, at + 2
    if "/" in word:  # IPv6 prefix or CIDR
        return word, network(word), at + 1
    if at + 1 < len(words) and re.fullmatch(r"\d+\.\d+\.\d+\.\d+", words[at + 1]):
        return f"{word} {words[at + 1]}", network(word, words[at + 1], wildcard=wildcard), at + 2
    return word, network(word), at + 1


_PORT_WORDS = {"eq", "neq", "lt", "gt", "range"}


def parse_ace(text: str, *, wildcard: bool, objects: dict[str, str] | None = None) -> Ace | None:
    """`permit ip 10.1.0.0 255.255.255.0 host 10.2.0.5` (ASA) or the IOS wildcard form."""
    words = text.split()
    if words and words[0].isdigit():  # IOS `show ip access-lists` sequence numbers
        words = words[1:]
    if len(words) < 3 or words[0] not in ("permit", "deny"):
        return None
    objects = objects or {}
    action, protocol = words[0], words[1]
    at = 2
    if protocol in ("object", "object-group") and len(words) > 3:  # service objects
        protocol, at = f"{protocol} {words[2]}", 3
    try:
        source, source_net, at = _operand(words, at, wildcard=wildcard, objects=objects)
        if at < len(words) and words[at] in _PORT_WORDS:
            at += 3 if words[at] == "range" else 2
        destination, destination_net, at = _operand(words, at, wildcard=wildcard,
                                                    objects=objects)
    except IndexError:
        return None
    return Ace(action, protocol, source, destination, " ".join(words), source_net,
               destination_net)
