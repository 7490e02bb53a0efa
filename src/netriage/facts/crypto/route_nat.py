"""Where VPN traffic goes before a crypto map sees it: the egress interface by connected
networks and static routes, and whether a NAT rule translates it first.

Both are read from the crypto configuration model (`CryptoConfig`), never from the device's
live tables, so a route or NAT rule not in the captured configuration is not known.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from netriage.facts.crypto.acl import network
from netriage.facts.crypto.config import CryptoConfig


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


def nat_translates(config: CryptoConfig, local: str, remote: str, egress: str = "",
                   ingress: str = "") -> bool | None:
    """Would NAT translate local->remote traffic before the crypto map sees it?

    Rules are read in the order the device applies them (ASA: `nat 0`, section 1 manual
    NAT, section 2 object NAT with statics first, section 3 after-auto). Traffic is exempt
    only when an identity rule covers the whole proxy pair (`source static A A destination
    static B B` with local within A and remote within B, or an identity object NAT); a
    translating rule whose source overlaps the local network (and whose destination, if
    any, overlaps the remote) translates at least part of it. `egress` / `ingress` (ASA
    nameifs, "" unknown) skip rules bound to other interfaces. None when a rule that could
    decide cannot be evaluated here (unknown objects, route-maps).
    """
    local_net, remote_net = network(local), network(remote)
    if local_net is None or remote_net is None:
        return None
    for rule in sorted(config.nat_rules, key=_order):
        if not _on_path(rule.interfaces, ingress, egress):
            continue
        if rule.kind == "route-map":
            return None
        if rule.kind == "acl":
            decided = _acl_decides(config, rule.source, local_net, remote_net)
            if decided is None:
                return None
            if decided == "":
                continue
            return (decided == "permit") == rule.acl_permit_translates
        sources = _object_nets(config, rule.source)
        destinations = _object_nets(config, rule.destination) if rule.destination else [ANY]
        if sources is None or destinations is None:
            return None
        if rule.kind == "exempt":
            if not rule.partial and _covered(local_net, sources) and _covered(
                    remote_net, destinations):
                return False
            continue  # exempts another pair, or only part of this one: later rules decide
        if _overlaps(local_net, sources) and _overlaps(remote_net, destinations):
            return True
    return False


ANY = ipaddress.ip_network("0.0.0.0/0")


def _order(rule: Any) -> tuple[int, int]:
    # ASA object NAT (section 2) applies static rules before dynamic ones
    return rule.section, 1 if rule.section == 2 and rule.kind == "dynamic" else 0


def _on_path(interfaces: tuple[str, str], ingress: str, egress: str) -> bool:
    real, mapped = interfaces
    return (real == "any" or not ingress or real == ingress) and (
        mapped == "any" or not egress or mapped == egress)


def _within(inner: Any, outer: Any) -> bool:
    return inner.version == outer.version and inner.subnet_of(outer)


def _covered(inner: Any, nets: list[Any]) -> bool:
    return any(inner.version == n.version and inner.subnet_of(n) for n in nets)


def _overlaps(inner: Any, nets: list[Any]) -> bool:
    return any(inner.version == n.version and inner.overlaps(n) for n in nets)


def _object_nets(config: CryptoConfig, name: str, depth: int = 0) -> list[Any] | None:
    """The networks an object, object-group, `any` or literal stands for; None: unknown."""
    if name in ("any", "any4", "0.0.0.0/0.0.0.0"):
        return [ANY]
    if name == "any6":
        return [ipaddress.ip_network("::/0")]
    if name[:1].isdigit():
        net = network(*name.split("/", 1)) if "/" in name else network(name)
        return [net] if net is not None else None
    if name in config.object_groups and depth < 8:
        out: list[Any] = []
        for member in config.object_groups[name]:
            nets = _object_nets(config, member.split(":", 1)[-1], depth + 1)
            if nets is None:
                return None
            out += nets
        return out
    value = config.objects.get(name)
    if not value:
        return None  # unknown object (range, fqdn, not captured)
    net = network(*value.split("/", 1)) if "/" in value else network(value)
    return [net] if net is not None else None


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
