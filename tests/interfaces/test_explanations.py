"""Interface explanations claim only what their checks tested (issue 11, item 7): the capture
holds this end's counters, never the far end's duplex setting."""

from __future__ import annotations

from netriage.analysis import analyze_paths
from tests.conftest import RECORDINGS

REALISTIC = RECORDINGS / "realistic/routers-switches"


def _found(path, finding_id):
    [found] = [f for f in analyze_paths([path]).findings if f.id == finding_id]
    return found


def test_half_duplex_does_not_claim_to_know_the_far_end():
    """No late collisions is all the check read: the far end probably runs half duplex too,
    but its setting is not in the capture."""
    found = _found(REALISTIC / "c2960x-access-sw-errdisable-session.log", "iface.half-duplex")
    assert "both ends agree" not in found.explanation
    assert "the far end's setting is not in the capture" in found.explanation
    assert "runs half duplex at 10 Mb/s (1422 collisions) with no late collisions" in (
        found.explanation)


def test_duplex_mismatch_says_the_far_end_is_inferred_not_read():
    found = _found(REALISTIC / "c6509e-core-sup720-session.log", "iface.duplex-mismatch")
    assert "i.e. runs full duplex." not in found.explanation
    assert "this end's counters are read, the far end's setting is not" in found.explanation
    assert "late collisions" in found.explanation
    assert any("late collision" in e.text for e in found.evidence)


def test_output_drops_do_not_claim_congestion_a_qos_policy_may_explain():
    found = _found(RECORDINGS / "fixtures/interfaces/output-drops.log", "iface.output-drops")
    assert "The port is congested" not in found.explanation
    assert "or a QoS policy dropped some on purpose; the counters do not say which" in (
        found.explanation)
    assert "GigabitEthernet0/0: 1209381 output drops in 301288112 packets" in found.explanation
    assert any("packets output" in e.text for e in found.evidence)
