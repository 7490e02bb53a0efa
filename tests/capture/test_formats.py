"""Every recording in recordings/captures loads into the model it holds, detected by itself."""

from __future__ import annotations

import pytest

from netriage.capture import load_paths
from tests.capture.helpers import CAPTURES, lines_of


def only(capture, hostname):
    [device] = [d for d in capture.devices if d.hostname == hostname]
    return device


def test_plain_terminal_pair_is_two_units_with_modes_and_filters():
    capture = load_paths([CAPTURES / "terminal-asa-pair.log"])
    assert [f.format for f in capture.files] == ["terminal"]
    pri, sec = capture.devices
    assert (pri.hostname, pri.unit, pri.failover_role) == ("fw-dc1/pri", "pri", "pri/act")
    assert (sec.hostname, sec.unit, sec.failover_role) == ("fw-dc1/sec", "sec", "sec/stby")
    assert pri.platform == "cisco_asa" and pri.version == "9.18(3)56"
    filtered = [e for e in pri.entries if e.command == "more system:running-config"]
    assert [e.filter for e in filtered] == ["| begin tunnel-group"]
    assert pri.find("more system:running-config") is None  # a `| begin` is never the whole
    key = next(e for e in pri.entries if e.typed.startswith("failover key"))
    assert key.config_mode and key.prompt == "fw-dc1/pri/act(config)#"
    assert sec.find("show failover history").output.startswith("=====")
    assert sec.entries[-1].command == "show failover history"  # the trailing prompt is no entry


def test_line_numbers_point_into_the_file():
    path = CAPTURES / "terminal-asa-pair.log"
    text = lines_of(path)
    capture = load_paths([path])
    for device in capture.devices:
        for entry in device.entries:
            assert text[entry.line - 1].endswith(entry.typed)
            for index, out in enumerate(entry.output.split("\n")):
                if out:
                    assert text[entry.source_line(index) - 1] == out


def test_debris_file_holds_a_firewall_and_its_peer_router():
    capture = load_paths([CAPTURES / "terminal-debris.log"])
    fw, rtr = capture.devices
    assert (fw.hostname, fw.platform) == ("fw-edge", "cisco_asa")
    assert (rtr.hostname, rtr.platform) == ("rtr-isp1", "cisco_ios")
    assert fw.entries[1].typed == "sh cry isa sa"  # the typo was erased with backspaces
    assert "1   IKE Peer: 203.0.113.9" in fw.find("show crypto isakmp sa").output
    brief = fw.find("show interface ip brief").output.split("\n")
    assert brief[4].startswith("GigabitEthernet0/3         192.0.2.9")  # after the pager
    assert all("More" not in line for line in brief)
    described = rtr.find("show interfaces description").output
    assert "Uplink ISP Zürich" in described and "LAN São Paulo office" in described
    ios_brief = rtr.find("show ip interface brief").output.split("\n")
    assert ios_brief[3].startswith("GigabitEthernet0/2     unassigned")
    logging = rtr.find("show logging", unfiltered=False)
    assert logging.filter == "| include LINEPROTO"
    assert logging.output == ("Nov 23 08:02:11.402:    %LINEPROTO-5-UPDOWN: Line protocol on "
                              "Interface Tunnel0, changed state to up")  # tab to column 24


def test_putty_log_header_is_the_collection_time():
    capture = load_paths([CAPTURES / "putty-ios-router.log"])
    assert [(f.format, f.started) for f in capture.files] == [("putty", "2026-11-23T10:02:45")]
    [router] = capture.devices
    assert (router.hostname, router.platform, router.version) == (
        "rtr-branch3", "cisco_xe", "17.09.04a")
    assert router.collected == "2026-11-23T10:02:45"
    assert router.find("show running-config", unfiltered=False).filter == "| section crypto"
    assert any("lines 2–5" in note and "before the first device prompt" in note
               for note in capture.skipped)


@pytest.mark.parametrize(
    ("name", "program", "first_stamp"),
    [("securecrt-asa-timestamped.log", "securecrt", "2026-11-23T09:14:02"),
     ("teraterm-switch-timestamped.log", "teraterm", "2026-11-23T10:05:12.255")],
)
def test_timestamped_session_logs(name, program, first_stamp):
    capture = load_paths([CAPTURES / name])
    assert capture.files[0].format == program
    [device] = capture.devices
    assert device.entries[0].timestamp == first_stamp
    assert device.collected == first_stamp
    stamps = [e.timestamp for e in device.entries]
    assert stamps == sorted(stamps) and all(stamps)
    assert all("[" not in e.typed for e in device.entries)
    assert not any(line.startswith("[") for e in device.entries for line in e.output.split("\n"))


def test_teraterm_switch_outputs_are_clean():
    [switch] = load_paths([CAPTURES / "teraterm-switch-timestamped.log"]).devices
    assert switch.platform == "cisco_ios"
    err = switch.find("show interfaces status err-disabled").output.split("\n")
    assert err[0] == ""  # the switch's own blank line stays: outputs are as the device sent
    assert err[1].startswith("Port      Name")
    assert err[3].startswith("Gi1/0/23  AP-3F-EAST")


def test_typescript_keeps_device_output_and_leaves_the_jump_host_out():
    capture = load_paths([CAPTURES / "script-typescript.txt"])
    assert capture.files[0].format == "script"
    fw, switch = capture.devices
    assert fw.hostname == "fw-dc2" and switch.hostname == "sw-core1"
    assert fw.collected == "2026-11-23T11:20:05+01:00"
    assert fw.find("exit").output == "\nLogoff"  # `Connection to ... closed.` is not the ASA's
    assert switch.find("exit").output == ""
    assert any("jump host" in note for note in capture.skipped)
    assert not any("engineer@jump01" in e.output for d in capture.devices for e in d.entries)


def test_asa_show_tech_without_prompt_is_cut_into_sections():
    capture = load_paths([CAPTURES / "asa-show-tech.txt"])
    assert capture.files[0].format == "show-tech"
    [fw] = capture.devices
    assert (fw.hostname, fw.platform, fw.version) == ("fw-hq", "cisco_asa", "9.16(4)")
    assert fw.commands == ["show version", "show clock", "show failover",
                           "show failover history", "show running-config",
                           "show interface ip brief", "show crypto isakmp sa"]
    assert all(e.section == "show tech-support" for e in fw.entries)
    assert fw.find("show failover").output.startswith("Failover On")
    text = lines_of(CAPTURES / "asa-show-tech.txt")
    failover = fw.find("show failover")
    assert text[failover.line - 1] == "------------------ show failover ------------------"
    assert text[failover.source_line(0) - 1] == "Failover On"


def test_show_tech_typed_at_a_prompt_is_cut_too():
    [router] = load_paths([CAPTURES / "ios-show-tech.log"]).devices
    assert router.commands == ["terminal length 0", "show clock", "show version",
                               "show running-config", "show ip interface brief"]
    assert router.version == "15.7(3)M8"
    assert router.find("show running-config").output.splitlines()[0] == "Building configuration..."


def test_netmiko_files_named_after_their_commands():
    capture = load_paths([CAPTURES / "netmiko-flat"])
    assert {f.format for f in capture.files} == {"command-file"}
    [router] = capture.devices
    assert router.hostname == "rtr-branch5" and router.platform == "cisco_xe"
    assert sorted(router.commands) == ["show crypto isakmp sa", "show crypto session",
                                       "show running-config", "show version"]
    section = router.find("show running-config", unfiltered=False)
    assert section.filter == "| section crypto"  # the echo in the file kept the pipe
    assert section.output.startswith("crypto isakmp policy 10")
    assert section.source_line(0) == 2


def test_nornir_folder_per_host():
    capture = load_paths([CAPTURES / "nornir-per-host"])
    names = {d.hostname: d for d in capture.devices}
    assert set(names) == {"fw-branch9", "rtr-branch9"}
    assert names["fw-branch9"].platform == "cisco_asa"
    assert names["rtr-branch9"].platform == "cisco_ios"
    assert "show ip interface brief" in names["rtr-branch9"].commands
    ikev1 = names["fw-branch9"].find("show crypto ikev1 sa")
    assert ikev1.output.startswith("IKEv1 SAs:") and ikev1.source_line(0) == 2


def test_forum_paste_gets_its_hierarchy_back():
    path = CAPTURES / "forum-paste-asa.txt"
    capture = load_paths([path])
    assert capture.files[0].format == "config"
    [fw] = capture.devices
    assert fw.hostname == "FW-EDGE-01"  # the device's own hostname line, not the retyped prompt
    entry = fw.find("show running-config")
    assert entry.prompt == "FW EDGE 01#" and entry.typed == "sh run"
    config = entry.output.split("\n")
    assert "" not in config  # the blank line after every line was the forum's
    start = config.index("interface GigabitEthernet0/0")
    assert config[start + 1:start + 4] == [" nameif outside", " security-level 0",
                                           " ip address 203.0.113.10 255.255.255.248"]
    assert config[config.index("policy-map global_policy") + 2] == "  inspect ftp"
    assert " ikev1 pre-shared-key Edge01-to-DC!" in config
    text = lines_of(path)
    for index, line in enumerate(config):
        assert text[entry.source_line(index) - 1] == line.strip()


def test_email_config_without_prompt():
    [router] = load_paths([CAPTURES / "email-ios-config.txt"]).devices
    assert (router.hostname, router.platform, router.version) == (
        "rtr-legacy2", "cisco_ios", "15.4")
    config = router.find("show running-config").output.split("\n")
    chain = config.index("key chain HSRP-KEYS")
    assert config[chain + 1:chain + 3] == [" key 1", "  key-string Hsrp-Chain-Key"]
    manual = config.index("crypto map MANUAL 10 ipsec-manual")
    assert config[manual + 2].startswith(" set session-key inbound esp 1000 cipher")
    banner = config.index("banner motd ^C")
    assert config[banner + 1:banner + 4] == ["Authorised access only!",
                                             "interface config below is monitored", "^C"]
    assert config[config.index("line vty 0 4") + 1] == " password 7 121A0C0411045D5679"


def test_saved_capture_loads_with_its_metadata():
    capture = load_paths([CAPTURES / "saved-asa-pair.ncap"])
    assert capture.files[0].format == "netriage"
    assert capture.redacted and {r["kind"] for r in capture.redactions} == {"psk",
                                                                            "failover-key"}
    pri, sec = capture.devices
    assert (pri.hostname, pri.platform, pri.platform_reason) == (
        "fw-dc1/pri", "cisco_asa", "show version")
    assert sec.failover_role == "sec/stby"
    key = next(e for e in pri.entries if e.typed.startswith("failover key"))
    assert key.typed == "failover key <failover-key-4>"
    assert key.origin == "terminal-asa-pair.log:116"


def test_the_whole_folder_loads_at_once():
    capture = load_paths([CAPTURES])
    formats = {f.format for f in capture.files}
    assert formats >= {"terminal", "putty", "securecrt", "teraterm", "script", "show-tech",
                       "command-file", "config", "netriage"}
    assert any(n.startswith(str(CAPTURES / "README.md")) for n in capture.skipped)
