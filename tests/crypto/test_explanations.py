"""Crypto explanations claim only what their checks tested (issue 11, item 7)."""

from __future__ import annotations

from netriage.analysis import analyze_paths
from tests.conftest import RECORDINGS

FIXTURES = RECORDINGS / "fixtures/crypto"


def _found(path, finding_id):
    [found] = [f for f in analyze_paths([path]).findings if f.id == finding_id]
    return found


def test_ikev2_delete_does_not_claim_the_sa_is_stuck_from_one_reading():
    """The check reads one `show crypto ikev2 sa` with the SA in DELETE: that it stays there
    (the peer not confirming) needs a second reading, which the explanation asks for."""
    for name in ("asa-ikev2-delete.log", "ios-ikev2-delete.log"):
        found = _found(FIXTURES / name, "crypto.ikev2-delete")
        assert "the peer does not confirm." not in found.explanation
        assert found.explanation.startswith("The table shows the SA in DELETE")
        assert "One reading cannot tell whether it is stuck there" in found.explanation
        assert any("DELETE" in e.text for e in found.evidence)


def test_sysopt_off_does_not_claim_the_tunnel_is_up_from_the_configuration():
    """The check reads `no sysopt connection permit-vpn` in the configuration: the tunnel
    being up with decaps counting is what the fault looks like, not something it read."""
    found = _found(FIXTURES / "asa-sysopt-permit-vpn-off.log", "crypto.sysopt-permit-vpn-off")
    assert "dropped: the tunnel is up" not in found.explanation
    assert "that looks like a tunnel that is up" in found.explanation
    assert "the configuration was read, not the ACL's effect on the traffic" in (
        found.explanation)
