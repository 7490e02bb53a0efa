"""Risks in a configuration that works: weak IKE policies and transform sets, wildcard
pre-shared keys, aggressive mode left enabled, peers without dead peer detection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netriage.facts.crypto.config import CryptoConfig, IkePolicy, MapEntry
from netriage.facts.crypto.issues import Issue, _sorted, entry_issue
from netriage.facts.crypto.issues_maps import static_entries
from netriage.facts.crypto.licence import WeakIssue, weak_issue
from netriage.facts.crypto.strength import Offers, device_offers

if TYPE_CHECKING:
    from netriage.capture.model import Device


def _policy_weak(config: CryptoConfig, policy: IkePolicy) -> list[str]:
    weak = list(policy.weak)
    if config.family == "cisco_ios" and policy.version == "ikev1":
        # IOS prints no line for a default: encryption DES and DH group 1
        weak += ["des (default)"] if not policy.encryption else []
        weak += ["group 1 (default)"] if not policy.groups else []
    return weak


def _improvable(weak: list[str], version: str, offers: Offers | None) -> list[str]:
    """The weak algorithms the release offers something stronger for (all of them when the
    release is not known: unknown is never healthy)."""
    return [w for w in weak if offers is None or not offers.ike_capped(version, w)]


def _capped_detail(improvable: list[str], weak: list[str], offers: Offers | None,
                   release: bool = True) -> str:
    """The weak algorithms to change, then what the release (`release`: IKE policies say it)
    or the licence caps and why."""
    capped = [w.removesuffix(" (default)") for w in weak if w not in improvable]
    if offers is None or not capped:
        return ", ".join(improvable)
    by_licence = [w for w in capped if offers.licence_capped(w)]
    by_release = [w for w in capped if w not in by_licence]
    parts = [", ".join(improvable)] if improvable else []
    if by_release and release:
        parts.append(f"{', '.join(by_release)} is the most {offers.label} offers")
    if by_licence:
        parts.append(f"{', '.join(by_licence)}: the licence ({offers.licence}) allows no "
                     "stronger cipher")
    return "; ".join(parts)


def _licensed(issue: Issue, offers: Offers | None, licence_only: bool = False) -> WeakIssue:
    if offers is None:
        return weak_issue(issue)
    return weak_issue(issue, offers.licence, licence_only, offers.licence_key)


def weak_policies(config: CryptoConfig, device: Device | None = None) -> list[Issue]:
    """IKE policies offering an algorithm the release could replace with a stronger one.

    An algorithm already the strongest of its kind on the release (DH group 5 on PIX 6.3/7.x)
    is left out: no configuration change raises it. When another policy with the same
    authentication is already as strong as the release allows, the issue names it
    (`existing`): the fix moves the peers to it instead of adding an equal policy.
    """
    config.need("ikev1", "ikev2")
    offers = device_offers(device)
    policies = sorted(config.policies, key=lambda p: (p.version, p.priority))
    keyword = {v: ("crypto ikev2 policy" if v == "ikev2" and config.family != "cisco_ios"
                   else "isakmp policy" if config.pix6
                   else "crypto isakmp policy"
                   if config.family == "cisco_ios" or config.legacy_isakmp
                   else "crypto ikev1 policy") for v in ("ikev1", "ikev2")}
    strong = [p for p in policies if not (config.family == "cisco_ios" and p.version == "ikev2")
              and not _improvable(_policy_weak(config, p), p.version, offers)]
    issues: list[Issue] = []
    for policy in policies:
        weak = _policy_weak(config, policy)
        improvable = _improvable(weak, policy.version, offers)
        # a DES-only unit: a weak cipher only the licence caps is still weak (its fix is the
        # licence), and nothing is "strong" to move the peers to
        licence_only = not improvable and offers is not None and any(
            offers.licence_capped(w) for w in weak)
        if not improvable and not licence_only:
            continue
        name = policy.name or str(policy.priority)
        command = f"{keyword[policy.version]} {name}"
        issue = _licensed(Issue(version=policy.version, seq=name,
                                detail=_capped_detail(improvable, weak, offers),
                                command=command, text=command,
                                auth=policy.authentication or "rsa-sig"), offers, licence_only)
        peer = None if licence_only else next(
            (p for p in strong if p.version == policy.version
             and p.authentication == policy.authentication), None)
        if peer is not None:
            issue.existing = peer.name or str(peer.priority)
            issue.existing_text = f"{keyword[peer.version]} {issue.existing}"
            lines = _policy_lines(config, policy, command)
            issue.undo = "\n".join(lines)
            # PIX 6 removes a policy one attribute line at a time
            issue.requeue = "\n".join(f"no {line}" for line in lines) if config.pix6 \
                else f"no {command}"
        issues.append(issue)
    issues += [weak_issue(i) for i in weak_ios_proposals(config)]  # IOS: no licence line
    return issues


def _policy_lines(config: CryptoConfig, policy: IkePolicy, command: str) -> list[str]:
    """The policy's configuration as the device takes it back (a rollback re-enters it)."""
    ios = config.family == "cisco_ios"
    values = [("authentication", policy.authentication),
              ("encryption", " ".join(c.replace("aes-", "aes ") if ios else c
                                      for c in policy.encryption)),
              ("integrity" if policy.version == "ikev2" else "hash", " ".join(policy.integrity)),
              ("group", " ".join(policy.groups)), ("prf", " ".join(policy.prf)),
              ("lifetime", ("seconds " if policy.version == "ikev2" and not ios else "")
               + policy.lifetime if policy.lifetime else "")]
    lines = [f"{key} {value}" for key, value in values if value]
    if config.pix6:  # one flat line per attribute
        return [f"{command} {line}" for line in lines]
    return [command, *(f" {line}" for line in lines)]


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


def weak_transforms(config: CryptoConfig, device: Device | None = None) -> list[Issue]:
    """Map entries offering a weak transform set / IKEv2 proposal or PFS group the release
    could replace with a stronger one (see `weak_policies` for what the release caps).

    When a set with exactly the algorithms the fix would define is configured, the issue
    names it (`existing`) and `requeue` is the entry's list with it first (or, when it
    already leads, without the weak set): the fix uses it instead of defining an equal one.
    Only tunnel-mode sets count, the mode every map entry here uses.
    """
    config.need("crypto-map", "dynamic-map", "ipsec")
    offers = device_offers(device)

    def improvable(weak: list[str]) -> list[str]:
        return [w for w in weak if offers is None or not offers.ipsec_capped(w)]

    issues: dict[tuple[str, str], Issue] = {}
    for entry in config.all_entries() + [e for m in config.dynamic_maps for e in m.entries]:
        for name in entry.transform_sets + entry.ikev2_proposals:
            transform = config.transform_set(name)
            if transform is None or (name, "") in issues:
                continue
            weak = improvable(transform.weak)
            # on a DES-only unit a set weak only in its cipher is fixed by the licence alone
            licence_only = not weak and offers is not None and any(
                offers.licence_capped(w) for w in transform.weak)
            if not weak and not licence_only:
                continue
            issue = _licensed(entry_issue(entry, transform=name,
                                          detail=_capped_detail(weak, transform.weak, offers,
                                                                release=False),
                                          version=transform.kind), offers, licence_only)
            if not licence_only:
                issue.existing, issue.requeue = _reuse_strong(config, entry, transform.kind,
                                                              name, offers)
            _name_des_set(config, issue)
            issues[(name, "")] = issue
        if entry.pfs in ("group1", "group2", "group5") and improvable([entry.pfs]) \
                and (entry.map, str(entry.seq)) not in issues:
            # an ASA entry negotiated over IKEv2 only gets its fix in ipsec-proposal terms
            ikev2_only = bool(entry.ikev2_proposals) and not entry.transform_sets
            issue = _licensed(entry_issue(entry, detail=f"set pfs {entry.pfs}", other="pfs",
                                          version="ikev2" if ikev2_only else ""), offers)
            issue.existing, issue.requeue = _reuse_strong(
                config, entry, "ikev2" if ikev2_only else "ikev1", "", offers)
            _name_des_set(config, issue)
            issues[(entry.map, str(entry.seq))] = issue
    return _sorted(issues.values())


_DES_SET = "NR-DES-SHA"


def _name_des_set(config: CryptoConfig, issue: WeakIssue) -> None:
    """On a DES-only unit the set a fix defines is esp-des esp-sha-hmac: named for that, not
    for the AES set the release's fix defines (fix_values keeps a name already given)."""
    if not issue.licence:
        return
    names = {t.name for t in config.transform_sets}
    name, n = _DES_SET, 2
    while name in names:
        name, n = f"{_DES_SET}-{n}", n + 1
    issue.new_set = name


def _reuse_strong(config: CryptoConfig, entry: MapEntry, kind: str, weak: str,
                  offers: Offers | None) -> tuple[str, str]:
    """Name a configured set (of the entry's kind) with exactly the algorithms the fix would
    define on this release, so the fix puts it first rather than defining an equal one;
    `weak` is the weak set ("" for PFS)."""
    if offers is None:
        return "", ""
    listed = entry.ikev2_proposals if kind == "ikev2" else entry.transform_sets
    equal = [t for t in config.transform_sets if t.kind == kind and t.mode == "tunnel"
             and offers.is_target(kind, t.transforms or t.encryption + t.integrity)]
    if not equal:
        return "", ""
    # one the entry lists already, else the first defined
    best = next((t for t in equal if t.name in listed), equal[0])
    rest = [n for n in listed if n != best.name]
    if weak and listed and listed[0] == best.name:
        rest = [n for n in rest if n != weak]  # it leads already: the weak one goes
    return best.name, " ".join([best.name, *rest])


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
