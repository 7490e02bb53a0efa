"""IOS crypto outputs read whole, and the IKE peer direction of `show crypto isakmp sa`.

IOS prints `dst src`: dst is the responder, src the initiator, so the peer is whichever
address is not this router's. These tests run the whole analysis on recordings under
recordings/fixtures/crypto-direction/ and the fact builders on our parser fixtures.
"""

from __future__ import annotations

from pathlib import Path

from netriage.analysis import analyze_paths
from netriage.engine.findings import severity_rank
from netriage.facts.crypto.issues_maps import maps_incomplete_shown
from netriage.facts.crypto.sa import ike_from_ios, ike_from_ios_detail, ikev2_from_ios
from netriage.parsing import PARSED, ParseResult, parse_output
from tests.conftest import FIXTURES

DIRECTION = FIXTURES / "crypto-direction"
PARSERS = Path(__file__).resolve().parents[1] / "parsers" / "cisco_ios"


def _rows(*pairs: tuple[str, str]) -> ParseResult:
    records = [{"dst": d, "src": s, "state": "QM_IDLE", "status": "ACTIVE"} for d, s in pairs]
    return ParseResult("show crypto isakmp sa", PARSED, records)


def test_healthy_responder_raises_nothing_above_low():
    analysis = analyze_paths([DIRECTION / "ios-responder-healthy.log"])
    above_low = [f"{f.id} {f.severity}: {f.title}" for f in analysis.findings
                 if severity_rank(f.severity) > severity_rank("low")]
    assert above_low == []
    up = [f for f in analysis.findings if f.id == "crypto.p1-up-state-ok"]
    assert up and "203.0.113.2" in up[0].title + up[0].explanation
    # the router's own address (dst: the peer initiated) is never called a peer
    assert not any("198.51.100.1" in f.title for f in analysis.findings)


def test_nothing_tells_the_direction_then_undecided_not_a_finding():
    analysis = analyze_paths([DIRECTION / "ios-isakmp-alone-undecided.log"])
    assert [f.id for f in analysis.findings if f.id.startswith("crypto.")] == []
    reasons = [u.reason for u in analysis.undecided if u.tree.startswith("crypto")]
    assert any("which address of `show crypto isakmp sa` is the peer" in r for r in reasons)


def test_direction_from_own_addresses_and_from_the_address_all_rows_share():
    initiated, answered = ike_from_ios(_rows(("203.0.113.2", "198.51.100.1"),
                                             ("198.51.100.1", "192.0.2.45")), {"198.51.100.1"})
    assert (initiated.peer, initiated.role) == ("203.0.113.2", "initiator")
    assert (answered.peer, answered.role) == ("192.0.2.45", "responder")
    # no address known, three peers: the router is the one address in every row
    shared = ike_from_ios(_rows(("198.51.100.1", "192.0.2.45"), ("203.0.113.2", "198.51.100.1"),
                                ("198.51.100.1", "192.0.2.99")), set())
    assert [s.peer for s in shared] == ["192.0.2.45", "203.0.113.2", "192.0.2.99"]
    # one peer (twice): both addresses are in every row, nothing tells
    alone = ike_from_ios(_rows(("192.0.2.10", "198.51.100.77"),
                               ("192.0.2.10", "198.51.100.77")), set())
    assert [s.peer for s in alone] == ["", ""]


def _fixture(command: str, name: str, folder: str = "") -> ParseResult:
    raw = PARSERS / (folder or command.replace(" ", "_")) / name
    result = parse_output(raw.read_text(), command, "cisco_ios")
    assert result.status == PARSED, result.not_understood
    return result


def test_isakmp_detail_names_the_peer_and_claims_no_state():
    sas = ike_from_ios_detail(_fixture("show crypto isakmp sa detail",
                                       "ios_15_legend_vrf_and_empty_ipv6.raw"))
    assert [(s.peer, s.local, s.status) for s in sas] == [
        ("203.0.113.2", "198.51.100.1", "ACTIVE"), ("192.0.2.77", "198.51.100.1", "ACTIVE"),
        ("192.0.2.88", "198.51.100.1", "DELETED")]
    assert not any(s.established for s in sas)  # detail prints no QM_IDLE: not claimed up


def test_ikev2_detail_says_who_initiated():
    sas = ikev2_from_ios(_fixture("show crypto ikev2 sa detail",
                                  "detail_ios_15_flexvpn_client_and_in_neg.raw",
                                  "show_crypto_ikev2_sa"))
    assert [(s.peer, s.state, s.role) for s in sas] == [
        ("203.0.113.40", "READY", "initiator"), ("192.0.2.66", "IN-NEG", "initiator")]


def test_incomplete_crypto_map_from_the_device_own_warning():
    result = _fixture("show crypto map", "ios_xe_ipv6_incomplete_access_check.raw")
    issues = maps_incomplete_shown(result.records)
    assert sorted((i.map, i.seq, i.detail) for i in issues) == [
        ("V6-MAP", "5", "match address"), ("WAN-MAP", "10", "match address"),
        ("WAN-MAP", "10", "set peer")]


def test_filtered_and_detail_forms_reach_our_templates():
    text = (PARSERS / "show_crypto_session" / "stripped_idle_and_no_ike.raw").read_text()
    for command in ("show crypto session remote 198.51.100.200", "show crypto session detail",
                    "show crypto session local 192.0.2.5 detail"):
        result = parse_output(text, command, "cisco_ios")
        assert result.template == "netriage:cisco_ios_show_crypto_session.textfsm", command
        assert [r["session_status"] for r in result.records] == [
            "UP-IDLE", "UP-NO-IKE", "DOWN-NEGOTIATING"]
