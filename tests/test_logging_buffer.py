"""`show logging` is read in one pass: a record per syslog message, the rest is log text."""

from __future__ import annotations

from netriage.parsing import PARSED, parse_output

ASA = """Syslog logging: enabled
    Facility: 20
    Timestamp logging: enabled
    Buffer logging: level informational, 3 messages logged
Log Buffer (4096 bytes):

Dec 07 2026 10:01:02: %ASA-6-302013: Built inbound TCP connection 41 for outside:198.51.100.5/443
Dec 07 2026 10:01:05: %ASA-1-105005: (Primary) Lost Failover communications with mate on if inside
fw1 : Dec 07 2026 10:02:00: %ASA-4-402114: IPSEC: Received an ESP packet with an invalid SPI.
"""

IOS = """Syslog logging: enabled (0 messages dropped, 2 messages rate-limited)
    Console logging: level debugging, 120 messages logged, xml disabled,
Log Buffer (8192 bytes):
000123: *Dec  7 10:01:02.123: %PM-4-ERR_DISABLE: psecure-violation error detected on Gi1/0/1
ISAKMP:(1001):atts are not acceptable. Next payload is 3
000124: Dec  7 10:01:03.456 UTC: %LINEPROTO-5-UPDOWN: Line protocol on Interface Gi1/0/1, down
"""


def test_asa_messages_become_records_and_the_header_is_log_text():
    result = parse_output(ASA, "show logging", "cisco_asa")
    assert (result.status, result.not_understood) == (PARSED, [])
    assert [(r["facility"], r["severity"], r["mnemonic"]) for r in result.records] == [
        ("ASA", "6", "302013"), ("ASA", "1", "105005"), ("ASA", "4", "402114")]
    assert result.records[2]["prefix"] == "fw1 : Dec 07 2026 10:02:00"
    assert result.records[1]["message"].endswith("with mate on if inside")


def test_ios_messages_with_sequence_numbers_and_debug_lines_between():
    result = parse_output(IOS, "show logging", "cisco_ios")
    assert result.status == PARSED and result.not_understood == []
    assert [(r["facility"], r["mnemonic"]) for r in result.records] == [
        ("PM", "ERR_DISABLE"), ("LINEPROTO", "UPDOWN")]
    assert result.records[0]["prefix"] == "000123: *Dec  7 10:01:02.123"


def test_a_log_without_messages_is_parsed_empty_not_refused():
    result = parse_output("Syslog logging: disabled\n", "show logging", "cisco_asa")
    assert (result.status, result.records) == (PARSED, [])
