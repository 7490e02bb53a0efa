"""Lines newer releases print in `show failover` are read, and what they say reaches the trees.

The issue-10 example: a state link `(administratively down)`, a mate `Failed` with `Mate
Unknown`, IPv4-less interfaces with IPv6 link-local addresses and 0.0.0.0 on the mate. One line
not understood used to silence the whole tree; now every finding the output shows fires.
"""

from __future__ import annotations

from pathlib import Path

from netriage.facts.failover.build import failover_facts
from netriage.parsing import PARSED, parse_output
from tests.failover.conftest import FAILOVER

PARSERS = Path(__file__).parents[1] / "parsers" / "cisco_asa"


def _facts(directory: str, name: str, platform: str = "cisco_asa"):
    text = (PARSERS / directory / name).read_text()
    result = parse_output(text, "show failover", "cisco_asa", platform=platform)
    assert result.status == PARSED, result.not_understood
    return failover_facts(result)


def test_issue_example_fires_every_finding_it_shows(analyze):
    analysis = analyze("mate-failed-state-link-admin-down.log")
    commands = analysis.devices[0].device.entries
    assert [e.command for e in commands] == ["show failover"]
    ids = [f.id for f in analysis.findings]
    for wanted in ("failover.lan-link-no-mate", "failover.mate-failed",
                   "failover.state-link-down", "failover.standby-ip-missing"):
        assert wanted in ids, ids
    by_id = {f.id: f for f in analysis.findings}
    link = [e.text for e in by_id["failover.state-link-down"].evidence]
    assert "Link : fo-state GigabitEthernet0/7 (administratively down)" in link
    standby = by_id["failover.standby-ip-missing"]
    assert standby.title.endswith("wan, lan, dmz")
    assert "Interface wan (0.0.0.0): Unknown (Waiting)" in [e.text for e in standby.evidence]
    assert "Other host: Secondary - Failed" in [
        e.text for e in by_id["failover.mate-failed"].evidence]


def test_issue_example_facts():
    text = (FAILOVER / "mate-failed-state-link-admin-down.log").read_text()
    body = "\n".join(text.splitlines()[1:-1])  # the output without the prompts
    fact = failover_facts(parse_output(body, "show failover", "cisco_asa"))
    assert fact is not None
    assert (fact.state_link_state, fact.state_link_configured) == ("administratively down", True)
    assert fact.state_link_ok is False  # configured but down: a finding, not unknown
    assert fact.mate is not None and fact.mate.failed and fact.mate_detected is False
    ours = fact.this.interfaces[0]
    assert ours.ip == "0.0.0.0/fe80::250:56ff:fe8a:1c01" and not ours.ip_missing
    assert [i.name for i in fact.standby_ip_missing] == ["wan", "lan", "dmz"]
    assert len(fact.counters) == 28 and fact.counters[-1].name == "Umbrella Device-ID"


def test_stripped_paste_with_service_modules_reasons_and_ipv6():
    fact = _facts("show_failover", "forum_paste_stripped_sfr_ipv6.raw")
    assert fact.last_failover_reason == "Other unit wants me Active"
    assert fact.mate.reason == "Service card in other unit has failed"
    assert [(m.name, m.status) for m in fact.this.modules] == [("ASA FirePOWER", "Up")]
    assert [(m.name, m.status) for m in fact.mate.modules] == [("ASA FirePOWER",
                                                                "Not Applicable")]
    assert fact.mate.slots[1].status == "Unresponsive/Down"
    assert fact.this.interfaces[0].ip == "192.0.2.66/2001:db8:66::2"
    assert fact.standby_ip_missing == []  # management is 0.0.0.0 on both units
    assert fact.lan_interface == "Port-channel9" and fact.lan_up


def test_lan_link_administratively_down_and_contexts():
    fact = _facts("show_failover", "asa_914_multicontext_links_down.raw")
    assert fact.lan_state == "administratively down" and fact.lan_up is False
    assert fact.state_link_configured is False  # "Link : Unconfigured."
    assert [i.name for i in fact.this.interfaces] == [
        "admin/outside", "admin/inside", "tenant-b/outside", "tenant-b/inside"]
    assert fact.this.interfaces[3].status == "No Traffic"


def test_pseudo_standby_is_off_with_a_note():
    fact = _facts("show_failover", "asa_9x_pseudo_standby.raw")
    assert fact.enabled is False and fact.state_note == "pseudo-Standby"
    assert fact.monitored == 2 and fact.monitored_max == 311


def test_pix_lan_based_with_unit_line_and_stripped_indentation():
    fact = _facts("show_failover_pix", "pix_63_lan_unit_stripped.raw", platform="cisco_pix")
    assert fact.pix6 and fact.lan_based and fact.unit == "Secondary"
    assert fact.lan_peer_status == "Down" and fact.mate.failed
    assert fact.unit_poll == "15 seconds" and fact.unit_hold is None
