"""What terminal programs add around a session: log headers, per-line timestamps, shells.

- PuTTY writes `=~=~=~=~=~=~=~=~=~=~=~= PuTTY log 2026.11.23 09:14:02 =~=...` each time
  logging starts (several in one file when it appends).
- script(1) writes `Script started on ...` and `Script done on ...`.
- Tera Term (timestamp option) starts every line with `[Mon Nov 23 09:14:02.123 2026] `.
- SecureCRT's "custom log data, on each line" is free-form; engineers use
  `[2026-11-23 09:14:02] `, `[11/23/2026 09:14:02] ` or `09:14:02: ` (see SecureCRT docs).
A typescript also holds the jump host's shell and `ssh` chatter; those lines end the output
of the device command before them.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_PUTTY = re.compile(r"^=~=~=~=~=~=~=~=~=~=~=~= PuTTY log (\d{4})\.(\d\d)\.(\d\d) "
                    r"(\d\d:\d\d:\d\d) =~=~=~=~=~=~=~=~=~=~=~=\s*$")
_SCRIPT = re.compile(r"^Script (started|done) on (.+?)(?:\s+\[[^\]]*\])?\s*$")
# Lines that end a device session: a shell prompt, ssh/telnet saying goodbye.
_SHELL = re.compile(r"^\[?[\w.\-]+@[\w.\-]+[: ][^\n]{0,80}?[$#%\]]\$?(?:\s.*)?$"
                    r"|^Connection to \S+ closed\.?|^Connection closed by (?:foreign host|\S+)"
                    r"|^Connection (?:reset|timed out)|^ssh: connect to host ")


class Stamp(NamedTuple):  # a record, not a fact: made ~5x faster than a dataclass
    """A per-line timestamp style."""

    name: str  # the program it is typical of, used as the format label
    regex: re.Pattern[str]
    parse: str  # strptime format of group 1, or "" to keep the text as found


STAMPS = [
    Stamp("teraterm", re.compile(r"^\[((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|"
                                 r"Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)?"
                                 r" \d{4})\] ?"), "%a %b %d %H:%M:%S.%f %Y"),
    Stamp("securecrt", re.compile(r"^\[(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,:]\d+)?)\] ?"),
          "%Y-%m-%d %H:%M:%S.%f"),
    Stamp("securecrt", re.compile(r"^\[(\d\d/\d\d/\d{4} \d\d:\d\d:\d\d(?:[.,:]\d+)?)\] ?"),
          "%m/%d/%Y %H:%M:%S.%f"),
    Stamp("timestamped", re.compile(r"^\[(\d\d:\d\d:\d\d(?:[.,:]\d+)?)\] ?"), ""),
    Stamp("timestamped", re.compile(r"^(\d\d:\d\d:\d\d(?:[.,:]\d{1,6})?): ?"), ""),
]


def detect_stamp(head: list[str]) -> Stamp | None:
    """The per-line timestamp style most non-blank lines of the head start with, if any."""
    lines = [line for line in head[:2000] if line.strip() and header(line) is None]
    if not lines:
        return None
    for stamp in STAMPS:
        hits = sum(1 for line in lines if stamp.regex.match(line))
        if hits >= 0.6 * len(lines):
            return stamp
    return None


def split_stamp(stamp: Stamp | None, line: str) -> tuple[str, str]:
    """(timestamp as ISO 8601 where it can be read, rest of the line)."""
    if stamp is None:
        return "", line
    match = stamp.regex.match(line)
    if not match:
        return "", line
    return normalise(match.group(1), stamp.parse), line[match.end():]


def normalise(text: str, fmt: str) -> str:
    if not fmt:
        return text
    from datetime import datetime  # only a stamped capture pays for it (and _strptime)

    value = re.sub(r"(\d\d:\d\d:\d\d)[,:](\d+)$", r"\1.\2", text.strip())
    for candidate in (fmt, fmt.replace(".%f", "")):
        try:
            parsed = datetime.strptime(value.replace("T", " "), candidate)
        except ValueError:
            continue
        return parsed.isoformat(timespec="milliseconds" if parsed.microsecond else "seconds")
    return text


class Header(NamedTuple):  # a record, not a fact: made ~5x faster than a dataclass
    """A log header or footer line the terminal program wrote (PuTTY, script)."""

    program: str  # "putty" or "script"
    started: str  # ISO 8601 where it could be read, else as written; "" for an end marker


def header(line: str) -> Header | None:
    """A log header or footer line written by the terminal program, not by the device."""
    match = _PUTTY.match(line)
    if match:
        year, month, day, time = match.groups()
        return Header("putty", f"{year}-{month}-{day}T{time}")
    match = _SCRIPT.match(line)
    if match:
        when = match.group(2)
        if match.group(1) == "done":
            return Header("script", "")
        return Header("script", _script_time(when))
    return None


def _script_time(text: str) -> str:
    from datetime import datetime

    try:  # util-linux 2.35+: 2026-11-23 09:14:02+01:00
        return datetime.fromisoformat(text.strip()).isoformat()
    except ValueError:
        return text.strip()  # older, locale-dependent: kept as written


def ends_session(line: str) -> bool:
    """A cleaned line that is a jump host's shell or ssh/telnet chatter, not device output."""
    return bool(_SHELL.match(line))
