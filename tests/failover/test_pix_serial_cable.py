"""PIX 7.x failover on the serial cable (issue 11, "valid designs reported as faults").

A PIX 515E/525/535 on 7.x prints ASA-style `show failover`, and on the serial cable its LAN
line reads `N/A - Serial-based failover enabled`. With `Cable status: Normal` that is a
working design, not a missing LAN link; with the cable not seen (the LAN link removed, no
cable) the missing LAN link is still reported.
"""

from __future__ import annotations

from netriage.capture import load_paths
from netriage.facts import DeviceFacts
from tests.conftest import RECORDINGS
from tests.recordings_index import analysis_of

PIX = RECORDINGS / "realistic" / "pix"
SERIAL_OK = PIX / "pix525-7.2-rennes-pair-primary-serial-cable-healthy-session.log"
LAN_REMOVED = PIX / "pix525-7.2-mfg-pair-primary-failover-lan-removed-session.log"
ABOVE_LOW = {"critical", "high", "medium"}


def _failover(path):
    value, _commands = DeviceFacts(load_paths([path]).devices[0]).resolve("failover")
    return value


def test_pix7_serial_cable_is_read_from_show_failover():
    facts = _failover(SERIAL_OK)
    assert not facts.pix6  # 7.x output, read with the ASA template
    assert facts.cable_status == "Normal"
    assert facts.serial_based is True
    assert facts.lan_configured is False
    assert facts.serial_cable is True


def test_healthy_pix7_serial_pair_raises_nothing_above_low():
    analysis = analysis_of(SERIAL_OK)
    ids = {f.id for f in analysis.findings}
    assert "failover.lan-if-not-configured" not in ids
    assert [(f.id, f.severity) for f in analysis.findings if f.severity in ABOVE_LOW] == []
    # the tree went through the cable checks, not around them
    device = analysis.devices[0]
    assert device.device.platform == "cisco_pix" and device.device.version == "7.2(4)"


def test_pix7_without_cable_or_lan_link_still_reports_the_missing_link():
    facts = _failover(LAN_REMOVED)
    assert facts.cable_status == "My side not connected"
    assert facts.serial_based is True
    assert facts.serial_cable is False
    ids = {f.id: f.severity for f in analysis_of(LAN_REMOVED).findings}
    assert ids.get("failover.lan-if-not-configured") == "high"


def test_lan_based_pix7_is_not_serial():
    facts = _failover(PIX / "pix515e-7.2-campus-pair-primary-new-secondary-not-heard-session.log")
    assert facts.serial_based is False
    assert facts.cable_status == ""  # `N/A - LAN-based failover enabled` is not a cable state
    assert facts.serial_cable is False
