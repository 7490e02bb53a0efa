"""ASA `show crypto isakmp sa detail` / `show crypto ikev1 sa detail`: IKEv1 blocks, the IKEv2
section, IPv6 peers, and empty tables read as zero SAs (parsed, not silent)."""

from __future__ import annotations

from pathlib import Path

from netriage.capture import load_paths
from netriage.facts import DeviceFacts
from netriage.parsing import PARSED, parse_output
from tests.conftest import FIXTURES

PARSERS = Path(__file__).parents[1] / "parsers" / "cisco_asa"


def test_isakmp_detail_feeds_the_ike_table():
    device = load_paths([FIXTURES / "crypto-outputs" / "asa-isakmp-detail-ikev1-ikev2-ipv6.log"],
                        "").devices[0]
    crypto, _ = DeviceFacts(device).resolve("crypto")
    sas = [(s.version, s.peer, s.state, s.role) for s in crypto.ike_sas]
    assert sas == [("ikev1", "198.51.100.44", "MM_ACTIVE", "initiator"),
                   ("ikev1", "2001:db8:44::7", "MM_WAIT_MSG3", "responder"),
                   ("ikev2", "203.0.113.140", "READY", "responder")]
    assert [s.established for s in crypto.ike_sas] == [True, False, True]


def test_empty_tables_are_zero_sas_parsed():
    # one template serves both commands; its fixtures are named for the command they came from
    for name, command in (("asa_9x_empty.raw", "show crypto isakmp sa detail"),
                          ("ikev1_asa_9x_empty.raw", "show crypto ikev1 sa detail")):
        text = (PARSERS / "show_crypto_isakmp_sa_detail" / name).read_text()
        result = parse_output(text, command, "cisco_asa")
        assert (result.status, result.records) == (PARSED, [])


def test_table_form_of_7x_keeps_the_algorithms():
    text = (PARSERS / "show_crypto_isakmp_sa_detail" / "ikev1_asa_70_table.raw").read_text()
    records = parse_output(text, "show crypto ikev1 sa detail", "cisco_asa").records
    assert [(r["peer"], r["role"], r["encryption"], r["lifetime"]) for r in records] == [
        ("198.51.100.91", "Init", "aes-256", "28800"), ("198.51.100.92", "Resp", "3des", "86400")]
