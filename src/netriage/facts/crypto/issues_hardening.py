"""Risks in a configuration that works: weak IKE policies and transform sets, wildcard
pre-shared keys, aggressive mode left enabled, peers without dead peer detection.
"""

from __future__ import annotations

from netriage.facts.crypto.config import CryptoConfig, MapEntry
from netriage.facts.crypto.issues import Issue, _sorted, entry_issue
from netriage.facts.crypto.issues_maps import static_entries


def weak_policies(config: CryptoConfig) -> list[Issue]:
    config.need("ikev1", "ikev2")
    issues = []
    for policy in sorted(config.policies, key=lambda p: (p.version, p.priority)):
        weak = list(policy.weak)
        if config.family == "cisco_ios" and policy.version == "ikev1":
            # IOS prints no line for a default: encryption DES and DH group 1
            weak += ["des (default)"] if not policy.encryption else []
            weak += ["group 1 (default)"] if not policy.groups else []
        if weak:
            keyword = ("crypto ikev2 policy" if policy.version == "ikev2" and
                       config.family != "cisco_ios" else "isakmp policy" if config.pix6
                       else "crypto isakmp policy"
                       if config.family == "cisco_ios" or config.legacy_isakmp
                       else "crypto ikev1 policy")
            name = policy.name or str(policy.priority)
            issues.append(Issue(version=policy.version, seq=name, detail=", ".join(weak),
                                command=f"{keyword} {name}", text=f"{keyword} {name}"))
    issues += weak_ios_proposals(config)
    return issues


_STRONG_PROPOSAL = "NR-PROP-AES256"


def weak_ios_proposals(config: CryptoConfig) -> list[Issue]:
    """IOS IKEv2 proposals with weak algorithms, one issue per policy that offers them.

    A proposal no `crypto ikev2 policy` lists is never negotiated, so only listed ones count.
    The fix adds a strong proposal to that policy and re-enters the policy's proposals after
    it (`requeue`), so the strong one is offered first and the rollback (`no proposal NEW`)
    leaves the list exactly as it was. `transform` marks the issue as a proposal.
    """
    names = {p.name for p in config.ikev2_proposals}
    new, n = _STRONG_PROPOSAL, 2
    while new in names:
        new, n = f"{_STRONG_PROPOSAL}-{n}", n + 1
    issues = []
    for proposal in config.ikev2_proposals:
        if not proposal.weak:
            continue
        for policy in config.policies:
            if policy.version != "ikev2" or proposal.name not in policy.proposals:
                continue
            requeue = "\n".join(f" {word}proposal {name}" for name in policy.proposals
                                 for word in ("no ", ""))
            issues.append(Issue(version="ikev2", seq=proposal.name, other=policy.name,
                                transform=proposal.name, new_set=new,
                                sets=" ".join(policy.proposals), requeue=requeue,
                                detail=", ".join(proposal.weak),
                                command=f"crypto ikev2 proposal {proposal.name}",
                                text=f"crypto ikev2 proposal {proposal.name}"))
    return issues


def weak_transforms(config: CryptoConfig) -> list[Issue]:
    config.need("crypto-map", "dynamic-map", "ipsec")
    issues: dict[tuple[str, str], Issue] = {}
    for entry in config.all_entries() + [e for m in config.dynamic_maps for e in m.entries]:
        for name in entry.transform_sets + entry.ikev2_proposals:
            transform = config.transform_set(name)
            if transform is not None and transform.weak:
                issues.setdefault((name, ""), entry_issue(
                    entry, transform=name, detail=", ".join(transform.weak),
                    version=transform.kind))
        if entry.pfs in ("group1", "group2", "group5"):
            # an ASA entry negotiated over IKEv2 only gets its fix in ipsec-proposal terms
            ikev2_only = bool(entry.ikev2_proposals) and not entry.transform_sets
            issues.setdefault((entry.map, str(entry.seq)), entry_issue(
                entry, detail=f"set pfs {entry.pfs}", other="pfs",
                version="ikev2" if ikev2_only else ""))
    return _sorted(issues.values())


def psk_wildcards(config: CryptoConfig) -> list[Issue]:
    if config.family == "cisco_ios":
        config.need("keys")
        return [Issue(peer=k.address, detail=f"keyring {k.keyring}" if k.keyring else "global",
                      other=k.keyring, text="0.0.0.0 0.0.0.0")
                for k in config.keys if k.wildcard]
    config.need("tunnel-group")
    default = config.tunnel_group("DefaultL2LGroup")
    if default is not None and default.ikev1_psk:
        return [Issue(peer="DefaultL2LGroup", detail="DefaultL2LGroup has a pre-shared key",
                      text="tunnel-group DefaultL2LGroup ipsec-attributes")]
    return []


def dpd_missing(config: CryptoConfig) -> list[Issue]:
    issues = []
    if config.family == "cisco_ios":
        # DPD is global on IOS (per IKE version): one issue each, naming the peers it leaves
        config.need("crypto-map", "isakmp", "ikev2")
        lacking: dict[str, list[MapEntry]] = {}
        for entry in static_entries(config):
            if entry.manual:
                continue
            if entry.ikev2_profile:
                profile = next((p for p in config.ikev2_profiles
                                if p.name == entry.ikev2_profile), None)
                if not config.ikev2_dpd and not (profile and profile.dpd):
                    lacking.setdefault("ikev2", []).append(entry)
            elif not config.keepalive:
                lacking.setdefault("ikev1", []).append(entry)
        for version, entries in sorted(lacking.items()):
            command = ("crypto ikev2 dpd 10 3 periodic" if version == "ikev2"
                       else "crypto isakmp keepalive 10 3 periodic")
            issues.append(Issue(peer=", ".join(e.peer for e in entries), map=entries[0].map,
                                version=version, command=command,
                                undo="no " + command.rsplit(" ", 3)[0]))
        return issues
    config.need("crypto-map", "tunnel-group")
    for entry in static_entries(config):
        for peer in entry.peers:
            group = config.tunnel_group(config.resolve(peer))
            if group is not None and group.keepalive_disabled:
                issues.append(entry_issue(entry, peer=config.resolve(peer)))
    return _sorted(issues)


def aggressive_mode_config(config: CryptoConfig) -> list[Issue]:
    """Aggressive mode left enabled where a pre-shared key could be exposed."""
    config.need("ikev1", "isakmp")
    if config.am_disabled:
        return []
    if config.family == "cisco_ios":
        uses_psk = bool(config.keys) and any("pre-share" in p.authentication
                                            for p in config.policies if p.version == "ikev1")
        command = "crypto isakmp aggressive-mode disable"
    else:
        config.need("tunnel-group")
        uses_psk = any(g.ikev1_psk for g in config.tunnel_groups) and any(
            "ikev1" in v for v in config.ike_enabled.values())
        command = ("isakmp am-disable" if config.pix6 else "crypto isakmp am-disable"
                   if config.legacy_isakmp else "crypto ikev1 am-disable")
    return [Issue(detail="aggressive mode is not disabled", command=command)] if uses_psk else []
