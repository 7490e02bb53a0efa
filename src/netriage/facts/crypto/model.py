"""The `crypto` fact: IPsec / IKE health of one device, as lists of issues the trees walk.

Built from the crypto configuration, the IKE and IPsec SA tables and any crypto messages in
logs or debug output. Each list is computed once; a list whose inputs were not captured (or
only partly, or filtered) holds `Unknown`, which the trees turn into an undecided check naming
the command to capture. Lists exclude what a root cause earlier in the trees already explains
(see `crypto_lists_config`). The lists are filled per area: `crypto_lists_config`,
`crypto_lists_ike`, `crypto_lists_ipsec`, `crypto_lists_manual`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, ClassVar

from netriage.engine.expr import Unknown
from netriage.facts.config import config_captured
from netriage.facts.crypto.commands import NO_CONFIG, logs_captured
from netriage.facts.crypto.listed import _items
from netriage.facts.crypto.sa_tables import _ike, _ipsec, maps_shown_incomplete
from netriage.facts.syslog_lines import collect

if TYPE_CHECKING:
    # Types only: the configuration model, the issues and the SA models are imported where
    # a device has something crypto to read (see `build_crypto`), not by every analysis.
    from netriage.capture.model import Device
    from netriage.facts import DeviceFacts
    from netriage.facts.crypto.config import CryptoConfig, MapEntry
    from netriage.facts.crypto.issues import Issue, IssueList
    from netriage.facts.crypto.log import LogEvent
    from netriage.facts.crypto.sa import IkeSa, IpsecSa


# The lists each area of `CryptoFacts` fills (see PARTIAL_READS) and the IKE tables.
_CONFIG_LISTS = (
    "ike_not_enabled", "ike_disabled_ios", "map_not_applied", "map_two_on_interface",
    "map_incomplete", "map_acl_missing", "acl_too_broad", "dynamic_map_order",
    "tunnel_group_missing", "psk_missing_ios", "psk_not_configured", "ikev2_auth_config",
    "weak_ike_policy", "weak_transform", "psk_wildcard", "aggressive_mode_config",
    "dpd_missing", "identity_not_address", "sysopt_permit_vpn_off", "uses_certificates",
    "certificate_expired")
_IKE_LISTS = (
    "p1_no_response", "p1_responder_wait3", "p1_dh_nat_t", "p1_psk_mismatch", "p1_psk_or_path",
    "p1_proposal_mismatch", "peer_id_mismatch", "wrong_peer_address", "ikev2_in_neg",
    "ikev2_no_proposal", "ikev2_auth_fail", "ikev2_delete", "aggressive_mode_sa", "p1_up")
_IKE_TABLES = ("show crypto isakmp", "show crypto ikev", "show crypto session", "show isakmp")


# 69 fields: dataclass() would generate (exec) a __repr__ and an __eq__ over all of them at
# every start-up. The short __repr__ below says more at a glance; nothing compares two of these
# facts (a fact is built once per device and read, never matched: identity is equality).
@dataclass(repr=False, eq=False)
class CryptoFacts:
    """The `crypto` fact of one device: what was captured and each list of issues."""

    family: str
    captured: bool  # any crypto output or crypto configuration: the trees start here
    vpn_configured: bool | Unknown  # the config has crypto maps, tunnel-groups or keys
    ike_captured: bool | Unknown  # an IKE SA table was captured and parsed
    ipsec_captured: bool | Unknown
    logs_captured: bool
    ike_sas: list[IkeSa] | Unknown
    ipsec_sas: list[IpsecSa] | Unknown
    events: list[LogEvent]
    # configuration
    ike_not_enabled: IssueList = field(default_factory=list)
    ike_disabled_ios: bool | Unknown = False
    map_not_applied: IssueList = field(default_factory=list)
    map_two_on_interface: IssueList = field(default_factory=list)
    map_incomplete: IssueList = field(default_factory=list)
    maps_incomplete: IssueList = field(default_factory=list)  # as `show crypto map` says (IOS)
    map_acl_missing: IssueList = field(default_factory=list)
    acl_too_broad: IssueList = field(default_factory=list)
    dynamic_map_order: IssueList = field(default_factory=list)
    tunnel_group_missing: IssueList = field(default_factory=list)
    psk_missing_ios: IssueList = field(default_factory=list)
    psk_not_configured: IssueList = field(default_factory=list)  # ASA group without a key
    ikev2_auth_config: IssueList = field(default_factory=list)
    weak_ike_policy: IssueList = field(default_factory=list)
    weak_transform: IssueList = field(default_factory=list)
    psk_wildcard: IssueList = field(default_factory=list)
    aggressive_mode_config: IssueList = field(default_factory=list)
    dpd_missing: IssueList = field(default_factory=list)
    identity_not_address: IssueList = field(default_factory=list)
    sysopt_permit_vpn_off: bool | Unknown = False
    uses_certificates: bool | Unknown = False
    certificate_expired: IssueList = field(default_factory=list)
    # IKE
    p1_no_response: IssueList = field(default_factory=list)
    p1_responder_wait3: IssueList = field(default_factory=list)
    p1_dh_nat_t: IssueList = field(default_factory=list)
    p1_psk_mismatch: IssueList = field(default_factory=list)
    p1_psk_or_path: IssueList = field(default_factory=list)  # responder MM_WAIT_MSG5: ask
    p1_proposal_mismatch: IssueList = field(default_factory=list)
    peer_id_mismatch: IssueList = field(default_factory=list)
    wrong_peer_address: IssueList = field(default_factory=list)
    ikev2_in_neg: IssueList = field(default_factory=list)
    ikev2_no_proposal: IssueList = field(default_factory=list)
    ikev2_auth_fail: IssueList = field(default_factory=list)
    ikev2_delete: IssueList = field(default_factory=list)
    aggressive_mode_sa: IssueList = field(default_factory=list)
    p1_up: IssueList = field(default_factory=list)
    # IPsec
    p1_up_no_p2: IssueList = field(default_factory=list)  # cause not known from messages
    proxy_id_mismatch: IssueList = field(default_factory=list)
    transform_mismatch: IssueList = field(default_factory=list)
    pfs_mismatch: IssueList = field(default_factory=list)
    ts_unacceptable: IssueList = field(default_factory=list)
    lifetime_mismatch: IssueList = field(default_factory=list)
    rekey_trouble: IssueList = field(default_factory=list)  # SAs torn down: ask about peers
    encaps_no_decaps: IssueList = field(default_factory=list)
    nat_t_blocked: IssueList = field(default_factory=list)
    nat_t_disabled: IssueList = field(default_factory=list)
    invalid_spi: IssueList = field(default_factory=list)
    decaps_no_encaps: IssueList = field(default_factory=list)
    encaps_zero_nat: IssueList = field(default_factory=list)
    encaps_zero_route: IssueList = field(default_factory=list)
    no_traffic: IssueList = field(default_factory=list)
    send_errors: IssueList = field(default_factory=list)
    recv_errors: IssueList = field(default_factory=list)
    replay_failures: IssueList = field(default_factory=list)
    mtu_fragmentation: IssueList = field(default_factory=list)
    # manual keying
    manual_keying: IssueList = field(default_factory=list)
    manual_key_length: IssueList = field(default_factory=list)
    manual_key_spi: IssueList = field(default_factory=list)
    manual_key_suspect: IssueList = field(default_factory=list)

    # Which partial outputs can hide a row of a list (the rest: any of them). A configuration
    # list is not made uncertain by a partial SA table, nor an IKE list by the IPsec table.
    PARTIAL_READS: ClassVar[dict[str, tuple[str, ...]]] = {
        **dict.fromkeys(_CONFIG_LISTS, ()), "maps_incomplete": ("show crypto map",),
        **dict.fromkeys(_IKE_LISTS, _IKE_TABLES), "ike_sas": _IKE_TABLES,
        "ipsec_sas": ("show crypto ipsec",), "events": ()}

    def __repr__(self) -> str:
        held = [f.name for f in fields(self) if isinstance(getattr(self, f.name), list)
                and getattr(self, f.name)]
        return (f"CryptoFacts(family={self.family!r}, captured={self.captured!r}, "
                f"vpn_configured={self.vpn_configured!r}, non-empty lists={held!r})")

    @property
    def peers_up(self) -> str:
        peers = [i.peer for i in _items(self.p1_up)]
        more = f" and {len(peers) - 20} more" if len(peers) > 20 else ""
        return ", ".join(peers[:20]) + more

    # Gates of the question trees: a question is asked only when a known symptom calls for
    # it, never because something is unknown (the main trees already say what to capture).
    @property
    def ask_ike_version(self) -> bool:
        return bool(_items(self.p1_no_response) or _items(self.ikev2_in_neg))

    @property
    def ask_msg5(self) -> bool:
        return bool(_items(self.p1_psk_or_path))

    @property
    def ask_p2_cause(self) -> bool:
        return bool(_items(self.p1_up_no_p2))

    @property
    def ask_ikev2_cause(self) -> bool:
        return bool(_items(self.ikev2_in_neg))

    @property
    def ask_peer_address(self) -> bool:
        return bool(_items(self.wrong_peer_address))

    @property
    def ask_identity(self) -> bool:
        return bool(_items(self.identity_not_address)) and not _items(self.peer_id_mismatch)

    @property
    def ask_lifetime(self) -> bool:
        return bool(_items(self.rekey_trouble)) and not _items(self.lifetime_mismatch)

    @property
    def ask_manual_mirror(self) -> bool:
        return bool(_items(self.manual_key_suspect))


_CRYPTO_COMMANDS = ("show crypto isakmp", "show crypto ikev", "show crypto ipsec",
                    "show crypto session", "show crypto map", "show vpn-sessiondb",
                    "debug crypto", "show isakmp")


def build_config_fact(facts: DeviceFacts) -> CryptoConfig:
    if not config_captured(facts.device):  # every source is one of these outputs
        raise Unknown(NO_CONFIG, ("show running-config",))
    from netriage.facts.crypto.config_sources import build_crypto_config

    return build_crypto_config(facts.device, facts.family)


def _log_events(device: Device) -> list[LogEvent]:
    """The crypto messages of the device; the reader is imported only when there is a log,
    a debug output or a console syslog line to read (`log_events` finds nothing else)."""
    if not logs_captured(device) and not collect(device).lines:
        return []
    from netriage.facts.crypto.log import log_events

    return log_events(device)


def build_crypto(facts: DeviceFacts) -> CryptoFacts:
    device, family = facts.device, facts.family
    if not family:
        raise Unknown("the platform is not known, so its crypto outputs cannot be read "
                      "(give --platform)", ())
    config: CryptoConfig | Unknown = facts.resolve("crypto_config")[0]
    ike = _ike(facts, config)
    ipsec = _ipsec(facts, config)
    events = _log_events(device)
    has_config = not isinstance(config, Unknown)
    vpn: bool | Unknown = (bool(config.maps or config.dynamic_maps or config.keys or any(
        g.type == "ipsec-l2l" for g in config.tunnel_groups)) if has_config else config)
    captured = (any(e.command.startswith(_CRYPTO_COMMANDS) for e in device.entries)
                or (has_config and bool(vpn)) or bool(events))
    manual_only = has_config and bool(config.maps) and all(
        e.manual for e in config.all_entries()) and not config.dynamic_maps
    ike_captured: bool | Unknown = True
    if isinstance(ike, Unknown):
        ike_captured = False if manual_only else ike  # manual keying has no IKE to look at
    out = CryptoFacts(
        family=family, captured=captured, vpn_configured=vpn,
        ike_captured=ike_captured,
        ipsec_captured=ipsec if isinstance(ipsec, Unknown) else True,
        logs_captured=logs_captured(device), ike_sas=ike, ipsec_sas=ipsec, events=events)
    if not captured:
        return out
    # Imported here: the issue lists (certificates, strength, hardening …) are read only on a
    # device with something crypto to read; the others pay nothing for them at start-up.
    from netriage.facts.crypto.lists_config import _configuration
    from netriage.facts.crypto.lists_ike import _ike_issues
    from netriage.facts.crypto.lists_ipsec import _ipsec_issues
    from netriage.facts.crypto.lists_manual import _manual

    _configuration(out, config, facts)
    _maps_shown_incomplete(out, facts)
    _ike_issues(out, config, ike, events)
    _ipsec_issues(out, config, ike, ipsec, events, standby=_standby_unit(facts))
    _manual(out, config, ipsec, events)
    _enrich(out, config)
    return out


def _standby_unit(facts: DeviceFacts) -> bool:
    """The unit's own `show failover` says it is the standby (Standby Ready, Cold Standby …)
    of an Active/Standby pair; False when failover is off, unknown or Active/Active."""
    failover = facts.resolve("failover")[0]
    this = getattr(failover, "this", None) if not isinstance(failover, Exception) else None
    return this is not None and not this.groups and "Standby" in (this.state or "")


def _maps_shown_incomplete(out: CryptoFacts, facts: DeviceFacts) -> None:
    """IOS `show crypto map` marks incomplete entries itself: a fact of its own, and joined
    to `map_incomplete` (from the configuration) for the entries the configuration did not
    show, so the check decides even without a running-config."""
    out.maps_incomplete = maps_shown_incomplete(facts)
    shown = _items(out.maps_incomplete)
    if not shown:
        return
    known = _items(out.map_incomplete)
    have = {(i.map, i.seq) for i in known}
    out.map_incomplete = known + [i for i in shown if (i.map, i.seq) not in have]


# Lists about peers whose fixes name the peer's map entry, ACL and networks.
_PEER_LISTS = ("p1_no_response", "p1_responder_wait3", "p1_dh_nat_t", "p1_psk_mismatch",
               "p1_psk_or_path", "p1_proposal_mismatch", "peer_id_mismatch", "ikev2_in_neg",
               "ikev2_no_proposal", "ikev2_auth_fail", "ikev2_delete", "p1_up_no_p2",
               "proxy_id_mismatch", "transform_mismatch", "pfs_mismatch", "ts_unacceptable",
               "lifetime_mismatch", "rekey_trouble", "invalid_spi", "recv_errors",
               "replay_failures", "send_errors", "nat_t_blocked", "nat_t_disabled",
               "encaps_no_decaps", "decaps_no_encaps", "encaps_zero_nat", "encaps_zero_route",
               "no_traffic", "mtu_fragmentation", "aggressive_mode_sa")


def _enrich(out: CryptoFacts, config: CryptoConfig | Unknown) -> None:
    """Give each peer issue its map entry, crypto ACL, (first ACE's) networks, interfaces and
    addresses, so a fix can name them; what the configuration does not say stays a
    <placeholder>."""
    from netriage.facts.crypto.fix_values import fill
    from netriage.facts.crypto.issues_maps import static_entries

    entries: dict[str, MapEntry] = {}
    if not isinstance(config, Unknown):
        for entry in static_entries(config):
            for peer in entry.peers:
                entries.setdefault(config.resolve(peer), entry)
    for name in _PEER_LISTS:
        for issue in _items(getattr(out, name)):
            entry = entries.get(issue.peer)
            if entry is not None and not isinstance(config, Unknown):
                _from_entry(issue, entry, config)
            for field_name, placeholder in _PLACEHOLDERS:
                if not getattr(issue, field_name):
                    setattr(issue, field_name, placeholder)
    for name in (*_PEER_LISTS, "weak_ike_policy", "weak_transform", "manual_keying"):
        ikev2 = name.startswith("ikev2") or name == "ts_unacceptable"
        fill(_items(getattr(out, name)), config, "ikev2" if ikev2 else "")


_PLACEHOLDERS = (("map", "<map>"), ("seq", "<seq>"), ("acl", "<acl>"),
                 ("transform", "<transform-set>"), ("local_net", "<local-net>"),
                 ("local_mask", "<local-mask>"), ("remote_net", "<remote-net>"),
                 ("remote_mask", "<remote-mask>"), ("interface", "<outside-if>"),
                 ("local_address", "<local>"), ("inside", "<inside-if>"),
                 ("profile", "<profile>"))


def _from_entry(issue: Issue, entry: MapEntry, config: CryptoConfig) -> None:
    from netriage.facts.crypto.issues import _first_permit, _net_mask
    from netriage.facts.crypto.route_nat import routes_to

    issue.map = issue.map or entry.map
    issue.seq = issue.seq or str(entry.seq)
    issue.acl = issue.acl or entry.acl
    issue.transform = issue.transform or " ".join(entry.transform_sets or entry.ikev2_proposals)
    issue.profile = issue.profile or entry.ikev2_profile
    ace = _first_permit(config, entry.acl)
    if ace is not None and not issue.local_net:
        issue.local_net, issue.local_mask = _net_mask(ace.source_net)
        issue.remote_net, issue.remote_mask = _net_mask(ace.destination_net)
    crypto_map = config.crypto_map(entry.map)
    if not issue.interface and crypto_map is not None and crypto_map.interfaces:
        issue.interface = crypto_map.interfaces[0]
    if issue.interface and not issue.local_address:
        issue.local_address = next((i.address for i in config.interfaces
                                    if issue.interface in (i.name, i.nameif)), "")
    if not issue.inside and issue.local_net[:1].isdigit():
        issue.inside = routes_to(config, issue.local_net) or ""
