"""The `config` fact: what the config-hygiene trees (checks/config*.yaml) read.

Each list holds the items one finding reports (all of them: one root cause in several places
is one finding). A list is either known or `Unknown`: when the captured configuration is
partial (a section, a filtered output, a paste without `end`) and could not have shown the
lines a check needs, the field holds the Unknown and the check is undecided, never healthy.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from netriage.engine.expr import Unknown
from netriage.facts.config import RunningConfig, iface_key, running_config
from netriage.facts.config_acl import AclAnalysis, acl_refs, analyse_acls
from netriage.facts.config_acl_match import is_any_any
from netriage.facts.config_asa import asa_interfaces
from netriage.facts.config_ios import asa_routes, ios_interfaces, ios_routes, term_lines
from netriage.facts.config_model import (
    AclLine,
    AclRef,
    CfgInterface,
    Hit,
    PermitAny,
    Route,
    TermLine,
)
from netriage.facts.config_secrets import (
    BLANK_ENABLE_HASH,
    DEFAULT_PASSWD_HASH,
    hit,
    ios_credentials,
    psk_keys,
    session_keys,
    set_peer_incomplete,
    weak_keys,
)
from netriage.platforms import get_platform

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts

# Longer idle sessions than this stay logged in for too long (`exec-timeout` is in minutes).
MAX_IDLE_MINUTES = 30
DEFAULT_HOSTNAMES = frozenset({"router", "switch", "ciscoasa", "pixfirewall", "ciscoftd",
                               "firepower"})
_OUTSIDE_NAME = re.compile(r"outside|internet|wan\b|isp|untrust|public", re.IGNORECASE)
_OUTSIDE_DESCRIPTION = re.compile(r"internet|\bisp\b|provider|outside|\bwan\b",
                                  re.IGNORECASE)
ANY = "0.0.0.0"  # noqa: S104 - the `any` address as configs print it, not a socket bind
_GUESSABLE_COMMUNITY = frozenset({"public", "private", "cisco", "secret", "community",
                                  "snmp", "admin", "read", "write", "test", "default"})


@dataclass
class ConfigFacts:
    """What the configuration shows, and the problems the config trees report."""

    source: str
    complete: bool
    hostname: Any  # str, or Unknown
    platform: str = ""  # catalog tag (ios, asa, ftd, pix): some checks apply to a few only
    interfaces: list[CfgInterface] = field(default_factory=list)
    term_lines: list[TermLine] = field(default_factory=list)
    acl_lines: list[AclLine] = field(default_factory=list)
    acl_refs: list[AclRef] = field(default_factory=list)
    routes: list[Route] = field(default_factory=list)
    failover_lines: list[str] = field(default_factory=list)
    usernames: list[Hit] = field(default_factory=list)  # `username` lines, name in `name`
    snmp_communities: list[Hit] = field(default_factory=list)  # community in `name`
    running: RunningConfig | None = None  # the generic view, for any area: find(), blocks()
    transparent: bool | None = None  # ASA `firewall transparent`; None when not shown
    same_security_permitted: bool | None = None  # ASA `same-security-traffic permit inter-...`
    # -- what the trees judge (lists of items, bools; each may be an Unknown) ---------------
    enable_password_cleartext: Any = None
    type7_passwords: Any = None
    enable_secret_missing: Any = None
    enable_secret_weak: Any = None
    clear_line_passwords: Any = None  # only when `service password-encryption` is off
    username_cleartext: Any = None
    asa_blank_enable: Any = None
    pix_default_passwd: Any = None
    console_no_login: Any = None
    aux_no_login: Any = None
    vty_no_login: Any = None
    vty_password_only: Any = None
    telnet_vty: Any = None
    telnet_asa: Any = None
    vty_no_access_class: Any = None
    ssh_any_outside: Any = None
    ssh_v1: Any = None
    exec_timeout_long: Any = None
    asa_timeouts_long: Any = None
    http_server: Any = None
    asa_http_any_outside: Any = None
    no_aaa_new_model: Any = None
    snmp_public: Any = None
    snmp_rw: Any = None
    acl_after_deny_any: Any = None
    acl_shadowed: Any = None
    acl_invalid: Any = None
    acl_incomplete: Any = None
    acl_duplicates: Any = None
    acl_undefined: Any = None
    acl_permit_any_outside: Any = None
    acl_permit_any_unknown_side: Any = None
    psk_cleartext: Any = None
    session_keys: Any = None
    weak_psk: Any = None
    routes_incomplete: Any = None
    ip_address_missing: Any = None
    set_peer_incomplete: Any = None
    no_logging_timestamps: Any = None
    no_ntp: Any = None
    legacy_services: Any = None
    no_banner: Any = None
    default_hostname: Any = None


class _Judge:
    """Turns found lines into a field value: the lines, or (none found) [] when the capture
    covers where they would be, or Unknown when it does not."""

    def __init__(self, config: RunningConfig) -> None:
        self.config = config

    def found(self, items: list, *examples: str) -> Any:
        if items:
            return items
        return self.absent(*examples, value=[])

    def absent(self, *examples: str, value: Any = True) -> Any:
        try:
            self.config.need(*examples)
        except Unknown as unknown:
            return unknown
        return value


def _outside_asa(interface: CfgInterface) -> str:
    if interface.security_level == 0:
        return f"{interface.nameif} has security-level 0"
    if interface.nameif and _OUTSIDE_NAME.search(interface.nameif):
        return f"it is named {interface.nameif}"
    return ""


def _outside_ios(interface: CfgInterface, routes: list[Route]) -> str:
    if interface.nat_outside:
        return "it has `ip nat outside`"
    if interface.description and _OUTSIDE_DESCRIPTION.search(interface.description):
        return f"its description is `{interface.description}`"
    for route in routes:
        if route.network != ANY or route.mask != ANY or route.problem:
            continue
        if route.interface and iface_key(route.interface) == interface.key:
            return "the default route leaves through it"
        if route.next_hop and interface.ip and interface.mask:
            try:
                subnet = ipaddress.IPv4Network(f"{interface.ip}/{interface.mask}", strict=False)
                if ipaddress.IPv4Address(route.next_hop) in subnet:
                    return f"the default route's next hop {route.next_hop} is on it"
            except ValueError:
                continue
    return ""


def _permit_any(acls: AclAnalysis, refs: list[AclRef], interfaces: list[CfgInterface],
                routes: list[Route], asa: bool) -> tuple[list[PermitAny], list[PermitAny]]:
    """`permit ip any any` reachable in an ACL applied inbound: (facing out, side unknown)."""
    by_name = {i.nameif if asa else i.key: i for i in interfaces}
    outside: list[PermitAny] = []
    unknown: list[PermitAny] = []
    shadowed = {(s.acl, s.line, s.text) for s in acls.after_deny_any + acls.by_broader}
    for ref in refs:
        if ref.direction != "in" or not ref.interface:
            continue
        interface = by_name.get(ref.interface if asa else iface_key(ref.interface))
        for line in acls.lines:
            match = acls.matches.get(line)
            if (line.acl != ref.acl or line.action != "permit" or match is None
                    or (line.acl, line.line, line.text) in shadowed
                    or not is_any_any(match, asa=asa)):
                continue
            why = ""
            if interface is not None:
                why = _outside_asa(interface) if asa else _outside_ios(interface, routes)
            item = PermitAny(line.acl, line.kind, line.text, line.ace, line.asa_ace, line.seq,
                             line.position, line.line, ref.interface, ref.text, why)
            (outside if why else unknown).append(item)
            break
    return outside, unknown


def _common(facts: ConfigFacts, config: RunningConfig, judge: _Judge, asa: bool) -> None:
    acls = analyse_acls(config)
    refs = acl_refs(config)
    facts.acl_lines, facts.acl_refs = acls.lines, refs
    acl_examples = ("access-list 1 permit any",) if asa else (
        "access-list 1 permit any", "ip access-list extended X")
    facts.acl_after_deny_any = judge.found(acls.after_deny_any, *acl_examples)
    facts.acl_invalid = judge.found(acls.invalid, *acl_examples)
    facts.acl_incomplete = judge.found(acls.incomplete, *acl_examples)
    facts.acl_duplicates = judge.found(acls.duplicates, *acl_examples)
    # "not defined" is a claim about every ACL definition: a section showing the references
    # but not the ACLs proves nothing, even when it names one
    undefined = [r for r in refs if r.acl not in acls.names]
    defined_known = judge.absent(*acl_examples, value=True)
    facts.acl_undefined = (defined_known if isinstance(defined_known, Unknown)
                           else judge.found(undefined, "interface X", "line vty 0 4"))
    outside, unknown_side = _permit_any(acls, refs, facts.interfaces, facts.routes, asa)
    facts.acl_permit_any_outside = judge.found(outside, *acl_examples, "interface X")
    facts.acl_permit_any_unknown_side = judge.found(unknown_side, *acl_examples, "interface X")
    # what an applied `permit ip any any` hides (typically the final deny) is that finding's
    # evidence, not a second finding
    permits = {(p.acl, p.line, p.text) for p in outside + unknown_side}
    facts.acl_shadowed = judge.found(
        [s for s in acls.by_broader if (s.acl, s.by_line, s.by_text) not in permits],
        *acl_examples)
    facts.routes_incomplete = judge.found([r for r in facts.routes if r.problem],
                                          "route x" if asa else "ip route x")
    facts.set_peer_incomplete = judge.found(set_peer_incomplete(config), "crypto map x")
    facts.session_keys = judge.found(session_keys(config), "crypto map x")
    hostname = config.find(r"^hostname \S+", top=True)
    facts.hostname = hostname[0].words[1] if hostname else judge.absent("hostname x",
                                                                       value=None)
    facts.default_hostname = judge.found(
        [hit(config, h) for h in hostname if h.words[1].lower() in DEFAULT_HOSTNAMES],
        "hostname x")
    facts.no_ntp = judge.absent("ntp server x", value=not config.find(
        r"^(ntp (server|peer)|sntp server)\b", top=True))
    facts.no_banner = judge.absent("banner login x", value=not config.find(
        r"^banner (login|motd)\b", top=True))
    facts.failover_lines = [line.text for line in config.find(r"^failover\b", top=True)]
    facts.usernames = [hit(config, line, name=line.words[1])
                       for line in config.find(r"^username \S+", top=True)]
    facts.snmp_communities = [
        hit(config, line, name=line.words[line.words.index("community") + 1])
        for line in config.find(r"^snmp-server (community|host .* community) \S+", top=True)]


def _ios(facts: ConfigFacts, config: RunningConfig, judge: _Judge) -> None:
    version = next((line.words[1] for line in config.find(r"^version \S+", top=True)), "")
    aaa = bool(config.find(r"^aaa new-model$", top=True))
    facts.interfaces, address_problems = ios_interfaces(config)
    facts.routes = ios_routes(config)
    facts.term_lines = term_lines(config, aaa, version)
    cred = ios_credentials(config)
    facts.enable_password_cleartext = judge.found(cred.enable_cleartext, "enable password x")
    facts.type7_passwords = judge.found(cred.type7, "enable password x", "username x",
                                        "line vty 0 4")
    enable_aaa = config.find(r"^aaa authentication enable default\b", top=True)
    facts.enable_secret_missing = judge.absent(
        "enable secret x", "aaa authentication enable x",
        value=not cred.enable_secret and not enable_aaa)
    facts.enable_secret_weak = judge.found(cred.weak_secrets, "enable secret x")
    encryption = config.find(r"^service password-encryption$", top=True)
    facts.clear_line_passwords = judge.found([] if encryption else cred.line_cleartext,
                                             "service password-encryption", "line vty 0 4")
    facts.username_cleartext = judge.found(cred.user_cleartext, "username x")
    lines = facts.term_lines
    facts.console_no_login = judge.found(
        [t for t in lines if t.kind == "con" and t.login == "none"], "line con 0",
        "aaa new-model", "aaa authentication login x")
    facts.aux_no_login = judge.found(
        [t for t in lines if t.kind == "aux" and t.login == "none" and t.exec_enabled],
        "line aux 0", "aaa new-model", "aaa authentication login x")
    facts.vty_no_login = judge.found(
        [t for t in lines if t.kind == "vty" and t.login == "none"], "line vty 0 4",
        "aaa new-model", "aaa authentication login x")
    facts.vty_password_only = judge.found(
        [t for t in lines if t.kind == "vty" and t.login == "line" and t.password],
        "line vty 0 4", "aaa new-model")
    vty = [t for t in lines if t.kind == "vty" and t.exec_enabled]
    telnet = [t for t in vty if t.telnet]
    undetermined = [t for t in vty if t.telnet is None]
    if telnet or not undetermined:
        facts.telnet_vty = judge.found(telnet, "line vty 0 4", "version 15.0")
    else:
        facts.telnet_vty = Unknown(
            f"`{undetermined[0].header}` has no `transport input` line, and this release's "
            "default is not known from the configuration", ("show line vty 0",))
    facts.vty_no_access_class = judge.found(
        [t for t in vty if not t.access_class and t.login != "none"
         and (t.telnet or t.ssh or t.telnet is None)], "line vty 0 4")
    facts.exec_timeout_long = judge.found(
        [t for t in lines if t.kind in ("con", "aux", "vty") and t.exec_timeout is not None
         and (t.exec_timeout == 0 or t.exec_timeout > MAX_IDLE_MINUTES)
         and (t.kind != "aux" or t.exec_enabled)], "line con 0", "line vty 0 4")
    facts.ssh_v1 = _ios_ssh_v1(config, judge, vty, version)
    facts.http_server = judge.found(
        [hit(config, h) for h in config.find(r"^ip http server$", top=True)], "ip http server")
    facts.no_aaa_new_model = judge.absent("aaa new-model", value=not aaa)
    communities = config.find(r"^snmp-server community \S+", top=True)
    public = [hit(config, c, name=c.words[2]) for c in communities
              if c.words[2].lower() in _GUESSABLE_COMMUNITY]
    facts.snmp_public = judge.found(public, "snmp-server community x")
    facts.snmp_rw = judge.found(
        [hit(config, c, name=c.words[2]) for c in communities
         if any(w.lower() == "rw" for w in c.words[3:])
         and c.words[2].lower() not in _GUESSABLE_COMMUNITY], "snmp-server community x")
    keys = psk_keys(config)
    enable_values = cred.cleartext_enable_values
    facts.psk_cleartext = judge.found([k.hit for k in keys if k.clear], "crypto isakmp key x",
                                      "crypto keyring x", "crypto ikev2 keyring x")
    facts.weak_psk = _weak(keys, enable_values, judge, "crypto isakmp key x", "crypto keyring x")
    facts.ip_address_missing = judge.found(address_problems, "interface X")
    timestamps = config.find(r"^service timestamps log datetime\b", top=True)
    destinations = config.find(r"^logging (buffered|host|server|\d+\.\d+\.\d+\.\d+)\b",
                               top=True)
    facts.no_logging_timestamps = judge.absent(
        "service timestamps log datetime", "logging buffered x", "logging host x",
        value=not timestamps or not destinations)
    legacy = [hit(config, h, mode="!", set=f"no {h.text}", back="!", undo=h.text)
              for h in config.find(r"^(service (tcp|udp)-small-servers|ip finger|service finger|"
                                   r"ip source-route|service pad|ip bootp server)\b", top=True)]
    for block in config.blocks(r"interface \S"):
        legacy += [hit(config, c, mode=block.head.text, set=" no ip directed-broadcast",
                       back=block.head.text, undo=" ip directed-broadcast")
                   for c in block.all(r"ip directed-broadcast$")]
    facts.legacy_services = judge.found(legacy, "service tcp-small-servers", "ip finger",
                                        "interface X")
    facts.asa_blank_enable = facts.pix_default_passwd = []
    facts.telnet_asa = facts.ssh_any_outside = facts.asa_timeouts_long = []
    facts.asa_http_any_outside = []


def _ios_ssh_v1(config: RunningConfig, judge: _Judge, vty: list[TermLine],
                version: str) -> Any:
    explicit = config.find(r"^ip ssh version 1$", top=True)
    if explicit:
        return [hit(config, h) for h in explicit]
    v2 = config.find(r"^ip ssh version 2$", top=True)
    major = next((int(m.group(1)) for m in [re.match(r"(\d+)\.", version)] if m), None)
    ssh_used = any(t.ssh for t in vty)
    if not v2 and ssh_used and major is not None and major < 16:
        # without `ip ssh version 2`, classic IOS answers SSH 1.99: version 1 still accepted
        return [Hit("", 0, config.source, None, "", "no `ip ssh version 2` (IOS answers 1.99)")]
    return judge.absent("ip ssh version 2", value=[])


def _weak(keys: list, enable_values: set[str], judge: _Judge, *examples: str) -> Any:
    weak = weak_keys(keys, enable_values)
    if weak:
        return weak
    if keys and all(not k.value for k in keys):
        return Unknown("every pre-shared key is masked or encrypted in this output; "
                       "`more system:running-config` shows them", ("more system:running-config",))
    return judge.absent(*examples, value=[])


def _present(config: RunningConfig, regex: str, example: str) -> bool | None:
    """True when a top-level line matches, False when the capture shows it is absent."""
    if config.find(regex, top=True):
        return True
    return False if config.covers(example) else None


def _asa(facts: ConfigFacts, config: RunningConfig, judge: _Judge) -> None:
    facts.interfaces, address_problems = asa_interfaces(config)
    facts.transparent = _present(config, r"^firewall transparent\b", "firewall transparent")
    facts.same_security_permitted = _present(
        config, r"^same-security-traffic permit inter-interface$",
        "same-security-traffic permit inter-interface")
    facts.routes = asa_routes(config)
    facts.asa_blank_enable = judge.found(
        [hit(config, h) for h in config.find(rf"^enable password {BLANK_ENABLE_HASH}\b",
                                             top=True)], "enable password x")
    facts.pix_default_passwd = judge.found(
        [hit(config, h) for h in config.find(rf"^passwd {DEFAULT_PASSWD_HASH}\b", top=True)],
        "passwd x")
    named = {i.nameif: i for i in facts.interfaces if i.nameif}

    def access(keyword: str) -> list:
        """`telnet|ssh|http <net> <mask> <nameif>` lines (not `ssh timeout 5`)."""
        return [line for line in config.find(rf"^{keyword} \d+\.\d+\.\d+\.\d+ \S+ \S+",
                                             top=True)]

    telnet = [hit(config, h, name=h.words[3], mode=f"no {h.text}",
                  set=f"ssh {h.words[1]} {h.words[2]} {h.words[3]}", back=f"no ssh "
                  f"{h.words[1]} {h.words[2]} {h.words[3]}", undo=h.text)
              for h in access("telnet")]
    facts.telnet_asa = judge.found(telnet, "telnet x")
    outside = {n for n, i in named.items() if _outside_asa(i)}
    facts.ssh_any_outside = judge.found(
        [hit(config, h, name=h.words[3]) for h in access("ssh")
         if h.words[1:3] == [ANY, ANY] and h.words[3] in outside],
        "ssh x", "interface X")
    facts.ssh_v1 = judge.found(
        [hit(config, h) for h in config.find(r"^ssh version 1$", top=True)], "ssh version 1")
    timeouts = []
    for line in config.find(r"^(console|ssh|telnet) timeout \d+$", top=True):
        minutes = int(line.words[2])
        if minutes == 0 or minutes > MAX_IDLE_MINUTES:
            timeouts.append(hit(config, line, name=line.words[0],
                                detail="never" if minutes == 0 else f"{minutes} minutes"))
    facts.asa_timeouts_long = judge.found(timeouts, "console timeout 0", "ssh timeout 5")
    http_on = bool(config.find(r"^http server enable\b", top=True))
    facts.asa_http_any_outside = judge.found(
        [hit(config, h, name=h.words[3]) for h in access("http")
         if http_on and h.words[1:3] == [ANY, ANY] and h.words[3] in outside],
        "http server enable", "http x", "interface X")
    communities = [(line, line.words[2]) for line in
                   config.find(r"^snmp-server community \S+", top=True)]
    communities += [(line, line.words[line.words.index("community") + 1])
                    for line in config.find(r"^snmp-server host .* community \S+", top=True)]
    facts.snmp_public = judge.found(
        [hit(config, line, name=name) for line, name in communities
         if name.lower() in _GUESSABLE_COMMUNITY], "snmp-server community x")
    keys = psk_keys(config)
    facts.psk_cleartext = judge.found([k.hit for k in keys if k.clear and k.hit.mode == "!"],
                                      "isakmp key x")
    facts.weak_psk = _weak(keys, set(), judge, "tunnel-group x", "isakmp key x")
    facts.ip_address_missing = judge.found(address_problems, "interface X", "ip address x")
    for name in ("enable_password_cleartext", "type7_passwords", "enable_secret_weak",
                 "clear_line_passwords", "username_cleartext", "console_no_login",
                 "aux_no_login", "vty_no_login", "vty_password_only", "telnet_vty",
                 "vty_no_access_class", "exec_timeout_long", "http_server", "snmp_rw",
                 "legacy_services"):
        setattr(facts, name, [])
    facts.enable_secret_missing = facts.no_aaa_new_model = False
    facts.no_logging_timestamps = False


def build_config(config: RunningConfig) -> ConfigFacts:
    judge = _Judge(config)
    facts = ConfigFacts(source=config.source, complete=config.complete, hostname=None,
                        running=config)
    if config.family == "cisco_asa":
        _asa(facts, config, judge)
    else:
        _ios(facts, config, judge)
    _common(facts, config, judge, config.family == "cisco_asa")
    return facts


def config_facts(device_facts: DeviceFacts) -> ConfigFacts:
    """The `config` fact of one device (raises Unknown when no configuration was captured)."""
    device = device_facts.device
    facts = build_config(running_config(device, device_facts.family))
    facts.platform = get_platform(device.platform).tag if device.platform else ""
    return facts
