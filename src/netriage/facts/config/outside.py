"""Which interfaces face outside, and the `permit ip any any` applied inbound on them.

An interface faces outside when its name, security level or description says so, it has `ip
nat outside`, or the default route leaves through it; an applied `permit ip any any` there is
a finding, and one on an interface whose side we cannot tell is a question for the engineer.
"""

from __future__ import annotations

import ipaddress
import re

from netriage.facts.config.acl import AclAnalysis
from netriage.facts.config.acl_match import is_any_any
from netriage.facts.config.model import AclRef, CfgInterface, PermitAny, Route
from netriage.facts.config.tree import iface_key

_OUTSIDE_NAME = re.compile(r"outside|internet|wan\b|isp|untrust|public", re.IGNORECASE)
_OUTSIDE_DESCRIPTION = re.compile(r"internet|\bisp\b|provider|outside|\bwan\b",
                                  re.IGNORECASE)
ANY = "0.0.0.0"  # noqa: S104 - the `any` address as configs print it, not a socket bind


def outside_asa(interface: CfgInterface) -> str:
    if interface.security_level == 0:
        return f"{interface.nameif} has security-level 0"
    if interface.nameif and _OUTSIDE_NAME.search(interface.nameif):
        return f"it is named {interface.nameif}"
    return ""


def outside_ios(interface: CfgInterface, routes: list[Route]) -> str:
    if interface.nat_outside:
        return "it has `ip nat outside`"
    if interface.description and _OUTSIDE_DESCRIPTION.search(interface.description):
        return f"its description is `{interface.description}`"
    for route in routes:
        if route.network != ANY or route.mask != ANY or route.problem:
            continue
        if route.interface and iface_key(route.interface) == interface.key:
            return "the default route leaves through it"
        if route.next_hop and interface.ip and interface.mask:
            try:
                subnet = ipaddress.IPv4Network(f"{interface.ip}/{interface.mask}", strict=False)
                if ipaddress.IPv4Address(route.next_hop) in subnet:
                    return f"the default route's next hop {route.next_hop} is on it"
            except ValueError:
                continue
    return ""


def permit_any(acls: AclAnalysis, refs: list[AclRef], interfaces: list[CfgInterface],
               routes: list[Route], asa: bool) -> tuple[list[PermitAny], list[PermitAny]]:
    """`permit ip any any` reachable in an ACL applied inbound: (facing out, side unknown)."""
    by_name = {i.nameif if asa else i.key: i for i in interfaces}
    outside: list[PermitAny] = []
    unknown: list[PermitAny] = []
    shadowed = {(s.acl, s.line, s.text) for s in acls.after_deny_any + acls.by_broader}
    for ref in refs:
        if ref.direction != "in" or not ref.interface:
            continue
        interface = by_name.get(ref.interface if asa else iface_key(ref.interface))
        for line in acls.lines:
            match = acls.matches.get(line)
            if (line.acl != ref.acl or line.action != "permit" or match is None
                    or (line.acl, line.line, line.text) in shadowed
                    or not is_any_any(match, asa=asa)):
                continue
            why = ""
            if interface is not None:
                why = outside_asa(interface) if asa else outside_ios(interface, routes)
            item = PermitAny(line.acl, line.kind, line.text, line.ace, line.asa_ace, line.seq,
                             line.position, line.line, ref.interface, ref.text, why)
            (outside if why else unknown).append(item)
            break
    return outside, unknown

