"""Open a capture file: refuse what is not text, then stream its lines with bounded memory.

Only the first `HEAD_BYTES` are read to decide whether a file is text and which format it
is; the rest is read in chunks, one line at a time, so a 1 GB log never sits in memory.
A "line" longer than `MAX_LINE_CHARS` is cut there (no terminal produces one), and never
silently: the kept part ends in `CUT_LINE_MARK`, so the line is not understood by any parser
(the output is partial) and cannot be mistaken for a shorter line, and `cut_lines` lists it.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import AnyStr

from netriage.errors import CaptureError

HEAD_BYTES = 64 * 1024
CHUNK_BYTES = 1 << 20
MAX_LINE_CHARS = 1024 * 1024  # one line of this size costs nothing; a 1 GB "line" would
CUT_LINE_MARK = f" [netriage: line cut here, longer than {MAX_LINE_CHARS:,} characters]"

# What people feed a capture tool by mistake, by their first bytes: a sentence for each.
_MAGIC = [
    (b"\x1f\x8b", "is gzip-compressed: unpack it first (gunzip)"),
    (b"PK\x03\x04", "is a zip archive (or an Office document): unpack or export it as text"),
    (b"BZh", "is bzip2-compressed: unpack it first (bunzip2)"),
    (b"\xfd7zXZ\x00", "is xz-compressed: unpack it first (unxz)"),
    (b"7z\xbc\xaf\x27\x1c", "is a 7-Zip archive: unpack it first"),
    (b"%PDF", "is a PDF document: save the show output as plain text instead"),
    (b"\xd4\xc3\xb2\xa1", "is a packet capture (pcap), not a text capture of show commands"),
    (b"\xa1\xb2\xc3\xd4", "is a packet capture (pcap), not a text capture of show commands"),
    (b"\x0a\x0d\x0d\x0a", "is a packet capture (pcapng), not a text capture of show commands"),
]


@dataclass
class TextFile:
    """A file known to be text, with its first lines decoded for sniffing."""

    path: Path
    head: list[str]  # first lines, decoded but not cleaned (the last one may be partial)
    encoding: str  # "utf-8" (Latin-1 per line where UTF-8 fails) or "utf-16"
    newline: str  # "\n", or "\r" for files that end lines with a bare carriage return
    cut_lines: list[int] = field(default_factory=list)  # lines cut at MAX_LINE_CHARS
    # what sniffing learnt from the head (e.g. paste damage), kept so formats ask once
    sniffed: dict = field(default_factory=dict, repr=False, compare=False)

    def lines(self) -> Iterator[str]:
        """Every line of the file, decoded, without its terminator (a `\\r` before it stays)."""
        if self.encoding == "utf-16":
            yield from self._split(self._utf16_chunks(), "")
        else:
            yield from (_decode_line(raw) for raw in self._split(self._byte_chunks(), b""))

    def _byte_chunks(self) -> Iterator[bytes]:
        with self.path.open("rb") as handle:
            first = True
            while chunk := handle.read(CHUNK_BYTES):
                if first and chunk.startswith(codecs.BOM_UTF8):
                    chunk = chunk[len(codecs.BOM_UTF8):]
                first = False
                yield chunk

    def _utf16_chunks(self) -> Iterator[str]:
        with self.path.open("rb") as raw, io.TextIOWrapper(raw, encoding="utf-16",
                                                          errors="replace", newline="") as text:
            while chunk := text.read(CHUNK_BYTES):
                yield chunk

    def _split(self, chunks: Iterator[AnyStr], empty: AnyStr) -> Iterator[AnyStr]:
        """Cut chunks (bytes or str) into lines without ever holding more than one long line."""
        sep: AnyStr = self.newline if isinstance(empty, str) else self.newline.encode()  # type: ignore[assignment]
        mark: AnyStr = CUT_LINE_MARK if isinstance(empty, str) else CUT_LINE_MARK.encode()  # type: ignore[assignment]
        rest = empty
        number = 0
        skipping = False  # inside a line already cut at MAX_LINE_CHARS
        for chunk in chunks:
            parts = (rest + chunk).split(sep)
            rest = parts.pop()
            for part in parts:
                if skipping:
                    skipping = False
                    continue
                number += 1
                if len(part) > MAX_LINE_CHARS:
                    self.cut_lines.append(number)
                    yield part[:MAX_LINE_CHARS] + mark
                else:
                    yield part
            if len(rest) > MAX_LINE_CHARS and not skipping:
                number += 1
                self.cut_lines.append(number)
                yield rest[:MAX_LINE_CHARS] + mark
                skipping, rest = True, empty
            elif skipping:
                rest = empty
        if rest and not skipping:
            yield rest


def _decode_line(raw: bytes) -> str:
    """UTF-8 where a line is valid UTF-8, Latin-1 for the others (mixed logs exist)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def open_text(path: Path) -> TextFile:
    """A `TextFile` for `path`, or a `CaptureError` saying in one sentence why not."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as exc:
        raise CaptureError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    for magic, problem in _MAGIC:
        if head.startswith(magic):
            raise CaptureError(str(path), problem)
    encoding = "utf-8"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"  # Windows "Unicode" text, e.g. PowerShell's Out-File
        text = head.decode("utf-16", errors="replace")
    else:
        if b"\x00" in head or _mostly_binary(head):
            raise CaptureError(str(path), "is binary data, not a text capture of show commands")
        body = head[len(codecs.BOM_UTF8):] if head.startswith(codecs.BOM_UTF8) else head
        text = "\n".join(_decode_line(line) for line in body.split(b"\n"))
    if not text.strip() and len(head) < HEAD_BYTES:  # the whole file was read: all blank
        raise CaptureError(str(path), "is empty")
    newline = "\r" if "\n" not in text and "\r" in text else "\n"
    return TextFile(path, text.split(newline)[:4000], encoding, newline)


# Counted with bytes.translate (C speed): a Python loop over a 64 KB head was ~7 ms a file.
_CONTROLS = bytes(b for b in range(256) if b < 8 or 13 < b < 27 or 27 < b < 32 or b == 127)
_HIGH = bytes(range(0x80, 0x100))


def _mostly_binary(head: bytes) -> bool:
    """Terminal logs hold some control bytes (escapes, backspaces), never many."""
    controls = len(head) - len(head.translate(None, _CONTROLS))
    if controls > max(len(head) * 0.02, 8):  # a short log may hold one title escape
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Latin-1 text has the odd accented byte; compressed or binary data is mostly high bytes.
        if exc.start < len(head) - 4:
            high = len(head) - len(head.translate(None, _HIGH))
            return high > len(head) * 0.3
    return False
