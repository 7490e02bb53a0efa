"""Realistic failover sessions (recordings/realistic/firewalls/): each planted fault is found
on the right device, with evidence lines that are the file's own lines, and nothing claims
more than the capture shows.

The answers an engineer gave away from the unit come from the `<capture>.answers.yaml` sidecar,
the way the catalog coverage test reads them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RECORDINGS
from tests.recordings_index import answers_for

FIREWALLS = RECORDINGS / "realistic" / "firewalls"

# (capture, device, planted ids, evidence texts that must be cited by the first planted id)
CASES = [
    ("asa5545x-9.16-dc-aa-pair-primary-session.log", "dc2-fw/pri",
     ["aa-mac-missing", "preempt-missing", "aa-group-unassigned"], ["no mac-address auto"]),
    ("asa5520-8.2-lyon-pair-primary-after-rma-session.log", "fw-lyon/pri",
     ["memory-mismatch", "license-mismatch"],
     ["Hardware:   ASA5520, 512 MB RAM, CPU Pentium 4 Celeron 2000 MHz"]),
    ("fpr2110-asa-9.16-plant-transparent-pair-wrong-spare-session.log", "fw-plant/pri",
     ["hardware-mismatch", "mode-mismatch"], []),
    ("ftd4110-7.0-dc-pair-secondary-cold-standby-session.log", "ftd-dc-b", ["cold-standby"],
     ["This host: Secondary - Cold Standby"]),
    ("pix525-7.2-edge-pair-primary-clone-both-primary-session.log", "edge-pix/pri",
     ["both-primary-or-secondary"], ["Other host: Primary - Negotiation"]),
    ("ftd2130-6.7-hq-pair-primary-failover-links-down-session.log", "ftd-hq-edge-1",
     ["lan-if-down", "state-link-down"], ["Failover LAN Interface: FOLINK Ethernet1/8 (down)"]),
    ("asa5508x-9.12-warehouse-new-pair-primary-link-no-address-session.log", "fw-warehouse/pri",
     ["lan-if-no-ip"], ["System IP Address: Not Configured"]),
    ("asa5520-8.4-mfg-pair-primary-failover-lan-removed-session.log", "fw-mfg/pri",
     ["lan-if-not-configured", "state-link-down"], ["Failover LAN Interface: not Configured"]),
    ("asa5516x-9.14-campus-pair-primary-mate-not-heard-session.log", "fw-campus/pri",
     ["lan-link-no-mate", "switch-vlan-not-allowed"], ["Other host: Secondary - Not Detected"]),
    ("asa5510-8.4-clinic-pair-secondary-standby-edited-unsaved-session.log", "fw-clinic/sec",
     ["standby-config-edited", "no-write-memory-on-standby"],
     ["Configuration Replication is NOT performed from Standby unit to Active unit."]),
    ("asa5525x-9.12-dist-pair-primary-both-active-after-power-cut-session.log", "fw-dist/pri",
     ["polltime-aggressive", "switch-portfast-missing"],
     ["Unit Poll frequency 200 milliseconds, holdtime 800 milliseconds"]),
    ("fpr1150-asa-9.18-retail-pair-primary-mate-failed-after-failover-session.log",
     "fw-retail/pri", ["switch-port-security", "mate-failed"],
     ["Interface inside (10.61.0.2): No Link (Monitored)"]),
]


def _analyze(analyze, name: str):
    path = FIREWALLS / name
    return path, analyze(path, answers_for(path) or None)


@pytest.mark.parametrize(("name", "device", "planted", "evidence"), CASES,
                         ids=[c[0].split("-session")[0] for c in CASES])
def test_planted_faults_found_with_real_evidence(analyze, name, device, planted, evidence):
    path, analysis = _analyze(analyze, name)
    found = {f.id: f for f in analysis.findings}
    for wanted in planted:
        assert f"failover.{wanted}" in found, (wanted, sorted(found))
        assert found[f"failover.{wanted}"].device == device
    first = found[f"failover.{planted[0]}"]
    texts = [e.text for e in first.evidence]
    for line in evidence:
        assert line in texts, (line, texts)
    lines = Path(path).read_text().splitlines()
    for finding in analysis.findings:  # every cited line is that line of the file
        for item in finding.evidence:
            assert lines[item.line - 1].strip() == item.text, (finding.id, item)


def test_licence_evidence_cites_the_lines_that_differ(analyze):
    # 8.2 names the 3DES licence VPN-3DES-AES; the equal Security Contexts line is no evidence
    _, analysis = _analyze(analyze, CASES[1][0])
    finding = next(f for f in analysis.findings if f.id == "failover.license-mismatch")
    assert "VPN-3DES-AES: Enabled / Disabled" in finding.title
    texts = [e.text for e in finding.evidence]
    assert texts == ["VPN-3DES-AES                   : Enabled",
                     "VPN-3DES-AES                   : Disabled"]


def test_lan_down_does_not_cite_a_separate_state_link_or_a_missing_mate(analyze):
    _, analysis = _analyze(analyze, CASES[5][0])
    finding = next(f for f in analysis.findings if f.id == "failover.lan-if-down")
    assert not any("STATELINK" in e.text for e in finding.evidence)  # its own finding
    assert "`show failover` still lists the mate, as Standby Ready" in finding.explanation
    assert "Not Detected" not in finding.explanation
    assert all("configure terminal" not in c for fix in finding.fix for c in fix.commands)


def test_port_security_question_follows_a_failed_mate(analyze):
    # the mate is Failed because its inside port lost link: that line must lead to the switch
    path, _ = _analyze(analyze, CASES[11][0])
    unanswered = analyze(path).undecided
    assert [u.node for u in unanswered if u.tree == "failover-onsite"] == ["port-security"]
