"""Realistic sessions of failover runtime events (recordings/realistic/firewalls/): what the
history, the log and the interface lines of a pair say happened, found on the right device
with the file's own lines, and no other failover finding claimed from the same capture.

Also the pieces those captures exercise: the 9.x `Interface check` lines under the reason, a
history that is partial, the 7.x switchover message form, hellos lost on an interface that
then failed (one cause, one finding).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netriage.facts.failover.syslog import FailoverSyslog, parse_messages
from netriage.parsing import parse_output
from tests.conftest import RECORDINGS

FIREWALLS = RECORDINGS / "realistic" / "firewalls"

# capture, device, every failover id expected (exactly), evidence text the first one cites
CASES = [
    ("asa5516x-9.14-dc-pair-primary-interface-check-recovered-session.log", "dc2-fw/pri",
     ["history-interface-check", "syslog-switching-failed", "monitor-waiting-syslog"],
     "Active                     Failed                     Interface check"),
    ("asa5540-8.4-hq-internet-pair-primary-ifc-failure-failback-session.log", "hq-inet-fw/pri",
     ["history-ifc-failed", "syslog-switching-failed", "history-config-cmd"],
     "Active                     Failed                     Ifc Failure"),
    ("ftd2120-7.2-dc-pair-secondary-failover-link-and-mate-lost-session.log", "ftd-dc1-b",
     ["history-link-down", "history-mate-not-detected", "history-detected-active-mate"],
     "Standby Ready              Failed                     LAN Interface become failed"),
    ("fpr2130-asa-9.16-lyon-pair-secondary-dual-active-boot-write-standby-session.log",
     "lyon-core-fw/sec",
     ["history-no-active-found", "history-config-mismatch", "history-other-wants-standby"],
     "Negotiation                Just Active                No Active unit found"),
    ("pix525-7.2-geneva-pair-primary-inside-testing-went-standby-session.log", "gva-pix/pri",
     ["if-testing", "syslog-switching-standby"],
     "Interface inside (10.41.0.2): Testing"),
    ("asa5520-8.2-montreal-pair-secondary-took-over-mate-silent-session.log", "mtl-fw/sec",
     ["syslog-no-response", "monitor-waiting-syslog"],
     "Nov 27 2026 01:13:40: %ASA-1-103001: (Secondary) No response from other firewall "
     "(reason code = 4)."),
    ("ftd1150-6.7-campus-pair-secondary-stuck-bulk-sync-session.log", "ftd-campus-2",
     ["stuck-bulk-sync", "state-xerr", "history-detected-active-mate", "monitor-waiting-syslog"],
     "This host: Secondary - Bulk Sync"),
    ("fpr1120-asa-9.18-bordeaux-pair-secondary-stuck-sync-config-session.log", "bdx-vpn-fw/sec",
     ["stuck-sync-config", "history-detected-active-mate"],
     "This host: Secondary - Sync Config"),
    ("asa5545x-9.12-paris-dc-replacement-secondary-stuck-negotiation-session.log", "par-dc-fw",
     ["stuck-negotiation"], "failover lan unit secondary"),
    ("fpr1140-asa-9.16-nantes-pair-primary-standby-switch-swap-dmz-guest-session.log",
     "nts-fw/pri", ["if-no-link", "if-failed", "syslog-lost-comm", "monitor-waiting-syslog"],
     "Interface dmz (172.25.52.2): No Link (Monitored)"),
    ("asa5508x-9.12-lille-pair-primary-new-vlan-waiting-mate-wifi-down-session.log",
     "lille-fw/pri", ["if-unknown", "if-waiting"],
     "Interface wifi (10.59.64.2): Unknown (Waiting)"),
    ("asav30-9.16-azure-westeurope-secondary-cloud-ha-active-session.log", "az-weu-asav-2",
     ["syslog-cloud-ha"],
     "Dec 02 2026 03:14:10: %ASA-1-104500: (Secondary) Switching to ACTIVE (cause: Peer unit "
     "not detected)."),
]


@pytest.mark.parametrize(("name", "device", "expected", "evidence"), CASES,
                         ids=[c[0].split("-session")[0] for c in CASES])
def test_runtime_events_found_and_nothing_else(analyze, name, device, expected, evidence):
    path = FIREWALLS / name
    analysis = analyze(path)
    found = {f.id: f for f in analysis.findings}
    assert sorted(found) == sorted(f"failover.{e}" for e in expected)
    assert {f.device for f in analysis.findings} == {device}
    assert evidence in [e.text for e in found[f"failover.{expected[0]}"].evidence]
    lines = Path(path).read_text().splitlines()
    for finding in analysis.findings:  # every cited line is that line of the file
        assert "<" not in finding.title.replace("<->", ""), finding.title  # no unknown filler
        for item in finding.evidence:
            assert lines[item.line - 1].strip() == item.text, (finding.id, item)


def test_interface_check_lines_under_the_reason_are_read():
    text = "\n".join([
        "=" * 74, "From State                 To State                   Reason", "=" * 74,
        "02:14:33 CET Nov 30 2026",
        "Active                     Failed                     Interface check",
        " " * 54 + "This host:1", " " * 54 + "single_vf: inside", " " * 54 + "Other host:0",
        "", "=" * 74])
    result = parse_output(text, "show failover history", "cisco_asa")
    assert result.status == "parsed", result.not_understood
    assert result.records[0]["reason_detail"] == ["This host:1", "single_vf: inside",
                                                  "Other host:0"]


def test_a_partial_history_claims_only_the_events_it_read(analyze, tmp_path):
    # the interface check was read and is reported; a line nobody understands may hide other
    # rows, so no other event is claimed (with an empty list in its title): undecided instead
    source = (FIREWALLS / CASES[0][0]).read_text()
    capture = tmp_path / "garbled-history.log"
    capture.write_text(source.replace("Other host:0\n\n", "Other host:0\n\n"
                                      "@@ line garbled by the terminal @@\n\n", 1))
    analysis = analyze(capture)
    ids = {f.id for f in analysis.findings}
    assert "failover.history-interface-check" in ids
    assert not ids & {"failover.history-ifc-failed", "failover.history-mate-not-detected"}, ids
    nodes = {u.node for u in analysis.undecided if u.tree == "failover-history"}
    assert {"ifc-events", "mate-not-detected-events"} <= nodes, nodes


@pytest.mark.parametrize(("line", "cause", "routine"), [
    ("%PIX-1-104002: (Primary) Switching to STNDBY - interface check, mate is healthier",
     "interface check, mate is healthier", False),
    ("%ASA-1-104001: (Secondary) Switching to ACTIVE - HELLO not heard from mate.",
     "HELLO not heard from mate", False),
    ("%ASA-1-104001: (Primary) Switching to ACTIVE (cause: Other unit wants me Active).",
     "Other unit wants me Active", True),
])
def test_switchover_cause_in_both_message_forms(line, cause, routine):
    message = parse_messages(line)[0]
    assert (message.cause, message.routine) == (cause, routine)


def test_hellos_lost_before_a_failed_test_are_that_failure():
    log = FailoverSyslog(parse_messages("\n".join([
        "%ASA-1-105005: (Primary) Lost Failover communications with mate on interface inside",
        "%ASA-1-105009: (Primary) Testing on interface inside Failed",
        "%ASA-1-105005: (Primary) Lost Failover communications with mate on interface dmz",
        "%ASA-1-105009: (Primary) Testing on interface dmz Passed"])))
    assert [m.interface for m in log.lost_comm_unexplained] == ["dmz"]
