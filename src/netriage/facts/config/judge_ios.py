"""The config checks of IOS / IOS-XE: credentials, terminal lines, management access, SNMP,
pre-shared keys, logging, legacy services."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from netriage.engine.expr import Unknown
from netriage.facts.config.ios import ios_interfaces, ios_routes, term_lines
from netriage.facts.config.judge import GUESSABLE_COMMUNITY, MAX_IDLE_MINUTES, Judge, weak_psk
from netriage.facts.config.model import Hit, TermLine
from netriage.facts.config.secrets import hit, ios_credentials, psk_keys
from netriage.facts.config.tree import RunningConfig

if TYPE_CHECKING:
    from netriage.facts.config.build import ConfigFacts


def judge_ios(facts: ConfigFacts, config: RunningConfig, judge: Judge) -> None:
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
              if c.words[2].lower() in GUESSABLE_COMMUNITY]
    facts.snmp_public = judge.found(public, "snmp-server community x")
    facts.snmp_rw = judge.found(
        [hit(config, c, name=c.words[2]) for c in communities
         if any(w.lower() == "rw" for w in c.words[3:])
         and c.words[2].lower() not in GUESSABLE_COMMUNITY], "snmp-server community x")
    keys = psk_keys(config)
    enable_values = cred.cleartext_enable_values
    facts.psk_cleartext = judge.found([k.hit for k in keys if k.clear], "crypto isakmp key x",
                                      "crypto keyring x", "crypto ikev2 keyring x")
    facts.weak_psk = weak_psk(keys, enable_values, judge, "crypto isakmp key x", "crypto keyring x")
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


def _ios_ssh_v1(config: RunningConfig, judge: Judge, vty: list[TermLine],
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

