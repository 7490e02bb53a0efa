"""Guided mode: step, answer, override with a reason, back, save and resume."""

import pytest

from netriage.analysis import guided_walk
from netriage.capture import load_paths
from netriage.engine.guided import load_session, overrides_from
from netriage.engine.tree import load_trees
from netriage.errors import NetriageError
from netriage.facts import DeviceFacts
from tests.conftest import DEMO, FIXTURES


def failover_walk(path, **kwargs):
    capture = load_paths([path])
    tree = next(t for t in load_trees() if t.id == "failover")
    return guided_walk(tree, DeviceFacts(capture.devices[0]), **kwargs)


def test_steps_forward_and_back_through_the_demo():
    walk = failover_walk(DEMO)
    first = walk.view()
    assert first.node.id == "failover-on"
    assert [e.text for e in first.evidence] == ["Failover On"]
    second = walk.forward()
    assert second.node.id == "lan-configured"
    assert [(s.node, s.outcome) for s in second.steps] == [("failover-on", "true")]
    assert walk.back().node.id == "failover-on"
    end = walk.run_to_end()
    assert end.finished
    assert [f.id for f in end.findings] == ["failover.standby-ip-missing"]


def test_question_waits_for_an_answer():
    walk = failover_walk(FIXTURES / "failover" / "not-configured.log")
    position = walk.run_to_end()
    assert position.waiting_for_answer
    assert position.node.id == "meant-to-be-a-pair"
    assert walk.forward().node.id == "meant-to-be-a-pair"  # no answer, no move
    with pytest.raises(NetriageError, match="answer one of"):
        walk.answer("maybe")
    walk.answer("yes")
    assert walk.view().node.id == "not-configured"
    assert [f.id for f in walk.run_to_end().findings] == ["failover.not-configured"]


def test_override_needs_a_reason_and_is_recorded():
    walk = failover_walk(DEMO)
    walk.run_to_end()
    walk.position = 0
    for _ in range(10):  # step to the standby address check
        if walk.view().node.id == "standby-ip":
            break
        walk.forward()
    with pytest.raises(NetriageError, match="needs a reason"):
        walk.override("false", " ")
    walk.override("false", "dmz is a lab segment, no standby wanted")
    end = walk.run_to_end()
    assert end.findings == []
    step = next(s for s in end.steps if s.node == "standby-ip")
    assert step.outcome == "false"
    assert "lab segment" in step.reason


def test_save_and_resume(tmp_path):
    walk = failover_walk(FIXTURES / "failover" / "not-configured.log")
    walk.run_to_end()
    walk.answer("yes")
    saved = tmp_path / "session.json"
    walk.save(saved, "ciscoasa", [str(FIXTURES / "failover" / "not-configured.log")])
    data = load_session(saved)
    resumed = failover_walk(FIXTURES / "failover" / "not-configured.log",
                            answers=data["answers"], overrides=overrides_from(data),
                            position=data["position"])
    assert resumed.view().node == walk.view().node
    assert [f.id for f in resumed.run_to_end().findings] == ["failover.not-configured"]


def test_a_broken_session_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(NetriageError, match="not a netriage session"):
        load_session(bad)
