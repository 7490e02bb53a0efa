"""Crypto map faults in the configuration: IKE not enabled where a map is bound, maps applied
nowhere or displaced by another map, entries missing a part, crypto ACLs missing or far too
broad, a dynamic entry ahead of static ones.
"""

from __future__ import annotations

from netriage.facts.crypto.acl import Ace
from netriage.facts.crypto.acl_networks import fill_networks
from netriage.facts.crypto.config import CryptoConfig, MapEntry
from netriage.facts.crypto.issues import Issue, _sorted, entry_issue
from netriage.facts.crypto.route_nat import routes_to


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
                                              else f"set transform-set {names}"
                                              if config.pix6 or config.legacy_isakmp
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
        # `ikev1` entered the crypto map syntax with ASA 8.4: PIX and the ASA before it
        # (`crypto isakmp`) type `set transform-set`
        transform_line = ("set transform-set" if ios or config.pix6 or config.legacy_isakmp
                          else "set ikev1 transform-set")
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
                                f"{transform_line} <defined-transform-set>"))
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
            issue = entry_issue(entry, detail="not defined" if acl is None
                                else "has no permit line")
            fill_networks(issue, config, entry)
            missing.append(issue)
            continue
        for ace in acl.permits:
            if _too_broad(ace):
                issue = entry_issue(entry, detail=ace.text, text=ace.text)
                local = ace.source_net if ace.source_net and ace.source_net.prefixlen else None
                fill_networks(issue, config, entry, local)
                broad.append(issue)
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


def maps_incomplete_shown(records: list[dict]) -> list[Issue]:
    """Entries IOS `show crypto map` itself calls incomplete ("WARNING: This crypto map is in
    an incomplete state! (missing peer or access-list definitions)"): the device's own verdict,
    read even when no configuration was captured. The parts missing are named from the entry
    as printed (no peer line, no ACL), else left to the warning's words."""
    issues = []
    for r in records:
        if not r.get("incomplete") or not r.get("seq"):
            continue
        missing = [what for what, absent in (("set peer", not r.get("peers")),
                                             ("match address", not r.get("acl_name")),
                                             ("transform set", not r.get("transform_sets")))
                   if absent]
        line = {"set peer": "set peer <peer>", "match address": "match address <acl>",
                "transform set": "set transform-set <transform-set>"}
        for what in missing or ["peer or access-list definitions"]:
            issues.append(Issue(map=str(r.get("map_name", "")), seq=str(r["seq"]), detail=what,
                                command=f" {line.get(what, 'set peer <peer>')}",
                                undo=f" no {line.get(what, 'set peer').split(' <')[0]}",
                                other=f"crypto map {r.get('map_name', '')} {r['seq']}",
                                text=str(r.get("map_type", "")) or "ipsec-isakmp"))
    return _sorted(issues)
