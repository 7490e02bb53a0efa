"""Failover facts read from outputs: what each builder understands, and when it says Unknown."""

from __future__ import annotations

from datetime import datetime

import pytest

from netriage.capture import load_paths
from netriage.engine.expr import Unknown
from netriage.facts import DeviceFacts
from netriage.facts.clock import parse_time
from netriage.facts.failover.common import seconds
from netriage.facts.failover.history import HistoryEntry
from netriage.facts.failover.platform import FailoverPlatform, VersionInfo
from netriage.facts.failover.syslog import parse_messages
from tests.conftest import DEMO
from tests.failover.conftest import FAILOVER


def facts_of(recording: str, device: int = 0) -> DeviceFacts:
    capture = load_paths([FAILOVER / recording if "/" not in recording else recording])
    return DeviceFacts(capture.devices[device])


def fact(recording: str, name: str, device: int = 0):
    value, _commands = facts_of(recording, device).resolve(name)
    return value


def test_show_failover_units_interfaces_slots_and_timers():
    fo = fact("healthy-asa-pair.log", "failover")
    assert (fo.this.role, fo.this.state, fo.mate.state) == ("Primary", "Active", "Standby Ready")
    assert fo.this.active_time == 4687222
    assert [(s.slot, s.model, s.status) for s in fo.this.slots] == [("0", "ASA5525", "Up Sys")]
    outside = fo.mate.interfaces[0]
    assert (outside.nameif, outside.ip, outside.status, outside.monitor, outside.role) == (
        "outside", "203.0.113.3", "Normal", "Monitored", "Secondary")
    assert (fo.interface_policy, fo.monitored, fo.unit_hold_ms) == ("1", 3, 15000)
    assert (fo.state_link_name, fo.state_link_interface, fo.state_link_ok) == (
        "statelink", "GigabitEthernet0/4", True)
    assert fo.xmit_queue_max == 35 and fo.recv_queue_max == 21
    assert not fo.timers_aggressive and fo.interface_policy_problem == ""


def test_active_active_group_states_and_contexts():
    fo = fact("healthy-aa-pair.log", "failover")
    assert [(g.group, g.state) for g in fo.this.groups] == [(1, "Active"), (2, "Standby Ready")]
    assert fo.this.active and fo.this.settled and fo.mate.settled
    assert {(i.context, i.nameif) for i in fo.this.interfaces} >= {("ctx1", "outside"),
                                                                   ("ctx2", "inside")}


def test_pix_lan_based_failover():
    fo = fact("healthy-pix-pair.log", "failover")
    assert fo.pix6 and fo.lan_based and not fo.serial_cable
    assert (fo.lan_name, fo.lan_state, fo.lan_peer_status) == ("failover", "up", "Normal")
    assert fo.state_link_ok is True  # PIX 6.x prints only "Status: Configured."
    cable = fact("pix-cable-status.log", "failover")
    assert cable.serial_cable and cable.cable_status == "My side not connected"


def test_physical_interface_names_come_from_show_nameif():
    fo = fact("if-no-link.log", "failover")
    [ifc] = fo.no_link_interfaces
    assert (ifc.nameif, ifc.role, ifc.physical) == ("inside", "Secondary", "GigabitEthernet0/1")
    demo = DeviceFacts(load_paths([DEMO]).devices[0]).resolve("failover")[0]
    assert demo.standby_ip_missing[0].physical_hint == "<physical-interface-of-dmz>"


def test_interface_judgements_leave_out_what_another_cause_explains():
    demo = DeviceFacts(load_paths([DEMO]).devices[0]).resolve("failover")[0]
    assert [i.name for i in demo.standby_ip_missing] == ["dmz"]
    assert demo.waiting_interfaces == []  # dmz Waits because it has no standby address
    ftd = fact("healthy-ftd-pair.log", "failover")
    assert ftd.waiting_interfaces == []  # diagnostic has no address on either unit
    assert ftd.unmonitored_interfaces == []
    unknown = fact("if-unknown.log", "failover")
    assert [i.name for i in unknown.unknown_interfaces] == ["dmz"]
    assert unknown.waiting_interfaces == []  # Unknown on the mate, judged as such
    down = fact("lan-if-down.log", "failover")
    assert down.unknown_interfaces == [] and not down.mate_detected  # the mate is not heard


@pytest.mark.parametrize(("policy", "monitored", "problem"), [
    ("1", 3, ""), ("2", 4, ""), ("1", 12, "any single one"), ("3", 3, "all of them"),
    ("4", 3, "more than exist"), ("50%", 3, "never triggers"), ("50%", 8, ""), ("25%", 4, ""),
])
def test_interface_policy_problem(policy, monitored, problem):
    fo = fact("healthy-pair.log", "failover")
    fo.interface_policy, fo.monitored = policy, monitored
    assert (problem in fo.interface_policy_problem) if problem else (
        fo.interface_policy_problem == "")


def test_timers():
    assert seconds("1 seconds") == 1000 and seconds("200 milliseconds") == 200
    assert seconds("msec 500") == 500 and seconds("") is None
    fo = fact("polltime-aggressive.log", "failover")
    assert fo.timers_aggressive and fo.unit_hold_ms == 800


def test_history_events_flaps_and_time_in_state():
    history = fact("polltime-aggressive.log", "failover_history")
    hello = history.events["hello-not-heard"]
    assert [(e.time, e.from_state) for e in hello] == [
        ("04:12:51 UTC Nov 19 2026", "Standby Ready"),
        ("08:03:12 UTC Nov 24 2026", "Standby Ready")]
    assert history.events["link-down"] == []
    flapping = fact("flapping.log", "failover_history")
    assert flapping.active_changes_per_hour == 4
    assert fact("history-hello-not-heard.log", "failover_history").active_changes_per_hour == 1
    cold = fact("cold-standby.log", "failover_history")
    assert (cold.last.to_state, cold.minutes_in_last_state) == ("Cold Standby", 20)


def test_history_details_keep_the_mates_rows_apart():
    history = fact("history-no-active-found.log", "failover_history")
    assert len(history.peer_entries) == 3 and not any(e.peer for e in history.entries)
    assert history.both_no_active_found is True
    assert history.now == datetime(2026, 11, 24, 6, 53, 10)  # no clock: the collection time
    assert fact("history-standby-boot.log", "failover_history").both_no_active_found is None


@pytest.mark.parametrize(("reason", "detail", "kind"), [
    ("HELLO not heard from mate", "", "hello-not-heard"),
    ("Other unit wants me Standby", "Set by the config command", "other-wants-standby"),
    ("Ifc [outside] failed", "", "ifc-failed"),
    ("No Error", "Set by the config command", "config-cmd"),
    ("No Error", "", ""),
])
def test_history_reason_kinds(reason, detail, kind):
    assert HistoryEntry("t", "Active", "Standby Ready", reason, detail).kind == kind


def test_failover_state():
    state = fact("mate-failed.log", "failover_state")
    assert (state.other.state, state.other.reason) == ("Failed", "Ifc Failure")
    assert state.sync_done and state.communication == ["Mac set"]


def test_running_config_links_key_and_groups():
    config = fact("healthy-aa-pair.log", "failover_config")
    assert config.active_active and not config.groups_without_preempt
    assert [(g.number, g.unit, g.preempt) for g in config.groups] == [
        (1, "primary", "preempt 60"), (2, "secondary", "preempt 60")]
    assert not config.groups_on_one_unit and not config.key_missing
    no_ip = fact("lan-if-no-ip.log", "failover_config")
    assert no_ip.lan_ip_missing and no_ip.lan_address is None
    assert fact("key-missing.log", "failover_config").key_missing


def test_failover_interface_links():
    links = fact("lan-if-no-ip.log", "failover_links")
    assert [(link.name, link.ip_missing) for link in links.links] == [("fover", True)]
    healthy = fact("healthy-asa-pair.log", "failover_links")
    assert [link.name for link in healthy.links] == ["folink", "statelink"]
    assert healthy.missing_ip == []


def test_monitor_interface():
    monitor = fact("not-monitored.log", "failover_monitor")
    assert [i.name for i in monitor.not_monitored] == ["voice", "management"]


def test_active_active_mac_and_contexts():
    aa = fact("aa-mac-missing.log", "failover_aa")
    assert aa.mac_auto is False and aa.contexts == ["ctx1", "ctx2"]
    assert aa.all_contexts_in_one_group is False
    assert fact("healthy-aa-pair.log", "failover_aa").mac_auto is True
    assert isinstance(fact("healthy-pair.log", "failover_aa"), Unknown)


def test_syslog_messages_and_their_causes():
    messages = parse_messages("\n".join([
        "Nov 24 2026 04:02:19: %ASA-1-104001: (Secondary) Switching to ACTIVE (cause: HELLO not "
        "heard from mate).",
        "Nov 24 2026 04:05:00: %ASA-1-104001: (Primary) Switching to ACTIVE (cause: Set by the "
        "config command).",
        "%FTD-1-105005: (Primary) Lost Failover communications with mate on interface inside",
        "WARNING: Failover message decryption failure. Please make sure both units have ...",
        "Nov 24 2026 04:06:00: %ASA-6-302013: Built outbound TCP connection 1 for outside",
    ]))
    assert [m.id for m in messages] == [104001, 104001, 105005, 0, 302013]
    assert messages[0].cause == "HELLO not heard from mate" and not messages[0].manual
    assert messages[1].manual
    assert messages[2].interface == "inside"
    assert messages[0].when == datetime(2026, 11, 24, 4, 2, 19)


def test_syslog_classes():
    log = fact("syslog-no-response.log", "failover_syslog")
    assert [m.id for m in log.no_response] == [103001]
    assert [m.interface for m in log.lost_comm] == ["inside", "outside"]
    testing = fact("if-testing.log", "failover_syslog")
    assert {m.interface for m in testing.testing_repeated} == {"inside"}
    boot = fact("stuck-sync-config.log", "failover_syslog")
    assert boot.switching_standby == []  # "Detected an Active mate" is a boot, not a fault
    waiting = fact("monitor-waiting-syslog.log", "failover_syslog")
    assert sorted(m.interface for m in waiting.waiting_resolved) == ["inside", "outside"]


def test_a_filtered_log_gives_what_it_shows_but_not_absence():
    # issue 10 item 6: the messages a filtered log shows are evidence; it is not complete,
    # so a message missing from it proves nothing
    log = fact("version-mismatch.log", "failover_syslog")
    assert [m.id for m in log.version_mismatch] == [103007] and log.complete is False


def test_standby_edits():
    edits = fact("standby-config-edited.log", "failover_standby_edits")
    assert edits.commands == [
        "access-list outside_in extended permit tcp any host 172.16.20.25 eq 443"]
    assert isinstance(fact("healthy-pair.log", "failover_standby_edits"), Unknown)


def test_platform_this_unit_and_mate():
    platform = fact("memory-mismatch.log", "failover_platform")
    assert (platform.this.model, platform.this.ram_mb, platform.mate.ram_mb) == (
        "ASA5520", 2048, 512)
    assert platform.ram_differs and not platform.model_differs
    assert fact("license-not-capable.log", "failover_platform").failover_licensed is False
    pix = fact("healthy-pix-pair.log", "failover_platform")
    assert (pix.this.pix_licence, pix.failover_licensed) == ("Unrestricted (UR)", True)
    modes = fact("mode-mismatch.log", "failover_platform")
    assert (modes.firewall_mode, modes.firewall_mode_mate, modes.mode_differs) == (
        "transparent", "router", True)


def test_licences_must_match_fully_before_8_3():
    def version(number: str, peers: str) -> VersionInfo:
        return VersionInfo(number, "ASA5520", 2048, "Active/Standby", features={
            "Encryption-3DES-AES": "Enabled", "Other VPN Peers": peers})

    new = FailoverPlatform(version("9.16(4)", "750"), version("9.16(4)", "250"))
    assert new.licence_differences == []  # 8.3+ adds the peer counts of both units
    old = FailoverPlatform(version("8.2(5)", "750"), version("8.2(5)", "250"))
    assert old.licence_differences == ["Other VPN Peers: 750 / 250"]


def test_startup_config():
    startup = fact("no-write-memory-on-standby.log", "failover_startup")
    assert startup.failover_lines == ["no failover"] and not startup.pair_saved


def test_outputs_says_what_was_captured():
    outputs = fact("history-link-down.log", "failover_outputs")
    assert outputs.history and outputs.logging and outputs.logging_complete
    assert not outputs.running_config and not outputs.mate_version
    filtered = fact("version-mismatch.log", "failover_outputs")
    assert filtered.logging and not filtered.logging_complete
    demo = DeviceFacts(load_paths([DEMO]).devices[0]).resolve("failover_outputs")[0]
    assert not demo.mate_failover  # only `failover exec mate show failover | include ...`


@pytest.mark.parametrize(("text", "expected"), [
    ("09:58:07 UTC Jan 18 2021", datetime(2021, 1, 18, 9, 58, 7)),
    ("10:42:17.123 UTC Tue Nov 24 2026", datetime(2026, 11, 24, 10, 42, 17)),
    ("Nov 24 2026 10:32:15: %ASA-1-104001", datetime(2026, 11, 24, 10, 32, 15)),
    ("*10:42:17.123 CET Tue Feb 31 2026", None),
    ("no time here", None),
])
def test_parse_time(text, expected):
    assert parse_time(text) == expected


def test_an_output_the_device_refused_is_unknown(tmp_path):
    path = tmp_path / "refused.log"
    path.write_text("fw1/pri/act# show logging\n"
                    "                   ^\n"
                    "ERROR: % Invalid input detected at '^' marker.\n"
                    "fw1/pri/act# show clock\n10:42:17.123 UTC Tue Nov 24 2026\nfw1/pri/act# \n")
    facts = DeviceFacts(load_paths([path]).devices[0])
    log = facts.resolve("failover_syslog")[0]
    assert isinstance(log, Unknown) and "rejected" in log.reason
