"""Pasted running-configs: recognised as such, blank lines and hierarchy repaired."""

from __future__ import annotations

import pytest
from netutils.config.parser import ASAConfigParser, IOSConfigParser

from netriage.capture import load_paths
from netriage.capture.hierarchy import indentation_lost, paste_blanks, recover
from tests.capture.helpers import CAPTURES

FLAT_IOS = """hostname rtr1
interface GigabitEthernet0/0
description uplink
ip address 192.0.2.1 255.255.255.0
crypto map VPN
crypto map VPN 10 ipsec-isakmp
set peer 192.0.2.2
match address 101
ip route 0.0.0.0 0.0.0.0 192.0.2.254
line vty 0 4
password 7 0822455D0A16
transport input ssh
router ospf 1
network 10.0.0.0 0.255.255.255 area 0
policy-map WAN
class VOICE
priority 512
class class-default
fair-queue
end"""


def test_recovered_hierarchy_is_what_netutils_parses_as_parents():
    config = "\n".join(recover(FLAT_IOS.split("\n")))
    parsed = IOSConfigParser(config).build_config_relationship()
    parents = {line.config_line: line.parents for line in parsed}
    assert parents[" ip address 192.0.2.1 255.255.255.0"] == ("interface GigabitEthernet0/0",)
    assert parents[" crypto map VPN"] == ("interface GigabitEthernet0/0",)
    assert parents[" set peer 192.0.2.2"] == ("crypto map VPN 10 ipsec-isakmp",)
    assert parents["ip route 0.0.0.0 0.0.0.0 192.0.2.254"] == ()
    assert parents[" transport input ssh"] == ("line vty 0 4",)
    assert parents[" network 10.0.0.0 0.255.255.255 area 0"] == ("router ospf 1",)
    assert parents["  priority 512"] == ("policy-map WAN", " class VOICE")
    assert parents["  fair-queue"] == ("policy-map WAN", " class class-default")


def test_asa_tunnel_group_and_crypto_map_lines():
    flat = ["crypto map outside_map 10 set peer 192.0.2.2",
            "tunnel-group 192.0.2.2 type ipsec-l2l",
            "tunnel-group 192.0.2.2 ipsec-attributes",
            "ikev1 pre-shared-key *****",
            "isakmp keepalive threshold 10 retry 2",
            "crypto ikev1 policy 10", "authentication pre-share", "encryption aes-256",
            "group-policy GP attributes", "vpn-tunnel-protocol ikev1 ikev2",
            "webvpn", "anyconnect keep-installer installed",
            "snmp-server community *****"]
    recovered = recover(flat)
    assert recovered == [
        "crypto map outside_map 10 set peer 192.0.2.2",  # ASA crypto maps are flat lines
        "tunnel-group 192.0.2.2 type ipsec-l2l",
        "tunnel-group 192.0.2.2 ipsec-attributes",
        " ikev1 pre-shared-key *****",
        " isakmp keepalive threshold 10 retry 2",
        "crypto ikev1 policy 10", " authentication pre-share", " encryption aes-256",
        "group-policy GP attributes", " vpn-tunnel-protocol ikev1 ikev2",
        " webvpn", "  anyconnect keep-installer installed",
        "snmp-server community *****"]
    parsed = ASAConfigParser("\n".join(recovered)).build_config_relationship()
    assert {p.config_line: p.parents for p in parsed}[" ikev1 pre-shared-key *****"] == (
        "tunnel-group 192.0.2.2 ipsec-attributes",)


def test_an_indented_config_is_left_exactly_as_it_is():
    lines = ["interface Gi0/0", " ip address 192.0.2.1 255.255.255.0", "!",
             "hostname rtr1"]
    assert not indentation_lost(lines)


@pytest.mark.parametrize(
    ("lines", "doubled"),
    [(["a", "", "b", "", "c", "", "d"], True),
     (["a", "b", "", "c", "d", "e"], False),
     (["a", "", "b"], False)],  # too short to tell
)
def test_blank_after_every_line(lines, doubled):
    assert paste_blanks(lines) is doubled


def test_running_config_typed_in_a_terminal_also_gets_its_hierarchy(tmp_path):
    path = tmp_path / "pasted.log"
    path.write_text("rtr1#show run\n" + FLAT_IOS + "\nrtr1#\n")
    [router] = load_paths([path]).devices
    output = router.find("show running-config").output.split("\n")
    assert output[2] == " description uplink"
    assert router.find("show running-config").line == 1


def test_a_config_with_a_prompt_of_a_hostname_with_spaces_and_no_hostname_line(tmp_path):
    path = tmp_path / "forum.txt"
    path.write_text("Branch Router 7#sh run\n\n" + "\n\n".join(
        ["version 15.4", "interface Gi0/1", "ip address 10.7.0.1 255.255.255.0",
         "no shutdown", "ip route 0.0.0.0 0.0.0.0 10.7.0.254", "end"]) + "\n")
    capture = load_paths([path])
    [router] = capture.devices
    assert router.hostname == "Branch Router 7"
    entry = router.find("show running-config")
    assert entry.output.split("\n") == ["version 15.4", "interface Gi0/1",
                                        " ip address 10.7.0.1 255.255.255.0", " no shutdown",
                                        "ip route 0.0.0.0 0.0.0.0 10.7.0.254", "end"]
    assert [entry.source_line(i) for i in range(6)] == [3, 5, 7, 9, 11, 13]
    assert router.platform == "cisco_ios" and router.version == "15.4"


def test_platform_override_applies_to_a_pasted_config():
    [fw] = load_paths([CAPTURES / "forum-paste-asa.txt"], platform="cisco_ftd").devices
    assert (fw.platform, fw.platform_reason) == ("cisco_ftd", "--platform")


def test_a_paste_without_its_end_is_an_excerpt_never_the_whole_config(tmp_path):
    path = tmp_path / "snippet.txt"
    path.write_text("tunnel-group 192.0.2.2 type ipsec-l2l\ntunnel-group 192.0.2.2 "
                    "ipsec-attributes\nikev1 pre-shared-key *****\ncrypto map outside_map 10 "
                    "set peer 192.0.2.2\ncrypto map outside_map 10 match address VPN\n")
    [device] = load_paths([path]).devices
    assert device.find("show running-config") is None
    excerpt = device.find("show running-config", unfiltered=False)
    assert excerpt.filter == "| excerpt"
    assert excerpt.output.split("\n")[2] == " ikev1 pre-shared-key *****"
    [whole] = load_paths([CAPTURES / "forum-paste-asa.txt"]).devices
    assert not whole.find("show running-config").filtered
