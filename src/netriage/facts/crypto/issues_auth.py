"""Configuration faults that stop a peer authenticating: no tunnel-group (ASA), no pre-shared
key for the peer, IKEv2 keys or profile missing, an IKE identity other than the address.
"""

from __future__ import annotations

from netriage.facts.crypto.acl import network
from netriage.facts.crypto.config import CryptoConfig
from netriage.facts.crypto.issues import Issue, _sorted, entry_issue
from netriage.facts.crypto.issues_maps import static_entries


def tunnel_group_missing(config: CryptoConfig) -> list[Issue]:
    if config.family == "cisco_ios":
        return []
    if config.pix6:
        return []  # PIX 6 keys peers with `isakmp key ... address`, not tunnel-groups
    config.need("crypto-map", "tunnel-group")
    default = config.tunnel_group("DefaultL2LGroup")
    if default is not None and default.ikev1_psk:
        return []  # every unknown peer lands there with its key (see crypto.psk-wildcard)
    issues = []
    for entry in static_entries(config):
        if entry.manual:
            continue
        for peer in entry.peers:
            address = config.resolve(peer)
            group = config.tunnel_group(address) or config.tunnel_group(peer)
            if group is None:
                issues.append(entry_issue(entry, peer=address, detail="no tunnel-group"))
            elif group.type and group.type != "ipsec-l2l":
                issues.append(entry_issue(entry, peer=address,
                                          detail=f"tunnel-group is type {group.type}"))
    return _sorted(issues)


def psk_not_configured(config: CryptoConfig) -> list[Issue]:
    """ASA: the peer's tunnel-group has no key (IKEv1); IOS: no key or keyring entry."""
    issues = []
    if config.family != "cisco_ios":
        if config.pix6:
            return []
        config.need("crypto-map", "tunnel-group")
        for entry in static_entries(config):
            if entry.manual or "ikev1" not in (entry.ike_versions or {"ikev1"}):
                continue
            for peer in entry.peers:
                group = config.tunnel_group(config.resolve(peer))
                if group and group.type == "ipsec-l2l" and not group.ikev1_psk \
                        and not group.certificate_auth:
                    issues.append(entry_issue(entry, peer=config.resolve(peer),
                                              detail="tunnel-group has no ikev1 pre-shared-key"))
        return _sorted(issues)
    config.need("crypto-map", "isakmp", "keys")
    if config.policies and not any("pre-share" in p.authentication for p in config.policies
                                   if p.version == "ikev1"):
        return []  # rsa-sig only: no key is needed
    for entry in static_entries(config):
        if entry.manual or entry.ikev2_profile or "ikev2" in entry.ike_versions:
            continue
        for peer in entry.peers:
            if not any(k.covers(peer) for k in config.keys if k.version == "ikev1"):
                issues.append(entry_issue(entry, peer=peer, detail="no crypto isakmp key"))
    return _sorted(issues)


def ikev2_auth_config(config: CryptoConfig) -> list[Issue]:
    issues = []
    if config.family != "cisco_ios":
        config.need("crypto-map", "tunnel-group")
        for entry in static_entries(config):
            if "ikev2" not in entry.ike_versions:
                continue
            for peer in entry.peers:
                group = config.tunnel_group(config.resolve(peer))
                if group is None or group.certificate_auth:
                    continue
                lacking = [side for side, key in (("local", group.ikev2_local_psk),
                                                  ("remote", group.ikev2_remote_psk)) if not key]
                if lacking:
                    issues.append(entry_issue(entry, peer=config.resolve(peer),
                                              detail=" and ".join(lacking) + " key missing",
                                              other=lacking[0]))
        return _sorted(issues)
    config.need("crypto-map", "ikev2")
    for entry in static_entries(config):
        if not entry.ikev2_profile:
            continue
        profile = next((p for p in config.ikev2_profiles if p.name == entry.ikev2_profile), None)
        for peer in entry.peers:
            if profile is None:
                issues.append(entry_issue(entry, peer=peer, other=entry.ikev2_profile,
                                          detail=f"IKEv2 profile {entry.ikev2_profile} is "
                                                 "not defined"))
                continue
            matched = any(_covers(m, peer) for m in profile.match_addresses)
            keyed = any(k.covers(peer) for k in config.keys
                        if k.version == "ikev2" and k.keyring == profile.keyring)
            if not matched or ("pre-share" in (profile.auth_remote + profile.auth_local)
                               and not keyed):
                issues.append(entry_issue(
                    entry, peer=peer, other=profile.name, transform=profile.keyring,
                    detail="the profile does not match the peer address" if not matched
                    else f"keyring {profile.keyring or '(none)'} has no key for the peer"))
    return _sorted(issues)


def _covers(address_mask: str, peer: str) -> bool:
    parts = address_mask.split()
    net = network(parts[0], parts[1]) if len(parts) > 1 else network(parts[0])
    address = network(peer)
    return bool(net and address and net.version == address.version
                and address.subnet_of(net))  # type: ignore[arg-type]


def identity_not_address(config: CryptoConfig) -> list[Issue]:
    config.need("isakmp")
    if config.identity in ("hostname", "key-id", "dn", "fqdn"):
        keyword = "isakmp identity" if config.pix6 else "crypto isakmp identity"
        return [Issue(detail=f"identity {config.identity}", text=f"{keyword} {config.identity}",
                      command=f"{keyword} address", undo=f"{keyword} {config.identity}")]
    return []
