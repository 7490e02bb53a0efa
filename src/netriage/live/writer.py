"""Per-device capture files in the plain terminal format `netriage analyze` reads.

Each command becomes a `<prompt> <command>` line followed by its output, redacted line by line
and flushed as it arrives, so a session that drops keeps everything up to the last line that
reached us. A file is only created when its first command is written (an empty capture would
make the whole folder unreadable), and it starts with `!` comment lines that the loader
ignores. Secrets are masked by `live.redaction` (the shared `netriage.redact`) before a
line is written. A command the device rejected (`% Invalid input ...`) is left out: its error text
is not that command's output and must not reach a parser.
"""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from netriage.live.redaction import Redactor
from netriage.live.session import REJECTED
from netriage.parsing.marks import cut_short_line
from netriage.redact import TokenMap

_HOLD_LINES = 4  # lines held back until we know the output is not a rejection
_MATE_ERROR = re.compile(r"^\s*ERROR:", re.IGNORECASE)


def safe_name(name: str) -> str:
    return re.sub(r"[^\w.\-@]+", "_", name).strip("._") or "device"


class LogNames:
    """Hands out file names once per run, so two devices with one hostname do not collide."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.tokens = TokenMap()  # one per run: a secret has one token in every device's file
        self._taken: set[str] = set()
        self._lock = threading.Lock()

    def claim(self, stem: str, fallback: str) -> Path:
        with self._lock:
            for candidate in (stem, f"{stem}@{fallback}"):
                name = safe_name(candidate) + ".log"
                if name not in self._taken:
                    self._taken.add(name)
                    return self.directory / name
            counter = 2
            while f"{safe_name(stem)}-{counter}.log" in self._taken:
                counter += 1
            name = f"{safe_name(stem)}-{counter}.log"
            self._taken.add(name)
            return self.directory / name


class DeviceLog:
    """One device's capture file, written as the session runs (a `session.Sink`)."""

    def __init__(self, path: Path, redactor: Redactor, header: list[str],
                 prompt: str | None = None, mate: bool = False) -> None:
        self.path = path
        self.redact = redactor
        self.header = header
        self.fixed_prompt = prompt  # the mate's log shows the mate's prompt
        self.mate = mate
        self.written: list[str] = []  # commands whose output is in the file
        self.rejected: list[str] = []
        self.truncated: list[str] = []
        self._file: TextIO | None = None
        self._command = ""
        self._prompt = ""
        self._held: list[str] | None = None

    def _open(self) -> TextIO:
        if self._file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = self.path.open("w", encoding="utf-8", newline="\n")
            stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            for line in self.header + [f"started {stamp}"]:
                self._file.write(f"! {self.redact(line)}\n")
        return self._file

    def begin(self, prompt: str, command: str) -> None:
        self._prompt = self.fixed_prompt or prompt
        self._command = command
        self._held = []

    def line(self, text: str) -> None:
        if self._held is not None:
            self._held.append(text)
            if len(self._held) > _HOLD_LINES:
                self._release()
            return
        self._write_line(text)
        assert self._file is not None
        self._file.flush()

    def _file_or_open(self) -> TextIO:
        return self._file if self._file is not None else self._open()

    def _release(self) -> None:
        held, self._held = self._held or [], None
        handle = self._open()
        handle.write(f"{self._prompt} {self._command}\n")
        for text in held:
            self._write_line(text)
        handle.flush()

    def _write_line(self, text: str) -> None:
        assert self._file is not None
        self._file.write(self.redact(text.rstrip("\r"), self._command) + "\n")

    def _is_rejection(self, lines: list[str]) -> bool:
        head = "\n".join(lines)
        if REJECTED.search(head):
            return True
        first = next((x for x in lines if x.strip()), "")
        return self.mate and bool(_MATE_ERROR.match(first))

    def end(self, complete: bool, why: str = "") -> None:
        if self._held is not None:
            if complete and self._is_rejection(self._held):
                self._held = None
                self.rejected.append(self._command)
                return
            self._release()
        if not complete:
            # In the file, not only in the summary: the loader marks the entry truncated and
            # the parser reads the output as partial, however later it is analysed.
            self._file_or_open().write(cut_short_line(why or "the session ended") + "\n")
            self.truncated.append(self._command)
        self.written.append(self._command)
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class MateSink:
    """`failover exec mate show X` on the active unit, recorded as `show X` on the mate."""

    def __init__(self, log: DeviceLog, command: str) -> None:
        self.log = log
        self.command = command

    def begin(self, prompt: str, command: str) -> None:
        self.log.begin(prompt, self.command)

    def line(self, text: str) -> None:
        self.log.line(text)

    def end(self, complete: bool, why: str = "") -> None:
        self.log.end(complete, why)
