"""Every bundled scenario's answer key is what its captures really give.

Analysing a scenario's captures (with the answers its story gives) yields each answer-key
fault, and nothing else above `low` fires that the key does not list: a trainee is scored
against faults netriage itself finds, and a scenario cannot drift when a tree changes.
The training walk of each scenario reaches its first fault on the tree it walks.
"""

from __future__ import annotations

import pytest

from netriage.analysis import analyze_paths
from netriage.engine.findings import severity_rank
from netriage.training import LEVELS, list_scenarios
from netriage.training.session import TrainingSession
from netriage.training.target import walk_findings

SCENARIOS = list_scenarios()
ABOVE_LOW = severity_rank("medium")


def test_at_least_fifteen_scenarios_over_three_areas_and_levels():
    assert len(SCENARIOS) >= 15
    assert {s.level for s in SCENARIOS} == set(LEVELS)
    areas = {s.id.split("-", 1)[0] for s in SCENARIOS}
    assert {"failover", "crypto", "iface"} <= areas
    for level in LEVELS:
        assert sum(1 for s in SCENARIOS if s.level == level) >= 4, level


def test_the_classic_traps_are_there():
    faults = {f for s in SCENARIOS for f in s.faults}
    assert {"failover.standby-ip-missing", "crypto.ike-p1-no-response",
            "crypto.ike-p1-psk-mismatch", "crypto.encaps-no-decaps", "iface.duplex-mismatch",
            "iface.err-disabled-bpduguard", "failover.key-mismatch",
            "failover.version-mismatch", "failover.preempt-missing"} <= faults
    by_id = {s.id: s for s in SCENARIOS}
    # the BPDU guard scenario is the failover link's switch port, both ends captured
    assert set(by_id["failover-link-bpduguard"].faults) == {"failover.lan-if-down",
                                                            "iface.err-disabled-bpduguard"}
    assert by_id["failover-stateless-by-design"].faults == ()  # a valid design
    assert len(by_id["forum-pasted-config"].faults) >= 10  # full of defects


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_analysis_gives_the_answer_key_and_nothing_else_above_low(scenario):
    analysis = analyze_paths(scenario.capture_paths, scenario.platform, scenario.questions)
    # What the trees reached on each device (a verdict over two ends loaded together may
    # fold some of these into itself in the report; the walks the trainee follows keep them)
    reached = walk_findings(analysis)
    found = {f.id for f in reached} | {f.id for f in analysis.findings}
    missing = set(scenario.faults) - found
    assert not missing, f"answer-key faults the captures do not give: {sorted(missing)}"
    extra = sorted({f"{f.id} ({f.severity}) on {f.device}"
                    for f in [*reached, *analysis.findings]
                    if severity_rank(f.severity) >= ABOVE_LOW and f.id not in scenario.faults})
    assert not extra, f"findings above low the answer key does not list: {extra}"
    # a verdict over both ends of a pair stands for faults of the key, never a new one
    for pair in getattr(analysis, "pairs", []):
        if severity_rank(pair.severity) >= ABOVE_LOW:
            explained = {fault for _device, fault in pair.folds} | set(pair.findings)
            assert explained & set(scenario.faults), (pair.kind, pair.summary)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_the_training_walk_reaches_the_first_fault(scenario):
    session = TrainingSession.open(scenario)
    while not session.finished:
        prediction = session.prediction
        assert prediction is not None and len(prediction.options) >= 2
        assert prediction.correct is None or 0 <= prediction.correct < len(prediction.options)
        session.choose(prediction.correct if prediction.correct is not None else 0)
        assert session.reveal_text()  # every prediction has an answer and why
        session.next()
    result = session.result()
    assert result.records and result.score.maximum > 0
    # every node a trainee meets explains itself (the reveal and the post-mortem show it)
    assert not [r.node.id for r in result.records if not r.why]
    walked = [r.node.finding for r in result.records if r.node.kind == "finding"]
    if scenario.faults:
        assert scenario.faults[0] in walked
        assert result.score.percent == 100  # every right answer was scored right
    else:
        assert not [f for f in result.found if severity_rank(f.severity) >= ABOVE_LOW]
