"""The shared clock reader: every timestamp form the failover and certificate facts read, and
which `show clock` outputs count as the device's time."""

from __future__ import annotations

from datetime import datetime

import pytest

from netriage.capture.model import Device, Entry
from netriage.facts.clock import device_clock, parse_time

CLOCK = "*10:42:17.123 UTC Tue Nov 24 2026"
NOW = datetime(2026, 11, 24, 10, 42, 17)


@pytest.mark.parametrize(("text", "expected"), [
    (CLOCK, NOW),  # show clock (IOS marks an unsynchronised clock with `*`)
    ("  end   date: 16:32:07 UTC Mar 19 2030", datetime(2030, 3, 19, 16, 32, 7)),  # ASA cert
    ("End date: 00:00:00 UTC Jan 1 2030", datetime(2030, 1, 1)),  # IOS certificate
    ("09:58:07 UTC Jan 18 2021  Standby Ready  Just Active", datetime(2021, 1, 18, 9, 58, 7)),
    ("Nov 24 2026 10:32:15: %ASA-1-104001: (Primary) Switching to ACTIVE",
     datetime(2026, 11, 24, 10, 32, 15)),  # syslog: date first
    ("10:00:00 UTC Feb 29 2027", None),  # no such day: None, not a guess
    ("10:00:00 UTC Foo 1 2027", None),
    ("12:00", None),
])
def test_parse_time_reads_every_cisco_form(text, expected):
    assert parse_time(text) == expected


def device(*entries: Entry) -> Device:
    return Device("fw1", "cisco_asa", entries=list(entries))


def test_device_clock_reads_the_latest_unfiltered_show_clock():
    assert device_clock(device(Entry("show clock", "01:00:00.000 UTC Mon Jan 5 2026"),
                               Entry("show clock", CLOCK))) == NOW
    assert device_clock(device(Entry("show clock", CLOCK, filter="| include UTC"))) is None
    assert device_clock(device()) is None
    assert device_clock(device(Entry("show clock", "12:00"))) is None


def test_a_cut_off_or_refused_show_clock_counts_only_when_not_whole():
    cut = device(Entry("show clock", CLOCK, truncated=True))
    assert device_clock(cut) is None
    assert device_clock(cut, whole=False) == NOW
    refused = device(Entry("show clock", f"% Invalid input detected at '^' marker.\n{CLOCK}"))
    assert device_clock(refused) is None
    assert device_clock(refused, whole=False) == NOW
