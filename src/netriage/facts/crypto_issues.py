"""What is wrong with IPsec on one device: configuration faults, stuck negotiations, one-way
SAs, each as an `Issue` naming the peer, map entry, interface, ACL ... a fix needs.

One root cause is reported once: a peer whose tunnel cannot come up because IKE is not
enabled on its interface, its map is not applied, its tunnel-group or key is missing, is
*explained*, and the symptom lists (stuck in MM_WAIT_MSG2, no IPsec SA ...) leave it out.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from netriage.engine.expr import Unknown
from netriage.facts.crypto_acl import Ace, network
from netriage.facts.crypto_config import CryptoConfig, MapEntry
from netriage.facts.crypto_log import LogEvent
from netriage.facts.crypto_sa import IkeSa, IpsecSa


@dataclass
class Issue:
    """One instance of a fault; the fields are what the finding's text and fix need."""

    peer: str = ""
    map: str = ""
    seq: str = ""
    interface: str = ""  # ASA nameif / IOS interface
    acl: str = ""
    transform: str = ""  # transform set or IKEv2 proposal name
    state: str = ""
    role: str = ""
    version: str = ""  # ikev1 / ikev2
    detail: str = ""  # what is wrong, in words
    command: str = ""  # a ready configuration line for the fix
    undo: str = ""  # the line that puts it back
    other: str = ""  # a second name/address (unexpected peer, target map, dynamic map)
    local_net: str = ""
    local_mask: str = ""
    remote_net: str = ""
    remote_mask: str = ""
    spi: str = ""
    count: int = 0
    text: str = ""  # a line (config or message) to select as evidence
    local_address: str = ""  # our address on the map's interface
    inside: str = ""  # the interface towards the local network
    profile: str = ""  # IOS IKEv2 profile of the peer's entry

    @property
    def local_wildcard(self) -> str:
        return _wildcard(self.local_mask)

    @property
    def remote_wildcard(self) -> str:
        return _wildcard(self.remote_mask)


def _wildcard(mask: str) -> str:
    try:
        return ".".join(str(255 - int(o)) for o in mask.split("."))
    except ValueError:  # a <placeholder>
        return mask.replace("mask", "wildcard")


def _sorted(issues: Iterable[Issue]) -> list[Issue]:
    return sorted(issues, key=lambda i: (i.map, _seq(i.seq), i.peer, i.interface, i.text))


def _seq(seq: str) -> int:
    return int(seq) if seq.isdigit() else 0


def entry_issue(entry: MapEntry, **fields: str | int) -> Issue:
    base: dict[str, str | int] = {"map": entry.map, "seq": str(entry.seq), "peer": entry.peer,
                                  "acl": entry.acl}
    base.update(fields)
    return Issue(**base)  # type: ignore[arg-type]


# -- configuration --------------------------------------------------------------------------
def static_entries(config: CryptoConfig) -> list[MapEntry]:
    """Entries that name a peer to build a tunnel to (not dynamic, not manual-only)."""
    return [e for e in config.all_entries() if e.kind != "dynamic" and not e.is_dynamic_template]


def ike_not_enabled(config: CryptoConfig) -> list[Issue]:
    """ASA: a map bound to an interface whose entries need an IKE version not enabled there."""
    if config.family == "cisco_ios":
        return []
    config.need("crypto-map", "ikev1", "ikev2")
    issues: dict[tuple[str, str], Issue] = {}
    for crypto_map in config.maps:
        wanted: list[set[str]] = []  # per entry: the IKE versions it can use
        for entry in crypto_map.entries:
            if entry.manual:
                continue  # manual keying needs no IKE
            versions = set(entry.ike_versions)
            if entry.kind == "dynamic":
                dynamic = next((m for m in config.dynamic_maps if m.name == entry.dynamic_map),
                               None)
                for template in dynamic.entries if dynamic else []:
                    versions |= template.ike_versions
            wanted.append(versions or {"ikev1"})
        if not wanted:
            continue
        for interface in crypto_map.interfaces:
            enabled = config.ike_enabled.get(interface, set())
            for versions in wanted:
                if versions & enabled:
                    continue  # ASA tries IKEv2 first and falls back to IKEv1
                for version in sorted(versions):
                    command = (f"isakmp enable {interface}" if config.pix6 else
                               f"crypto isakmp enable {interface}"
                               if config.legacy_isakmp and version == "ikev1"
                               else f"crypto {version} enable {interface}")
                    issues.setdefault((interface, version), Issue(
                        map=crypto_map.name, interface=interface, version=version,
                        command=command, undo=f"no {command}",
                        text=f"crypto map {crypto_map.name} interface {interface}"))
    return _sorted(issues.values())


def maps_not_applied(config: CryptoConfig) -> tuple[list[Issue], list[Issue]]:
    """(maps applied nowhere, maps displaced by another map on the same interface)."""
    if config.family == "cisco_ios":
        config.need("crypto-map", "interface")
    else:
        config.need("crypto-map")
    not_applied, displaced = [], []
    bound_per_interface: dict[str, list[str]] = {}
    for name, interface in config.map_bindings:
        bound_per_interface.setdefault(interface, []).append(name)
    for interface, names in bound_per_interface.items():
        for name in names[:-1]:  # a later binding replaces the earlier one
            if name != names[-1]:
                displaced.append(Issue(map=name, interface=interface, other=names[-1],
                                       detail="replaced by a later binding"))
    applied = [m for m in config.maps if m.interfaces]
    for crypto_map in config.maps:
        if crypto_map.interfaces or not crypto_map.entries:
            continue
        peers = [e.peer for e in crypto_map.entries if e.peer]
        target = next((m for m in applied if m.name != crypto_map.name), None)
        if target is not None and peers:
            # the usual story: a second map was bound to the interface and replaced this one;
            # each entry moves into the bound map under a free sequence number
            free = max((e.seq for e in target.entries), default=0)
            for entry in crypto_map.entries:
                if not entry.peer:
                    continue
                free += 10
                ikev2_only = bool(entry.ikev2_proposals) and not entry.transform_sets
                names = " ".join(entry.transform_sets or entry.ikev2_proposals)
                displaced.append(entry_issue(
                    entry, other=target.name, interface=target.interfaces[0], count=free,
                    transform=names, command=(f"set ikev2 ipsec-proposal {names}" if ikev2_only
                                              else f"set ikev1 transform-set {names}")))
        else:
            facing = next((routes_to(config, p) for p in peers if routes_to(config, p)), None)
            not_applied.append(Issue(map=crypto_map.name, peer=", ".join(peers),
                                     seq=str(crypto_map.entries[0].seq),
                                     interface=facing or _outside(config)))
    return _sorted(not_applied), _sorted(displaced)


def _outside(config: CryptoConfig) -> str:
    names = [i.nameif or i.name for i in config.interfaces]
    return "outside" if "outside" in names or config.family != "cisco_ios" else "<outside-if>"


def map_incomplete(config: CryptoConfig) -> list[Issue]:
    """One issue per missing part, with the line that adds it (placeholders only for what
    the configuration cannot know: which ACL, which peer)."""
    config.need("crypto-map", "dynamic-map", "ipsec")
    issues = []
    ios = config.family == "cisco_ios"
    for entry in config.all_entries() + [e for m in config.dynamic_maps for e in m.entries]:
        if entry.kind == "dynamic":
            continue
        head = f"crypto {'dynamic-map' if entry.is_dynamic_template else 'map'} " \
               f"{entry.map} {entry.seq}"
        transform_line = "set transform-set" if ios or config.pix6 else "set ikev1 transform-set"
        missing: list[tuple[str, str]] = []  # (what, line that adds it)
        if not entry.is_dynamic_template and not entry.acl:
            missing.append(("match address", "match address <acl>"))
        if not entry.is_dynamic_template and not entry.peers:
            missing.append(("set peer", "set peer <peer>"))
        if not (entry.transform_sets or entry.ikev2_proposals):
            missing.append(("transform set", f"{transform_line} <transform-set>"))
        for name in entry.transform_sets + entry.ikev2_proposals:
            if config.transform_set(name) is None:
                missing.append((f"transform set {name} (not defined)",
                                f"{transform_line} <defined transform-set>"))
        if entry.manual:
            directions = {k.direction for k in entry.session_keys}
            missing += [(f"session-key {d}", f"set session-key {d} esp <spi> cipher <hex> "
                                             "authenticator <hex>")
                        for d in ("inbound", "outbound") if d not in directions]
        for what, line in missing:
            command = f" {line}" if ios else f"{head} {line}"
            issues.append(entry_issue(entry, detail=what, command=command,
                                      undo=f" no {line.split(' <')[0]}" if ios
                                      else f"no {head} {line.split(' <')[0]}",
                                      other=head, text=entry.kind or "ipsec-isakmp"))
    return _sorted(issues)


def acl_problems(config: CryptoConfig) -> tuple[list[Issue], list[Issue]]:
    """(ACLs missing or without a permit, ACLs that select far too much)."""
    config.need("crypto-map", "access-list")
    missing, broad = [], []
    for entry in config.all_entries() + [e for m in config.dynamic_maps for e in m.entries]:
        if not entry.acl:
            continue
        acl = config.acls.get(entry.acl)
        if acl is None or not acl.permits:
            missing.append(entry_issue(entry, detail="not defined" if acl is None
                                       else "has no permit line"))
            continue
        for ace in acl.permits:
            if _too_broad(ace):
                broad.append(entry_issue(entry, detail=ace.text, text=ace.text))
    return _sorted(missing), _sorted(broad)


def _too_broad(ace: Ace) -> bool:
    if ace.protocol not in ("ip", "0", "ipv4"):
        return False  # `permit gre host A host B` (GRE over IPsec) selects one flow
    return ace.selects_any_destination


def dynamic_map_order(config: CryptoConfig) -> list[Issue]:
    config.need("crypto-map")
    issues = []
    for crypto_map in config.maps:
        statics = [e.seq for e in crypto_map.entries if e.kind != "dynamic"]
        for entry in crypto_map.entries:
            if entry.kind == "dynamic" and statics and entry.seq < max(statics):
                issues.append(entry_issue(entry, other=entry.dynamic_map,
                                          count=max(max(statics) + 1, 65535),
                                          detail=f"static entries up to {max(statics)} follow"))
    return _sorted(issues)


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
                       config.family != "cisco_ios" else "crypto isakmp policy"
                       if config.family == "cisco_ios" or config.legacy_isakmp
                       else "crypto ikev1 policy")
            name = policy.name or str(policy.priority)
            issues.append(Issue(version=policy.version, seq=name, detail=", ".join(weak),
                                command=f"{keyword} {name}", text=f"{keyword} {name}"))
    for proposal in config.ikev2_proposals:
        if proposal.weak:
            issues.append(Issue(version="ikev2", seq=proposal.name,
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
            issues.setdefault((entry.map, str(entry.seq)), entry_issue(
                entry, detail=f"set pfs {entry.pfs}", other="pfs"))
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


def identity_not_address(config: CryptoConfig) -> list[Issue]:
    config.need("isakmp")
    if config.identity in ("hostname", "key-id", "dn", "fqdn"):
        keyword = "isakmp identity" if config.pix6 else "crypto isakmp identity"
        return [Issue(detail=f"identity {config.identity}", text=f"{keyword} {config.identity}",
                      command=f"{keyword} address", undo=f"{keyword} {config.identity}")]
    return []


# -- SA tables ------------------------------------------------------------------------------
def by_peer(events: list[LogEvent]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for event in events:
        out.setdefault(event.peer, set()).add(event.cause)
    return out


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


def counter_issue(sa: IpsecSa, **fields: str | int) -> Issue:
    base: dict[str, str | int] = {
        "peer": sa.peer, "map": sa.map, "seq": sa.seq, "interface": sa.interface,
        "local_net": sa.local_net, "local_mask": sa.local_mask, "remote_net": sa.remote_net,
        "remote_mask": sa.remote_mask, "spi": sa.outbound_spi, "version": sa.ike}
    base.update(fields)
    return Issue(**base)  # type: ignore[arg-type]


def ike_issue(sa: IkeSa, **fields: str | int) -> Issue:
    base: dict[str, str | int] = {"peer": sa.peer, "state": sa.state, "role": sa.role,
                                  "version": sa.version, "detail": sa.stage}
    base.update(fields)
    return Issue(**base)  # type: ignore[arg-type]


def unknown_list(error: Unknown) -> Unknown:
    return Unknown(error.reason, error.commands)
