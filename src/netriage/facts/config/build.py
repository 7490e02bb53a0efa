"""The `config` fact: what the config-hygiene trees (checks/config*.yaml) read.

Each list holds the items one finding reports (all of them: one root cause in several places
is one finding). A list is either known or `Unknown`: when the captured configuration is
partial (a section, a filtered output, a paste without `end`) and could not have shown the
lines a check needs, the field holds the Unknown and the check is undecided, never healthy.

The checks that fill the fields: `config_judge_ios`, `config_judge_asa`, and
`config_judge_common` for what both families share; `config_judge.Judge` decides between the
lines found, [] and Unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netriage.facts.config.model import AclLine, AclRef, CfgInterface, Hit, Route, TermLine
    from netriage.facts.config.tree import RunningConfig


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


def build_config(config: RunningConfig) -> ConfigFacts:
    # Imported here: the judges (ACLs, secrets, their models: ~0.04 s of imports) serve only
    # a capture that holds a configuration (`fact.config_facts` asks for one first).
    from netriage.facts.config.judge import Judge
    from netriage.facts.config.judge_asa import judge_asa
    from netriage.facts.config.judge_common import judge_common
    from netriage.facts.config.judge_ios import judge_ios

    judge = Judge(config)
    facts = ConfigFacts(source=config.source, complete=config.complete, hostname=None,
                        running=config)
    if config.family == "cisco_asa":
        judge_asa(facts, config, judge)
    else:
        judge_ios(facts, config, judge)
    # last: the shared checks read the interfaces and routes the family's checks found
    judge_common(facts, config, judge, config.family == "cisco_asa")
    return facts
