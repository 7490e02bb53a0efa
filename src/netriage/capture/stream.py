"""A file's lines as the terminal showed them: numbered, cleaned, timestamps split off.

This is the one place that turns raw lines into visible text, for every format, so debris
handling is the same everywhere. Lines are produced one at a time (bounded memory); each
keeps the number of the physical line it started on, so evidence can point into the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from netriage.capture.debris import clean
from netriage.capture.prompts import looks_like_prompt
from netriage.capture.reader import TextFile
from netriage.capture.session import Header, Stamp, detect_stamp, ends_session, header, split_stamp
from netriage.lazyre import lazy

# Widths terminals are commonly set to; a screen copy breaks longer lines at exactly one.
_WIDTHS = (80, 100, 120, 132, 160, 200)
# A line that starts a syslog message (`*Dec  7 10:01:02.123: %...`, `000123: ...`,
# `Dec 07 2026 10:01:02 fw1 : %ASA-...`, `%LINK-3-...`) is a new line, never the rest of a
# wrapped one: console messages of one length would otherwise look like a wrap width.
_NEW_MESSAGE = lazy(r"^(?:[*.]?[A-Z][a-z]{2} +\d{1,2} |\d{3,}: |%[A-Z][A-Z0-9_]*-)")


@dataclass
class Line:
    """One visible line of a capture file, with its number, stamp and header."""

    number: int  # 1-based physical line in the file
    text: str  # visible text (a wrapped line joined with its continuation)
    stamp: str = ""  # per-line timestamp from the terminal program
    header: Header | None = None  # a log header/footer line (text is then "")
    shell: bool = False  # a jump host's shell or ssh chatter, not device output


class Style(NamedTuple):  # a record, not a fact: made ~5x faster than a dataclass
    """How a file's lines are dressed, read from its head."""

    stamp: Stamp | None
    width: int  # wrap width to undo, 0 when lines were not wrapped
    program: str  # putty, script, teraterm, securecrt, timestamped, or ""
    started: str  # session start from the first header


def detect_style(head: list[str]) -> Style:
    return read_style(head)[0]


def read_style(head: list[str]) -> tuple[Style, list[str]]:
    """The style, and the visible lines of the head but its last (log headers left out,
    terminal debris cleaned), found on the way: what sniffing reads next, in one pass."""
    stamp = detect_stamp(head)
    program, started = (stamp.name if stamp else ""), ""
    visible: list[str] = []
    for raw in head[:-1]:  # the last head line may be cut mid-way
        rest = split_stamp(stamp, raw)[1]
        found = header(rest)
        if found is not None:
            if not program or program == "timestamped":
                program = found.program
            started = started or found.started
            continue
        text = clean(rest)
        if text is not None:
            visible.append(text)
    return Style(stamp, wrap_width(visible), program, started), visible


def wrap_width(lines: list[str]) -> int:
    """The width lines were broken at: several lines exactly that long, none longer."""
    if not lines:
        return 0
    longest = max(len(line) for line in lines)
    if longest in _WIDTHS and sum(1 for line in lines if len(line) == longest) >= 3:
        return longest
    return 0


def lines(source: TextFile | Iterable[str], style: Style) -> Iterator[Line]:
    """Visible lines of a file; pager-only lines are left out, wrapped lines joined."""
    raw_lines = source.lines() if isinstance(source, TextFile) else source
    pending: Line | None = None
    segment = 0  # length of the last physical line joined into `pending`
    for number, raw in enumerate(raw_lines, 1):
        stamp, rest = split_stamp(style.stamp, raw)
        found = header(rest)
        if found is not None:
            line = Line(number, "", stamp, header=found)
        else:
            text = clean(rest)
            if text is None:
                continue
            if pending is not None and style.width and segment == style.width \
                    and not pending.header and text and not text[0].isspace() \
                    and not looks_like_prompt(text) and not _NEW_MESSAGE.match(text):
                pending.text += text  # a screen copy broke this line at the terminal width
                segment = len(text)
                continue
            segment = len(text)
            line = Line(number, text, stamp, shell=ends_session(text))
        if pending is not None:
            yield pending
        pending = line
    if pending is not None:
        yield pending
