"""The `interfaces` fact: merging outputs, what matters, and never reading silence as health."""

from __future__ import annotations

import pytest

from netriage.capture import load_paths
from netriage.engine.expr import Unknown
from netriage.facts import DeviceFacts
from netriage.facts.config.tree import iface_key
from netriage.facts.interfaces.model import significant
from tests.conftest import FIXTURES
from tests.helpers_trees import cdp_duplex_mismatch_capture, run

IFS = FIXTURES / "interfaces"


def facts_of(path, platform=""):
    device = load_paths([path], platform).devices[0]
    value, _ = DeviceFacts(device).resolve("interfaces")
    return value


def by_name(facts, name):
    return next(i for i in facts.interfaces if i.name == name)


def test_outputs_merge_per_interface_whatever_the_spelling():
    facts = facts_of(IFS / "duplex-mismatch-half-side.log")
    port = by_name(facts, "GigabitEthernet0/2")
    assert port.short == "Gi0/2"  # from show interfaces status and the counters table
    assert (port.duplex, port.duplex_hardcoded, port.speed) == ("half", False, "100")
    assert (port.late_collisions, port.collisions) == (211, 40981)
    assert port.description == "Printer 3F"


def test_names_canonicalise_with_netutils():
    assert iface_key("Gi0/1") == iface_key("GigabitEthernet0/1") == "gigabitethernet0/1"
    assert iface_key("Vl10") == iface_key("Vlan10")
    assert iface_key("Po1") == iface_key("Port-channel1")
    assert iface_key("Te1/1/1") == "tengigabitethernet1/1/1"


def test_what_matters_and_why():
    switch = facts_of(IFS / "healthy-switch.log")
    assert by_name(switch, "GigabitEthernet0/9").why == "is a trunk"
    assert by_name(switch, "Vlan20").why == "has address 10.20.0.3"
    spare = by_name(switch, "GigabitEthernet0/7")  # shut, no description: an unused port
    assert (spare.matters, spare.maybe_used, spare.admin_down) == (False, False, True)
    asa = facts_of(IFS / "healthy-asa.log")
    assert by_name(asa, "GigabitEthernet1/1").why == "named outside, has address 203.0.113.2"
    assert by_name(asa, "Internal-Data1/1").internal
    assert not by_name(asa, "GigabitEthernet1/4").matters


def test_a_partial_show_interfaces_still_shows_the_runts_it_read(tmp_path):
    # runts.log has no counters table: show interfaces is the only source of counters; the
    # line not understood is not the one with the runts, so the fault still concludes
    text = (IFS / "runts.log").read_text().replace(
        "     0 input packets with dribble condition detected",
        "     0 input packets with dribble condition detected\n     a line no template knows", 1)
    assert "a line no template knows" in text
    path = tmp_path / "partial.log"
    path.write_text(text)
    findings, _analysis = run(path)
    [runts] = [f for f in findings if f.id == "iface.runts-giants"]
    assert [p.command for p in runts.partial] == ["show interfaces"]
    assert runts.partial[0].lines[0][1].strip() == "a line no template knows"


def test_a_partial_show_interfaces_is_unknown_not_healthy(tmp_path):
    # the line with the runts counter is the one not understood: no runts can be told
    text = (IFS / "runts.log").read_text()
    counter = next(line for line in text.splitlines()
                   if "runts," in line and "giants" in line and not line.strip().startswith("0 "))
    path = tmp_path / "partial.log"
    path.write_text(text.replace(counter, "     " + counter.strip().upper() + " (garbled)", 1))
    findings, analysis = run(path)
    assert "iface.runts-giants" not in [f.id for f in findings]
    reasons = [u.reason for u in analysis.undecided if u.node == "runts"]
    assert reasons and "partial `show interfaces`" in reasons[0]


def test_only_a_filtered_output_is_unknown(tmp_path):
    path = tmp_path / "filtered.log"
    path.write_text("sw1#show interfaces | include CRC\n"
                    "     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored\n"
                    "sw1#show version\nCisco IOS Software, C2960CX Software, Version 15.2(7)E8\n"
                    "sw1#\n")
    findings, analysis = run(path)
    assert findings == []
    assert any("filtered" in u.reason for u in analysis.undecided if u.tree == "interfaces-errors")


def test_counters_table_still_tells_when_show_interfaces_is_partial(tmp_path):
    text = (IFS / "crc-errors.log").read_text().replace(
        "     0 input packets with dribble condition detected",
        "     0 input packets with dribble condition detected\n     a line no template knows", 1)
    path = tmp_path / "partial-with-table.log"
    path.write_text(text)
    findings, _ = run(path)
    assert [f.id for f in findings] == ["iface.input-errors-crc"]  # FCS-Err of the table


def test_one_port_shown_proves_its_fault_but_not_the_others_health(tmp_path):
    full = (IFS / "crc-errors.log").read_text()
    block = full.split("GigabitEthernet0/5 is up")[1].split("\nGigabitEthernet0/6 is")[0]
    faulty = tmp_path / "one-port.log"
    faulty.write_text("sw1#show interfaces GigabitEthernet0/5\nGigabitEthernet0/5 is up"
                      + block + "\nsw1#\n")
    findings, _ = run(faulty, None)
    assert [f.id for f in findings] == ["iface.input-errors-crc"]
    clean = tmp_path / "clean-port.log"
    clean.write_text(faulty.read_text().replace("2512 input errors, 2311 CRC, 201 frame",
                                                "0 input errors, 0 CRC, 0 frame"))
    findings, analysis = run(clean)
    assert findings == []
    assert any(u.node == "crc" for u in analysis.undecided)


def test_the_failover_link_is_left_to_the_failover_tree(tmp_path):
    base = (IFS / "healthy-asa.log").read_text()
    down = base.replace('Interface GigabitEthernet1/4 "", is administratively down',
                        'Interface GigabitEthernet1/4 "folink", is down').replace(
        "interface GigabitEthernet1/4\n shutdown\n no nameif\n",
        "interface GigabitEthernet1/4\n description LAN Failover Interface\n no nameif\n")
    down = down.replace("no failover\n", "failover lan interface folink GigabitEthernet1/4\n")
    alone = tmp_path / "alone.log"
    alone.write_text(down)
    facts = facts_of(alone)
    assert by_name(facts, "GigabitEthernet1/4").failover_link
    assert [i.name for i in facts.down_down] == ["GigabitEthernet1/4"]
    with_failover = tmp_path / "with-failover.log"
    with_failover.write_text(down + "fw-edge-1# show failover\nFailover On\n"
                             "Failover unit Primary\n"
                             "Failover LAN Interface: folink GigabitEthernet1/4 (down)\n"
                             "fw-edge-1# \n")
    facts = facts_of(with_failover)
    assert facts.down_down == []  # one cable, one finding: failover.lan-if-down
    assert "failover" in by_name(facts, "GigabitEthernet1/4").elsewhere


def test_virtual_asa_queues_cannot_tell_output_drops(tmp_path):
    text = (IFS / "healthy-asa.log").read_text()
    for queue in ("489/402", "511/460", "511/477", "511/441", "511/502", "511/498", "511/509",
                  "511/508"):
        text = text.replace(f"({queue})", "(0/0)")
    path = tmp_path / "asav.log"
    path.write_text(text)
    facts = facts_of(path)
    assert isinstance(facts.output_drops, Unknown)
    assert "show asp drop" in facts.output_drops.commands


def test_no_interface_output_at_all_is_unknown(tmp_path):
    path = tmp_path / "nothing.log"
    path.write_text("rtr1#show version\nCisco IOS Software, C2900 Software, Version 15.7(3)M8\n"
                    "rtr1#\n")
    assert isinstance(facts_of(path), Unknown)


@pytest.mark.parametrize(("count", "packets", "expected"), [
    (0, 1000, False), (9, 50, False), (10, 0, True), (100, 10_000_000, False),
    (1000, 10_000_000, True), (None, 1000, False)])
def test_error_thresholds(count, packets, expected):
    assert significant(count, packets) is expected


def test_cdp_duplex_mismatch_log_is_a_duplex_mismatch(tmp_path):
    path = cdp_duplex_mismatch_capture(tmp_path)
    findings, _ = run(path)
    assert [f.id for f in findings] == ["iface.duplex-mismatch"]
    assert "dist-1 GigabitEthernet1/0/23 (half duplex)" in findings[0].explanation
    assert any("%CDP-4-DUPLEX_MISMATCH" in e.text for e in findings[0].evidence)


def test_a_crypto_map_makes_an_interface_matter(tmp_path):
    path = tmp_path / "both.log"
    path.write_text((IFS / "healthy-router.log").read_text()
                    + (FIXTURES / "config" / "psk-cleartext.log").read_text())
    facts = facts_of(path)
    assert "carries crypto map VPN" in by_name(facts, "GigabitEthernet0/0").why


FAILOVER_NO_LINK = """fw-edge-1# show failover
Failover On
Failover unit Primary
Failover LAN Interface: folink GigabitEthernet1/4 (up)
Reconnect timeout 0:00:00
Unit Poll frequency 1 seconds, holdtime 15 seconds
Interface Poll frequency 5 seconds, holdtime 25 seconds
Interface Policy 1
Monitored Interfaces 3 of 1285 maximum
MAC Address Move Notification Interval not set
Version: Ours 9.16(4), Mate 9.16(4)
Serial Number: Ours JAD2104081Q, Mate JAD2104082R
Last Failover at: 10:01:12 CET Mar 3 2025
        This host: Primary - Active
                Active time: 1203991 (sec)
                slot 0: ASA5516 hw/sw rev (1.0/9.16(4)) status (Up Sys)
                  Interface outside (203.0.113.2): Normal (Monitored)
                  Interface inside (10.1.0.1): Normal (Monitored)
                  Interface dmz (10.2.0.1): No Link (Monitored)
        Other host: Secondary - Standby Ready
                Active time: 0 (sec)
                slot 0: ASA5516 hw/sw rev (1.0/9.16(4)) status (Up Sys)
                  Interface outside (203.0.113.3): Normal (Monitored)
                  Interface inside (10.1.0.2): Normal (Monitored)
                  Interface dmz (10.2.0.2): Normal (Monitored)
fw-edge-1#
"""


def test_an_interface_failover_reports_without_link_is_the_failover_finding(tmp_path):
    text = (IFS / "admin-down-asa.log").read_text().replace(
        'Interface GigabitEthernet1/3 "dmz", is administratively down',
        'Interface GigabitEthernet1/3 "dmz", is down')
    alone = tmp_path / "alone.log"
    alone.write_text(text)
    assert [i.name for i in facts_of(alone).down_down] == ["GigabitEthernet1/3"]
    both = tmp_path / "with-failover.log"
    both.write_text(text + FAILOVER_NO_LINK)
    facts = facts_of(both)
    # the failover fact's interface list is the contract with the failover area
    assert "No Link" in by_name(facts, "GigabitEthernet1/3").elsewhere
    assert facts.down_down == []
