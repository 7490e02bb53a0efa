"""What traffic an ACL entry matches, read from its text: protocol, addresses, ports.

Shadowing needs real set arithmetic: an entry is shadowed when an earlier entry matches every
packet it matches. Addresses are `ipaddress` networks, ports are ranges. Whatever the model
does not understand (a non-contiguous wildcard, an unknown object-group, a DSCP match) makes
the answer "not known", and an entry with such a narrowing condition never counts as covering
a later one: we only claim shadowing we can prove.

A line the device would reject (`permit ip host host eq 105`) is reported as invalid, and a line
that stops before its source or destination as incomplete; these are judged on structure only
(an option we do not know is a narrowing condition, never a syntax error).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

Net = ipaddress.IPv4Network | ipaddress.IPv6Network
Ports = tuple[tuple[int, int], ...]

ANY_PORT: Ports = ((0, 65535),)
ANY4: tuple[Net, ...] = (ipaddress.ip_network("0.0.0.0/0"),)
ANY6: tuple[Net, ...] = (ipaddress.ip_network("::/0"),)

# Protocol numbers IOS and ASA print by name.
PROTOCOLS = {
    "ip": "ip", "tcp": "tcp", "udp": "udp", "icmp": "icmp", "icmp6": "icmp6", "igmp": "igmp",
    "gre": "gre", "esp": "esp", "ahp": "ah", "ah": "ah", "eigrp": "eigrp", "ospf": "ospf",
    "pim": "pim", "ipinip": "ipinip", "nos": "nos", "pcp": "pcp", "sctp": "sctp", "ipsec": "esp",
    "pptp": "gre", "snp": "snp", "igrp": "igrp", "ipv6": "ipv6",
    "0": "ip", "1": "icmp", "2": "igmp", "4": "ipinip", "6": "tcp", "17": "udp", "47": "gre",
    "50": "esp", "51": "ah", "58": "icmp6", "88": "eigrp", "89": "ospf", "103": "pim",
    "108": "pcp", "132": "sctp",
}
# Port names both IOS and ASA accept (and print) instead of numbers.
PORTS = {
    "echo": 7, "discard": 9, "daytime": 13, "chargen": 19, "ftp-data": 20, "ftp": 21, "ssh": 22,
    "telnet": 23, "smtp": 25, "time": 37, "nameserver": 42, "whois": 43, "tacacs": 49,
    "domain": 53, "bootps": 67, "bootpc": 68, "tftp": 69, "gopher": 70, "finger": 79,
    "www": 80, "http": 80, "hostname": 101, "pop2": 109, "pop3": 110, "sunrpc": 111,
    "ident": 113, "nntp": 119, "ntp": 123, "netbios-ns": 137, "netbios-dgm": 138,
    "netbios-ss": 139, "netbios-ssn": 139, "imap4": 143, "snmp": 161, "snmptrap": 162,
    "xdmcp": 177, "bgp": 179, "irc": 194, "dnsix": 195, "ldap": 389, "mobile-ip": 434,
    "https": 443, "pim-auto-rp": 496, "isakmp": 500, "biff": 512, "exec": 512, "login": 513,
    "who": 513, "cmd": 514, "rsh": 514, "syslog": 514, "lpd": 515, "talk": 517, "rip": 520,
    "uucp": 540, "klogin": 543, "kshell": 544, "rtsp": 554, "ldaps": 636, "kerberos": 750,
    "lotusnotes": 1352, "citrix-ica": 1494, "sqlnet": 1521, "radius": 1645,
    "radius-acct": 1646, "h323": 1720, "pptp": 1723, "ctiqbe": 2748, "cifs": 3020,
    "non500-isakmp": 4500, "sip": 5060, "aol": 5190, "pcanywhere-data": 5631,
    "pcanywhere-status": 5632, "secureid-udp": 5510,
}
PORT_OPERATORS = ("eq", "neq", "lt", "gt", "range")
# Options after the destination that only log: they do not change what matches.
_LOG_WORDS = {"log", "log-input"}
_LOG_ARGS = {"interval", "disable", "default", "emergencies", "alerts", "critical", "errors",
             "warnings", "notifications", "informational", "debugging"}


@dataclass(frozen=True)
class Match:
    """The traffic one entry matches; None in a field means the model cannot tell."""

    protocol: str | None  # "ip" = every IP protocol
    src: tuple[Net, ...] | None
    dst: tuple[Net, ...] | None
    sport: Ports | None
    dport: Ports | None
    narrowed: bool  # conditions we do not model (established, ICMP type, DSCP, time-range)


class AclSyntaxError(ValueError):
    """The entry would be rejected; `incomplete` when it simply stops too early."""

    def __init__(self, detail: str, incomplete: bool = False) -> None:
        super().__init__(detail)
        self.detail = detail
        self.incomplete = incomplete


@dataclass
class ObjectGroups:
    """Network and service objects / object-groups, resolved from the configuration."""

    networks: dict[str, tuple[Net, ...] | None]
    services: dict[str, tuple[str, Ports] | None]  # name → (protocol, destination ports)
    protocols: dict[str, str | None]


def _is_ip(token: str) -> bool:
    try:
        ipaddress.ip_address(token)
    except ValueError:
        return False
    return True


def _contiguous(mask: int, wildcard: bool) -> int | None:
    """Prefix length of a mask (or IOS wildcard), None when the bits are not contiguous."""
    inverted = mask if wildcard else (~mask) & 0xFFFFFFFF
    if inverted & (inverted + 1):
        return None
    return 32 - inverted.bit_count()


def port_number(token: str) -> int | None:
    if token.isdigit():
        number = int(token)
        return number if 0 <= number <= 65535 else None
    return PORTS.get(token.lower())


class _Reader:
    """Walks the words of one entry, raising AclSyntaxError at the first impossible word."""

    def __init__(self, words: list[str], asa: bool, groups: ObjectGroups) -> None:
        self.words = words
        self.at = 0
        self.asa = asa
        self.groups = groups

    def peek(self, offset: int = 0) -> str | None:
        index = self.at + offset
        return self.words[index] if index < len(self.words) else None

    def take(self, what: str) -> str:
        word = self.peek()
        if word is None:
            raise AclSyntaxError(f"the line stops before the {what}", incomplete=True)
        self.at += 1
        return word

    def address(self, what: str, standard: bool = False) -> tuple[Net, ...] | None:
        word = self.take(what)
        lower = word.lower()
        if lower == "any":
            return ANY4 + ANY6 if self.asa else ANY4
        if lower == "any4" and self.asa:
            return ANY4
        if lower == "any6" and self.asa:
            return ANY6
        if lower == "host":
            host = self.take(f"{what} host address")
            if not _is_ip(host):
                raise AclSyntaxError(f"`host` must be followed by an IP address, not `{host}` "
                                     f"(the {what} is missing)")
            return (ipaddress.ip_network(host),)
        if lower in ("object", "object-group", "addrgroup"):
            name = self.take(f"{what} object name")
            return self.groups.networks.get(name)
        if lower == "interface" and self.asa:
            self.take(f"{what} interface name")
            return None
        if "/" in word and self.asa:
            try:
                return (ipaddress.ip_network(word, strict=False),)
            except ValueError:
                raise AclSyntaxError(f"`{word}` is not an address") from None
        if not _is_ip(word):
            raise AclSyntaxError(f"`{word}` is not an address, `any` or `host` (the {what})")
        mask_word = self.peek()
        if standard and (mask_word is None or not _is_ip(mask_word)):
            return (ipaddress.ip_network(word),)  # IOS standard: a bare address is a host
        mask_text = self.take(f"{what} mask")
        if not _is_ip(mask_text):
            raise AclSyntaxError(f"`{word}` must be followed by a "
                                 f"{'mask' if self.asa else 'wildcard'}, not `{mask_text}`")
        mask = int(ipaddress.IPv4Address(mask_text))
        prefix = _contiguous(mask, wildcard=not self.asa)
        if prefix is None:
            if self.asa:
                raise AclSyntaxError(f"`{mask_text}` is not a valid netmask")
            return None  # a non-contiguous IOS wildcard: legal, but not a network
        return (ipaddress.ip_network(f"{word}/{prefix}", strict=False),)

    def ports(self, protocol: str | None, what: str) -> Ports | None:
        """A port operator after an address, or ANY_PORT when none follows."""
        word = self.peek()
        if word is None:
            return ANY_PORT
        lower = word.lower()
        if lower == "object-group" and self.asa:
            name = self.peek(1) or ""
            if name in self.groups.services:  # a service group in the port position
                self.at += 2
                service = self.groups.services[name]
                return service[1] if service else None
            return ANY_PORT  # a network group: the next address, not ports
        if lower not in PORT_OPERATORS:
            return ANY_PORT
        if protocol not in ("tcp", "udp", "sctp", None):
            raise AclSyntaxError(f"port operator `{word}` after protocol `{protocol}`: ports "
                                 "only exist for tcp and udp")
        self.at += 1
        if lower == "range":
            low = port_number(self.take(f"{what} range start"))
            high = port_number(self.take(f"{what} range end"))
            if low is None or high is None or low > high:
                raise AclSyntaxError(f"`range` needs two ports (the {what})")
            return ((low, high),)
        numbers: list[int] = []
        while self.peek() is not None:
            number = port_number(self.peek() or "")
            if number is None:
                break
            numbers.append(number)
            self.at += 1
            if lower != "eq" or self.asa:
                break  # only IOS `eq` takes several ports
        if not numbers:
            if self.peek() is None:
                raise AclSyntaxError(f"`{word}` has no port", incomplete=True)
            raise AclSyntaxError(f"`{word}` must be followed by a port, not `{self.peek()}`")
        number = numbers[0]
        if lower == "eq":
            return tuple((n, n) for n in numbers)
        if lower == "lt":
            return ((0, number - 1),) if number > 0 else ()
        if lower == "gt":
            return ((number + 1, 65535),) if number < 65535 else ()
        return tuple(r for r in ((0, number - 1), (number + 1, 65535)) if r[0] <= r[1])

    def rest_narrows(self) -> bool:
        """Whether anything after the destination narrows the match (logging does not)."""
        rest = [w.lower() for w in self.words[self.at:]]
        index = 0
        while index < len(rest):
            word = rest[index]
            if word in _LOG_WORDS:
                index += 1
                while index < len(rest) and (rest[index] in _LOG_ARGS or rest[index].isdigit()):
                    index += 1
                continue
            return True
        return False


def parse_match(words: list[str], *, asa: bool, standard: bool,
                groups: ObjectGroups) -> Match:
    """The match of an entry's words after the action (`permit`/`deny`).

    Raises AclSyntaxError for a line the device would reject.
    """
    reader = _Reader(words, asa, groups)
    if not words:
        raise AclSyntaxError("the line stops after permit/deny: no "
                             f"{'source' if standard else 'protocol'}", incomplete=True)
    if standard:
        src = reader.address("source", standard=not asa)
        return Match("ip", src, ANY4 + (ANY6 if asa else ()), ANY_PORT, ANY_PORT,
                     reader.rest_narrows())
    word = reader.take("protocol")
    lower = word.lower()
    protocol: str | None
    service_ports: Ports | None = ANY_PORT
    if lower in ("object-group", "object"):
        name = reader.take("protocol object name")
        if not asa:
            protocol, service_ports = None, None  # an IOS service object-group: not modelled
        elif name in groups.protocols:
            protocol = groups.protocols[name]
        elif groups.services.get(name):
            service = groups.services[name]
            protocol, service_ports = service if service else (None, None)
        else:
            protocol, service_ports = None, None
    elif lower in PROTOCOLS:
        protocol = PROTOCOLS[lower]
    elif lower.isdigit() and int(lower) <= 255:
        protocol = lower
    else:
        raise AclSyntaxError(f"`{word}` is not a protocol (ip, tcp, udp, icmp or 0-255)")
    src = reader.address("source")
    sport = reader.ports(protocol, "source port")
    dst = reader.address("destination")
    dport = reader.ports(protocol, "destination port")
    if service_ports is not ANY_PORT:
        dport = service_ports
    return Match(protocol, src, dst, sport, dport, reader.rest_narrows())


# -- set arithmetic -----------------------------------------------------------------------
def _nets_cover(outer: tuple[Net, ...] | None, inner: tuple[Net, ...] | None,
                everything: tuple[Net, ...]) -> bool:
    if outer is None:
        return False
    if inner is None:  # we cannot tell what the later entry matches: only "all" covers it
        return all(any(o.version == e.version and o.prefixlen == 0 for o in outer)
                   for e in everything)
    return all(any(i.version == o.version and i.subnet_of(o) for o in outer)
               for i in inner)


def _ports_cover(outer: Ports | None, inner: Ports | None) -> bool:
    if outer is None:
        return False
    if outer == ANY_PORT:
        return True
    if inner is None:
        return False
    return all(any(o[0] <= low and high <= o[1] for o in outer) for low, high in inner)


def covers(earlier: Match, later: Match, *, asa: bool) -> bool:
    """Does every packet `later` matches also match `earlier`?"""
    if earlier.narrowed:
        return False
    everything = ANY4 + ANY6 if asa else ANY4
    if earlier.protocol != "ip":
        if earlier.protocol is None or earlier.protocol != later.protocol:
            return False
        if not (_ports_cover(earlier.sport, later.sport)
                and _ports_cover(earlier.dport, later.dport)):
            return False
    return (_nets_cover(earlier.src, later.src, everything)
            and _nets_cover(earlier.dst, later.dst, everything))


def is_any_any(match: Match, *, asa: bool) -> bool:
    """`ip any any` (or a standard `any`) with nothing narrowing it."""
    if match.narrowed or match.protocol != "ip":
        return False
    return (_nets_cover(match.src, None, ANY4) and _nets_cover(match.dst, None, ANY4))
