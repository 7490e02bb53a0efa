"""The one model every source produces: devices with ordered (prompt, command, output) entries.

A live session, a terminal log, a show tech-support and a folder of per-command files all
end up as a `Capture`, so nothing downstream can tell where the text came from.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

# The command of a Device.console entry: console text printed after an empty prompt.
CONSOLE = "console"


def line_at(runs: tuple[tuple[int, int], ...] | list[tuple[int, int]], index: int) -> int:
    """Source line of output line `index`, from sorted (output index, source line) breakpoints."""
    at = bisect_right(runs, (index, 1 << 62)) - 1
    start_index, start_line = runs[max(at, 0)]
    return start_line + index - start_index


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
    timestamp: str = ""  # when the command was entered, from a timestamped session log
    truncated: bool = False  # the capture ended (or the session dropped) mid-output
    # Where output lines sit in `source` when they are not the lines right after `line`
    # (pager lines dropped, wrapped lines joined, a pasted config's blank lines removed):
    # sorted (output index, source line) breakpoints; lines count up by one between them.
    line_map: tuple[tuple[int, int], ...] = ()
    section: str = ""  # the bundle the output came from, e.g. "show tech-support"
    config_mode: bool = False  # typed at a `(config)#` prompt
    origin: str = ""  # "file:line" where a saved capture's entry was first recorded

    @property
    def filtered(self) -> bool:
        return bool(self.filter)

    @property
    def cut_why(self) -> str:
        """Why a truncated output was cut (its cut mark's reason), "" when it was not."""
        if not self.truncated:
            return ""
        from netriage.parsing.marks import cut_reason

        return cut_reason(self.output[-4096:].rstrip("\n").rsplit("\n", 1)[-1]) or "cut short"

    @property
    def sha256(self) -> str:
        import hashlib  # (loads OpenSSL: not at start-up, only for a saved capture)

        return hashlib.sha256(self.output.encode("utf-8")).hexdigest()

    def output_index(self, line: int) -> int | None:
        """0-based output line at `line` of `source`, the inverse of `source_line`."""
        if not self.line or line <= self.line:
            return None
        if not self.line_map:
            return line - self.line - 1
        runs = self.line_map
        at = bisect_right([source for _index, source in runs], line) - 1
        if at < 0:
            return None
        start_index, start_line = runs[at]
        index = start_index + line - start_line
        next_start = runs[at + 1][0] if at + 1 < len(runs) else None
        return index if next_start is None or index < next_start else None

    @property
    def output_line_offset(self) -> int:
        """Line number in `source` of the first output line (the command sits on `line`)."""
        return self.source_line(0)

    def source_line(self, index: int) -> int:
        """Line in `source` of output line `index` (0-based); 0 when the source has none."""
        if self.line_map:
            return line_at(self.line_map, index)
        return self.line + 1 + index if self.line else 0


@dataclass
class Device:
    """One device as seen in a capture, named by its prompt hostname."""

    hostname: str  # the key: prompt hostname plus failover unit and context, e.g. fw1/pri
    platform: str = ""  # netriage platform name, see `platforms.PLATFORMS`
    platform_reason: str = ""  # why we think so: "show version", "prompt", "--platform"
    entries: list[Entry] = field(default_factory=list)
    version: str = ""
    failover_role: str = ""  # e.g. "pri/act" from an ASA failover prompt
    unit: str = ""  # "pri" / "sec" from an ASA failover prompt
    context: str = ""  # ASA multi-context name from a `host/ctx#` prompt
    collected: str = ""  # when the outputs were collected (ISO 8601), when a source says so
    # Text the device printed after a prompt with nothing typed (console messages between
    # commands), kept as entries of command CONSOLE: not command output, but syslog evidence.
    console: list[Entry] = field(default_factory=list)

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
class SourceFile:
    """One file that was read, and what it was recognised as."""

    path: str
    format: str  # see `capture.formats.FORMATS`, e.g. "terminal", "putty", "show-tech"
    started: str = ""  # session start from a log header (ISO 8601 when it could be read)
    entries: int = 0


@dataclass
class Capture:
    """Everything loaded from one or more sources."""

    sources: list[str] = field(default_factory=list)
    devices: list[Device] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # what could not be understood, said plainly
    files: list[SourceFile] = field(default_factory=list)
    # Set when the text already had its secrets masked (a redacted saved capture): the
    # manifest rows (source, line, kind, token) say what was masked where.
    redacted: bool = False
    redactions: list[dict[str, str | int]] = field(default_factory=list)
    # Where the loader stopped keeping text at one of its bounds (an output or a file too
    # large, a line too long), one sentence each: the analysis is then incomplete, and
    # `netriage analyze` says so with its own exit code instead of reporting "no finding".
    cut: list[str] = field(default_factory=list)

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
