"""The `crypto` fact: IPsec / IKE health of one device, as lists of issues the trees walk.

Built from the crypto configuration, the IKE and IPsec SA tables and any crypto messages in
logs or debug output. Each list is computed once; a list whose inputs were not captured (or
only partly, or filtered) holds `Unknown`, which the trees turn into an undecided check naming
the command to capture. Lists exclude what a root cause earlier in the trees already explains
(see `crypto_issues`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from netriage.engine.expr import Unknown
from netriage.facts import crypto_issues as ci
from netriage.facts.crypto_cert import certificates
from netriage.facts.crypto_config import CryptoConfig, build_crypto_config
from netriage.facts.crypto_issues import Issue
from netriage.facts.crypto_log import LogEvent, log_events, logs_captured
from netriage.facts.crypto_sa import (
    IkeSa,
    IpsecSa,
    ike_from_asa,
    ike_from_ios,
    ike_from_ios_session,
    ikev2_from_ios,
    ipsec_from_asa,
    ipsec_from_ios,
)

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts

IssueList = list[Issue] | Unknown

# What tells, per family: the first captured, usable output of each group is read.
IKEV1_COMMANDS = {"cisco_asa": ("show crypto isakmp sa", "show crypto ikev1 sa"),
                  "cisco_ios": ("show crypto isakmp sa",)}
IKEV2_COMMANDS = {"cisco_asa": ("show crypto isakmp sa", "show crypto ikev2 sa detail",
                                "show crypto ikev2 sa"),
                  "cisco_ios": ("show crypto ikev2 sa",)}
IPSEC_COMMANDS = ("show crypto ipsec sa detail", "show crypto ipsec sa")
# A handful of send errors while an SA is being built is normal; past this, look.
SEND_ERRORS_NOTABLE = 10


@dataclass
class CryptoFacts:
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


def _attempt(function: Callable[[], Any]) -> Any:
    try:
        return function()
    except Unknown as unknown:
        return Unknown(unknown.reason, unknown.commands)


def _table(facts: DeviceFacts, commands: tuple[str, ...]) -> tuple[Any, str] | None:
    """(parse result, command) of the first captured command; Unknown if it is not usable."""
    from netriage.facts import usable_result

    for command in commands:
        entry = facts.device.find(command)
        if entry is not None or facts.device.find(command, unfiltered=False) is not None:
            result = usable_result(facts, command)
            if entry is not None and entry.truncated:  # the capture ended mid-output
                raise Unknown(f"`{command}` was cut short", (command,))
            return result, command
    return None


def _ike(facts: DeviceFacts, config: CryptoConfig | Unknown) -> list[IkeSa] | Unknown:
    family = facts.family
    sas: list[IkeSa] = []
    found = False
    local = _local_addresses(config)
    for version, groups in (("ikev1", IKEV1_COMMANDS), ("ikev2", IKEV2_COMMANDS)):
        try:
            table = _table(facts, groups.get(family, ()))
        except Unknown as unknown:
            return Unknown(unknown.reason, unknown.commands)
        if table is None:
            continue
        found = True
        result, _command = table
        if family == "cisco_ios":
            parsed = ike_from_ios(result, local) if version == "ikev1" else ikev2_from_ios(result)
        else:
            parsed = [s for s in ike_from_asa(result) if s.version == version]
        sas += parsed
    if not found and family == "cisco_ios":
        try:  # `show crypto session` knows only up or not, but that is still an IKE table
            table = _table(facts, ("show crypto session",))
        except Unknown as unknown:
            return Unknown(unknown.reason, unknown.commands)
        if table is not None:
            return ike_from_ios_session(table[0])
    if not found:
        return Unknown("no IKE SA table was captured", (IKEV1_COMMANDS[family][0],))
    return sas


def _local_addresses(config: CryptoConfig | Unknown) -> set[str]:
    if isinstance(config, Unknown):
        return set()
    return {i.address for i in config.interfaces if i.address}


def _ipsec(facts: DeviceFacts, config: CryptoConfig | Unknown) -> list[IpsecSa] | Unknown:
    try:
        table = _table(facts, IPSEC_COMMANDS) if facts.family != "cisco_ios" else _ios_ipsec(
            facts)
    except Unknown as unknown:
        return Unknown(unknown.reason, unknown.commands)
    if table is None:
        return Unknown("`show crypto ipsec sa` was not captured", ("show crypto ipsec sa",))
    result, _command = table
    if facts.family == "cisco_ios":
        return ipsec_from_ios(result)
    names = {} if isinstance(config, Unknown) else config.names
    return ipsec_from_asa(result, names)


def _ios_ipsec(facts: DeviceFacts) -> tuple[Any, str] | None:
    """IOS SA blocks in one shape, from `show crypto ipsec sa` or its `detail` form.

    ntc-templates' `detail` template gives one row per SPI, drops peers without an SA and
    rejects lines of some releases; our template (run natively) reads both forms whole, so the
    `detail` output is parsed with it, as the plain command.
    """
    from netriage.facts import usable_result
    from netriage.parsing import parse_output

    for command in IPSEC_COMMANDS:
        entry = facts.device.find(command)
        if entry is None:
            if facts.device.find(command, unfiltered=False) is not None:
                raise Unknown(f"only a filtered `{command}` was captured", (command,))
            continue
        if command == "show crypto ipsec sa":
            return usable_result(facts, command), command
        result = parse_output(entry.output, "show crypto ipsec sa", facts.family,
                              facts.device.platform)
        if not result.usable:
            detail = result.reason or f"{len(result.not_understood)} line(s) not understood"
            raise Unknown(f"`{command}` is {result.status}: {detail}", (command,))
        if entry.truncated:
            raise Unknown(f"`{command}` was cut short", (command,))
        return result, command
    return None


_CRYPTO_COMMANDS = ("show crypto isakmp", "show crypto ikev", "show crypto ipsec",
                    "show crypto session", "show crypto map", "show vpn-sessiondb",
                    "debug crypto", "show isakmp")


COMMANDS = ("show running-config", "show crypto isakmp sa", "show crypto ipsec sa")


def build_config_fact(facts: DeviceFacts) -> CryptoConfig:
    return build_crypto_config(facts.device, facts.family)


def build_crypto(facts: DeviceFacts) -> CryptoFacts:
    device, family = facts.device, facts.family
    if not family:
        raise Unknown("the platform is not known, so its crypto outputs cannot be read "
                      "(give --platform)", ())
    config: CryptoConfig | Unknown = facts.resolve("crypto_config")[0]
    ike = _ike(facts, config)
    ipsec = _ipsec(facts, config)
    events = log_events(device)
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
    _configuration(out, config, facts)
    _ike_issues(out, config, ike, events)
    _ipsec_issues(out, config, ike, ipsec, events)
    _manual(out, config, ipsec, events)
    _enrich(out, config)
    return out


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
    entries: dict[str, ci.MapEntry] = {}
    if not isinstance(config, Unknown):
        for entry in ci.static_entries(config):
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


_PLACEHOLDERS = (("map", "<map>"), ("seq", "<seq>"), ("acl", "<acl>"),
                 ("transform", "<transform-set>"), ("local_net", "<local-net>"),
                 ("local_mask", "<local-mask>"), ("remote_net", "<remote-net>"),
                 ("remote_mask", "<remote-mask>"), ("interface", "<outside-if>"),
                 ("local_address", "<local>"), ("inside", "<inside-if>"),
                 ("profile", "<profile>"))


def _from_entry(issue: Issue, entry: ci.MapEntry, config: CryptoConfig) -> None:
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
        issue.inside = ci.routes_to(config, issue.local_net) or ""


# -- configuration --------------------------------------------------------------------------
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
    out.ike_not_enabled = _attempt(lambda: ci.ike_not_enabled(config))
    applied = _attempt(lambda: ci.maps_not_applied(config))
    if isinstance(applied, Unknown):
        out.map_not_applied = out.map_two_on_interface = applied
    else:
        out.map_not_applied, out.map_two_on_interface = applied
    out.map_incomplete = _attempt(lambda: ci.map_incomplete(config))
    acls = _attempt(lambda: ci.acl_problems(config))
    if isinstance(acls, Unknown):
        out.map_acl_missing = out.acl_too_broad = acls
    else:
        out.map_acl_missing, out.acl_too_broad = acls
    out.dynamic_map_order = _attempt(lambda: ci.dynamic_map_order(config))
    out.tunnel_group_missing = _attempt(lambda: ci.tunnel_group_missing(config))
    psk = _attempt(lambda: ci.psk_not_configured(config))
    if config.family == "cisco_ios":
        out.psk_missing_ios, out.psk_not_configured = psk, []
    else:
        out.psk_missing_ios, out.psk_not_configured = [], psk
    out.ikev2_auth_config = _attempt(lambda: ci.ikev2_auth_config(config))
    out.weak_ike_policy = _attempt(lambda: ci.weak_policies(config))
    out.weak_transform = _attempt(lambda: ci.weak_transforms(config))
    out.psk_wildcard = _attempt(lambda: ci.psk_wildcards(config))
    out.aggressive_mode_config = _attempt(lambda: ci.aggressive_mode_config(config))
    out.dpd_missing = _attempt(lambda: ci.dpd_missing(config))
    out.identity_not_address = _attempt(lambda: ci.identity_not_address(config))
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
    return peers


def _items(value: IssueList) -> list[Issue]:
    return value if isinstance(value, list) else []


# -- IKE ------------------------------------------------------------------------------------
def _ike_issues(out: CryptoFacts, config: CryptoConfig | Unknown, ike: list[IkeSa] | Unknown,
                events: list[LogEvent]) -> None:
    names = ("p1_no_response", "p1_responder_wait3", "p1_dh_nat_t", "p1_psk_mismatch",
             "p1_psk_or_path", "p1_proposal_mismatch", "peer_id_mismatch", "ikev2_in_neg",
             "ikev2_no_proposal", "ikev2_auth_fail", "ikev2_delete", "aggressive_mode_sa",
             "p1_up", "wrong_peer_address")
    logged = ci.by_peer(events)
    if isinstance(ike, Unknown):
        for name in names:
            setattr(out, name, ike)
        # messages alone still name a cause for their peers
        out.p1_psk_mismatch = _from_events(events, "psk") + _items(out.psk_not_configured)
        out.p1_proposal_mismatch = _from_events(events, "proposal")
        out.peer_id_mismatch = _from_events(events, "peer-id")
        out.ikev2_no_proposal = _from_events(events, "ikev2-proposal")
        out.ikev2_auth_fail = _from_events(events, "ikev2-auth") + _items(out.ikev2_auth_config)
        return
    explained = _explained_by_config(out, config)
    lists: dict[str, dict[str, Issue]] = {name: {} for name in names}

    def add(name: str, sa: IkeSa, **fields: str) -> None:
        lists[name].setdefault(sa.peer, ci.ike_issue(sa, **fields))

    for sa in ike:
        if sa.established:
            add("p1_up", sa)
            if sa.aggressive and sa.type.lower() in ("l2l", ""):
                add("aggressive_mode_sa", sa)
            continue
        if sa.peer in explained:
            continue
        if sa.aggressive and sa.type.lower() == "l2l":
            add("aggressive_mode_sa", sa)
        stuck = _stuck_where(sa, logged.get(sa.peer, set()))
        if stuck:
            add(stuck, sa)
    # messages for peers whose SA is already gone still say why
    seen = {sa.peer for sa in ike}
    for name, cause in (("p1_proposal_mismatch", "proposal"), ("p1_psk_mismatch", "psk"),
                        ("peer_id_mismatch", "peer-id"), ("ikev2_no_proposal", "ikev2-proposal"),
                        ("ikev2_auth_fail", "ikev2-auth"), ("p1_psk_mismatch", "psk-missing")):
        for issue in _from_events(events, cause):
            if issue.peer not in seen and issue.peer not in explained:
                lists[name].setdefault(issue.peer, issue)
    for issue in _items(out.psk_not_configured):
        lists["p1_psk_mismatch"].setdefault(issue.peer, issue)
    for issue in _items(out.ikev2_auth_config):
        lists["ikev2_auth_fail"].setdefault(issue.peer, issue)
    for name in names:
        setattr(out, name, ci._sorted(lists[name].values()))
    out.wrong_peer_address = _attempt(lambda: _wrong_peers(config, ike, explained))


def _stuck_where(sa: IkeSa, causes: set[str]) -> str | None:
    """The list a phase 1 that is not up belongs to: a message's cause first, else its state.

    ASA names the state after the message it waits for, IOS after the last one done; the
    same stage of main mode therefore has two names (see crypto_sa.STAGES).
    """
    state = sa.state
    if sa.version == "ikev2":
        for cause, name in (("ikev2-proposal", "ikev2_no_proposal"),
                            ("ikev2-auth", "ikev2_auth_fail")):
            if cause in causes:
                return name
        if "DELETE" in state or "DELETE" in sa.status:
            return "ikev2_delete"
        return "ikev2_in_neg" if "IN-NEG" in state or "IN-NEG" in sa.status else None
    for cause, name in (("proposal", "p1_proposal_mismatch"), ("psk", "p1_psk_mismatch"),
                        ("psk-missing", "p1_psk_mismatch"), ("peer-id", "peer_id_mismatch")):
        if cause in causes:
            return name
    if state in ("MM_WAIT_MSG2", "AM_WAIT_MSG2") or (
            state in ("MM_NO_STATE", "AG_NO_STATE") and sa.role != "responder"):
        return "p1_no_response"
    if state == "MM_WAIT_MSG3" and sa.role == "responder":
        return "p1_responder_wait3"
    return {"MM_WAIT_MSG4": "p1_dh_nat_t", "MM_SA_SETUP": "p1_dh_nat_t",
            "MM_WAIT_MSG6": "p1_psk_mismatch", "MM_KEY_EXCH": "p1_psk_mismatch",
            "MM_WAIT_MSG5": "p1_psk_or_path"}.get(state)


def _from_events(events: list[LogEvent], cause: str) -> list[Issue]:
    out: dict[str, Issue] = {}
    for event in events:
        if event.cause == cause:
            out.setdefault(event.peer, Issue(peer=event.peer or "<peer>", detail=event.text,
                                             text=event.text))
    return list(out.values())


def _wrong_peers(config: CryptoConfig | Unknown, ike: list[IkeSa],
                 explained: set[str]) -> list[Issue]:
    """An IKE peer nobody configured while a configured peer never comes up."""
    if isinstance(config, Unknown):
        raise Unknown(config.reason, config.commands)
    if config.dynamic_maps or any(e.kind == "dynamic" for e in config.all_entries()):
        return []  # dynamic peers are expected: any address may come in
    configured: dict[str, ci.MapEntry] = {}
    for entry in ci.static_entries(config):
        for peer in entry.peers:
            configured.setdefault(config.resolve(peer), entry)
    known = set(configured) | {g.name for g in config.tunnel_groups} | {
        k.address for k in config.keys}
    strangers = sorted({sa.peer for sa in ike if sa.peer not in known and sa.peer})
    up = {sa.peer for sa in ike if sa.established}
    down = [p for p in configured if p not in up and p not in explained]
    issues = []
    for stranger, peer in zip(strangers, down, strict=False):
        entry = configured[peer]
        issues.append(ci.entry_issue(entry, peer=peer, other=stranger))
    return issues


# -- IPsec ----------------------------------------------------------------------------------
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
                  ipsec: list[IpsecSa] | Unknown, events: list[LogEvent]) -> None:
    if isinstance(ipsec, Unknown):
        for name in _IPSEC_LISTS:
            setattr(out, name, ipsec)
        for name, cause in (*_P2_CAUSES, ("invalid_spi", "invalid-spi"),
                            ("lifetime_mismatch", "lifetime")):
            setattr(out, name, _from_events(events, cause))
        return
    lists = _Lists(_IPSEC_LISTS)
    logged = ci.by_peer(events)
    if not isinstance(ike, Unknown):
        _phase2_missing(lists, ike, ipsec, logged)
    for name, cause in (*_P2_CAUSES, ("lifetime_mismatch", "lifetime")):
        for issue in _from_events(events, cause):
            if not lists.has_peer(name, issue.peer):
                lists.add(name, (issue.peer,), issue)
    peers = {e.peer for e in events if e.cause == "delete"} | {
        i.peer for i in _items(out.ikev2_delete)}
    for peer in sorted(p for p in peers if p):
        lists.add("rekey_trouble", (peer,), ci.Issue(peer=peer))
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
    acls = _entry_acls(config)
    for name in _IPSEC_LISTS:
        for issue in lists.items[name].values():
            issue.acl = issue.acl or acls.get((issue.map, issue.seq)) or acls.get(
                (issue.map, issue.peer), "")
        setattr(out, name, ci._sorted(lists.items[name].values()))


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
        lists.add(name, (sa.peer,), ci.ike_issue(sa))


def _sa_counters(lists: _Lists, sa: IpsecSa, config: CryptoConfig | Unknown,
                 causes: set[str], nat_t_off: dict[str, str]) -> None:
    """One SA block's counters; the most specific cause of a one-way SA wins."""
    key = (sa.peer, sa.local_net, sa.remote_net, sa.outbound_spi)
    if "invalid-spi" in causes and sa.decaps == 0:
        lists.add("invalid_spi", (sa.peer,), ci.counter_issue(sa))
    elif sa.encaps > 0 and sa.decaps == 0:
        if sa.nat_t:
            lists.add("nat_t_blocked", key, ci.counter_issue(sa, count=sa.encaps))
        elif sa.peer in nat_t_off or "*" in nat_t_off:
            fix = nat_t_off.get(sa.peer, nat_t_off.get("*", ""))
            lists.add("nat_t_disabled", key, ci.counter_issue(sa, count=sa.encaps, command=fix))
        else:
            lists.add("encaps_no_decaps", key, ci.counter_issue(sa, count=sa.encaps))
    elif sa.encaps == 0:
        cause = _why_no_encaps(config, sa)
        if cause == "route":
            lists.add("encaps_zero_route", key, ci.counter_issue(
                sa, other=_route_interface(config, sa), count=sa.decaps))
        elif cause == "nat":
            nat_acl = next((r.source for r in config.nat_rules if r.kind == "acl"), "") if \
                not isinstance(config, Unknown) else ""
            lists.add("encaps_zero_nat", key, ci.counter_issue(
                sa, count=sa.decaps, other=nat_acl or "<nat-acl>"))
        elif sa.decaps > 0:
            lists.add("decaps_no_encaps", key, ci.counter_issue(sa, count=sa.decaps))
        else:
            lists.add("no_traffic", key, ci.counter_issue(sa))
    if sa.send_errors >= SEND_ERRORS_NOTABLE:
        lists.add("send_errors", key, ci.counter_issue(sa, count=sa.send_errors))
    if sa.recv_errors > 0 or sa.verify_failed > 0 or "recv-errors" in causes:
        lists.add("recv_errors", key, ci.counter_issue(
            sa, count=max(sa.recv_errors, sa.verify_failed)))
    if sa.replay_failed > 0 or "replay" in causes:
        lists.add("replay_failures", key, ci.counter_issue(sa, count=sa.replay_failed))
    if sa.invalid_sa > 0 and "invalid-spi" not in causes:
        lists.add("invalid_spi", (sa.peer,), ci.counter_issue(sa, count=sa.invalid_sa))
    lowered = bool(sa.path_mtu and sa.media_mtu and sa.path_mtu < sa.media_mtu)
    if sa.prefrag_failures > 0 or sa.pmtus_received > 0 or lowered:
        lists.add("mtu_fragmentation", key, ci.counter_issue(
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
    for entry in ci.static_entries(config):
        for peer in entry.peers:
            address = config.resolve(peer)
            if address in active or address in explained or entry.manual:
                continue
            ace = _first_permit(config, entry.acl)
            issue = ci.entry_issue(entry, peer=address)
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
                    if config.family == "cisco_ios" else "crypto isakmp nat-traversal 20")
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
    translated = ci.nat_translates(config, sa.local_net, sa.remote_net) if sa.local_net else None
    if translated is None and sa.local_net:
        local = f"{sa.local_net}/{sa.local_mask}" if sa.local_mask else sa.local_net
        remote = f"{sa.remote_net}/{sa.remote_mask}" if sa.remote_mask else sa.remote_net
        translated = ci.nat_translates(config, local, remote)
    return "nat" if translated else ""


def _route_interface(config: CryptoConfig | Unknown, sa: IpsecSa) -> str:
    if isinstance(config, Unknown) or not sa.remote_net:
        return ""
    try:
        config.need("route", "interface")
    except Unknown:
        return ""
    return ci.routes_to(config, sa.remote_net) or ""


def _first_permit(config: CryptoConfig, acl: str) -> ci.Ace | None:
    entries = config.acls.get(acl)
    return entries.permits[0] if entries and entries.permits else None


def _net_mask(net: Any) -> tuple[str, str]:
    if net is None:
        return "", ""
    return str(net.network_address), str(net.netmask)


# -- manual keying --------------------------------------------------------------------------
# hex digits a session key needs, per transform
_KEY_LENGTHS = {"esp-des": 16, "esp-3des": 48, "esp-aes": 32, "esp-aes-128": 32,
                "esp-aes-192": 48, "esp-aes-256": 64, "esp-md5-hmac": 32, "esp-sha-hmac": 40,
                "esp-sha256-hmac": 64, "ah-md5-hmac": 32, "ah-sha-hmac": 40}


def _manual(out: CryptoFacts, config: CryptoConfig | Unknown, ipsec: list[IpsecSa] | Unknown,
            events: list[LogEvent]) -> None:
    if isinstance(config, Unknown):
        out.manual_keying = out.manual_key_length = out.manual_key_spi = config
        out.manual_key_suspect = config
        return
    entries = [e for e in config.all_entries() if e.manual]
    # count: the sequence an IKE replacement entry can take, right after the manual one
    out.manual_keying = [ci.entry_issue(e, count=e.seq + 1, transform=" ".join(e.transform_sets))
                         for e in entries]
    lengths, spis, suspects = [], [], []
    for entry in entries:
        transforms = [t for name in entry.transform_sets
                      for t in (config.transform_set(name).transforms
                                if config.transform_set(name) else [])]
        cipher = next((t for t in transforms if t in _KEY_LENGTHS and "hmac" not in t), "")
        auth = next((t for t in transforms if t.endswith("hmac")), "")
        for key in entry.session_keys:
            wrong = []
            if key.cipher and cipher and len(key.cipher) != _KEY_LENGTHS[cipher]:
                wrong.append(f"cipher {len(key.cipher)} hex digits, {cipher} needs "
                             f"{_KEY_LENGTHS[cipher]}")
            if key.authenticator and auth and len(key.authenticator) != _KEY_LENGTHS.get(auth, 0):
                wrong.append(f"authenticator {len(key.authenticator)} hex digits, {auth} needs "
                             f"{_KEY_LENGTHS.get(auth, 0)}")
            if wrong:
                lengths.append(ci.entry_issue(entry, detail="; ".join(wrong), text=key.text,
                                              spi=str(key.spi), other=key.direction,
                                              transform=" ".join(transforms)))
            if key.spi < 256:
                spis.append(ci.entry_issue(entry, spi=str(key.spi), text=key.text,
                                           other=key.direction))
        peer = entry.peer
        causes = {e.cause for e in events if e.peer == peer}
        blocks = [s for s in ipsec if s.peer == peer] if isinstance(ipsec, list) else []
        if causes & {"invalid-spi", "recv-errors"} or any(
                (s.encaps > 0 and s.decaps == 0) or s.recv_errors > 0 for s in blocks):
            inbound = next((k for k in entry.session_keys if k.direction == "inbound"
                            and k.protocol == "esp"), None)
            outbound = next((k for k in entry.session_keys if k.direction == "outbound"
                             and k.protocol == "esp"), None)
            suspects.append(ci.entry_issue(
                entry, spi=str(inbound.spi) if inbound else "",
                other=str(outbound.spi) if outbound else "",
                transform=" ".join(entry.transform_sets)))
    out.manual_key_length, out.manual_key_spi, out.manual_key_suspect = lengths, spis, suspects
