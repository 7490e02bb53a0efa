"""The failover tree end to end: capture → parse → facts → walk → findings."""

import pytest

from netriage.analysis import analyze_paths
from tests.conftest import DEMO, FIXTURES

FAILOVER = FIXTURES / "failover"


def top(path, **kwargs):
    analysis = analyze_paths([path], **kwargs)
    assert analysis.findings, "expected a finding"
    return analysis.findings[0], analysis


@pytest.mark.parametrize(
    ("recording", "finding_id", "severity", "evidence", "fix_line"),
    [
        ("disabled.log", "failover.disabled", "critical",
         ["Failover Off", "Failover LAN Interface: fover GigabitEthernet0/5 (up)"], "failover"),
        ("lan-if-down.log", "failover.lan-if-down", "critical",
         ["Failover LAN Interface: FOLINK GigabitEthernet1/8 (down)"],
         "interface GigabitEthernet1/8"),
        ("lan-link-no-mate.log", "failover.lan-link-no-mate", "critical",
         ["Other host: Secondary - Not Detected", "Version: Ours 9.16(4), Mate Unknown"],
         "failover lan interface folink GigabitEthernet0/3"),
    ],
)
def test_fault_is_the_top_finding_with_its_evidence(recording, finding_id, severity, evidence,
                                                      fix_line):
    finding, _ = top(FAILOVER / recording)
    assert finding.id == finding_id
    assert finding.severity == severity
    texts = [e.text for e in finding.evidence]
    for line in evidence:
        assert line in texts
    assert all(e.line > 0 and e.command == "show failover" for e in finding.evidence)
    assert any(fix_line in c for fix in finding.fix for c in fix.commands)
    assert all(fix.verify and fix.rollback for fix in finding.fix)


def test_evidence_line_numbers_point_into_the_file():
    finding, _ = top(FAILOVER / "lan-link-no-mate.log")
    lines = (FAILOVER / "lan-link-no-mate.log").read_text().splitlines()
    for evidence in finding.evidence:
        assert lines[evidence.line - 1].strip() == evidence.text


def test_standby_ip_missing_names_the_interface_once():
    finding, analysis = top(DEMO)
    assert finding.id == "failover.standby-ip-missing"
    assert finding.severity == "medium"
    assert "dmz" in finding.title
    assert "Interface dmz (0.0.0.0): Normal (Waiting)" in [e.text for e in finding.evidence]
    assert [f.id for f in analysis.findings].count("failover.standby-ip-missing") == 1


def test_shared_state_link_down_is_one_root_cause_not_two():
    _, analysis = top(FAILOVER / "lan-if-down.log")
    assert [f.id for f in analysis.findings] == ["failover.lan-if-down"]


def test_healthy_pair_raises_nothing_above_info():
    analysis = analyze_paths([FAILOVER / "healthy-pair.log"])
    assert [f for f in analysis.findings if f.severity != "info"] == []
    assert analysis.undecided == []


def test_question_is_undecided_until_answered():
    analysis = analyze_paths([FAILOVER / "not-configured.log"])
    assert analysis.findings == []
    [undecided] = analysis.undecided
    assert "failover pair" in undecided.question
    answered = analyze_paths([FAILOVER / "not-configured.log"],
                             answers={"failover.meant-to-be-a-pair": "yes"})
    assert answered.findings[0].id == "failover.not-configured"


def test_unparsed_output_is_unknown_not_healthy(tmp_path):
    path = tmp_path / "mangled.log"
    path.write_text("fw1# show failover\nFailover On\nthis line is garbage\nfw1#\n")
    analysis = analyze_paths([path], platform="cisco_asa")
    assert analysis.findings == []
    assert analysis.undecided
    assert "partial" in analysis.undecided[0].reason
    assert analysis.undecided[0].commands == ["show failover"]


def test_filtered_only_output_is_unknown(tmp_path):
    path = tmp_path / "filtered.log"
    path.write_text("fw1# show failover | include Failover\nFailover Off\n"
                    "Failover LAN Interface: fo Gi0/1 (up)\nfw1#\n")
    analysis = analyze_paths([path], platform="cisco_asa")
    assert analysis.findings == []
    assert "filtered" in analysis.undecided[0].reason


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
