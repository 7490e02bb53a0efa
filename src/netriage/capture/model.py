"""The one model every source produces: devices with ordered (prompt, command, output) entries.

A live session, a terminal log, a show tech-support and a folder of per-command files all
end up as a `Capture`, so nothing downstream can tell where the text came from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass
class Entry:
    """One command as typed and the output it produced."""

    command: str  # the full (resolved) command, without any `| include` filter
    output: str
    typed: str = ""  # what the user actually typed, e.g. `sh fail`
    prompt: str = ""
    source: str = ""  # file the entry came from
    line: int = 0  # 1-based line of the command in that file (0 when not applicable)
    filter: str = ""  # e.g. `| include Failover`: the output is then not the full output
    timestamp: str = ""
    truncated: bool = False  # the capture ended (or the session dropped) mid-output

    @property
    def filtered(self) -> bool:
        return bool(self.filter)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.output.encode("utf-8")).hexdigest()

    @property
    def output_line_offset(self) -> int:
        """Line number in `source` of the first output line (the command sits on `line`)."""
        return self.line + 1 if self.line else 0


@dataclass
class Device:
    """One device as seen in a capture, named by its prompt hostname."""

    hostname: str
    platform: str = ""  # netriage platform name, see `platforms.PLATFORMS`
    platform_reason: str = ""  # why we think so: "show version", "prompt", "--platform"
    entries: list[Entry] = field(default_factory=list)
    version: str = ""
    failover_role: str = ""  # e.g. "pri/act" from an ASA failover prompt

    def find(self, command: str, *, unfiltered: bool = True) -> Entry | None:
        """Latest entry for `command` (full form). Filtered outputs are skipped by default."""
        for entry in reversed(self.entries):
            if entry.command == command and not (unfiltered and entry.filtered):
                return entry
        return None

    @property
    def commands(self) -> list[str]:
        return [e.command for e in self.entries]


@dataclass
class Capture:
    """Everything loaded from one or more sources."""

    sources: list[str] = field(default_factory=list)
    devices: list[Device] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # what could not be understood, said plainly

    def device(self, hostname: str) -> Device:
        """The device of that hostname, created on first use (several files may add to it)."""
        for device in self.devices:
            if device.hostname == hostname:
                return device
        device = Device(hostname=hostname)
        self.devices.append(device)
        return device

    @property
    def entry_count(self) -> int:
        return sum(len(d.entries) for d in self.devices)
