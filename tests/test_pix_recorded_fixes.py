"""PIX 7.x fixes built from the PIX's own syntax and configuration (issue 11), on the realistic
PIX recordings: the crypto map keyword before ASA 8.4, the nat 0 ACL the configuration already
has, and the phase 1 states PIX 7.x shows exactly as the ASA does."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from netriage.analysis import analyze_paths
from tests.conftest import RECORDINGS
from tests.recordings_index import answers_for

PIX = RECORDINGS / "realistic" / "pix"


@cache
def _findings(name: str) -> dict[str, object]:
    path = PIX / name
    analysis = analyze_paths([path], answers=answers_for(path) or None)
    return {f.id: f for f in analysis.findings}


def _lines(finding) -> list[str]:
    return [line for fix in finding.fix for line in fix.commands + fix.rollback]


def test_an_incomplete_map_entry_on_pix_7_gets_set_transform_set_without_ikev1():
    finding = _findings("pix525-7.2-nyc-branch-hub-vpn-config-session.log")["crypto.map-incomplete"]
    lines = _lines(finding)
    # `ikev1` entered the crypto map syntax with ASA 8.4; PIX 7.2 refuses it
    assert "crypto map CMAP-OUTSIDE 50 set transform-set <transform-set>" in lines
    assert not any("ikev1" in line for line in lines)


def test_a_missing_nat_exemption_extends_the_nat_0_acl_the_configuration_has():
    finding = _findings("pix525-7.2-lyon-wan-hub-branch-isp-changed-session.log")[
        "crypto.encaps-zero-nat"]
    lines = _lines(finding)
    assert ("access-list NONAT extended permit ip 10.40.0.0 255.255.0.0 172.30.6.0 "
            "255.255.255.0") in lines
    assert "nat (inside) 0 access-list NONAT" in lines
    assert not any("<nat0-acl>" in line or "<nat-acl>" in line for line in lines)


def test_pix_7_phase_1_states_are_judged_as_on_the_asa_with_a_pix_fix():
    found = _findings("pix525-7.2-lyon-wan-hub-branch-isp-changed-session.log")
    wait3 = found["crypto.ike-p1-responder-wait3"]
    assert "192.0.2.133" in wait3.title
    assert [fix.platform for fix in wait3.fix] == ["pix"]
    assert "show route" in wait3.fix[0].commands
    up = found["crypto.p1-up-state-ok"]
    assert up.title == "Phase 1 is up with 3 peer(s)"


def test_the_recordings_are_pix_7_captures():
    analysis = analyze_paths([PIX / "pix535-7.2-dc-vpn-hub-7-peers-session.log"])
    device = analysis.devices[0].device
    assert (device.platform, device.version) == ("cisco_pix", "7.2(4)")
    assert Path(PIX).is_dir()


def test_pix_7_show_interface_is_read_whole_and_its_411_messages_count():
    name = "pix535-7.2-campus-edge-interfaces-session.log"
    analysis = analyze_paths([PIX / name])
    entry = next(e for e in analysis.devices[0].device.entries if e.command == "show interface")
    from netriage.parsing import parse_output

    result = parse_output(entry.output, "show interface", "cisco_asa")
    # `Hardware is i82559, BW 100 Mbps` (no DLY before ASA 8) is understood
    assert result.status == "parsed", result.not_understood
    assert {r["hardware_type"] for r in result.records} >= {"i82559", "i82543 rev02"}
    flapping = _findings(name)["iface.flapping"]
    # four `%PIX-4-411002 ... Ethernet4, changed state to down` in the log
    assert "Ethernet4 (voice)" in flapping.title


def test_a_pix_6_address_line_without_address_rolls_back_to_pix_6s_no_address():
    finding = _findings("pix515e-6.3-nantes-branch-consultant-template-forum-post.txt")[
        "config.ip-address-missing"]
    assert [f.platform for f in finding.fix] == ["pix"]
    assert "ip address outside <ip-address> <subnet-mask>" in finding.fix[0].commands
    assert "ip address outside 127.0.0.1 255.255.255.255" in finding.fix[0].rollback
