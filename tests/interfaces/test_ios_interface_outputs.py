"""IOS / IOS-XE / Catalyst interface outputs read whole: the Catalyst 6500 layout, pasted text
without indentation, tunnels and serial links parse fully; a line that is not interface output
(a log message, a prompt, prose, a counter line in a layout never seen) is still flagged; and
what `show interfaces description`, `switchport` and `trunk` tell reaches the facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from netriage.capture import load_paths
from netriage.facts import DeviceFacts
from netriage.parsing import PARSED, PARTIAL, parse_output
from tests.conftest import FIXTURES
from tests.helpers_trees import check_finding, run

IFS = FIXTURES / "interfaces"
C6500 = IFS / "catalyst-6500-hardcoded-full-crc.log"
SHOW_INTERFACES = Path(__file__).resolve().parents[1] / "parsers" / "cisco_ios" / "show_interfaces"


def test_catalyst_6500_layout_is_read_whole():
    device = load_paths([C6500]).devices[0]
    facts = DeviceFacts(device)
    result = facts.result("show interfaces")
    assert result is not None and result.status == PARSED, result and result.not_understood
    text = device.find("show interfaces").output
    for line in ("Clock mode is auto", "L2 Switched: ucast:", "L3 in Switched: ucast:"):
        assert line in text  # the lines that silenced the whole output before


@pytest.mark.parametrize(("far_end", "finding_id", "severity", "fix_line"),
                         [("auto", "iface.duplex-mismatch", "medium", " duplex auto"),
                          ("full", "iface.input-errors-crc", "medium",
                           "clear counters GigabitEthernet3/12")])
def test_catalyst_6500_hard_coded_full_duplex_with_crc_and_runts(far_end, finding_id, severity,
                                                                 fix_line):
    finding = check_finding(C6500, finding_id, severity,
                            ["GigabitEthernet3/12 is up, line protocol is up (connected)",
                             "9311 input errors, 5124 CRC, 3907 frame, 0 overrun, 0 ignored"],
                            fix_line, answers={"interfaces-duplex.far-end": far_end})
    assert "5124" in finding.explanation


def test_catalyst_6500_unanswered_far_end_is_a_question_not_silence():
    findings, analysis = run(C6500)
    assert findings == []
    assert any(u.node == "far-end" and u.question for u in analysis.undecided)


def _show_interfaces(text: str):
    return parse_output(text, "show interfaces", "cisco_ios")


@pytest.mark.parametrize("foreign", [
    "*Mar  6 09:41:30.112: %LINEPROTO-5-UPDOWN: Line protocol on Interface Serial0/0/0, "
    "changed state to down",
    "000412: Mar  6 09:41:30 CET: %LINK-3-UPDOWN: Interface Serial0/0/0, changed state to down",
    "rtr-br2#",
    "rtr-br2#show interfaces Serial0/0/0",
    "here you can see the CRC errors going up",
    # a counter line naming CRC in a layout never seen must not be read as zero errors
    "12 input errors, 9 CRC, 3 frame, 0 overrun, 0 ignored, 0 abort, 0 fifo",
])
def test_a_foreign_line_inside_the_output_is_not_understood(foreign: str):
    raw = (SHOW_INTERFACES / "isr_2911_tunnel_serial_dialer.raw").read_text().splitlines()
    at = next(n for n, line in enumerate(raw) if "carrier transitions" in line)
    damaged = "\n".join(raw[:at] + [foreign] + raw[at:]) + "\n"
    result = _show_interfaces(damaged)
    assert result.status == PARTIAL
    assert [text for _, text in result.not_understood] == [foreign]


def test_unknown_informational_counters_are_understood_but_error_counters_are_kept():
    raw = (SHOW_INTERFACES / "catalyst_6509_sup720_crc_runts.raw").read_text()
    extra = raw.replace("     0 watchdog, 0 multicast, 0 pause input\n",
                        "     0 watchdog, 0 multicast, 0 pause input\n"
                        "     0 input vlan tag drops, 0 input discards\n", 1)
    result = _show_interfaces(extra)
    assert result.status == PARSED, result.not_understood
    assert [r["crc"] for r in result.records] == [r["crc"] for r in
                                                  _show_interfaces(raw).records]


def test_stripped_indentation_parses_like_the_original():
    raw = (SHOW_INTERFACES / "catalyst_6509_sup720_crc_runts.raw").read_text()
    stripped = "\n".join(line.strip() for line in raw.splitlines()) + "\n"
    assert _show_interfaces(stripped).records == _show_interfaces(raw).records
    assert _show_interfaces(stripped).status == PARSED


SWITCH = """\
acc-sw-9#show interfaces status

Port      Name               Status       Vlan       Duplex  Speed Type
Gi1/0/1   PC 2F-01           connected    20         a-full a-1000 10/100/1000BaseTX
Gi1/0/47                     notconnect   1            auto   auto 10/100/1000BaseTX
Gi1/0/48                     connected    trunk      a-full a-1000 10/100/1000BaseTX
acc-sw-9#show interfaces switchport
Name: Gi1/0/47
Switchport: Enabled
Administrative Mode: trunk
Operational Mode: down
Administrative Trunking Encapsulation: dot1q
Negotiation of Trunking: On
Access Mode VLAN: 1 (default)
Trunking Native Mode VLAN: 1 (default)
Trunking VLANs Enabled: 10,20
Pruning VLANs Enabled: 2-1001

Name: Gi1/0/1
Switchport: Enabled
Administrative Mode: static access
Operational Mode: static access
Access Mode VLAN: 20 (USERS)
Trunking Native Mode VLAN: 1 (default)
Trunking VLANs Enabled: ALL
Pruning VLANs Enabled: 2-1001
acc-sw-9#show interfaces trunk

Port        Mode             Encapsulation  Status        Native vlan
Gi1/0/48    on               802.1q         trunking      1

Port        Vlans allowed on trunk
Gi1/0/48    10,20

Port        Vlans allowed and active in management domain
Gi1/0/48    10,20

Port        Vlans in spanning tree forwarding state and not pruned
Gi1/0/48    10,20
acc-sw-9#show interfaces description
Interface                      Status         Protocol Description
Gi1/0/1                        up             up       PC 2F-01
Gi1/0/2                        admin down     down     spare 2F-02
acc-sw-9#
"""


def test_switchport_trunk_and_description_reach_the_facts(tmp_path: Path):
    capture = tmp_path / "acc-sw-9.log"
    capture.write_text(SWITCH)
    device = load_paths([capture], "cisco_ios").devices[0]
    facts = DeviceFacts(device)
    for command in ("show interfaces switchport", "show interfaces trunk",
                    "show interfaces description"):
        assert facts.result(command).status == PARSED, command
    value, _ = facts.resolve("interfaces")
    ports = {i.port: i for i in value.interfaces}
    # a trunk that is set so matters even while down; a negotiated one from the trunk table
    assert ports["Gi1/0/47"].vlan == "trunk" and ports["Gi1/0/47"].matters
    assert ports["Gi1/0/48"].vlan == "trunk" and ports["Gi1/0/48"].matters
    assert ports["Gi1/0/1"].vlan == "20" and not ports["Gi1/0/1"].matters
    # `show interfaces description` alone tells state and description
    assert ports["Gi1/0/2"].status == "administratively down"
    assert ports["Gi1/0/2"].description == "spare 2F-02"
    assert [i.port for i in value.down_down] == ["Gi1/0/47"]
