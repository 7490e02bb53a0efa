"""Interface trees end to end: one recording per fault, the finding on top with its evidence."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from tests.helpers_trees import assert_every_id_has_a_recording, check_finding, run

IFS = FIXTURES / "interfaces"

CASES = [
    # recording, answers, id, severity, evidence lines (exact), a fix line
    ("admin-down-router.log", None, "iface.admin-down", "critical",
     ["GigabitEthernet0/1 is administratively down, line protocol is down",
      "GigabitEthernet0/1         10.20.0.1       YES NVRAM  administratively down down"],
     "interface GigabitEthernet0/1"),
    # a shut nameif with an address and no sign of use (no traffic, no description) is asked
    # about, not called in use
    ("admin-down-asa.log", {"interfaces-unused.meant-to-be-used": "yes"}, "iface.admin-down",
     "critical",
     ['Interface GigabitEthernet1/3 "dmz", is administratively down, line protocol is down'],
     "interface GigabitEthernet1/3"),
    ("maybe-unused.log", {"interfaces-unused.meant-to-be-used": "yes"}, "iface.admin-down",
     "critical",
     ["Gi0/7     Conf room A        disabled     1            auto   auto 10/100/1000BaseTX"],
     "interface GigabitEthernet0/7"),
    ("down-down.log", None, "iface.down-down", "critical",
     ["GigabitEthernet0/0 is down, line protocol is down"], "interface GigabitEthernet0/0"),
    ("up-down-serial.log", None, "iface.up-down", "critical",
     ["Serial0/0/0 is up, line protocol is down"], "interface Serial0/0/0"),
    ("speed-mismatch.log", {"interfaces-speed.far-end": "no"}, "iface.speed-mismatch", "critical",
     ["GigabitEthernet0/0 is down, line protocol is down", "interface GigabitEthernet0/0",
      "speed 100"], " speed auto"),
    ("vlan-inactive.log", None, "iface.vlan-inactive", "critical",
     ["Gi0/5     PC 3F-12           inactive     30         a-full a-1000 10/100/1000BaseTX"],
     "vlan 30"),
    ("portchannel-suspended.log", None, "iface.portchannel-suspended", "medium",
     ["000203: Mar  4 14:02:11.218 CET: %EC-5-CANNOT_BUNDLE2: Gi0/10 is not compatible with "
      "Po1 and will be suspended (speed of Gi0/10 is 100M, Po1 is 1000M)"],
     "interface GigabitEthernet0/10"),
    ("err-disabled-bpduguard.log", None, "iface.err-disabled-bpduguard", "medium",
     ["Gi0/6     PC 3F-14           err-disabled bpduguard",
      "000203: Mar  4 10:41:07.331 CET: %SPANTREE-2-BLOCK_BPDUGUARD: Received BPDU on port "
      "Gi0/6 with BPDU Guard enabled. Disabling port.",
      "GigabitEthernet0/6 is down, line protocol is down (err-disabled)"],
     "interface GigabitEthernet0/6"),
    ("err-disabled-psecure.log", None, "iface.err-disabled-psecure", "medium",
     ["Gi0/5     PC 3F-12           err-disabled psecure-violation",
      "000203: Mar  4 11:02:51.902 CET: %PORT_SECURITY-2-PSECURE_VIOLATION: Security violation "
      "occurred, caused by MAC address 000c.29a1.77e2 on port GigabitEthernet0/5."],
     "clear port-security sticky interface GigabitEthernet0/5"),
    ("err-disabled-unsupported-sfp.log", None, "iface.err-disabled-unsupported-sfp", "medium",
     ["Gi0/10    Uplink dist-2      err-disabled gbic-invalid",
      "000203: Mar  4 12:17:30.004 CET: %PHY-4-UNSUPPORTED_TRANSCEIVER: Unsupported "
      "transceiver found in Gi0/10"],
     "interface GigabitEthernet0/10"),
    ("err-disabled-link-flap.log", None, "iface.err-disabled", "critical",
     ["Gi0/2     Printer 3F         err-disabled link-flap",
      "link-flap                    Disabled",
      "000230: Mar  4 09:10:35.112 CET: %PM-4-ERR_DISABLE: link-flap error detected on Gi0/2, "
      "putting Gi0/2 in err-disable state"],
     "errdisable recovery cause link-flap"),
    ("duplex-mismatch-half-side.log", None, "iface.duplex-mismatch", "medium",
     ["GigabitEthernet0/2 is up, line protocol is up (connected)",
      "0 babbles, 211 late collision, 9120 deferred",
      "211 output errors, 40981 collisions, 1 interface resets"],
     " duplex auto"),
    ("duplex-mismatch-full-side.log", {"interfaces-duplex.far-end": "auto"},
     "iface.duplex-mismatch", "medium",
     ["21933 input errors, 18201 CRC, 3120 frame, 0 overrun, 0 ignored",
      "3732 runts, 0 giants, 0 throttles", "duplex full"],
     "interface GigabitEthernet0/1"),
    ("pix-duplex-mismatch.log", None, "iface.duplex-mismatch", "medium",
     ["0 babbles, 17 late collisions, 470 deferred"], "interface ethernet0 auto"),
    ("half-duplex.log", None, "iface.half-duplex", "medium",
     ["0 output errors, 12093 collisions, 1 interface resets"], "interface GigabitEthernet0/2"),
    ("crc-errors.log", None, "iface.input-errors-crc", "medium",
     ["2512 input errors, 2311 CRC, 201 frame, 0 overrun, 0 ignored"],
     "clear counters GigabitEthernet0/5"),
    ("runts.log", None, "iface.runts-giants", "medium", ["18220 runts, 0 giants, 0 throttles"],
     "interface GigabitEthernet0/1"),
    ("giants.log", {"interfaces-errors.far-mtu": "yes"}, "iface.mtu-mismatch", "medium",
     ["0 runts, 48211 giants, 0 throttles"], " mtu <far-end-mtu>"),
    ("giants.log", {"interfaces-errors.far-mtu": "no"}, "iface.runts-giants", "medium",
     ["0 runts, 48211 giants, 0 throttles"], "clear counters GigabitEthernet0/1"),
    ("overruns-asa.log", None, "iface.overrun-no-buffer", "medium",
     ["212033 input errors, 0 CRC, 0 frame, 212033 overrun, 0 ignored, 0 abort"],
     "flowcontrol send on"),
    ("output-drops.log", None, "iface.output-drops", "medium",
     ["Input queue: 0/75/0/0 (size/max/drops/flushes); Total output drops: 1209381"],
     "hold-queue 1024 out"),
    ("output-errors.log", None, "iface.output-errors-underruns", "medium",
     ["120391 output errors, 0 collisions, 1 interface resets"],
     "clear counters GigabitEthernet0/1"),
    ("flapping.log", None, "iface.flapping", "medium",
     ["000194: Mar  4 06:40:17.902 CET: %LINEPROTO-5-UPDOWN: Line protocol on Interface "
      "GigabitEthernet0/1, changed state to down"],
     "clear counters GigabitEthernet0/1"),
    ("flapping-asa.log", None, "iface.flapping", "medium",
     ["Mar 04 2025 09:12:02: %ASA-4-411002: Line protocol on Interface GigabitEthernet1/3, "
      "changed state to down"],
     "clear interface GigabitEthernet1/3"),
    ("interface-resets.log", None, "iface.interface-resets", "low",
     ["0 output errors, 0 collisions, 184 interface resets"], "clear counters"),
    ("asa-no-nameif.log", None, "iface.asa-no-nameif", "medium",
     ['Interface GigabitEthernet1/4 "", is up, line protocol is up'], " nameif <name>"),
    ("asa-no-ip.log", None, "iface.asa-no-ip", "medium",
     ["GigabitEthernet1/3         unassigned      YES unset  up                    up"],
     "interface GigabitEthernet1/3"),
    ("asa-subif-no-vlan.log", None, "iface.asa-subif-no-vlan", "critical",
     ['Interface GigabitEthernet1/4.30 "guest", is down, line protocol is down',
      "VLAN identifier none"], " vlan <vlan-id>"),
    ("asa-security-level.log", None, "iface.asa-security-level", "low",
     ["GigabitEthernet1/3       dmz                       50",
      "GigabitEthernet1/4       partner                   50"],
     "same-security-traffic permit inter-interface"),
    ("ftd-fxos-admin-down.log", {"interfaces-ftd.enabled-in-fmc": "yes"},
     "iface.ftd-fxos-admin-down", "critical",
     ['Interface Ethernet1/1 "outside", is administratively down, line protocol is down'],
     "enter interface Ethernet1/1"),

]


@pytest.mark.parametrize(("recording", "answers", "finding_id", "severity", "evidence", "fix"),
                         CASES, ids=[f"{c[0]}:{c[2]}" for c in CASES])
def test_fault_is_the_top_finding(recording, answers, finding_id, severity, evidence, fix):
    check_finding(IFS / recording, finding_id, severity, evidence, fix, answers=answers)


def test_every_interface_id_has_a_recording():
    assert_every_id_has_a_recording("iface.", {c[2] for c in CASES})


@pytest.mark.parametrize("recording", ["healthy-switch.log", "healthy-router.log",
                                       "healthy-asa.log"])
def test_healthy_capture_raises_nothing_above_info(recording):
    _findings, analysis = run(IFS / recording)
    assert [f.id for f in analysis.findings if f.severity != "info"] == []
    assert [u for u in analysis.undecided if u.tree.startswith(("interfaces", "config"))] == []


def test_crc_caused_by_a_duplex_mismatch_is_one_finding():
    findings, _ = run(IFS / "duplex-mismatch-full-side.log", {"interfaces-duplex.far-end": "half"})
    assert [f.id for f in findings] == ["iface.duplex-mismatch"]


def test_far_end_hard_coded_alike_turns_the_suspect_into_a_cable_fault():
    findings, _ = run(IFS / "duplex-mismatch-full-side.log", {"interfaces-duplex.far-end": "full"})
    assert [f.id for f in findings] == ["iface.input-errors-crc"]
    assert "both ends are hard-coded" in findings[0].explanation.lower()


def test_unanswered_questions_are_undecided_not_findings():
    for recording, node in [("duplex-mismatch-full-side.log", "far-end"),
                            ("speed-mismatch.log", "far-end"),
                            ("giants.log", "far-mtu"),
                            ("maybe-unused.log", "meant-to-be-used")]:
        findings, analysis = run(IFS / recording)
        assert findings == [], recording
        assert any(u.node == node and u.question for u in analysis.undecided), recording


def test_link_flap_err_disable_is_not_also_a_flapping_finding():
    findings, _ = run(IFS / "err-disabled-link-flap.log")
    assert [f.id for f in findings] == ["iface.err-disabled"]


def test_down_port_resets_are_its_state_not_a_second_finding():
    findings, _ = run(IFS / "up-down-serial.log")
    assert [f.id for f in findings] == ["iface.up-down"]


def test_subinterface_without_vlan_is_not_also_down_down():
    findings, _ = run(IFS / "asa-subif-no-vlan.log")
    assert [f.id for f in findings] == ["iface.asa-subif-no-vlan"]


def test_errdisable_recovery_state_is_in_the_explanation():
    finding = check_finding(IFS / "err-disabled-psecure.log", "iface.err-disabled-psecure",
                            "medium", [], "interface GigabitEthernet0/5")
    assert "psecure-violation: enabled" in finding.explanation
