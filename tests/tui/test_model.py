"""The TUI's plain modules (no Textual): workspace, overview, walk helpers, fix text, hosts,
user paths, the live bridge and the actions list."""

from dataclasses import dataclass

import pytest

from netriage import userdirs
from netriage.capture import load_paths
from netriage.engine.findings import Evidence, Finding, Fix, Step
from netriage.engine.tree import load_trees
from netriage.errors import NetriageError
from netriage.facts import BUILDERS, FactBuilder
from netriage.tui.fixtext import fix_commands, fix_markdown, fix_script
from netriage.tui.hosts import inventory_hosts, known_hosts, ssh_config_hosts
from netriage.tui.live_bridge import (
    CommandSession,
    as_session,
    check_allowed,
    collect,
    first_commands,
)
from netriage.tui.summary import _peer_rows, read_fact
from netriage.tui.walkview import (
    ANSWERED,
    FAILED,
    FINDING,
    PASSED,
    UNKNOWN,
    commands_for,
    deciding_lines,
    missing_commands,
    step_status,
)
from netriage.tui.workspace import Workspace
from tests.conftest import DEMO, FIXTURES, RECORDINGS, ROOT

FAILOVER = next(t for t in load_trees() if t.id == "failover")


# -- workspace --------------------------------------------------------------------------------
def test_workspace_offers_one_walk_per_device_and_tree():
    workspace = Workspace.open([str(DEMO)])
    targets = workspace.targets()
    [target] = [t for t in targets if t.tree.id == "failover"]
    assert len({(t.hostname, t.tree.id) for t in targets}) == len(targets)
    assert all(t.hostname == target.hostname for t in targets)  # one device
    assert workspace.target(target.hostname, "failover") == target
    with pytest.raises(NetriageError, match="no 'nope' walkthrough"):
        workspace.target(target.hostname, "nope")
    assert workspace.title == "asa-pair-failover.log"


def test_a_live_output_makes_a_new_workspace_and_a_reopenable_log(tmp_path):
    capture = tmp_path / "fw1.log"
    capture.write_text("fw1# show version\nCisco Adaptive Security Appliance Software "
                       "Version 9.16(4)\nfw1# \n")
    workspace = Workspace.open([str(capture)])
    failover = workspace.target("fw1", "failover")
    before = workspace.walk(failover).view()
    assert before.decision.outcome == "unknown"
    output = load_paths([DEMO]).devices[0].find("show failover").output
    updated = workspace.with_output("fw1", "show failover", output)
    assert workspace.capture.devices[0].find("show failover") is None  # the old one is intact
    assert updated.walk(updated.target("fw1", "failover")).view().decision.outcome == "true"
    sources = updated.reopenable_sources(tmp_path / "live.log")
    assert sources == [str(capture.resolve()), str(tmp_path / "live.log")]
    reopened = Workspace.open(sources)
    assert reopened.capture.devices[0].find("show failover").output == output
    with pytest.raises(NetriageError, match="not in this capture"):
        workspace.with_output("nope", "show failover", output)


# -- overview ---------------------------------------------------------------------------------
def test_overview_of_the_demo():
    overview = Workspace.open([str(DEMO)]).overview
    [device] = overview.devices
    assert device.platform == "Cisco ASA" and device.version == "9.16(4)"
    assert device.failover_state == "ok"
    assert "failover" in [f.name for f in device.facts]
    assert overview.tunnels == [] and overview.tunnel_notes  # says why there are none


def test_overview_flags_a_down_failover_link_and_unparsed_output(tmp_path):
    overview = Workspace.open([str(FIXTURES / "failover" / "lan-if-down.log")]).overview
    assert overview.devices[0].failover_state == "bad"
    garbled = tmp_path / "garbled.log"
    garbled.write_text("fw# show failover\nthis is not what show failover prints\nfw# \n")
    overview = Workspace.open([str(garbled)], platform="cisco_asa").overview
    assert overview.devices[0].failover_state == "unknown"
    assert [p.name for p in overview.unparsed] == ["show failover"]


def test_overview_tunnels_from_the_crypto_facts():
    overview = Workspace.open([str(RECORDINGS / "lab" / "asa-pair.log")]).overview
    peers = {(t.device, t.peer): t for t in overview.tunnels}
    assert peers[("fw-lab/pri", "203.0.113.50")].phase1 == "MM_ACTIVE"


@dataclass
class Sa:
    peer: str
    state: str = ""
    established: bool = False
    outbound_spi: str = "0"
    encaps: int = 0
    decaps: int = 0


def test_tunnel_rows_join_phase_1_and_2_by_peer():
    rows = _peer_rows("fw", [Sa("192.0.2.1", "MM_ACTIVE", True), Sa("192.0.2.9", "MM_WAIT_MSG2")],
                      [Sa("192.0.2.1", outbound_spi="1A2B", encaps=10, decaps=12),
                       Sa("192.0.2.7", outbound_spi="0")])
    assert [(r.peer, r.phase1, r.phase2, r.encaps, r.decaps, r.state) for r in rows] == [
        ("192.0.2.1", "MM_ACTIVE", "1 SA(s)", "10", "12", "ok"),
        ("192.0.2.9", "MM_WAIT_MSG2", "none", "0", "0", "bad"),
        ("192.0.2.7", "none", "no SA", "0", "0", "bad")]


def test_overview_interfaces_with_problems(tmp_path):
    raw = ROOT / "tests/parsers/cisco_asa/show_interface/asa_9x_errors_and_admin_down.raw"
    capture = tmp_path / "fw.log"
    capture.write_text(f"fw# show interface\n{raw.read_text()}\nfw# \n")
    overview = Workspace.open([str(capture)], platform="cisco_asa").overview
    assert overview.interfaces, overview.interface_notes
    assert all(p.device == "fw" and p.detail for p in overview.interfaces)


def test_a_broken_fact_builder_does_not_hide_the_overview(monkeypatch):
    def broken(_facts):
        raise TypeError("expected string or bytes-like object")

    builders = dict(BUILDERS)
    builders["zzz"] = FactBuilder(name="zzz", commands=("show zzz",), fact_type=object,
                                  build_device=broken)
    monkeypatch.setattr("netriage.tui.summary.BUILDERS", builders)
    monkeypatch.setattr("netriage.facts.BUILDERS", builders)
    overview = Workspace.open([str(DEMO)]).overview
    [zzz] = [f for f in overview.devices[0].facts if f.name == "zzz"]
    assert zzz.state == "unknown" and "TypeError" in zzz.detail


def test_read_fact_never_raises():
    facts = Workspace.open([str(DEMO)]).analysis.devices[0].facts
    assert read_fact(facts, "failover")[0] is not None
    assert read_fact(facts, "no-such-fact") == (None, "not available in this version of netriage")


# -- walk helpers -----------------------------------------------------------------------------
def test_step_status_says_failed_when_the_branch_leads_to_a_finding():
    nodes = FAILOVER.nodes
    checks = [n for n in nodes.values() if n.kind == "check"]
    to_finding = next(n for n in checks if n.if_false and nodes[n.if_false].kind == "finding")
    to_check = next(n for n in checks if n.if_true and nodes[n.if_true].kind == "check")
    assert step_status(FAILOVER, Step(to_finding.id, "", "false")) == FAILED
    assert step_status(FAILOVER, Step(to_check.id, "", "true")) == PASSED
    assert step_status(FAILOVER, Step(to_check.id, "", "unknown")) == UNKNOWN
    assert step_status(FAILOVER, Step("meant-to-be-a-pair", "", "yes")) == ANSWERED
    assert step_status(FAILOVER, Step("lan-down", "", "finding")) == FINDING


def test_deciding_lines_and_missing_commands():
    device = load_paths([DEMO]).devices[0]
    entry = device.find("show failover")
    node = FAILOVER.nodes["failover-on"]
    assert commands_for(node) == ["show failover"]
    assert missing_commands(device, node) == []
    evidence = [Evidence("show failover", entry.output_line_offset, "Failover On")]
    assert deciding_lines(entry, evidence) == [0]
    evidence = [Evidence("show failover", 0, "Failover LAN Interface: folink "
                         "GigabitEthernet0/3 (up)")]
    assert deciding_lines(entry, evidence) == [2]
    device.entries = [e for e in device.entries if e.command != "show failover"]
    assert missing_commands(device, node) == ["show failover"]


# -- fix text ---------------------------------------------------------------------------------
def test_fix_text_for_copy_and_export():
    finding = Finding("failover.disabled", "critical", "Failover is off", "fw1", "Enable it.",
                      [Evidence("show failover", 3, "Failover Off")],
                      [Fix("asa", ["configure terminal", "failover"], ["show failover"],
                           ["no failover"])])
    assert fix_commands(finding) == "configure terminal\nfailover"
    script = fix_script(finding)
    assert script.splitlines()[0] == "! netriage: Failover is off"
    assert "!   show failover" in script and "!   no failover" in script
    assert all(line.startswith("!") or line in ("configure terminal", "failover")
               for line in script.splitlines())
    markdown = fix_markdown([finding], ["x.log"])
    assert "## CRITICAL: Failover is off" in markdown and "Failover Off" in markdown


# -- hosts ------------------------------------------------------------------------------------
def test_hosts_from_ssh_config_and_inventory(tmp_path):
    config = tmp_path / "config"
    config.write_text("Host *\n  User nobody\nHost fw-edge fw-edge-mgmt\n  HostName 192.0.2.1\n"
                      "  User netops\n  Port 2222\nHost lab-*\n  User x\n")
    hosts = ssh_config_hosts(config)
    assert [(h.name, h.host, h.user, h.port) for h in hosts] == [
        ("fw-edge", "192.0.2.1", "netops", 2222), ("fw-edge-mgmt", "192.0.2.1", "netops", 2222)]
    inventory = tmp_path / "inventory.yaml"
    inventory.write_text("fw-edge: {host: 10.0.0.1, platform: cisco_asa}\n"
                         "r1: {host: r1.example.net, user: ops, platform: cisco_ios}\n")
    assert [h.platform for h in inventory_hosts(inventory)] == ["cisco_asa", "cisco_ios"]
    merged = known_hosts(config, inventory)
    assert [h.name for h in merged] == ["fw-edge", "r1", "fw-edge-mgmt"]
    assert merged[0].host == "10.0.0.1"  # the inventory wins
    assert ssh_config_hosts(tmp_path / "missing") == []


# -- user paths -------------------------------------------------------------------------------
def test_user_paths_stay_in_the_isolated_home(tmp_path):
    import os

    home = os.environ["HOME"]
    assert str(userdirs.state_dir()).startswith(home)
    assert userdirs.recent_files() == []
    userdirs.remember_recent([str(DEMO)])
    userdirs.remember_recent([str(FIXTURES / "failover" / "disabled.log"), str(DEMO)])
    assert userdirs.recent_files()[1] == DEMO.resolve()
    assert len(userdirs.recent_files()) == 2
    userdirs.save_setting("theme", "textual-light")
    assert userdirs.load_setting("theme") == "textual-light"
    path = userdirs.new_session_path("fw/pri", "failover")
    assert path.parent == userdirs.sessions_dir() and "/" not in path.name


# -- live bridge ------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["show failover", "sh crypto ikev1 sa",
                                     "show interface GigabitEthernet0/1"])
def test_allow_list_accepts_show_commands(command):
    check_allowed(command)


@pytest.mark.parametrize("command", ["configure terminal", "show run | redirect disk0:x",
                                     "clear crypto ipsec sa", "reload",
                                     "write memory", "show failover ; reload"])
def test_allow_list_refuses_everything_else(command):
    with pytest.raises(NetriageError, match=r"refused|allow-list"):
        check_allowed(command)


def test_a_session_collects_into_a_capture():
    demo = load_paths([DEMO]).devices[0]
    session = as_session(lambda command: demo.find(command).output, "fw1", "")
    with pytest.raises(NetriageError):
        session.run_command("configure terminal")
    commands = first_commands("cisco_asa")
    assert commands[:2] == ["show version", "show failover"]
    seen = []
    capture = collect(session, commands[:2], progress=lambda i, n, c: seen.append((i, n, c)))
    [device] = capture.devices
    assert device.platform == "cisco_asa" and device.version == "9.16(4)"
    assert seen == [(0, 2, "show version"), (1, 2, "show failover")]
    assert isinstance(session, CommandSession)
