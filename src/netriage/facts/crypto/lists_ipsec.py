"""The IPsec (phase 2) lists of the `crypto` fact: phase 1 up without an SA and why, rekey
trouble, one-way SAs and their likely cause (NAT-T, routing, NAT), error counters, MTU, and
configured peers that never saw traffic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netriage.engine.expr import Unknown
from netriage.facts.crypto.config import CryptoConfig
from netriage.facts.crypto.issues import (
    Issue,
    _first_permit,
    _from_events,
    _items,
    _net_mask,
    _sorted,
    by_peer,
    counter_issue,
    entry_issue,
    ike_issue,
)
from netriage.facts.crypto.issues_maps import static_entries
from netriage.facts.crypto.lists_config import _explained_by_config
from netriage.facts.crypto.log import LogEvent
from netriage.facts.crypto.route_nat import nat_translates, routes_to
from netriage.facts.crypto.sa import IkeSa, IpsecSa

if TYPE_CHECKING:
    from netriage.facts.crypto.model import CryptoFacts


# A handful of send errors while an SA is being built is normal; past this, look.
SEND_ERRORS_NOTABLE = 10
_IPSEC_LISTS = ("p1_up_no_p2", "proxy_id_mismatch", "transform_mismatch", "pfs_mismatch",
                "ts_unacceptable", "lifetime_mismatch", "rekey_trouble", "encaps_no_decaps",
                "nat_t_blocked", "nat_t_disabled", "invalid_spi", "decaps_no_encaps",
                "encaps_zero_nat", "encaps_zero_route", "no_traffic", "send_errors",
                "recv_errors", "replay_failures", "mtu_fragmentation")
_P2_CAUSES = (("proxy_id_mismatch", "proxy-id"), ("ts_unacceptable", "ts"),
              ("pfs_mismatch", "pfs"), ("transform_mismatch", "transform"))


class _Lists:
    """Issue lists being built: the first issue for a key wins (one per peer or SA)."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.items: dict[str, dict[tuple[str, ...], Issue]] = {name: {} for name in names}

    def add(self, name: str, key: tuple[str, ...], issue: Issue) -> None:
        self.items[name].setdefault(key, issue)

    def has_peer(self, name: str, peer: str) -> bool:
        return any(key[0] == peer for key in self.items[name])


def _ipsec_issues(out: CryptoFacts, config: CryptoConfig | Unknown, ike: list[IkeSa] | Unknown,
                  ipsec: list[IpsecSa] | Unknown, events: list[LogEvent], *,
                  standby: bool = False) -> None:
    """`standby`: the unit is the standby of a failover pair (its `show failover` says so). It
    passes no traffic by design, so an idle SA or a peer with no SA is no finding there."""
    if isinstance(ipsec, Unknown):
        for name in _IPSEC_LISTS:
            setattr(out, name, ipsec)
        for name, cause in (*_P2_CAUSES, ("invalid_spi", "invalid-spi"),
                            ("lifetime_mismatch", "lifetime")):
            setattr(out, name, _from_events(events, cause))
        return
    lists = _Lists(_IPSEC_LISTS)
    logged = by_peer(events)
    if not isinstance(ike, Unknown):
        _phase2_missing(lists, ike, ipsec, logged)
    for name, cause in (*_P2_CAUSES, ("lifetime_mismatch", "lifetime")):
        for issue in _from_events(events, cause):
            if not lists.has_peer(name, issue.peer):
                lists.add(name, (issue.peer,), issue)
    peers = {e.peer for e in events if e.cause == "delete"} | {
        i.peer for i in _items(out.ikev2_delete)}
    for peer in sorted(p for p in peers if p):
        lists.add("rekey_trouble", (peer,), Issue(peer=peer))
    manual = _manual_peers(config)
    nat_t_off = _nat_t_off(config)
    for sa in ipsec:
        if sa.established and sa.peer not in manual:  # failed manual SAs: crypto-manual
            _sa_counters(lists, sa, config, logged.get(sa.peer, set()), nat_t_off)
    for issue in _from_events(events, "invalid-spi"):
        if issue.peer not in manual and not lists.has_peer("invalid_spi", issue.peer):
            lists.add("invalid_spi", (issue.peer,), issue)
    if not isinstance(ike, Unknown) and not isinstance(config, Unknown):
        _idle_entries(lists, config, ike, ipsec, _explained_by_config(out, config))
    if standby:
        lists.items["no_traffic"].clear()
    acls = _entry_acls(config)
    for name in _IPSEC_LISTS:
        for issue in lists.items[name].values():
            issue.acl = issue.acl or acls.get((issue.map, issue.seq)) or acls.get(
                (issue.map, issue.peer), "")
        setattr(out, name, _sorted(lists.items[name].values()))


def _phase2_missing(lists: _Lists, ike: list[IkeSa], ipsec: list[IpsecSa],
                    logged: dict[str, set[str]]) -> None:
    """Phase 1 up and no IPsec SA: a message names the cause, else the symptom is listed."""
    established = {sa.peer for sa in ipsec if sa.established}
    for sa in ike:
        if not sa.established or sa.type.lower() == "user" or sa.peer in established:
            continue
        if sa.version == "ikev2" and sa.children:
            continue
        causes = logged.get(sa.peer, set())
        name = next((n for n, cause in _P2_CAUSES if cause in causes), "p1_up_no_p2")
        lists.add(name, (sa.peer,), ike_issue(sa))


def _sa_counters(lists: _Lists, sa: IpsecSa, config: CryptoConfig | Unknown,
                 causes: set[str], nat_t_off: dict[str, str]) -> None:
    """One SA block's counters; the most specific cause of a one-way SA wins."""
    key = (sa.peer, sa.local_net, sa.remote_net, sa.outbound_spi)
    if "invalid-spi" in causes and sa.decaps == 0:
        lists.add("invalid_spi", (sa.peer,), counter_issue(sa))
    elif sa.encaps > 0 and sa.decaps == 0:
        if sa.nat_t:
            lists.add("nat_t_blocked", key, counter_issue(sa, count=sa.encaps))
        elif sa.peer in nat_t_off or "*" in nat_t_off:
            fix = nat_t_off.get(sa.peer, nat_t_off.get("*", ""))
            undo = fix[3:] if fix.startswith("no ") else "no " + fix.removesuffix(" 20")
            lists.add("nat_t_disabled", key, counter_issue(sa, count=sa.encaps, command=fix,
                                                           undo=undo))
        else:
            lists.add("encaps_no_decaps", key, counter_issue(sa, count=sa.encaps))
    elif sa.encaps == 0:
        cause = _why_no_encaps(config, sa)
        if cause == "route":
            lists.add("encaps_zero_route", key, counter_issue(
                sa, other=_route_interface(config, sa), count=sa.decaps))
        elif cause == "nat":
            nat_acl = next((r.source for r in config.nat_rules if r.kind == "acl"), "") if \
                not isinstance(config, Unknown) else ""
            lists.add("encaps_zero_nat", key, counter_issue(
                sa, count=sa.decaps, other=nat_acl or "<nat-acl>"))
        elif sa.decaps > 0:
            lists.add("decaps_no_encaps", key, counter_issue(sa, count=sa.decaps))
        else:
            lists.add("no_traffic", key, counter_issue(sa))
    if sa.send_errors >= SEND_ERRORS_NOTABLE:
        lists.add("send_errors", key, counter_issue(sa, count=sa.send_errors))
    if sa.recv_errors > 0 or sa.verify_failed > 0 or "recv-errors" in causes:
        lists.add("recv_errors", key, counter_issue(
            sa, count=max(sa.recv_errors, sa.verify_failed)))
    if sa.replay_failed > 0 or "replay" in causes:
        lists.add("replay_failures", key, counter_issue(sa, count=sa.replay_failed))
    if sa.invalid_sa > 0 and "invalid-spi" not in causes:
        lists.add("invalid_spi", (sa.peer,), counter_issue(sa, count=sa.invalid_sa))
    lowered = bool(sa.path_mtu and sa.media_mtu and sa.path_mtu < sa.media_mtu)
    if sa.prefrag_failures > 0 or sa.pmtus_received > 0 or lowered:
        lists.add("mtu_fragmentation", key, counter_issue(
            sa, count=sa.prefrag_failures or sa.pmtus_received,
            # `other`: the path MTU only when it is the symptom (evidence selects it)
            other=str(sa.path_mtu) if lowered else "-",
            detail=f"path mtu {sa.path_mtu}, media/ip mtu {sa.media_mtu}, "
                   f"{sa.prefrag_failures} pre-fragmentation failures, "
                   f"{sa.pmtus_received} PMTU messages received"))


def _idle_entries(lists: _Lists, config: CryptoConfig, ike: list[IkeSa], ipsec: list[IpsecSa],
                  explained: set[str]) -> None:
    """Configured peers with no SA at all (IKE known): traffic never triggered them."""
    # IOS prints a block (SPI 0) for every configured peer: only a real SA is activity
    active = {sa.peer for sa in ike} | {sa.peer for sa in ipsec if sa.established}
    for entry in static_entries(config):
        for peer in entry.peers:
            address = config.resolve(peer)
            if address in active or address in explained or entry.manual:
                continue
            ace = _first_permit(config, entry.acl)
            issue = entry_issue(entry, peer=address)
            if ace is not None:
                issue.local_net, issue.local_mask = _net_mask(ace.source_net)
                issue.remote_net, issue.remote_mask = _net_mask(ace.destination_net)
            lists.add("no_traffic", (address, entry.map, str(entry.seq)), issue)


def _entry_acls(config: CryptoConfig | Unknown) -> dict[tuple[str, str], str]:
    """(map, seq) and (map, peer) -> crypto ACL: SA blocks name the map, IOS not the seq."""
    if isinstance(config, Unknown):
        return {}
    out: dict[tuple[str, str], str] = {}
    for entry in config.all_entries():
        out[(entry.map, str(entry.seq))] = entry.acl
        for peer in entry.peers:
            out.setdefault((entry.map, config.resolve(peer)), entry.acl)
    return out


def _nat_t_off(config: CryptoConfig | Unknown) -> dict[str, str]:
    """Peers for which NAT-T is off: {"*": fix} when globally, {peer: fix} per map entry."""
    if isinstance(config, Unknown):
        return {}
    off: dict[str, str] = {}
    if not config.nat_traversal:
        off["*"] = ("crypto ipsec nat-transparency udp-encapsulation"
                    if config.family == "cisco_ios" else "isakmp nat-traversal 20"
                    if config.pix6 else "crypto isakmp nat-traversal 20")
    for entry in config.all_entries():
        if entry.nat_t_disabled:
            for peer in entry.peers:
                off[config.resolve(peer)] = f"no crypto map {entry.map} {entry.seq} set " \
                                            "nat-t-disable"
    return off


def _manual_peers(config: CryptoConfig | Unknown) -> set[str]:
    if isinstance(config, Unknown):
        return set()
    return {config.resolve(p) for e in config.all_entries() if e.manual for p in e.peers}


def _why_no_encaps(config: CryptoConfig | Unknown, sa: IpsecSa) -> str:
    if isinstance(config, Unknown):
        return ""
    egress = _route_interface(config, sa)
    if egress and egress != config.nameif_of(sa.interface):
        return "route"
    try:
        config.need("nat")
    except Unknown:
        return ""
    if not sa.local_net or not sa.remote_net:
        return ""
    # the proxy pair as networks: the bare addresses would be hosts and match the wrong rules
    local = f"{sa.local_net}/{sa.local_mask}" if sa.local_mask else sa.local_net
    remote = f"{sa.remote_net}/{sa.remote_mask}" if sa.remote_mask else sa.remote_net
    ingress = ""
    if config.family != "cisco_ios" and "/" in local:
        try:
            config.need("route", "interface")
            ingress = routes_to(config, local) or ""
        except Unknown:
            ingress = ""
    egress = config.nameif_of(sa.interface) if sa.interface else ""
    translated = nat_translates(config, local, remote, egress=egress, ingress=ingress)
    return "nat" if translated else ""


def _route_interface(config: CryptoConfig | Unknown, sa: IpsecSa) -> str:
    if isinstance(config, Unknown) or not sa.remote_net:
        return ""
    try:
        config.need("route", "interface")
    except Unknown:
        return ""
    return routes_to(config, sa.remote_net) or ""
