"""Cisco timestamps and the device's own clock (`show clock`).

Times are naive datetimes: one device's outputs share one time zone, and they are compared
with each other and with the device's `show clock`, never with the clock of the machine
running netriage (a capture may be read months later, and a wrong device clock is itself a
cause worth seeing, e.g. for certificate validity).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netriage.capture.model import Device
from netriage.lazyre import lazy
from netriage.parsing.runner import _REJECTED  # the parser's own test for a refused command

if TYPE_CHECKING:  # a datetime is made only where a time was read
    from datetime import datetime

MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
# "09:58:07 UTC Jan 18 2021" (failover history and state, certificate validity),
# "10:42:17.123 UTC Tue Nov 24 2026" (show clock), "Nov 24 2026 10:32:15" (syslog timestamps)
_CLOCK_FIRST = lazy(
    r"(\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)?\s+\S+\s+(?:\w{3}\s+)?(\w{3})\s+(\d{1,2})\s+(\d{4})")
_DATE_FIRST = lazy(r"(\w{3})\s+(\d{1,2})\s+(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})")


def parse_time(text: str) -> datetime | None:
    """The first device timestamp in `text` as a naive datetime; None when there is none.

    Time-first forms are tried before the syslog date-first form; an impossible date
    (Feb 31, hour 24) is None, not a guess.
    """
    match = _CLOCK_FIRST.search(text)
    if match:
        hour, minute, second, month, day, year = match.groups()
    else:
        match = _DATE_FIRST.search(text)
        if not match:
            return None
        month, day, year, hour, minute, second = match.groups()
    number = MONTHS.get(month.lower()[:3])
    if number is None:
        return None
    try:
        from datetime import datetime

        return datetime(int(year), number, int(day), int(hour), int(minute), int(second))
    except ValueError:
        return None


def device_clock(device: Device, *, whole: bool = True) -> datetime | None:
    """The device's time from its latest unfiltered `show clock`; None when not captured or
    holding no time.

    `whole` also refuses an output the capture cut off or the device rejected, the rule the
    failover builders apply to every raw output they read. The certificate check passes
    `whole=False`: it has always taken the time from any unfiltered `show clock` (a one-line
    output that shows a whole timestamp tells the time even if the prompt never came back).
    """
    entry = device.find("show clock")
    if entry is None:
        return None
    if whole and (entry.truncated or _REJECTED.search(entry.output)):
        return None
    return parse_time(entry.output)
