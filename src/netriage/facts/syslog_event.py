"""One syslog event as `syslog_lines` reads it: where it was first read, and what it says.

Apart from the reader so that a capture in which the device printed no message never
creates the class (start-up: every analysis collects every device's syslog).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class SyslogLine:
    """One syslog event: where it was first read, and what it says."""

    text: str  # the line as printed, stripped
    source: str  # capture file
    line: int  # 1-based line in `source` (0 when the source has no line numbers)
    where: str  # the command whose output held it, or BETWEEN
    filtered: bool  # read from a filtered output (`show logging | include ...`)
    facility: str  # PM, LINEPROTO, ASA, SYS-SP ...
    severity: int
    mnemonic: str  # ERR_DISABLE, UPDOWN, 411002 ...
    body: str  # the text after `%FAC-SEV-MNEMONIC: `
    stamp: str = ""  # the timestamp as printed, without `*` / `.` markers
    prefix: str = ""  # everything before the `%`
    seen: int = 1  # times it was printed (console, buffer, a second `show logging` ...)

    @property
    def ident(self) -> str:
        """`PM-ERR_DISABLE`, `ASA-411002`: facility and mnemonic, without the severity."""
        return f"{self.facility}-{self.mnemonic}"

    @property
    def message(self) -> str:
        """`%PM-4-ERR_DISABLE: ...` as printed, prefix left out."""
        return f"%{self.facility}-{self.severity}-{self.mnemonic}: {self.body}"
