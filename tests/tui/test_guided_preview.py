"""The engine addition the walkthrough needs: what the engine decides at the current node
(`Position.decision`) and the findings a finding node records (`Position.pending`), shown
before the user presses "next"."""

from netriage.analysis import guided_walk
from netriage.capture import load_paths
from netriage.engine.tree import load_trees
from netriage.facts import DeviceFacts
from tests.conftest import DEMO, FIXTURES


def failover_walk(path):
    capture = load_paths([path])
    tree = next(t for t in load_trees() if t.id == "failover")
    return guided_walk(tree, DeviceFacts(capture.devices[0]))


def test_decision_is_the_step_forward_will_take():
    walk = failover_walk(DEMO)
    position = walk.view()
    assert position.decision.node == "failover-on"
    assert position.decision.outcome == "true"
    assert [e.text for e in position.decision.evidence] == ["Failover On"]
    assert walk.forward().steps[-1] == position.decision


def test_pending_is_the_rendered_finding_of_a_finding_node():
    walk = failover_walk(DEMO)
    while walk.view().node.kind != "finding":
        walk.forward()
    position = walk.view()
    assert [f.id for f in position.pending] == ["failover.standby-ip-missing"]
    assert position.pending[0].title.endswith(": dmz")  # placeholders filled
    assert position.findings == []
    assert walk.forward().findings == position.pending


def test_no_decision_while_a_question_waits_or_at_the_end():
    walk = failover_walk(FIXTURES / "failover" / "not-configured.log")
    waiting = walk.run_to_end()
    assert waiting.waiting_for_answer and waiting.decision is None and waiting.pending == []
    walk.answer("yes")
    end = walk.run_to_end()
    assert end.finished and end.decision is None and end.pending == []
