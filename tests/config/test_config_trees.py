"""Config-hygiene trees end to end: one recording per fault, the finding on top with evidence."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from tests.helpers_trees import assert_every_id_has_a_recording, check_finding, run

CFG = FIXTURES / "config"

CASES = [
    # recording, id, severity, evidence lines (exact), a fix line, top (else only present)
    ("enable-password-cleartext.log", "config.enable-password-cleartext", "high",
     ["enable password Br4nch-En4ble"], "enable algorithm-type scrypt secret <new-password>",
     True),
    ("enable-password-type7.log", "config.enable-password-type7", "high",
     ["username ops privilege 5 password 7 0822455D0A165A1D0F2F"], "no username ops", True),
    ("vty-password-only.log", "config.enable-password-type7", "high",
     ["password 7 104D000A0618", "line vty 0 4"], " no password", True),
    ("enable-secret-missing.log", "config.enable-secret-missing", "high", [],
     "enable algorithm-type scrypt secret <new-password>", True),
    ("enable-secret-weak-hash.log", "config.enable-secret-weak-hash", "low",
     ["enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0"], "enable algorithm-type scrypt", True),
    ("no-service-password-encryption.log", "config.no-service-password-encryption", "medium",
     ["no service password-encryption", "password C0ns0le-Fallback", "line con 0"],
     "service password-encryption", True),
    ("username-password-cleartext.log", "config.username-password-cleartext", "high",
     ["username backup privilege 15 password 0 Backup2024!"],
     "username backup privilege 15 algorithm-type scrypt secret <new-password>", True),
    ("asa-blank-enable.log", "config.asa-blank-enable", "high",
     ["enable password 8Ry2YjIyt7RRXU24 encrypted"], "enable password <strong-password>", True),
    ("asa-default-passwd.log", "config.pix-default-passwd", "high",
     ["passwd 2KFQnbNIdI.2KYOU encrypted"], "passwd <strong-password>", True),
    ("pix-config.log", "config.pix-default-passwd", "high",
     ["passwd 2KFQnbNIdI.2KYOU encrypted"], "aaa authentication ssh console LOCAL", True),
    ("console-no-login.log", "config.console-no-login", "high", ["line con 0"],
     " login local", True),
    ("aux-no-login.log", "config.aux-no-login", "high", ["line aux 0"], " no exec", True),
    ("vty-no-login.log", "config.vty-no-login", "high", ["line vty 0 4", "no login"],
     " transport input ssh", True),
    ("vty-password-only.log", "config.vty-password-only", "medium",
     ["line vty 0 4", "login"], " login local", False),
    ("telnet-enabled.log", "config.telnet-enabled", "high",
     ["line vty 0 4", "transport input telnet ssh"], " transport input ssh", True),
    ("asa-telnet-enabled.log", "config.telnet-enabled", "high",
     ["telnet 10.1.0.0 255.255.255.0 inside"], "ssh 10.1.0.0 255.255.255.0 inside", True),
    ("vty-no-access-class.log", "config.vty-no-access-class", "high",
     ["line vty 0 4", "line vty 5 15"], " access-class MGMT in", True),
    ("asa-ssh-any-outside.log", "config.vty-no-access-class", "high",
     ["ssh 0.0.0.0 0.0.0.0 outside"], "no ssh 0.0.0.0 0.0.0.0 outside", True),
    ("ssh-v1.log", "config.ssh-v1", "medium", ["ip ssh version 1"], "ip ssh version 2", True),
    ("asa-ssh-v1.log", "config.ssh-v1", "medium", ["ssh version 1"], "ssh version 2", True),
    ("exec-timeout-long.log", "config.exec-timeout-long", "medium",
     ["exec-timeout 0 0", "exec-timeout 300"], " exec-timeout 10 0", True),
    ("asa-console-timeout.log", "config.exec-timeout-long", "medium", ["console timeout 0"],
     "console timeout 10", True),
    ("http-server-cleartext.log", "config.http-server-cleartext", "high", ["ip http server"],
     "no ip http server", True),
    ("asa-http-any-outside.log", "config.asa-http-any-outside", "high",
     ["http 0.0.0.0 0.0.0.0 outside", "http server enable"],
     "no http 0.0.0.0 0.0.0.0 outside", True),
    ("no-aaa-new-model.log", "config.no-aaa-new-model", "medium", [], "aaa new-model", True),
    ("snmp-community-public.log", "config.snmp-community-public", "high",
     ["snmp-server community public RO"], "no snmp-server community public RO", True),
    ("asa-snmp-public.log", "config.snmp-community-public", "high",
     ["snmp-server community public",
      "snmp-server host inside 10.1.0.20 community public version 2c"],
     "no snmp-server community public", True),
    ("snmp-rw.log", "config.snmp-rw", "high", ["snmp-server community N0cWr1te-7731 RW"],
     "snmp-server community N0cWr1te-7731 RO <mgmt-acl>", True),
    ("acl-shadowed-after-deny-any.log", "config.acl-shadowed-after-deny-any", "medium",
     ["access-list 110 deny   ip any any log",
      "access-list 110 permit udp host 203.0.113.10 host 198.51.100.2 eq isakmp",
      "access-list 110 permit icmp any any unreachable"],
     " 21 permit udp host 203.0.113.10 host 198.51.100.2 eq isakmp", True),
    ("asa-acl-after-deny.log", "config.acl-shadowed-after-deny-any", "medium",
     ["access-list OUTSIDE-IN extended deny ip any any log",
      "access-list OUTSIDE-IN extended permit tcp any object WEB-01 eq 8443"],
     "access-list OUTSIDE-IN line 3 extended permit tcp any object WEB-01 eq 8443", True),
    ("acl-shadowed-by-broader.log", "config.acl-shadowed-by-broader", "medium",
     ["permit ip 10.20.0.0 0.0.0.255 any", "deny   ip host 10.20.0.66 any log",
      "permit tcp 10.20.0.0 0.0.0.255 any eq 443"], " no 20", True),
    ("asa-acl-shadowed.log", "config.acl-shadowed-by-broader", "medium",
     ["access-list OUTSIDE-IN extended permit tcp any object WEB-01 object-group WEB-PORTS",
      "access-list OUTSIDE-IN extended deny tcp host 198.51.100.99 object WEB-01 eq https"],
     "access-list OUTSIDE-IN line 1 extended deny tcp host 198.51.100.99 object WEB-01 eq https",
     True),
    ("acl-invalid-syntax.log", "config.acl-invalid-syntax", "medium",
     ["access-list 101 permit ip host host eq 105"],
     " permit 105 host <source-ip> host <destination-ip>", True),
    ("acl-incomplete.log", "config.acl-incomplete", "medium",
     ["access-list 102 permit ip host 10.20.0.40"], "ip access-list extended 102", True),
    ("acl-duplicate-line.log", "config.acl-duplicate-line", "low",
     ["permit 10.0.99.0 0.0.0.255"], " no 30", True),
    ("acl-undefined-applied.log", "config.acl-undefined-applied", "high",
     ["access-class MGMT-ACL in"], " access-class <existing-acl> in", True),
    ("acl-permit-any-outside.log", "config.acl-permit-any-outside", "high",
     ["permit ip any any", "ip access-group WAN-IN in"], " deny ip any any log", True),
    ("asa-acl-permit-any.log", "config.acl-permit-any-outside", "high",
     ["access-list OUTSIDE-IN extended permit ip any any",
      "access-group OUTSIDE-IN in interface outside"],
     "no access-list OUTSIDE-IN extended permit ip any any", True),
    ("psk-cleartext.log", "config.psk-cleartext", "high",
     ["crypto isakmp key 7hQx2Lm9Vb4Rt8Zp3Kw6nC1y address 203.0.113.10"],
     "password encryption aes", True),
    ("pix-config.log", "config.psk-cleartext", "high",
     ["isakmp key V9q2LmX7tR4pZ8wK3nB6 address 198.51.100.20 netmask 255.255.255.255 "
      "no-xauth no-config-mode"],
     "isakmp key <new-random-key> address 198.51.100.20 netmask 255.255.255.255", False),
    ("session-key-cleartext.log", "config.session-key-cleartext", "high",
     ["crypto map OLDVPN 20 ipsec-manual",
      "set session-key inbound esp 300 cipher 0c1f2e3d4c5b6a7980a1b2c3d4e5f607 authenticator "
      "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d"],
     "crypto map OLDVPN 20 ipsec-manual", True),
    ("weak-psk.log", "config.weak-psk", "medium",
     ["crypto isakmp key cisco123 address 203.0.113.10"],
     "crypto isakmp key <new-random-key> address 203.0.113.10", False),
    ("asa-weak-psk.log", "config.weak-psk", "medium",
     ["ikev1 pre-shared-key cisco123", "tunnel-group 203.0.113.10 ipsec-attributes"],
     " ikev1 pre-shared-key <new-random-key>", True),
    ("ip-route-incomplete.log", "config.ip-route-incomplete", "medium",
     ["ip route 10.9.0.0 255.255.0.0", "ip route 10.2.2.1 255.255.255.0 10.20.0.254"],
     "ip route 10.9.0.0 255.255.0.0 <next-hop-ip>", True),
    ("asa-route-incomplete.log", "config.ip-route-incomplete", "medium",
     ["route dmz 10.50.0.0 255.255.0.0"], "route dmz 10.50.0.0 255.255.0.0 <gateway-ip>", True),
    ("ip-address-missing.log", "config.ip-address-missing", "medium",
     ["interface GigabitEthernet0/2", "ip address 10.30.0.1"],
     " ip address <ip-address> <subnet-mask>", True),
    ("asa-ip-address-missing.log", "config.ip-address-missing", "medium",
     ["interface GigabitEthernet1/3", "ip address 10.2.0.1"], " standby <standby-ip>", True),
    ("set-peer-incomplete.log", "config.set-peer-incomplete", "critical",
     ["crypto map VPN 10 ipsec-isakmp", "set peer"], " set peer <peer-ip>", False),
    ("no-logging-timestamps.log", "config.no-logging-timestamps", "low",
     ["no service timestamps log"], "logging buffered 64000 informational", True),
    ("no-ntp.log", "config.no-ntp", "low", [], "ntp server <ntp-server-ip>", True),
    ("legacy-services.log", "config.legacy-services", "low",
     ["service tcp-small-servers", "service udp-small-servers", "ip finger"],
     "no service tcp-small-servers", True),
    ("no-banner.log", "config.no-banner", "info", [], "banner login", True),
    ("default-hostname.log", "config.default-hostname", "info", ["hostname Router"],
     "hostname <site-role-nn>", True),
]


@pytest.mark.parametrize(("recording", "finding_id", "severity", "evidence", "fix", "top"),
                         CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_fault_is_found_with_its_evidence(recording, finding_id, severity, evidence, fix, top):
    check_finding(CFG / recording, finding_id, severity, evidence, fix, top=top)


def test_every_config_id_has_a_recording():
    assert_every_id_has_a_recording("config.", {c[1] for c in CASES})


def test_five_lines_behind_one_deny_are_one_finding():
    findings, _ = run(CFG / "acl-shadowed-after-deny-any.log")
    [finding] = [f for f in findings if f.id == "config.acl-shadowed-after-deny-any"]
    shadowed = [e for e in finding.evidence if "deny" not in e.text]
    assert len(shadowed) == 5
    # each is moved above the deny with its own free sequence number, in order
    assert [c for c in finding.fix[0].commands if c.startswith(" 2")] == [
        " 21 permit udp host 203.0.113.10 host 198.51.100.2 eq isakmp",
        " 22 permit udp host 203.0.113.10 host 198.51.100.2 eq non500-isakmp",
        " 23 permit esp host 203.0.113.10 host 198.51.100.2",
        " 24 permit tcp 192.0.2.0 0.0.0.255 host 198.51.100.2 eq 443",
        " 25 permit icmp any any unreachable"]


def test_what_a_permit_any_hides_is_not_a_second_finding():
    findings, _ = run(CFG / "asa-acl-permit-any.log")
    assert [f.id for f in findings] == ["config.acl-permit-any-outside"]


def test_invalid_acl_line_says_the_text_was_never_applied():
    findings, _ = run(CFG / "acl-invalid-syntax.log")
    [finding] = [f for f in findings if f.id == "config.acl-invalid-syntax"]
    assert "never applied" in finding.explanation
    assert "`host` must be followed by an IP address" in finding.explanation
    assert "only follow tcp or udp" in finding.explanation


def test_permit_any_on_an_interface_of_unknown_side_is_a_question(tmp_path):
    text = (CFG / "acl-permit-any-outside.log").read_text()
    text = text.replace(" description WAN to ISP (circuit 4471-22)\n", " description Core\n")
    text = text.replace(" ip nat outside\n", "").replace("ip route 0.0.0.0 0.0.0.0 198.51.100.1\n",
                                                         "")
    path = tmp_path / "unknown-side.log"
    path.write_text(text)
    findings, analysis = run(path)
    assert "config.acl-permit-any-outside" not in [f.id for f in findings]
    assert any(u.node == "facing-internet" for u in analysis.undecided)
    findings, _ = run(path, {"config-acl.facing-internet": "yes"})
    assert "config.acl-permit-any-outside" in [f.id for f in findings]


def test_healthy_configs_raise_nothing():
    for recording in ("healthy-router.log", "healthy-switch.log", "healthy-asa.log"):
        findings, analysis = run(FIXTURES / "interfaces" / recording)
        assert [f.id for f in findings if f.tree.startswith("config")] == []
        assert [u for u in analysis.undecided if u.tree.startswith("config")] == []
