"""`show logging` (ASA, PIX, FTD, IOS): one record per syslog message, read in one pass.

A log is the one output that grows without bound (a busy firewall logs a connection a line):
ntc-templates' TextFSM templates took ~2 s and ~1 KB of Python objects per 10,000 lines,
for records no check reads (the checks read messages from the raw text, `facts.syslog_lines`).
This reader keeps, per message, its prefix (timestamp, sequence number, host), facility,
severity, mnemonic and text. The header (`Syslog logging: enabled`, `Buffer logging: ...`)
and lines that are not messages (debug output logged to the buffer, wrapped text) are log
content, not lines a template failed to understand: a log is free text, and no check
concludes from a message's absence in it.
"""

from __future__ import annotations

from netriage.lazyre import lazy

# `%FAC[-SUBFAC]-SEV-MNEMONIC:` with the body after it: `%ASA-4-106023:`,
# `%LINEPROTO-5-UPDOWN:`, `%PM-SP-4-ERR_DISABLE:`. Facilities and mnemonics are upper case on
# every Cisco OS; ASA's mnemonic is the 6-digit message id. The one definition of a message:
# `facts.syslog_lines` reads the same lines with it.
MESSAGE = lazy(r"%(?P<facility>[A-Z][A-Z0-9_]*(?:-[A-Z][A-Z0-9_]*)*)-(?P<severity>[0-7])-"
               r"(?P<mnemonic>[A-Z0-9_]+)\s?:\s*(?P<body>.*?)\s*$")


def parse(text: str) -> tuple[list[dict[str, object]], list[tuple[int, str]]]:
    records: list[dict[str, object]] = []
    if "%" not in text:
        return records, []
    for line in text.split("\n"):
        at = line.find("%")
        if at < 0:
            continue
        match = MESSAGE.match(line, at)
        if match is not None:
            records.append({"prefix": line[:at].strip().rstrip(":").strip(),
                            "facility": match.group("facility"),
                            "severity": match.group("severity"),
                            "mnemonic": match.group("mnemonic"),
                            "message": match.group("body")})
    return records, []
