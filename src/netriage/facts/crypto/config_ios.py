"""IOS crypto configuration into a `CryptoConfig`.

Crypto maps (bound by `crypto map NAME` under their interfaces), ISAKMP policies, keys and
keyrings, IKEv2 proposals, policies, keyrings and profiles, transform sets, keepalive/DPD,
trustpoints, and interfaces, ACLs, NAT and routes.
"""

from __future__ import annotations

import re

from netriage.facts.crypto.acl import AccessList, network, parse_ace
from netriage.facts.crypto.config import (
    CryptoConfig,
    CryptoMap,
    IkePolicy,
    Ikev2Profile,
    Interface,
    NatRule,
    PresharedKey,
    Route,
    TransformSet,
)
from netriage.facts.crypto.config_lines import (
    _entry,
    _ios_transforms,
    _policy,
    _policy_line,
    _set_on_entry,
)


def _parse_ios(config: CryptoConfig, lines: list[tuple[str, list[str]]]) -> None:
    for head, children in lines:
        words = head.split()
        if words and not _ios_ikev1_line(config, head, words, children) and not \
                _ios_ikev2_line(config, words, children):
            _ios_other_line(config, head, words, children)
    for interface in config.interfaces:
        if interface.crypto_map:
            config.map_bindings.append((interface.crypto_map, interface.name))
            crypto_map = config.crypto_map(interface.crypto_map)
            if crypto_map is None:
                crypto_map = CryptoMap(interface.crypto_map)
                config.maps.append(crypto_map)
            crypto_map.interfaces.append(interface.name)



def _ios_ikev1_line(config: CryptoConfig, head: str, words: list[str],
                    children: list[str]) -> bool:
    """Crypto maps, ISAKMP (IKEv1) and IPsec lines; False when the line is something else."""
    match = re.match(r"^crypto (map|dynamic-map) (\S+) (\d+)(?: (.*))?$", head)
    if match:
        kind, name, seq, rest = match.groups()
        entry = _entry(config, kind, name, int(seq))
        if rest:
            _set_on_entry(entry, rest, config)
        if kind == "dynamic-map" and not entry.kind:
            entry.kind = "ipsec-isakmp"
        for child in children:
            _set_on_entry(entry, child, config)
        return True
    if head in ("no crypto isakmp", "no crypto isakmp enable"):
        config.isakmp_disabled = True
        return True
    if words[:3] == ["crypto", "isakmp", "policy"] and len(words) == 4:
        policy = _policy(config, "ikev1", int(words[3]))
        for child in children:
            _policy_line(policy, child.split())
        return True
    if words[:3] == ["crypto", "isakmp", "key"]:
        _ios_isakmp_key(config, words[3:], "")
        return True
    if words[:2] == ["crypto", "keyring"] and len(words) > 2:
        for child in children:
            parts = child.split()
            if parts[:2] == ["pre-shared-key", "address"]:
                _ios_keyring_key(config, parts[2:], words[2])
        return True
    if words[:3] == ["crypto", "isakmp", "keepalive"]:
        config.keepalive = True
        return True
    if words[:3] == ["crypto", "isakmp", "profile"]:
        if any(c.startswith("keepalive") for c in children):
            config.keepalive = True
        return True
    if words[:3] == ["crypto", "isakmp", "identity"] and len(words) > 3:
        config.identity = words[3]
        return True
    if head == "crypto isakmp aggressive-mode disable":
        config.am_disabled = True
        return True
    if head == "no crypto ipsec nat-transparency udp-encapsulation":
        config.nat_traversal = False
        return True
    if words[:3] == ["crypto", "ipsec", "transform-set"] and len(words) > 4:
        transform = TransformSet(words[3], "ikev1", _ios_transforms(words[4:]))
        for child in children:
            parts = child.split()
            if parts[:1] == ["mode"] and len(parts) > 1:
                transform.mode = parts[1]
        config.transform_sets.append(transform)
        return True
    return False


def _ios_ikev2_line(config: CryptoConfig, words: list[str], children: list[str]) -> bool:
    """IKEv2 proposals, policies, keyrings, profiles, DPD, trustpoints."""
    if words[:3] == ["crypto", "ikev2", "proposal"] and len(words) > 3:
        proposal = IkePolicy("ikev2", 0, name=words[3])
        for child in children:
            _policy_line(proposal, child.split())
        config.ikev2_proposals.append(proposal)
        return True
    if words[:3] == ["crypto", "ikev2", "policy"] and len(words) > 3:
        policy = IkePolicy("ikev2", len(config.policies) + 1, name=words[3])
        for child in children:
            _policy_line(policy, child.split())
        config.policies.append(policy)
        return True
    if words[:3] == ["crypto", "ikev2", "keyring"] and len(words) > 3:
        _ios_ikev2_keyring(config, words[3], children)
        return True
    if words[:3] == ["crypto", "ikev2", "profile"] and len(words) > 3:
        config.ikev2_profiles.append(_ios_ikev2_profile(words[3], children))
        return True
    if words[:3] == ["crypto", "ikev2", "dpd"]:
        config.ikev2_dpd = True
        return True
    if words[:3] == ["crypto", "pki", "trustpoint"] and len(words) > 3:
        config.trustpoints.append(words[3])
        return True
    return False


def _ios_other_line(config: CryptoConfig, head: str, words: list[str],
                    children: list[str]) -> None:
    """Interfaces, ACLs, NAT and routes."""
    if words[0] == "interface" and len(words) >= 2:
        config.interfaces.append(_ios_interface(words[1], children))
        return
    if words[:3] == ["ip", "access-list", "extended"] and len(words) > 3:
        acl = config.acls.setdefault(words[3], AccessList(words[3]))
        for child in children:
            if child.startswith("remark"):
                acl.remarks += 1
                return
            ace = parse_ace(child, wildcard=True)
            if ace is not None:
                acl.aces.append(ace)
        return
    if words[0] == "access-list" and len(words) >= 4:
        acl = config.acls.setdefault(words[1], AccessList(words[1]))
        if words[2] == "remark":
            acl.remarks += 1
        else:
            ace = parse_ace(" ".join(words[2:]), wildcard=True)
            if ace is not None:
                acl.aces.append(ace)
        return
    if words[:4] == ["ip", "nat", "inside", "source"]:
        match = re.match(r"^ip nat inside source (list|route-map) (\S+)", head)
        if match:
            config.nat_rules.append(NatRule(
                head, "acl" if match.group(1) == "list" else "route-map", match.group(2)))
        return
    if words[:2] == ["ip", "route"] and len(words) >= 5:
        config.routes.append(Route("", words[2], words[3], words[4]))


def _ios_isakmp_key(config: CryptoConfig, words: list[str], keyring: str) -> None:
    """`[0|6] KEY address IP [MASK] [no-xauth]` / `KEY hostname NAME`."""
    encrypted = bool(words) and words[0] == "6"
    if words and words[0] in ("0", "6") and len(words) > 1:
        words = words[1:]
    if len(words) < 3 or words[1] != "address":
        return
    address = words[2]
    mask = words[3] if len(words) > 3 and network(words[3]) is not None else ""
    config.keys.append(PresharedKey(words[0], address, mask, keyring, encrypted=encrypted))


def _ios_keyring_key(config: CryptoConfig, words: list[str], keyring: str) -> None:
    """keyring child `pre-shared-key address IP [MASK] key [0|6] KEY` (after `address`)."""
    if not words or "key" not in words:
        return
    at = words.index("key")
    address = words[0]
    mask = words[1] if at > 1 else ""
    key_words = [w for w in words[at + 1:] if w not in ("0", "6")]
    config.keys.append(PresharedKey(key_words[0] if key_words else "", address, mask, keyring,
                                    encrypted="6" in words[at + 1:at + 2]))


def _ios_ikev2_keyring(config: CryptoConfig, name: str, children: list[str]) -> None:
    address = mask = key = ""
    for child in [*children, "peer END"]:
        parts = child.split()
        if parts[:1] == ["peer"]:
            if address:
                config.keys.append(PresharedKey(key, address, mask, name, "ikev2"))
            address = mask = key = ""
        elif parts[:1] == ["address"] and len(parts) > 1:
            address = parts[1]
            mask = parts[2] if len(parts) > 2 else ""
        elif parts[:1] == ["pre-shared-key"] and len(parts) > 1:
            key = parts[-1]


def _ios_ikev2_profile(name: str, children: list[str]) -> Ikev2Profile:
    profile = Ikev2Profile(name)
    for child in children:
        parts = child.split()
        if parts[:4] == ["match", "identity", "remote", "address"] and len(parts) > 4:
            profile.match_addresses.append(" ".join(parts[4:6]))
        elif parts[:2] == ["authentication", "local"] and len(parts) > 2:
            profile.auth_local = parts[2]
        elif parts[:2] == ["authentication", "remote"] and len(parts) > 2:
            profile.auth_remote = parts[2]
        elif parts[:2] == ["keyring", "local"] and len(parts) > 2:
            profile.keyring = parts[2]
        elif parts[:1] == ["dpd"]:
            profile.dpd = True
    return profile


def _ios_interface(name: str, children: list[str]) -> Interface:
    interface = Interface(name)
    for child in children:
        parts = child.split()
        if parts[:2] == ["ip", "address"] and len(parts) > 3:
            interface.address, interface.mask = parts[2], parts[3]
        elif parts[:2] == ["crypto", "map"] and len(parts) > 2:
            interface.crypto_map = parts[2]
        elif parts == ["shutdown"]:
            interface.shutdown = True
    return interface
