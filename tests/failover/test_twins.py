"""Twins of one event have one severity (issue 11, semantics case): the same link loss read
from `show failover history` and from the log is not critical in one and medium in the other.
"""

from __future__ import annotations

from netriage.engine.lint import load_catalog
from tests.recordings_index import recording_findings  # noqa: F401  (fixture)

# (history id, syslog id) of the same event, as the fault catalog pairs them
TWINS = (("failover.history-link-down", "failover.syslog-fo-if-status"),
         ("failover.history-hello-not-heard", "failover.syslog-no-response"),
         ("failover.history-ifc-failed", "failover.syslog-switching-failed"),
         ("failover.history-mate-not-detected", "failover.syslog-no-response"))


def test_twins_share_a_severity_in_the_catalog():
    catalog = load_catalog()
    differ = [(a, catalog[a].severity, b, catalog[b].severity) for a, b in TWINS
              if catalog[a].severity != catalog[b].severity]
    assert differ == []


def test_twins_raised_on_one_device_carry_the_same_severity(recording_findings):  # noqa: F811
    seen = 0
    for path, fired in recording_findings.items():
        for history, syslog in TWINS:
            for device in {f.device for f in fired}:
                pair = {f.finding: f.severity for f in fired if f.device == device
                        and f.finding in (history, syslog)}
                if len(pair) == 2:
                    seen += 1
                    assert pair[history] == pair[syslog], (path, device, pair)
    assert seen, "no recording raises both twins of an event: the check above proved nothing"
