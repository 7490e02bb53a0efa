"""The config checks both families share: ACLs and where they are applied, routes, crypto
map peers and keys, hostname, NTP, banner; and the lines other areas read (failover,
usernames, SNMP communities)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netriage.engine.expr import Unknown
from netriage.facts.config.acl import analyse_acls
from netriage.facts.config.acl_refs import acl_refs
from netriage.facts.config.judge import Judge
from netriage.facts.config.outside import permit_any
from netriage.facts.config.secrets import hit, session_keys, set_peer_incomplete
from netriage.facts.config.tree import RunningConfig

if TYPE_CHECKING:
    from netriage.facts.config.build import ConfigFacts

DEFAULT_HOSTNAMES = frozenset({"router", "switch", "ciscoasa", "pixfirewall", "ciscoftd",
                               "firepower"})


def judge_common(facts: ConfigFacts, config: RunningConfig, judge: Judge, asa: bool) -> None:
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
    outside, unknown_side = permit_any(acls, refs, facts.interfaces, facts.routes, asa)
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
