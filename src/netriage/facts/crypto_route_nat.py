"""Where VPN traffic goes before a crypto map sees it: the egress interface by connected
networks and static routes, and whether a NAT rule translates it first.

Both are read from the crypto configuration model (`CryptoConfig`), never from the device's
live tables, so a route or NAT rule not in the captured configuration is not known.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from netriage.facts.crypto_acl import network
from netriage.facts.crypto_config import CryptoConfig


def routes_to(config: CryptoConfig, remote: str) -> str | None:
    """The interface (ASA nameif / IOS interface) traffic to `remote` leaves by; None: none."""
    target = network(remote)
    if target is None:
        return None
    best: tuple[int, str] | None = None
    for interface in config.interfaces:
        connected = network(interface.address, interface.mask) if interface.address else None
        if connected is not None and target.subnet_of(connected):  # type: ignore[arg-type]
            candidate = (connected.prefixlen, interface.nameif or interface.name)
            best = max(best, candidate) if best else candidate
    for route in config.routes:
        net = network(route.network, route.mask)
        if net is None or not target.subnet_of(net):  # type: ignore[arg-type]
            continue
        name = route.interface or _egress(config, route.next_hop)
        if name:
            candidate = (net.prefixlen, name)
            best = max(best, candidate) if best else candidate
    return best[1] if best else None


def _egress(config: CryptoConfig, next_hop: str) -> str:
    if network(next_hop) is None:
        return next_hop  # IOS `ip route NET MASK GigabitEthernet0/0`
    address = ipaddress.ip_address(next_hop)
    for interface in config.interfaces:
        connected = network(interface.address, interface.mask) if interface.address else None
        if connected is not None and address in connected:
            return interface.name
    return ""


def nat_translates(config: CryptoConfig, local: str, remote: str) -> bool | None:
    """Would NAT translate local->remote traffic before the crypto map sees it?

    Rules are read in the order the device applies them (ASA: `nat 0`, manual, auto,
    after-auto); the first rule whose source covers the local network decides. None when a
    rule cannot be evaluated here (object-groups, route-maps).
    """
    local_net, remote_net = network(local), network(remote)
    if local_net is None or remote_net is None:
        return None
    for rule in sorted(config.nat_rules, key=lambda r: r.section):
        if rule.kind == "route-map":
            return None
        if rule.kind == "acl":
            decided = _acl_decides(config, rule.source, local_net, remote_net)
            if decided is None:
                return None
            if decided == "":
                continue
            return (decided == "permit") == rule.acl_permit_translates
        source = _object_net(config, rule.source)
        if source is None:
            return None
        if not _within(local_net, source):
            continue
        if rule.kind == "exempt":
            destination = _object_net(config, rule.destination)
            if destination is None:
                return None
            if _within(remote_net, destination):
                return False
            continue
        return True  # a dynamic rule takes it first
    return False


def _within(inner: Any, outer: Any) -> bool:
    return inner.version == outer.version and inner.subnet_of(outer)


def _object_net(config: CryptoConfig, name: str) -> Any:
    if name in ("any", "any4", "0.0.0.0/0.0.0.0"):
        return ipaddress.ip_network("0.0.0.0/0")
    if "/" in name and name.split("/", maxsplit=1)[0][:1].isdigit():
        return network(*name.split("/", 1))
    value = config.objects.get(name)
    if not value:
        return None  # unknown object, or a group of several networks
    return network(*value.split("/", 1)) if "/" in value else network(value)


def _acl_decides(config: CryptoConfig, name: str, local: Any, remote: Any) -> str | None:
    """"permit"/"deny" of the first ACE covering local->remote, "" if none; None: can't tell."""
    acl = config.acls.get(name)
    if acl is None:
        return None
    for ace in acl.aces:
        if ace.source_net is None or ace.destination_net is None:
            return None
        if _within(local, ace.source_net) and _within(remote, ace.destination_net):
            return ace.action
    return ""
