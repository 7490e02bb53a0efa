"""The config checks of ASA / FTD / PIX: default enable and passwd, telnet, SSH and HTTP
open to outside, idle timeouts, SNMP, pre-shared keys, interface addresses, firewall mode."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netriage.facts.config.asa import asa_interfaces
from netriage.facts.config.ios import asa_routes
from netriage.facts.config.judge import GUESSABLE_COMMUNITY, MAX_IDLE_MINUTES, Judge, weak_psk
from netriage.facts.config.outside import ANY, outside_asa
from netriage.facts.config.secrets import BLANK_ENABLE_HASH, DEFAULT_PASSWD_HASH, hit, psk_keys
from netriage.facts.config.tree import RunningConfig

if TYPE_CHECKING:
    from netriage.facts.config.build import ConfigFacts


def _present(config: RunningConfig, regex: str, example: str) -> bool | None:
    """True when a top-level line matches, False when the capture shows it is absent."""
    if config.find(regex, top=True):
        return True
    return False if config.covers(example) else None


def judge_asa(facts: ConfigFacts, config: RunningConfig, judge: Judge) -> None:
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
    outside = {n for n, i in named.items() if outside_asa(i)}
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
         if name.lower() in GUESSABLE_COMMUNITY], "snmp-server community x")
    keys = psk_keys(config)
    facts.psk_cleartext = judge.found([k.hit for k in keys if k.clear and k.hit.mode == "!"],
                                      "isakmp key x")
    facts.weak_psk = weak_psk(keys, set(), judge, "tunnel-group x", "isakmp key x")
    facts.ip_address_missing = judge.found(address_problems, "interface X", "ip address x")
    for name in ("enable_password_cleartext", "type7_passwords", "enable_secret_weak",
                 "clear_line_passwords", "username_cleartext", "console_no_login",
                 "aux_no_login", "vty_no_login", "vty_password_only", "telnet_vty",
                 "vty_no_access_class", "exec_timeout_long", "http_server", "snmp_rw",
                 "legacy_services"):
        setattr(facts, name, [])
    facts.enable_secret_missing = facts.no_aaa_new_model = False
    facts.no_logging_timestamps = False

