"""Issue 11 on the failover trees: conclusions only from what was read, fixes built from the
capture and typed the way the device's platform and release take them.

Each case is a realistic session in recordings/fixtures/failover/: a stateless pair by design,
an ARP collision for a host's duplicate address while the failover link is down, a Secondary
whose mate (the Primary) is not heard, a missing standby address with the configuration that
names the port. The checks read the findings and the rendered fixes, not the tree text.
"""

from __future__ import annotations

import pytest

from netriage.engine.findings import severity_rank
from netriage.facts import DeviceFacts
from tests.failover.conftest import FAILOVER


def _by_id(analysis) -> dict:
    return {f.id: f for f in analysis.findings}


def _lines(fix) -> list[str]:
    return fix.commands + fix.verify + fix.rollback + fix.manager


def test_stateless_pair_is_a_design_not_a_fault(analyze):
    analysis = analyze("stateless-pair.log")
    above_low = [(f.id, f.severity) for f in analysis.findings
                 if severity_rank(f.severity) > severity_rank("low")]
    assert above_low == []
    # whether stateful was intended is asked (of both units), not assumed
    assert {(u.tree, u.node) for u in analysis.undecided} == {
        ("failover-sync", "stateful-intended")}


def test_stateless_pair_meant_to_be_stateful_gets_a_state_link(analyze):
    analysis = analyze("stateless-pair.log", {"failover-sync.stateful-intended": "no"})
    assert "failover.state-link-down" not in _by_id(analysis)
    analysis = analyze("stateless-pair.log", {"failover-sync.stateful-intended": "yes"})
    finding = _by_id(analysis)["failover.state-link-down"]
    assert finding.severity == "high"
    [fix] = finding.fix
    assert fix.commands[1:] == ["configure terminal", "failover link folink GigabitEthernet0/3",
                                "end", "write memory"]
    assert "no failover link folink GigabitEthernet0/3" in fix.rollback
    assert fix.impact


def test_state_link_removed_by_a_command_in_the_log_is_not_a_design(analyze):
    path = (FAILOVER.parents[1] / "realistic" / "firewalls"
            / "asa5520-8.4-mfg-pair-primary-failover-lan-removed-session.log")
    finding = _by_id(analyze(path))["failover.state-link-down"]
    texts = [e.text for e in finding.evidence]
    assert any("executed 'no failover link folink GigabitEthernet0/3'" in t for t in texts)
    [fix] = finding.fix  # put back exactly what the log shows was removed
    assert "failover link folink GigabitEthernet0/3" in fix.commands
    assert "no failover link folink GigabitEthernet0/3" in fix.rollback


def test_a_collision_for_a_host_is_not_split_brain(analyze):
    analysis = analyze("lan-down-host-collision.log")
    found = _by_id(analysis)
    assert "failover.split-brain" not in found
    assert "failover.lan-if-down" in found
    # nor is it quoted as evidence of anything the pair did
    assert not any("405001" in e.text for f in analysis.findings for e in f.evidence)
    facts = DeviceFacts(analysis.devices[0].device)
    failover = facts.resolve("failover")[0]
    syslog = facts.resolve("failover_syslog")[0]
    assert [m.collision_ip for m in syslog.arp_collisions] == ["10.52.0.57", "10.52.0.57"]
    assert "10.52.0.57" not in failover.pair_addresses
    assert "10.52.0.1" in failover.pair_addresses and "10.52.0.2" in failover.pair_addresses


def test_a_collision_for_the_pairs_own_address_is_split_brain(analyze):
    analysis = analyze("split-brain.log")
    assert _by_id(analysis)["failover.split-brain"].severity == "critical"
    facts = DeviceFacts(analysis.devices[0].device)
    own = facts.resolve("failover")[0].pair_addresses
    assert {m.collision_ip for m in facts.resolve("failover_syslog")[0].arp_collisions} <= set(own)


@pytest.mark.parametrize(("recording", "mate_role", "filled"), [
    ("no-mate-secondary.log", "primary",
     "failover interface ip fover 192.168.251.1 255.255.255.252 standby 192.168.251.2"),
    ("lan-link-no-mate.log", "secondary", None),
])
def test_the_mate_is_given_the_opposite_role(analyze, recording, mate_role, filled):
    finding = _by_id(analyze(recording))["failover.lan-link-no-mate"]
    [fix] = [f for f in finding.fix if f.device == "mate"]
    other = {"primary": "secondary", "secondary": "primary"}[mate_role]
    assert f"failover lan unit {mate_role}" in fix.commands
    assert f"failover lan unit {other}" not in fix.commands
    if filled:
        assert filled in fix.commands


def test_standby_address_fix_is_built_from_the_configuration(analyze):
    finding = _by_id(analyze("standby-ip-missing-config.log"))["failover.standby-ip-missing"]
    [fix] = finding.fix
    assert fix.commands == ["configure terminal", "interface GigabitEthernet0/2.30",
                            " ip address 10.89.30.1 255.255.254.0 standby "
                            "<free-address-in-the-same-subnet>", "end"]
    assert fix.rollback == ["configure terminal", "interface GigabitEthernet0/2.30",
                            " ip address 10.89.30.1 255.255.254.0", "end"]


def test_without_the_configuration_the_port_and_mask_stay_named_placeholders(analyze):
    finding = _by_id(analyze("standby-ip-missing.log", platform="cisco_asa"))[
        "failover.standby-ip-missing"]
    asa = [f for f in finding.fix if "asa" in f.platform.split(",")]
    assert asa, finding.fix
    assert "interface <physical-interface-of-guest>" in asa[0].commands
    assert any(line.startswith(" ip address 10.61.0.1 <mask-of-guest> standby ")
               for line in asa[0].commands)


def test_pix6_gets_pix6_syntax_and_ftd_gets_its_manager(analyze):
    [fix] = _by_id(analyze("pix-cable-status.log"))["failover.pix-cable-status"].fix
    assert fix.versions == "<7.0"
    assert "failover lan key <secret>" in fix.commands
    assert not any("polltime" in line or line.startswith("failover key") for line in _lines(fix))
    ftd = _by_id(analyze("standby-ip-missing.log"))["failover.standby-ip-missing"]
    [fix] = ftd.fix
    assert fix.commands == [] and fix.manager[0].startswith("FMC: Devices > Device Management")
    assert all(line.startswith("show ") for line in fix.verify)


FIXTURES = sorted(p.name for p in FAILOVER.glob("*.log"))


@pytest.mark.parametrize("recording", FIXTURES)
def test_each_block_once_with_its_impact_and_config_lines_inside_configure(analyze, recording):
    for finding in analyze(recording).findings:
        blocks = [(f.platform, f.versions, f.device, tuple(_lines(f))) for f in finding.fix]
        assert len(blocks) == len(set(blocks)), finding.id
        for fix in finding.fix:
            assert fix.impact, (finding.id, fix.heading)
            lines = [line for line in fix.commands if not line.lstrip().startswith("!")]
            if "configure terminal" in lines:
                assert lines.index("configure terminal") < len(lines) - 1
                assert "end" in lines[lines.index("configure terminal"):], (finding.id, lines)


@pytest.mark.parametrize(("poll", "hold", "hold_msec", "typed"), [
    ("1 seconds", "15 seconds", True, "1 holdtime 15"),
    ("200 milliseconds", "800 milliseconds", True, "msec 200 holdtime msec 800"),
    ("5 seconds", "25 seconds", False, "5 holdtime 25"),
    ("500 milliseconds", "5 seconds", False, "msec 500 holdtime 5"),
    (None, "15 seconds", True, "<previous-poll> holdtime <previous-hold>"),
])
def test_timers_are_typed_back_the_way_polltime_takes_them(poll, hold, hold_msec, typed):
    from netriage.facts.failover.common import polltime
    assert polltime(poll, hold, hold_msec=hold_msec) == typed


def test_polltime_rollback_types_back_the_captured_timers(analyze):
    finding = _by_id(analyze("polltime-aggressive.log"))["failover.polltime-aggressive"]
    [fix] = [f for f in finding.fix if f.platform == "asa"]
    text = (FAILOVER / "polltime-aggressive.log").read_text()
    assert "msec" in text  # the planted timers are sub-second
    assert any(line.startswith("failover polltime unit msec ") for line in fix.rollback)
    assert not any("<previous" in line for line in fix.rollback)
