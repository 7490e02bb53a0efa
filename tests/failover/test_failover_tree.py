"""The failover trees end to end: root causes once, healthy pairs quiet, unknown never healthy."""

from __future__ import annotations

import pytest

from tests.conftest import DEMO
from tests.failover.conftest import FAILOVER

HEALTHY = ["healthy-pair.log", "healthy-asa-pair.log", "healthy-ftd-pair.log",
           "healthy-aa-pair.log", "healthy-pix-pair.log"]


def failover_ids(analysis) -> list[str]:
    return [f.id for f in analysis.findings]


@pytest.mark.parametrize("recording", HEALTHY)
def test_healthy_pairs_raise_nothing_above_info_and_ask_nothing(analyze, recording):
    analysis = analyze(recording)
    assert [(f.id, f.severity) for f in analysis.findings if f.severity != "info"] == []
    assert [(u.tree, u.node, u.reason) for u in analysis.undecided] == []


def test_healthy_captures_cover_each_platform(analyze):
    platforms = {d.device.platform for r in HEALTHY for d in analyze(r).devices}
    assert platforms == {"cisco_asa", "cisco_ftd", "cisco_pix"}
    both_units = analyze("healthy-asa-pair.log").devices
    assert [d.device.hostname for d in both_units] == ["hq-fw/pri", "hq-fw/sec"]


def test_demo_standby_ip_missing_names_the_interface_once(analyze):
    analysis = analyze(DEMO)
    [finding] = analysis.findings  # dmz Waiting on both units is its consequence, not a finding
    assert finding.id == "failover.standby-ip-missing"
    assert "dmz" in finding.title
    assert "Interface dmz (0.0.0.0): Normal (Waiting)" in [e.text for e in finding.evidence]
    assert analysis.undecided == []


@pytest.mark.parametrize(("recording", "only"), [
    # the down LAN link explains the mate Not Detected, its Unknown interfaces and the shared
    # state link being down
    ("lan-if-down.log", ["failover.lan-if-down"]),
    ("lan-link-no-mate.log", ["failover.lan-link-no-mate"]),
    # the decryption failures explain the takeover logged as 104001
    ("key-mismatch.log", ["failover.key-mismatch"]),
    # an interface shut on the mate is Unknown there; its Waiting is the consequence
    ("if-unknown.log", ["failover.if-unknown"]),
    # repeated interface tests explain the lost hellos (105005) on that interface
    ("if-testing.log", ["failover.if-testing"]),
    # the version difference explains the mate stuck in Cold Standby
    ("version-mismatch.log", ["failover.version-mismatch"]),
    ("mode-mismatch.log", ["failover.mode-mismatch"]),
    # the failing command (709007) explains the stuck Sync Config: one finding, both lines
    ("stuck-sync-config.log", ["failover.stuck-sync-config",
                               "failover.history-detected-active-mate"]),
    # the history's link-down event and the 105043/105042 syslogs are one event
    ("history-link-down.log", ["failover.history-link-down",
                               "failover.history-detected-active-mate"]),
    # flapping covers its single interface-check switchovers
    ("flapping.log", ["failover.flapping"]),
    # tight timers explain the HELLO losses (no separate history-hello-not-heard)
    ("polltime-aggressive.log", ["failover.polltime-aggressive",
                                 "failover.history-other-wants-standby",
                                 "failover.history-detected-active-mate"]),
    # 103001 explains the 104001 takeover and the 105005 lines before it
    ("syslog-no-response.log", ["failover.syslog-no-response"]),
    # a slot mismatch in show failover and 105046 in the log are one finding
    ("hardware-mismatch.log", ["failover.hardware-mismatch"]),
])
def test_one_root_cause_is_one_finding(analyze, recording, only):
    assert failover_ids(analyze(recording)) == only


def test_merged_finding_keeps_the_evidence_of_both_trees(analyze):
    [finding] = analyze("hardware-mismatch.log").findings
    commands = {e.command for e in finding.evidence}
    assert {"show failover", "show logging"} <= commands


def test_question_is_undecided_until_answered(analyze):
    analysis = analyze("not-configured.log")
    assert analysis.findings == []
    [undecided] = analysis.undecided
    assert "failover pair" in undecided.question
    answered = analyze("not-configured.log", {"failover.meant-to-be-a-pair": "yes"})
    assert failover_ids(answered) == ["failover.not-configured"]
    assert answered.undecided == []


def test_switch_questions_only_follow_the_symptom(analyze):
    [asked] = analyze("lan-link-no-mate.log").undecided
    assert (asked.tree, asked.node) == ("failover-onsite", "mate-also-active")
    assert analyze("if-waiting.log").undecided == []  # no symptom a switch explains


def test_stuck_state_is_asked_when_no_history_can_tell(analyze, tmp_path):
    text = (FAILOVER / "cold-standby.log").read_text()
    no_history = tmp_path / "cold.log"
    no_history.write_text(text.split("pod4-fw/sec/stby# show failover history")[0])
    analysis = analyze(no_history)
    assert analysis.findings == []
    assert [u.node for u in analysis.undecided] == ["stuck-ask"]
    answered = analyze(no_history, {"failover-sync.stuck-ask": "yes"})
    assert failover_ids(answered) == ["failover.cold-standby"]


def test_unparsed_output_is_unknown_not_healthy(analyze, tmp_path):
    path = tmp_path / "mangled.log"
    path.write_text("fw1# show failover\nFailover On\nthis line is garbage\nfw1#\n")
    analysis = analyze(path, platform="cisco_asa")
    assert analysis.findings == []
    # `Failover On` was read; what only unread lines could tell is undecided, in each tree
    # that asks, naming the partial output
    assert analysis.undecided
    assert all("partial `show failover`" in u.reason and "show failover" in u.commands
               for u in analysis.undecided)
    [main] = [u for u in analysis.undecided if u.tree == "failover"]
    assert main.node == "lan-configured"


def test_filtered_only_output_is_unknown(analyze, tmp_path):
    path = tmp_path / "filtered.log"
    path.write_text("fw1# show failover | include Failover\nFailover Off\n"
                    "Failover LAN Interface: fo Gi0/1 (up)\nfw1#\n")
    analysis = analyze(path, platform="cisco_asa")
    assert analysis.findings == []
    assert "filtered" in analysis.undecided[0].reason


def test_a_filtered_log_is_read_for_what_it_shows(analyze):
    # issue 10 item 6: the message a `show logging | include 103006|...` shows is evidence
    # (it used to leave the whole syslog tree undecided); the failover and syslog trees
    # report the mismatch once, with both lines
    analysis = analyze("version-mismatch.log")
    [finding] = [f for f in analysis.findings if f.id == "failover.version-mismatch"]
    assert {e.command for e in finding.evidence} == {"show failover", "show logging"}
    assert any("%ASA-1-103007:" in e.text for e in finding.evidence)
    assert not [u for u in analysis.undecided if u.tree == "failover-syslog"]


def test_outputs_not_captured_add_no_undecided(analyze):
    # lan-link-no-mate.log has only `show failover`: history, log, configuration trees are
    # skipped, not reported as undecided (only the question about the mate is asked)
    assert [u.tree for u in analyze("lan-link-no-mate.log").undecided] == ["failover-onsite"]


def test_fixes_are_filled_from_facts(analyze):
    [finding] = analyze("lan-if-down.log").findings
    commands = [c for fix in finding.fix for c in fix.commands]
    assert "interface GigabitEthernet1/8" in commands
    no_link = analyze("if-no-link.log").findings[0]  # `show nameif` names the port
    assert "interface GigabitEthernet0/1" in no_link.fix[0].commands
    waiting = analyze(DEMO).findings[0]  # no `show nameif`: the engineer fills it in
    assert "interface <physical-interface-of-dmz>" in waiting.fix[0].commands


def test_the_same_fault_from_two_trees_is_one_finding():
    from netriage.analysis import merge_duplicates
    from netriage.engine.findings import Evidence, Finding

    a = Finding("x.y", "high", "t", "fw1", "e", [Evidence("show a", 3, "line a")])
    b = Finding("x.y", "high", "t", "fw1", "e", [Evidence("show a", 3, "line a"),
                                                 Evidence("show b", 9, "line b")])
    other_device = Finding("x.y", "high", "t", "fw2", "e")
    merged = merge_duplicates([a, b, other_device])
    assert [f.device for f in merged] == ["fw1", "fw2"]
    assert [e.text for e in merged[0].evidence] == ["line a", "line b"]
