"""The running-config model: tree, line numbers, generic API, partial and filtered outputs."""

from __future__ import annotations

import pytest

from netriage.analysis import analyze_paths
from netriage.capture import load_paths
from netriage.engine.expr import Unknown
from netriage.facts import DeviceFacts
from netriage.facts.config.tree import RunningConfig, parse_lines, running_config
from tests.conftest import FIXTURES
from tests.helpers_trees import run

CFG = FIXTURES / "config"
ROUTER = FIXTURES / "interfaces" / "healthy-router.log"


def config_of(path) -> RunningConfig:
    device = load_paths([path]).devices[0]
    return running_config(device, "cisco_asa" if "asa" in path.name or "pix" in path.name
                          else "cisco_ios")


def facts_of(path):
    device = load_paths([path]).devices[0]
    value, _ = DeviceFacts(device).resolve("config")
    return value


def test_generic_api_with_line_numbers():
    config = config_of(ROUTER)
    assert config.complete and config.source == "show running-config"
    lines = ROUTER.read_text().splitlines()
    [hostname] = config.find(r"^hostname ", top=True)
    assert lines[hostname.line - 1] == "hostname rtr-br1"
    children = config.children(r"interface GigabitEthernet0/0$")
    assert [c.text for c in children][:3] == ["description WAN to ISP (circuit 4471-22)",
                                             "ip address 198.51.100.2 255.255.255.252",
                                             "ip access-group WAN-IN in"]
    assert all(lines[c.line - 1].strip() == c.text for c in children)
    [block] = config.blocks(r"line vty 0 4")
    assert block.child(r"access-class").text == "access-class MGMT in"
    assert config.parent_of(block.children[0]) == block.head
    # banner text is not configuration
    assert not config.find(r"^Authorised access only")
    assert config.find(r"^banner login", top=True)


def test_pix_write_terminal_and_asa_comments():
    config = config_of(CFG / "pix-config.log")
    assert config.complete  # `: end` then `[OK]`
    assert config.find(r"^nameif ethernet0 outside security0$", top=True)
    asa = config_of(CFG / "asa-blank-enable.log")
    assert asa.complete and not asa.find(r"^: ")
    facts = facts_of(CFG / "pix-config.log")
    outside = next(i for i in facts.interfaces if i.nameif == "outside")
    assert (outside.name, outside.ip, outside.security_level, outside.speed) == (
        "ethernet0", "203.0.113.10", 0, "auto")


def test_interfaces_lines_and_acls_are_modelled():
    facts = facts_of(ROUTER)
    wan = next(i for i in facts.interfaces if i.name == "GigabitEthernet0/0")
    assert (wan.ip, wan.mask, wan.acl_in, wan.nat_outside) == (
        "198.51.100.2", "255.255.255.252", "WAN-IN", True)
    assert wan.key == "gigabitethernet0/0"
    vty = next(t for t in facts.term_lines if t.header == "line vty 0 4")
    assert (vty.login, vty.telnet, vty.ssh, vty.access_class, vty.exec_timeout) == (
        "aaa", False, True, "MGMT", 10)
    assert [a.ace for a in facts.acl_lines if a.acl == "WAN-IN"][-1] == "deny ip any any log"
    assert [r.network for r in facts.routes] == ["0.0.0.0", "10.0.0.0"]
    assert facts.running.find(r"^ntp server")  # the generic view travels with the fact


def test_config_without_end_proves_presence_not_absence(tmp_path):
    text = (CFG / "enable-password-cleartext.log").read_text()
    cut = text.split("line con 0")[0] + "rtr-br1#\n"  # the paste stops half way
    path = tmp_path / "cut.log"
    path.write_text(cut)
    facts = facts_of(path)
    assert not facts.complete
    assert facts.enable_password_cleartext[0].text == "enable password Br4nch-En4ble"
    assert isinstance(facts.console_no_login, Unknown)
    assert "cut short" in facts.console_no_login.reason
    findings, _analysis = run(path)
    assert "config.enable-password-cleartext" in [f.id for f in findings]
    assert "config.no-ntp" not in [f.id for f in findings]  # ntp lines could follow the cut


def test_a_section_covers_its_lines_only(tmp_path):
    path = tmp_path / "section.log"
    path.write_text("rtr1#show running-config | section line\n"
                    "line con 0\n exec-timeout 10 0\nline aux 0\n no exec\n"
                    "line vty 0 4\n exec-timeout 0 0\n transport input ssh\nrtr1#\n"
                    "rtr1#show version\nCisco IOS Software, C2900 Software, Version 15.7(3)M8\n"
                    "rtr1#\n")
    facts = facts_of(path)
    assert not facts.complete
    assert [t.header for t in facts.exec_timeout_long] == ["line vty 0 4"]
    assert isinstance(facts.no_ntp, Unknown)  # a section of lines says nothing about ntp
    assert isinstance(facts.enable_secret_missing, Unknown)


def test_an_include_filter_answers_for_what_it_matches(tmp_path):
    path = tmp_path / "include.log"
    path.write_text("rtr1#show running-config | include enable\n"
                    "enable password cisco\nrtr1#\n"
                    "rtr1#show version\nCisco IOS Software, C2900 Software, Version 15.7(3)M8\n"
                    "rtr1#\n")
    facts = facts_of(path)
    assert [h.text for h in facts.enable_password_cleartext] == ["enable password cisco"]
    assert facts.enable_secret_missing is True  # `enable secret` would have matched `enable`
    assert isinstance(facts.http_server, Unknown)


def test_no_configuration_is_one_undecided_step_per_tree(tmp_path):
    _findings, analysis = run(FIXTURES / "interfaces" / "crc-errors.log")
    config_steps = [u for u in analysis.undecided if u.tree.startswith("config")]
    assert config_steps and all(u.node == "captured" for u in config_steps)
    assert all(u.commands == ["show running-config"] for u in config_steps)


def test_parse_lines_tree_and_ios_banner():
    text = ("hostname r1\n!\nbanner motd ^C\nline one\n^C\ninterface Gi0/1\n"
            " description x\n ip address 10.0.0.1 255.0.0.0\n  nested child\nend\n")
    lines, ended = parse_lines(text, "cisco_ios", "show running-config")
    assert ended
    assert [(line.text, line.depth) for line in lines] == [
        ("hostname r1", 0), ("banner motd ^C", 0), ("interface Gi0/1", 0),
        ("description x", 1), ("ip address 10.0.0.1 255.0.0.0", 1), ("nested child", 2)]
    assert lines[5].parent == 4 and lines[4].parent == 2


@pytest.mark.parametrize("command", ["show running-config interface",
                                     "show running-config interface GigabitEthernet0/2"])
def test_interface_sections_cover_interfaces(tmp_path, command):
    path = tmp_path / "if.log"
    path.write_text(f"rtr1#{command}\nBuilding configuration...\n\n"
                    "Current configuration : 78 bytes\n!\ninterface GigabitEthernet0/2\n"
                    " ip address 10.30.0.1\nend\n\nrtr1#\n"
                    "rtr1#show version\nCisco IOS Software, C2900 Software, Version 15.7(3)M8\n"
                    "rtr1#\n")
    facts = facts_of(path)
    assert [h.name for h in facts.ip_address_missing] == ["GigabitEthernet0/2"]
    assert isinstance(facts.telnet_vty, Unknown)


def test_a_pasted_config_with_lost_indentation_is_read_with_true_line_numbers():
    # what a mail client does to a config: indentation gone, a blank line after every line;
    # the capture loader rebuilds the blocks and keeps a line map back into the file
    path = CFG / "pasted-config-telnet.txt"
    device = load_paths([path], "cisco_ios").devices[0]
    facts, _ = DeviceFacts(device).resolve("config")
    assert facts.complete
    lines = path.read_text().splitlines()
    [vty] = [t for t in facts.telnet_vty if t.header == "line vty 0 4"]
    assert lines[vty.line - 1] == "line vty 0 4"
    assert vty.access_class == "MGMT" and vty.telnet
    analysis = analyze_paths([path], platform="cisco_ios")
    assert "config.telnet-enabled" in [f.id for f in analysis.findings]
