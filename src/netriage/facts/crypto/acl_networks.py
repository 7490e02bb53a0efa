"""The networks a crypto ACL fix should name, read from the configuration.

A broad crypto ACL (`permit ip object LAN-HQ any4`) or a missing one is fixed with a line
naming the local and remote networks. The configuration often holds them: the broad line's
own source, and the NAT exemption (`nat (in,out) source static L L destination static R R`)
written for this tunnel. An exemption belongs to this entry only when no other map entry's
ACL already selects its remote network; when none or several are left, the fix keeps a named
<placeholder>: the capture does not say which networks the tunnel is for.
"""

from __future__ import annotations

from typing import Any

from netriage.facts.crypto.config import CryptoConfig, MapEntry
from netriage.facts.crypto.issues import Issue
from netriage.facts.crypto.route_nat import _object_nets

_PLACEHOLDERS = {"local_net": "<local-net>", "local_mask": "<local-mask>",
                 "remote_net": "<remote-net>", "remote_mask": "<remote-mask>"}


def _single(config: CryptoConfig, name: str) -> Any | None:
    nets = _object_nets(config, name) if name else None
    if nets is None or len(nets) != 1 or nets[0].prefixlen == 0:
        return None
    return nets[0]


def _exemptions(config: CryptoConfig) -> list[tuple[Any, Any]]:
    """(local, remote) network of each identity NAT that names one network on each side."""
    pairs = []
    for rule in config.nat_rules:
        if rule.kind == "acl":  # IOS `source list` (deny = exempt), ASA `nat 0` (permit = exempt)
            acl = config.acls.get(rule.source)
            exempt = "deny" if rule.acl_permit_translates else "permit"
            pairs += [(a.source_net, a.destination_net) for a in (acl.aces if acl else [])
                      if a.action == exempt and a.source_net and a.destination_net
                      and a.source_net.prefixlen and a.destination_net.prefixlen]
            continue
        if rule.kind != "exempt" or not rule.destination or rule.partial:
            continue
        local, remote = _single(config, rule.source), _single(config, rule.destination)
        if local is not None and remote is not None:
            pairs.append((local, remote))
    return pairs


def _selected_elsewhere(config: CryptoConfig, entry: MapEntry) -> list[Any]:
    """Remote networks the ACLs of the other map entries select."""
    out = []
    for other in config.all_entries():
        if other is entry or not other.acl:
            continue
        acl = config.acls.get(other.acl)
        for ace in acl.permits if acl is not None else []:
            if ace.destination_net is not None and ace.destination_net.prefixlen:
                out.append(ace.destination_net)
    return out


def fill_networks(issue: Issue, config: CryptoConfig, entry: MapEntry,
                  local: Any | None = None) -> None:
    """Set the issue's local/remote network and mask from the configuration, or placeholders."""
    taken = _selected_elsewhere(config, entry)
    candidates = {(lo, re) for lo, re in _exemptions(config)
                  if (local is None or lo == local)
                  and not any(re.overlaps(t) for t in taken if t.version == re.version)}
    if local is not None:
        issue.local_net, issue.local_mask = str(local.network_address), str(local.netmask)
    if len(candidates) == 1:
        (lo, re), = candidates
        if local is None:
            issue.local_net, issue.local_mask = str(lo.network_address), str(lo.netmask)
        issue.remote_net, issue.remote_mask = str(re.network_address), str(re.netmask)
    for name, placeholder in _PLACEHOLDERS.items():
        if not getattr(issue, name):
            setattr(issue, name, placeholder)
