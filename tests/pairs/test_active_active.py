"""Active/Active pairs: split brain is judged group by group. Each group Active on one unit
is the normal layout (never a split brain); a group Active on both units is, and each unit
stands down for the group that is not its own (the configuration's `failover group N` home)."""

from __future__ import annotations

from tests.pairs.helpers import PAIRS, analyze, finding_ids, the_pair

HEALTHY = PAIRS / "failover-active-active-healthy"
SPLIT = PAIRS / "failover-active-active-split-brain"


def test_each_group_active_on_one_unit_is_healthy_not_split_brain():
    code, report, _ = analyze(HEALTHY / "mc4-fw-primary.log", HEALTHY / "mc4-fw-secondary.log")
    pair = the_pair(report, "failover")
    # the premise: each unit is Active for one group, so both units say "Active" somewhere
    [state] = [r for r in pair["rows"] if r["label"] == "state"]
    assert (state["left"], state["right"]) == ("group 1 Active, group 2 Standby Ready",
                                               "group 1 Standby Ready, group 2 Active")
    assert state["differs"] is False
    assert pair["verdict"] == "healthy" and pair["findings"] == []
    assert "each failover group Active on one unit only" in pair["summary"]
    assert "failover.split-brain" not in finding_ids(report)
    assert code == 0


def test_a_group_active_on_both_units_is_a_split_brain_per_group():
    code, report, _ = analyze(SPLIT / "mc4-fw-primary-console.log",
                              SPLIT / "mc4-fw-secondary-console.log")
    pair = the_pair(report, "failover")
    assert pair["verdict"] == "split brain" and pair["findings"] == ["failover.split-brain"]
    assert code == 1
    # group 1 belongs to the primary, group 2 to the secondary: each end has its part
    assert pair["fix_at"] is None and pair["fix_ends"] == ["mc4-fw/sec", "mc4-fw/pri"]
    assert "mc4-fw/sec should stand down for group 1" in pair["summary"]
    assert "mc4-fw/pri should stand down for group 2" in pair["summary"]
    fix = pair["fix"]
    assert fix[fix.index("! on mc4-fw/sec:") + 1] == "no failover active group 1"
    assert fix[fix.index("! on mc4-fw/pri:") + 1] == "no failover active group 2"
    [block] = pair["fix_blocks"]
    assert block["rollback"] == ["! on mc4-fw/sec:", "failover active group 1",
                                 "! on mc4-fw/pri:", "failover active group 2"]
    lines = {(e["device"], e["text"].strip()) for e in pair["evidence"]}
    assert ("mc4-fw/pri", "Group 2 State: Active") in lines
    assert ("mc4-fw/sec", "Group 1 State: Active") in lines
    # each unit's one-ended "mate failed" is the pair's split brain now
    assert not finding_ids(report) & {"failover.split-brain", "failover.mate-failed"}


def test_the_text_report_names_both_ends_to_fix():
    _, text, _ = analyze(SPLIT, fmt="text")
    assert "Fix at: mc4-fw/sec and mc4-fw/pri (each its own part of the fix)" in text
