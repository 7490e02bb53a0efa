"""The crypto log reader skips lines by keyword first: no message it knows may be skipped."""

from __future__ import annotations

from netriage.facts.crypto import log as crypto_log


def test_every_message_pattern_starts_with_literal_text():
    for _cause, pattern in crypto_log._MESSAGES:
        assert all(crypto_log._leading_literals(pattern.pattern)), pattern.pattern


def test_known_messages_pass_the_keyword_test_and_connection_logs_do_not():
    lines = [
        "%ASA-5-713904: IP = 198.51.100.2, Received encrypted packet with no matching SA, "
        "dropping",
        "Nov 23 10:12:11: %ASA-3-713902: Group = 203.0.113.2, IP = 203.0.113.2, Removing peer "
        "from peer table failed, no match!",
        "IKEv2:(SESSION ID = 1,SA ID = 1):Processing IKE_AUTH message: Notify TS_UNACCEPTABLE",
        "ISAKMP:(1001):atts are not acceptable. Next payload is 3",
        "%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec'd IPSEC packet has invalid spi",
        "Crypto tunnel v2 is DOWN. Peer 192.0.2.7:500",
    ]
    known = [line for line in lines if any(p.search(line) for _c, p in crypto_log._MESSAGES)]
    assert len(known) >= 5
    assert all(crypto_log._may_be_message(line) for line in known)
    assert not crypto_log._may_be_message(
        "Dec  7 2026 10:01:02: %ASA-6-302013: Built inbound TCP connection 4411 for "
        "outside:198.51.100.5/443 (198.51.100.5/443) to inside:10.1.1.5/5001 (x/5001)")
