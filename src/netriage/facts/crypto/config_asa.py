"""ASA / PIX / FTD crypto configuration into a `CryptoConfig`.

Crypto maps and their interface bindings, `crypto ikev1/ikev2/isakmp enable IF`, IKE
policies, transform sets and IKEv2 IPsec proposals, tunnel-groups, and what VPN traffic
meets on its way: interfaces, ACLs, network objects, NAT rules, routes, `name`s and sysopt.
PIX 6 one-liners (`isakmp enable`, `isakmp policy N ...`, `isakmp key`) set `pix6`.
"""

from __future__ import annotations

import re

from netriage.facts.crypto.acl import AccessList, network, parse_ace
from netriage.facts.crypto.config import (
    CryptoConfig,
    CryptoMap,
    Interface,
    NatRule,
    PresharedKey,
    Route,
    TransformSet,
    TunnelGroup,
)
from netriage.facts.crypto.config_lines import (
    _entry,
    _ios_transforms,
    _policy,
    _policy_line,
    _set_on_entry,
)

_MAP = re.compile(r"^crypto (map|dynamic-map) (\S+) (\d+) (.*)$")


def _tunnel_group(config: CryptoConfig, name: str) -> TunnelGroup:
    group = config.tunnel_group(name)
    if group is None:
        group = TunnelGroup(name)
        config.tunnel_groups.append(group)
    return group


def _parse_asa(config: CryptoConfig, lines: list[tuple[str, list[str]]]) -> None:
    config.ike_enabled = {}
    for head, children in lines:
        words = head.split()
        if words and not _asa_crypto_line(config, head, words, children):
            _asa_other_line(config, head, words, children)
    for name, interface in config.map_bindings:
        crypto_map = config.crypto_map(name)
        if crypto_map is None:
            crypto_map = CryptoMap(name)
            config.maps.append(crypto_map)
        if interface not in crypto_map.interfaces:
            crypto_map.interfaces.append(interface)


def _asa_crypto_line(config: CryptoConfig, head: str, words: list[str],
                     children: list[str]) -> bool:
    """The crypto and IKE lines; False when the line is something else."""
    if head.startswith("PIX Version 6"):
        config.pix6 = True
    match = _MAP.match(head)
    if match:
        kind, name, seq, rest = match.groups()
        _set_on_entry(_entry(config, kind, name, int(seq)), rest, config)
        return True
    if words[:2] == ["crypto", "map"] and len(words) == 5 and words[3] == "interface":
        config.map_bindings.append((words[2], words[4]))
        return True
    if (words[:2] in (["crypto", "ikev1"], ["crypto", "ikev2"], ["crypto", "isakmp"])
            and len(words) >= 4 and words[2] == "enable"):
        version = "ikev2" if words[1] == "ikev2" else "ikev1"
        config.ike_enabled.setdefault(words[3], set()).add(version)
        config.legacy_isakmp |= words[1] == "isakmp"
        return True
    if words[:2] == ["isakmp", "enable"] and len(words) == 3:  # PIX 6
        config.ike_enabled.setdefault(words[2], set()).add("ikev1")
        config.legacy_isakmp = config.pix6 = True
        return True
    if (words[:2] in (["crypto", "ikev1"], ["crypto", "isakmp"], ["crypto", "ikev2"])
            and len(words) == 4 and words[2] == "policy" and words[3].isdigit()):
        version = "ikev2" if words[1] == "ikev2" else "ikev1"
        config.legacy_isakmp |= words[1] == "isakmp"
        policy = _policy(config, version, int(words[3]))
        for child in children:
            _policy_line(policy, child.split())
        return True
    if words[:2] == ["isakmp", "policy"] and len(words) > 3 and words[2].isdigit():
        _policy_line(_policy(config, "ikev1", int(words[2])), words[3:])  # PIX 6 one-liner
        config.legacy_isakmp = config.pix6 = True
        return True
    if words[:2] == ["isakmp", "key"] and len(words) >= 4:  # PIX 6
        mask = words[words.index("netmask") + 1] if "netmask" in words[:-1] else ""
        address = words[words.index("address") + 1] if "address" in words[:-1] else ""
        config.keys.append(PresharedKey(words[2], address, mask))
        return True
    if head.startswith(("crypto ikev1 am-disable", "crypto isakmp am-disable",
                        "isakmp am-disable")):
        config.am_disabled = True
        return True
    if re.match(r"^(crypto )?isakmp identity (\S+)", head):
        config.identity = re.match(r"^(?:crypto )?isakmp identity (\S+)", head).group(1)
        return True
    if re.match(r"^no (crypto )?isakmp nat-traversal", head):
        config.nat_traversal = False
        return True
    if re.match(r"^crypto ipsec (ikev1 )?transform-set (\S+) (.+)$", head):
        _asa_transform_set(config, head)
        return True
    if words[:4] == ["crypto", "ipsec", "ikev2", "ipsec-proposal"] and len(words) == 5:
        proposal = TransformSet(words[4], "ikev2")
        for child in children:
            parts = child.split()
            if parts[:3] == ["protocol", "esp", "encryption"]:
                proposal.encryption = parts[3:]
            elif parts[:3] == ["protocol", "esp", "integrity"]:
                proposal.integrity = parts[3:]
        config.transform_sets.append(proposal)
        return True
    return False


def _asa_other_line(config: CryptoConfig, head: str, words: list[str],
                    children: list[str]) -> None:
    """Tunnel-groups, interfaces, ACLs, objects, NAT, routes, names, sysopt."""
    if words[:1] == ["tunnel-group"] and len(words) >= 3:
        _asa_tunnel_group(config, words, children)
        return
    if head in ("no sysopt connection permit-vpn", "no sysopt connection permit-ipsec"):
        config.sysopt_permit_vpn = False
        return
    if words[0] == "name" and len(words) >= 3 and network(words[1]) is not None:
        config.names[words[2]] = words[1]
        return
    if words[0] == "interface" and len(words) >= 2:
        config.interfaces.append(_asa_interface(words[1], children))
        return
    if words[0] == "access-list" and len(words) >= 3:
        _asa_ace(config, words)
        return
    if words[:2] in (["object", "network"], ["object-group", "network"]) and len(words) > 2:
        _asa_object(config, words[2], children)
        return
    if words[0] == "nat" and len(words) > 2:
        _asa_nat(config, head)
        return
    if words[0] == "global" and len(words) > 2:  # PIX 6 / ASA 7-8.2 `global (outside) 1`
        return
    if words[0] == "route" and len(words) >= 5:
        config.routes.append(Route(words[1], words[2], words[3], words[4]))
        return
    if words[:3] == ["crypto", "ca", "trustpoint"] and len(words) > 3:
        config.trustpoints.append(words[3])


def _asa_transform_set(config: CryptoConfig, head: str) -> None:
    words = head.split()
    start = 4 if words[2] == "ikev1" else 3
    name, rest = words[start], words[start + 1:]
    existing = config.transform_set(name)
    if rest[:1] == ["mode"] and existing is not None:
        existing.mode = rest[1] if len(rest) > 1 else existing.mode
        return
    if existing is None:
        config.transform_sets.append(TransformSet(name, "ikev1", _ios_transforms(rest)))
    else:
        existing.transforms = _ios_transforms(rest)


def _asa_tunnel_group(config: CryptoConfig, words: list[str], children: list[str]) -> None:
    group = _tunnel_group(config, words[1])
    if words[2] == "type" and len(words) > 3:
        group.type = words[3]
        return
    if words[2] not in ("ipsec-attributes", "general-attributes"):
        return
    for child in children:
        parts = child.split()
        if parts[:2] == ["ikev1", "pre-shared-key"] and len(parts) > 2:
            group.ikev1_psk = parts[2]
        elif parts[:1] == ["pre-shared-key"] and len(parts) > 1:
            group.ikev1_psk = parts[1]
        elif parts[:3] == ["ikev2", "local-authentication", "pre-shared-key"] and len(parts) > 3:
            group.ikev2_local_psk = parts[3]
        elif parts[:3] == ["ikev2", "remote-authentication", "pre-shared-key"] and len(parts) > 3:
            group.ikev2_remote_psk = parts[3]
        elif parts[:3] == ["isakmp", "keepalive", "disable"]:
            group.keepalive_disabled = True
        elif parts[:2] in (["ikev1", "trust-point"], ["trust-point"]) or (
                parts[:1] == ["ikev2"] and "certificate" in parts):
            group.certificate_auth = True


def _asa_interface(name: str, children: list[str]) -> Interface:
    interface = Interface(name)
    for child in children:
        parts = child.split()
        if parts[:1] == ["nameif"] and len(parts) > 1:
            interface.nameif = parts[1]
        elif parts[:2] == ["ip", "address"] and len(parts) > 3:
            interface.address, interface.mask = parts[2], parts[3]
        elif parts == ["shutdown"]:
            interface.shutdown = True
    return interface


def _asa_ace(config: CryptoConfig, words: list[str]) -> None:
    name = words[1]
    acl = config.acls.setdefault(name, AccessList(name))
    rest = words[2:]
    if rest[:1] == ["remark"]:
        acl.remarks += 1
        return
    if rest[:1] == ["extended"]:
        rest = rest[1:]
    if rest[:1] == ["line"] and len(rest) > 1:
        rest = rest[2:]
    ace = parse_ace(" ".join(rest), wildcard=False)
    if ace is not None:
        acl.aces.append(ace)


def _asa_object(config: CryptoConfig, name: str, children: list[str]) -> None:
    for child in children:
        parts = child.split()
        if parts[:1] == ["nat"]:
            _asa_nat(config, child, auto_source=name)
            continue
        if parts[:1] == ["subnet"] and len(parts) > 2:
            config.objects[name] = f"{parts[1]}/{parts[2]}"
        elif parts[:1] == ["host"] and len(parts) > 1:
            config.objects[name] = parts[1]
        elif parts[:1] == ["network-object"] and len(parts) > 2:
            member = (parts[2] if parts[1] == "host" else f"object:{parts[2]}"
                      if parts[1] == "object" else f"{parts[1]}/{parts[2]}")
            config.object_groups.setdefault(name, []).append(member)
            # an object-group of one network resolves; bigger groups stay unresolved here
            # (object_groups keeps every member for the NAT walk)
            if name not in config.objects and parts[1] != "object":
                config.objects[name] = member
            elif len(config.object_groups[name]) > 1 or parts[1] == "object":
                config.objects[name] = ""  # several members: not one network
        elif parts[:1] == ["group-object"] and len(parts) > 1:
            config.object_groups.setdefault(name, []).append(f"group:{parts[1]}")
            config.objects[name] = ""


_NAT_HEAD = re.compile(r"^nat \((\S+?),(\S+?)\)\s+(.*)$")
# words after which the twice NAT grammar is options, not addresses
_NAT_OPTIONS = frozenset({"service", "dns", "unidirectional", "no-proxy-arp", "route-lookup",
                          "inactive", "description", "net-to-net", "interface", "pat-pool",
                          "extended", "flat", "include-reserve", "round-robin", "block-allocation",
                          "ipv6"})


def _asa_nat(config: CryptoConfig, head: str, auto_source: str = "") -> None:
    """One `nat` line as the ASA orders it: section 1 manual (twice) NAT, section 2 object NAT
    (statics before dynamics), section 3 `after-auto`; `nat 0 access-list` (before 8.3) first."""
    words = head.split()
    if "inactive" in (words[:words.index("description")] if "description" in words else words):
        return  # an inactive rule translates nothing
    match = _NAT_HEAD.match(head)
    interfaces = (match.group(1), match.group(2)) if match else ("any", "any")
    if auto_source:  # `nat (inside,outside) dynamic interface` inside `object network X`
        _asa_object_nat(config, head, auto_source, interfaces)
        return
    if match is None:  # before 8.3: `nat (inside) 0 access-list X`, `nat (inside) 1 10.1.0.0 ..`
        _asa_legacy_nat(config, head)
        return
    rest = match.group(3).split()
    section = 1
    if rest[:1] == ["after-auto"]:
        section, rest = 3, rest[1:]
    if rest[:1] and rest[0].isdigit():  # line number
        rest = rest[1:]
    if rest[:1] != ["source"] or len(rest) < 3:
        return
    how, real = rest[1], rest[2]
    mapped = rest[3] if len(rest) > 3 and rest[3] not in _NAT_OPTIONS else ""
    if rest[3:4] == ["interface"]:
        mapped = "interface"
    destination, identity_destination = "", True
    if "destination" in rest:
        at = rest.index("destination")
        dest = rest[at + 1:at + 4]
        if len(dest) == 3:  # destination static MAPPED REAL
            destination, identity_destination = dest[2], dest[1] == dest[2]
    partial = "service" in rest
    if how == "static" and real == mapped and identity_destination:
        config.nat_rules.append(NatRule(head, "exempt", real, destination, section,
                                        interfaces=interfaces, partial=partial))
    elif how in ("static", "dynamic"):
        config.nat_rules.append(NatRule(head, how, real, destination, section,
                                        interfaces=interfaces, partial=partial))


def _asa_object_nat(config: CryptoConfig, head: str, name: str,
                    interfaces: tuple[str, str]) -> None:
    match = re.match(r"^nat \(\S+\) (static|dynamic) (\S+)", head)
    if match is None:
        return
    how, mapped = match.groups()
    partial = " service " in f" {head} "
    own = config.objects.get(name, "")
    # identity object NAT (`nat (inside,outside) static OBJ`) keeps the addresses
    identity = how == "static" and (mapped == name or (own and mapped == own))
    kind = "exempt" if identity else how
    config.nat_rules.append(NatRule(head, kind, name, section=2, interfaces=interfaces,
                                    partial=partial))


def _asa_legacy_nat(config: CryptoConfig, head: str) -> None:
    match = re.match(r"^nat \((\S+)\) 0 access-list (\S+)", head)
    if match:  # pre-8.3 NAT exemption: evaluated before any other NAT
        config.nat_rules.append(NatRule(head, "acl", match.group(2), section=0,
                                        acl_permit_translates=False,
                                        interfaces=(match.group(1), "any")))
        return
    match = re.match(r"^nat \((\S+)\) [1-9]\d* (\S+) (\S+)", head)
    if match:
        any_source = match.group(2) in ("0", "0.0.0.0")  # noqa: S104 - an address, not a bind
        source = "any" if any_source else f"{match.group(2)}/{match.group(3)}"
        config.nat_rules.append(NatRule(head, "dynamic", source,
                                        interfaces=(match.group(1), "any")))


def _resolve_acl_objects(config: CryptoConfig) -> None:
    """ACEs written with `object NAME` get their network once all objects are read."""
    if not config.objects:
        return
    for acl in config.acls.values():
        for ace in acl.aces:
            if ace.source_net is None or ace.destination_net is None:
                resolved = parse_ace(ace.text, wildcard=config.family == "cisco_ios",
                                     objects=config.objects)
                if resolved is not None:
                    ace.source_net = ace.source_net or resolved.source_net
                    ace.destination_net = ace.destination_net or resolved.destination_net
