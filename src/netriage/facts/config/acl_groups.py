"""ACL object groups and objects from a running-config, as real address and port sets.

`object-group` and `object` definitions (network, service, protocol), nested groups resolved,
so shadowing is judged on what a group holds, not on its name (see `config_acl_match`). A
group holding anything we do not understand resolves to None: not known, never a guess.
"""

from __future__ import annotations

import ipaddress

from netriage.facts.config.acl_match import ANY4, ANY6, Net, ObjectGroups, Ports, port_number
from netriage.facts.config.tree import RunningConfig


def _network(words: list[str], asa: bool) -> tuple[Net, ...] | None:
    """One `host a` / `a m` / `subnet a m` / `a/len` / `range a b` statement."""
    try:
        if words[0] in ("host", "network-object") and len(words) == 2:
            return (ipaddress.ip_network(words[1]),)
        if words[0] == "subnet" and len(words) == 3:
            return (ipaddress.ip_network(f"{words[1]}/{words[2]}", strict=False),)
        if words[0] == "subnet" and len(words) == 2:
            return (ipaddress.ip_network(words[1], strict=False),)
        if words[0] == "range" and len(words) == 3:
            low, high = ipaddress.ip_address(words[1]), ipaddress.ip_address(words[2])
            return tuple(ipaddress.summarize_address_range(low, high))  # type: ignore[arg-type]
        if words[0] == "any" and len(words) == 1:
            return ANY4 + (ANY6 if asa else ())
        if len(words) == 2 and "/" not in words[0]:
            return (ipaddress.ip_network(f"{words[0]}/{words[1]}", strict=False),)
        if len(words) == 1 and "/" in words[0]:
            return (ipaddress.ip_network(words[0], strict=False),)
    except (ValueError, TypeError):
        return None
    return None


def _ports(words: list[str]) -> Ports | None:
    """`eq 80` / `range 80 90` / `lt 1024` / `gt 1023` / `neq 23`."""
    if len(words) == 2 and words[0] in ("eq", "lt", "gt", "neq"):
        number = port_number(words[1])
        if number is None:
            return None
        return {"eq": ((number, number),), "lt": ((0, number - 1),),
                "gt": ((number + 1, 65535),),
                "neq": ((0, number - 1), (number + 1, 65535))}[words[0]]
    if len(words) == 3 and words[0] == "range":
        low, high = port_number(words[1]), port_number(words[2])
        if low is None or high is None:
            return None
        return ((low, high),)
    return None


def object_groups(config: RunningConfig) -> ObjectGroups:
    asa = config.family == "cisco_asa"
    raw_nets: dict[str, list[list[str]]] = {}
    raw_services: dict[str, tuple[str, list[list[str]]]] = {}
    protocols: dict[str, str | None] = {}
    for block in config.blocks(r"(object|object-group) "):
        words = block.head.words
        if len(words) < 3:
            continue
        kind, name = words[1], words[2]
        # descriptions say nothing about membership, and an object's `nat` line is NAT
        body = [c.words for c in block.children
                if c.words and c.words[0] not in ("description", "nat")]
        # the ASA prints an object twice: its definition, then again with its NAT line
        if kind == "network":
            raw_nets.setdefault(name, []).extend(body)
        elif kind == "service":
            protocol = words[3] if len(words) > 3 else ""
            raw_services.setdefault(name, (protocol, []))[1].extend(body)
        elif kind == "protocol":
            names = {w[1] for w in body if len(w) == 2 and w[0] == "protocol-object"}
            protocols[name] = names.pop() if len(names) == 1 and len(body) == 1 else None

    def net(name: str, seen: frozenset[str]) -> tuple[Net, ...] | None:
        if name not in raw_nets or name in seen:
            return None
        out: list[Net] = []
        for words in raw_nets[name]:
            if words[0] == "group-object" and len(words) == 2:
                part = net(words[1], seen | {name})
            elif words[0] == "network-object" and len(words) == 3 and words[1] == "object":
                part = net(words[2], seen | {name})
            elif words[0] == "network-object":
                part = _network(words[1:], asa) if len(words) > 2 else _network(words, asa)
            else:
                part = _network(words, asa)
            if part is None:
                return None
            out += part
        return tuple(out) or None

    def service(name: str) -> tuple[str, Ports] | None:
        protocol, body = raw_services[name]
        if protocol in ("tcp", "udp"):
            ports: list[tuple[int, int]] = []
            for words in body:
                part = _ports(words[1:]) if words[0] == "port-object" else None
                if part is None:
                    return None
                ports += part
            return (protocol, tuple(ports)) if ports else None
        # `object service X` / `service tcp destination eq 443`
        if len(body) == 1 and body[0][0] == "service" and len(body[0]) >= 2:
            words = body[0]
            if words[1] in ("tcp", "udp") and len(words) >= 5 and words[2] == "destination":
                part = _ports(words[3:])
                return (words[1], part) if part else None
            if words[1] in ("tcp", "udp") and len(words) == 2:
                return (words[1], ((0, 65535),))
        return None

    return ObjectGroups({n: net(n, frozenset()) for n in raw_nets},
                        {n: service(n) for n in raw_services}, protocols)
