"""The configuration lists of the `crypto` fact, and the peers they explain.

One root cause is reported once: a peer whose tunnel cannot come up because IKE is not
enabled on its interface, its map is not applied, its tunnel-group or key is missing, is
*explained*, and the symptom lists (stuck in MM_WAIT_MSG2, no IPsec SA ...) leave it out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netriage.engine.expr import Unknown
from netriage.facts.crypto.cert import certificates
from netriage.facts.crypto.config import CryptoConfig
from netriage.facts.crypto.issues import Issue, _attempt, _items
from netriage.facts.crypto.issues_auth import (
    identity_not_address,
    ikev2_auth_config,
    psk_not_configured,
    tunnel_group_missing,
)
from netriage.facts.crypto.issues_hardening import (
    aggressive_mode_config,
    dpd_missing,
    psk_wildcards,
    weak_policies,
    weak_transforms,
)
from netriage.facts.crypto.issues_maps import (
    acl_problems,
    dynamic_map_order,
    ike_not_enabled,
    map_incomplete,
    maps_not_applied,
)

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts
    from netriage.facts.crypto.model import CryptoFacts


def _configuration(out: CryptoFacts, config: CryptoConfig | Unknown,
                   facts: DeviceFacts) -> None:
    if isinstance(config, Unknown):
        for name in ("ike_not_enabled", "map_not_applied", "map_two_on_interface",
                     "map_incomplete", "map_acl_missing", "acl_too_broad", "dynamic_map_order",
                     "tunnel_group_missing", "psk_missing_ios", "psk_not_configured",
                     "ikev2_auth_config", "weak_ike_policy", "weak_transform", "psk_wildcard",
                     "aggressive_mode_config", "dpd_missing", "identity_not_address",
                     "certificate_expired"):
            setattr(out, name, config)
        out.ike_disabled_ios = out.sysopt_permit_vpn_off = out.uses_certificates = config
        return
    out.ike_not_enabled = _attempt(lambda: ike_not_enabled(config))
    applied = _attempt(lambda: maps_not_applied(config))
    if isinstance(applied, Unknown):
        out.map_not_applied = out.map_two_on_interface = applied
    else:
        out.map_not_applied, out.map_two_on_interface = applied
    out.map_incomplete = _attempt(lambda: map_incomplete(config))
    acls = _attempt(lambda: acl_problems(config))
    if isinstance(acls, Unknown):
        out.map_acl_missing = out.acl_too_broad = acls
    else:
        out.map_acl_missing, out.acl_too_broad = acls
    out.dynamic_map_order = _attempt(lambda: dynamic_map_order(config))
    out.tunnel_group_missing = _attempt(lambda: tunnel_group_missing(config))
    psk = _attempt(lambda: psk_not_configured(config))
    if config.family == "cisco_ios":
        out.psk_missing_ios, out.psk_not_configured = psk, []
    else:
        out.psk_missing_ios, out.psk_not_configured = [], psk
    out.ikev2_auth_config = _attempt(lambda: ikev2_auth_config(config))
    out.weak_ike_policy = _attempt(lambda: weak_policies(config, facts.device))
    out.weak_transform = _attempt(lambda: weak_transforms(config, facts.device))
    out.psk_wildcard = _attempt(lambda: psk_wildcards(config))
    out.aggressive_mode_config = _attempt(lambda: aggressive_mode_config(config))
    out.dpd_missing = _attempt(lambda: dpd_missing(config))
    out.identity_not_address = _attempt(lambda: identity_not_address(config))
    if config.family == "cisco_ios":
        out.ike_disabled_ios = _attempt(lambda: (config.need("isakmp"),
                                                 config.isakmp_disabled)[1])
        out.sysopt_permit_vpn_off = False
    else:
        out.ike_disabled_ios = False
        out.sysopt_permit_vpn_off = _attempt(lambda: (config.need("sysopt"),
                                                      not config.sysopt_permit_vpn)[1])
    out.uses_certificates = _attempt(lambda: _uses_certificates(config))
    out.certificate_expired = _attempt(lambda: _expired(facts, config))


def _uses_certificates(config: CryptoConfig) -> bool:
    config.need("ikev1", "ikev2", "tunnel-group" if config.family != "cisco_ios" else "isakmp")
    if any(g.certificate_auth for g in config.tunnel_groups):
        return True
    # IOS IKEv2 profiles: `authentication local rsa-sig` / `ecdsa-sig`
    if any(a.endswith("-sig") for p in config.ikev2_profiles for a in (p.auth_local,
                                                                         p.auth_remote)):
        return True
    return any("rsa-sig" in p.authentication for p in config.policies)


def _expired(facts: DeviceFacts, config: CryptoConfig) -> list[Issue]:
    if not _uses_certificates(config):
        return []
    certs = certificates(facts.device, facts.family)
    return [Issue(detail=f"{c.kind} {c.subject}".strip(), other=c.trustpoints or "<trustpoint>",
                  text=c.end, state=c.status)
            for c in certs if c.expired]


def _explained_by_config(out: CryptoFacts, config: CryptoConfig | Unknown) -> set[str]:
    """Peers whose tunnel a configuration fault already explains."""
    if isinstance(config, Unknown):
        return set()
    peers: set[str] = set()
    if out.ike_disabled_ios is True:  # nothing negotiates at all
        return {config.resolve(p) for e in config.all_entries() for p in e.peers}
    interfaces = {i.interface for i in _items(out.ike_not_enabled)}
    unapplied = {i.map for i in _items(out.map_not_applied) + _items(out.map_two_on_interface)}
    incomplete = {(i.map, i.seq) for i in _items(out.map_incomplete) + _items(
        out.map_acl_missing)}
    for crypto_map in config.maps:
        for entry in crypto_map.entries:
            if (crypto_map.name in unapplied or (crypto_map.name, str(entry.seq)) in incomplete
                    or set(crypto_map.interfaces) & interfaces):
                peers |= {config.resolve(p) for p in entry.peers}
    for name in ("tunnel_group_missing", "psk_missing_ios", "psk_not_configured",
                 "ikev2_auth_config"):
        peers |= {i.peer for i in _items(getattr(out, name))}
    if _items(out.certificate_expired):
        peers |= _certificate_peers(config)
    return peers


def _certificate_peers(config: CryptoConfig) -> set[str]:
    """Peers that authenticate with certificates: an expired one explains their tunnel."""
    peers = {config.resolve(g.name) for g in config.tunnel_groups if g.certificate_auth}
    signed = {p.name for p in config.ikev2_profiles
              if p.auth_local.endswith("-sig") or p.auth_remote.endswith("-sig")}
    # IOS IKEv1: only when every policy signs (a pre-share policy may be the one chosen)
    rsa_v1 = bool(config.policies) and all("rsa-sig" in p.authentication
                                           for p in config.policies)
    for entry in config.all_entries():
        if entry.ikev2_profile in signed or (rsa_v1 and not entry.ikev2_profile
                                             and config.family == "cisco_ios"):
            peers |= {config.resolve(p) for p in entry.peers}
    return peers
