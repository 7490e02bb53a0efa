"""Every failover id of the catalog, found in a realistic recording, with its deciding lines.

One row per id: the recording (recordings/fixtures/failover/), the answers to questions no
output can tell (tree.node → answer), the id, exact evidence line texts, and whether it must be
the top finding of the failover trees (False where another finding legitimately outranks it,
e.g. the symptom found before a question names the switch-side cause).
"""

from __future__ import annotations

import pytest

from netriage.engine.findings import severity_rank
from netriage.engine.lint import load_catalog
from netriage.platforms import get_platform
from tests.failover.conftest import FAILOVER

YES_PAIR = {"failover.meant-to-be-a-pair": "yes"}
SWITCH_VLAN = {"failover-onsite.mate-also-active": "no", "failover-onsite.through-switch": "yes",
               "failover-onsite.vlan-allowed": "no"}
ASKED_KEY = {"failover-onsite.mate-also-active": "no", "failover-onsite.through-switch": "no",
             "failover-onsite.same-key": "no"}
D = "Nov 24 2026 "  # the syslog date prefix of most recordings

CASES = [
    # -- the pair and its link (failover.yaml)
    ("disabled.log", {}, "disabled", True,
     ["Failover Off", "Failover LAN Interface: fover GigabitEthernet0/5 (up)"]),
    ("not-configured.log", YES_PAIR, "not-configured", True,
     ["Failover Off", "Failover LAN Interface: not Configured"]),
    ("license-not-capable.log", YES_PAIR, "license-not-capable", True,
     ["Failover                          : Disabled       perpetual",
      "Failover LAN Interface: not Configured"]),
    ("lan-if-not-configured.log", {}, "lan-if-not-configured", True,
     ["Failover On", "Failover LAN Interface: not Configured"]),
    ("lan-if-down.log", {}, "lan-if-down", True,
     ["Failover LAN Interface: FOLINK GigabitEthernet1/8 (down)",
      "Link : FOLINK GigabitEthernet1/8 (down)"]),
    ("lan-if-no-ip.log", {}, "lan-if-no-ip", True,
     ["Failover LAN Interface: fover GigabitEthernet0/5 (up)",
      "System IP Address: Not Configured", "failover lan interface fover GigabitEthernet0/5"]),
    ("lan-link-no-mate.log", {}, "lan-link-no-mate", True,
     ["Other host: Secondary - Not Detected", "Version: Ours 9.16(4), Mate Unknown"]),
    ("key-mismatch.log", {}, "key-mismatch", True,
     ["Other host: Primary - Not Detected",
      "WARNING: Failover message decryption failure. Please make sure both units have the same "
      "failover shared key and crypto license or system is not out of memory"]),
    ("split-brain.log", {}, "split-brain", True,
     ["This host: Secondary - Active", "Failover LAN Interface: folink GigabitEthernet0/3 (down)",
      D + "05:31:15: %ASA-4-405001: Received ARP request collision from 10.10.0.1/0050.56a1.0c21 "
      "on interface inside with existing ARP entry 10.10.0.1/0050.56a1.0d33"]),
    ("stuck-negotiation.log", {}, "stuck-negotiation", True,
     ["This host: Primary - Negotiation",
      "Negotiation                Not Detected               No Error"]),
    ("both-primary.log", {}, "both-primary-or-secondary", True,
     ["This host: Primary - Active", "Other host: Primary - Negotiation",
      "failover lan unit primary"]),
    ("pix-cable-status.log", {}, "pix-cable-status", True,
     ["Cable status: My side not connected"]),
    ("mate-failed.log", {}, "mate-failed", True,
     ["Other host: Secondary - Failed", "Interface inside (10.10.0.2): Failed (Monitored)",
      "Failed         Ifc Failure              14:51:09 CET Nov 24 2026"]),
    # -- interfaces
    ("standby-ip-missing.log", {}, "standby-ip-missing", True,
     ["Interface guest (10.61.0.1): Normal (Waiting)",
      "Interface guest (0.0.0.0): Normal (Waiting)"]),
    # issue 11: the same faults where the fix is built from the configuration / the roles
    ("standby-ip-missing-config.log", {}, "standby-ip-missing", True,
     ["Interface guest (10.89.30.1): Normal (Waiting)",
      "Interface guest (0.0.0.0): Normal (Waiting)"]),
    ("no-mate-secondary.log", {}, "lan-link-no-mate", True,
     ["Other host: Primary - Not Detected", "Version: Ours 9.16(3)23, Mate Unknown"]),
    ("lan-down-host-collision.log", {}, "lan-if-down", True,
     ["Failover LAN Interface: folink GigabitEthernet0/3 (down)"]),
    ("if-no-link.log", {}, "if-no-link", True,
     ["Interface inside (10.10.0.2): No Link (Monitored)"]),
    ("if-failed.log", {}, "if-failed", True, ["Interface guest (10.90.0.2): Failed (Monitored)"]),
    ("if-unknown.log", {}, "if-unknown", True, ["Interface dmz (172.16.20.2): Unknown (Waiting)"]),
    ("if-testing.log", {}, "if-testing", True,
     ["Interface inside (10.10.0.1): Testing (Monitored)",
      D + "10:14:02: %ASA-1-105008: (Primary) Testing Interface inside"]),
    ("if-waiting.log", {}, "if-waiting", True,
     ["Interface dmz (172.16.20.1): Normal (Waiting)",
      "Interface dmz (172.16.20.2): Normal (Waiting)"]),
    ("not-monitored.log", {}, "not-monitored", True,
     ["Interface voice (10.70.0.1): Normal (Not-Monitored)"]),
    ("interface-policy.log", {}, "interface-policy", True,
     ["Interface Policy 50%", "Monitored Interfaces 3 of 216 maximum"]),
    # -- what must match between the units
    ("version-mismatch.log", {}, "version-mismatch", True,
     ["Version: Ours 9.16(4), Mate 9.12(4)58"]),
    ("hardware-mismatch.log", {}, "hardware-mismatch", True,
     ["slot 0: ASA5525 hw/sw rev (1.0/9.16(4)) status (Up Sys)",
      "slot 0: ASA5545 hw/sw rev (1.0/9.16(4)) status (Up Sys)",
      D + "12:01:15: %ASA-1-105046: (Primary) Mate has a different chassis"]),
    ("memory-mismatch.log", {}, "memory-mismatch", True,
     ["Hardware:   ASA5520, 2048 MB RAM, CPU Pentium 4 Celeron 2000 MHz",
      "Hardware:   ASA5520, 512 MB RAM, CPU Pentium 4 Celeron 2000 MHz"]),
    ("mode-mismatch.log", {}, "mode-mismatch", True,
     ["Firewall mode: Transparent", "Firewall mode: Router"]),
    ("license-mismatch.log", {}, "license-mismatch", True,
     ["Encryption-3DES-AES               : Enabled        perpetual",
      "Encryption-3DES-AES               : Disabled       perpetual"]),
    # -- stuck on the way to Standby Ready
    ("cold-standby.log", {}, "cold-standby", True,
     ["This host: Secondary - Cold Standby", "11:02:31.441 UTC Tue Nov 24 2026"]),
    ("stuck-sync-config.log", {}, "stuck-sync-config", True,
     ["This host: Secondary - Sync Config",
      D + "16:22:17: %ASA-2-709007: Configuration replication failed for command crypto ca import "
      "VPN-TP pkcs12 *****"]),
    ("stuck-bulk-sync.log", {}, "stuck-bulk-sync", True,
     ["This host: Secondary - Bulk Sync", "Xmit Q:         3       4011    98120"]),
    # -- state replication
    ("state-link-down.log", {}, "state-link-down", True,
     ["Link : statelink GigabitEthernet0/4 (down)"]),
    ("state-xerr.log", {}, "state-xerr", True,
     ["TCP conn        61207755   2112       0          0",
      "UDP conn        18990110   640        0          0"]),
    ("replication-queue-full.log", {}, "replication-queue-full", True,
     ["Xmit Q:         1877    8192    99120844"]),
    # -- configuration (failover_config.yaml, failover_active_active.yaml)
    ("key-missing.log", {}, "key-missing", True,
     ["failover lan interface folink GigabitEthernet0/3",
      "failover link folink GigabitEthernet0/3"]),
    ("standby-config-edited.log", {}, "standby-config-edited", True,
     ["Configuration Replication is NOT performed from Standby unit to Active unit.",
      "This host: Secondary - Standby Ready"]),
    ("no-write-memory-on-standby.log", {}, "no-write-memory-on-standby", True,
     ["Failover On", "no failover"]),
    ("preempt-missing.log", {}, "preempt-missing", True,
     ["failover group 1", "Group 1 State: Standby Ready", "Group 1 State: Active"]),
    ("aa-group-unassigned.log", {}, "aa-group-unassigned", True, ["failover group 2", "primary"]),
    ("aa-mac-missing.log", {}, "aa-mac-missing", True, ["no mac-address auto"]),
    # -- history (failover_history.yaml)
    ("polltime-aggressive.log", {}, "polltime-aggressive", True,
     ["Unit Poll frequency 200 milliseconds, holdtime 800 milliseconds",
      "failover polltime unit msec 200 holdtime msec 800",
      "Standby Ready              Just Active                HELLO not heard from mate"]),
    ("flapping.log", {}, "flapping", True,
     ["Active                     Failed                     Interface check",
      "Standby Ready              Just Active                Interface check"]),
    ("history-hello-not-heard.log", {}, "history-hello-not-heard", True,
     ["Standby Ready              Just Active                HELLO not heard from mate"]),
    ("history-interface-check.log", {}, "history-interface-check", True,
     ["Active                     Failed                     Interface check"]),
    ("history-ifc-failed.log", {}, "history-ifc-failed", True,
     ["Active                     Failed                     Ifc [inside] failed"]),
    ("history-link-down.log", {}, "history-link-down", True,
     ["Standby Ready              Failed                     LAN Interface become failed",
      D + "03:41:07: %ASA-1-105043: (Secondary) Failover interface failed"]),
    ("history-config-cmd.log", {}, "history-config-cmd", True,
     ["Active                     Standby Ready              Set by the config command"]),
    ("history-config-mismatch.log", {}, "history-config-mismatch", True,
     ["Standby Ready              Cold Standby               Configuration mismatch"]),
    ("history-other-wants-standby.log", {}, "history-other-wants-standby", True,
     ["Active                     Standby Ready              Other unit wants me Standby"]),
    ("history-other-wants-active.log", {}, "history-other-wants-active", True,
     ["Standby Ready              Just Active                Other unit wants me Active"]),
    ("history-no-active-found.log", {}, "history-no-active-found", True,
     ["Negotiation                Just Active                No Active unit found"]),
    ("history-standby-boot.log", {}, "history-detected-active-mate", True,
     ["Negotiation                Cold Standby               Detected an Active mate"]),
    ("history-mate-not-detected.log", {}, "history-mate-not-detected", True,
     ["Standby Ready              Just Active                Mate not detected"]),
    # -- syslog (failover_syslog.yaml)
    ("syslog-switching-active.log", {}, "syslog-switching-active", True,
     [D + "15:02:44: %ASA-1-104001: (Secondary) Switching to ACTIVE (cause: Other unit has failed "
      "due to Interface check)."]),
    ("syslog-switching-standby.log", {}, "syslog-switching-standby", True,
     [D + "15:02:44: %ASA-1-104002: (Primary) Switching to STANDBY (cause: Failover state "
      "check)."]),
    ("syslog-switching-failed.log", {}, "syslog-switching-failed", True,
     [D + "11:20:09: %ASA-1-104003: (Primary) Switching to FAILED.",
      D + "11:22:51: %ASA-1-104004: (Primary) Switching to OK."]),
    ("syslog-no-response.log", {}, "syslog-no-response", True,
     [D + "04:02:19: %ASA-1-103001: (Secondary) No response from other firewall (reason code = 1).",
      D + "04:02:19: %ASA-1-104001: (Secondary) Switching to ACTIVE (cause: HELLO not heard from "
      "mate)."]),
    ("syslog-lost-comm.log", {}, "syslog-lost-comm", True,
     [D + "13:40:22: %ASA-1-105005: (Primary) Lost Failover communications with mate on interface "
      "outside"]),
    ("syslog-fo-if-status.log", {}, "syslog-fo-if-status", True,
     [D + "01:12:40: %ASA-1-105043: (Primary) Failover interface failed",
      D + "01:13:02: %ASA-1-105042: (Primary) Failover interface OK"]),
    ("syslog-cloud-ha.log", {}, "syslog-cloud-ha", True,
     [D + "09:30:11: %ASA-1-104501: (Primary) Switching to BACKUP (cause: Other unit wants me "
      "Backup).", D + "09:41:52: %ASA-1-104500: (Primary) Switching to ACTIVE (cause: Peer unit "
      "not detected)."]),
    ("syslog-config-sync.log", {}, "syslog-config-sync", True,
     [D + "14:02:15: %ASA-5-709008: (Primary) Configuration sync in progress. Command: "
      "'access-list inside_in extended permit tcp any host 10.10.9.9 eq 8443' executed from "
      "(terminal) will not be replicated to or executed by the standby unit."]),
    ("monitor-waiting-syslog.log", {}, "monitor-waiting-syslog", True,
     [D + "07:50:01: %ASA-1-105003: (Primary) Monitoring on interface outside waiting",
      D + "07:50:16: %ASA-1-105004: (Primary) Monitoring on interface outside normal"]),
    # -- questions only the engineer can answer (failover_onsite.yaml): the symptom outranks
    ("lan-link-no-mate.log", SWITCH_VLAN, "switch-vlan-not-allowed", False,
     ["Failover LAN Interface: folink GigabitEthernet0/3 (up)"]),
    ("history-no-active-found.log", {"failover-onsite.portfast": "no"},
     "switch-portfast-missing", False,
     ["Negotiation                Just Active                No Active unit found"]),
    ("if-no-link.log", {"failover-onsite.port-security": "yes"}, "switch-port-security", False,
     ["Interface inside (10.10.0.2): No Link (Monitored)"]),
    ("lan-link-no-mate.log", {"failover-onsite.mate-also-active": "yes"}, "split-brain", False,
     ["This host: Primary - Active", "Other host: Secondary - Not Detected"]),
    ("lan-link-no-mate.log", ASKED_KEY, "key-mismatch", False,
     ["Other host: Secondary - Not Detected"]),
]


def case_id(case: tuple) -> str:
    return f"{case[2]}<-{case[0]}" + ("+answers" if case[1] else "")


@pytest.mark.parametrize(("recording", "answers", "finding_id", "top", "evidence"), CASES,
                         ids=[case_id(c) for c in CASES])
def test_recording_finds_its_fault(analyze, recording, answers, finding_id, top, evidence):
    analysis = analyze(recording, answers)
    ids = [f.id for f in analysis.findings]
    wanted = f"failover.{finding_id}"
    assert wanted in ids, ids
    finding = analysis.findings[ids.index(wanted)]
    if top:
        assert ids[0] == wanted, ids
    assert ids.count(wanted) == 1  # one fault, one finding, however many outputs show it
    assert finding.severity == load_catalog()[wanted].severity
    texts = [e.text for e in finding.evidence]
    for line in evidence:
        assert line in texts, (line, texts)
    lines = (FAILOVER / recording).read_text().splitlines()
    for item in finding.evidence:  # every evidence line is a real line of the file
        assert 0 < item.line <= len(lines) and lines[item.line - 1].strip() == item.text, item
    tag = get_platform(analysis.devices[0].device.platform).tag
    assert finding.fix, "a finding comes with a fix"
    assert any(tag in fix.platform.split(",") for fix in finding.fix), (tag, finding.fix)
    for fix in finding.fix:
        # FTD is changed in its manager: the steps stand where the CLI lines would
        assert (fix.commands or fix.manager) and fix.verify and fix.rollback


def test_every_catalog_failover_id_has_a_recording():
    catalog = {i for i in load_catalog() if i.startswith("failover.")}
    covered = {f"failover.{case[2]}" for case in CASES}
    assert sorted(catalog - covered) == []


def test_findings_are_ordered_by_severity(analyze):
    for recording in ("polltime-aggressive.log", "cold-standby.log", "history-no-active-found.log"):
        ranks = [severity_rank(f.severity) for f in analyze(recording).findings]
        assert ranks == sorted(ranks, reverse=True), recording
