"""Prompts and commands as people type and paste them (issue 10, item 1)."""

from pathlib import Path

import pytest

from netriage.capture import load_paths
from netriage.capture.commands import resolve
from netriage.capture.prompts import match_prompt


def write(tmp_path: Path, text: str, name: str = "session.log") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("line", "hostname", "typed", "config_mode"),
    [
        ("Company A 6509#show run", "Company A 6509", "show run", False),
        ("Branch Office FW> en", "Branch Office FW", "en", False),
        ("# show crypto isakmp sa", "", "show crypto isakmp sa", False),
        ("> show failover", "", "show failover", False),
        ("(config-tunnel-ipsec)# do show run tunnel-group", "", "do show run tunnel-group", True),
        ("(config-isakmp)#do sh cry isa sa", "", "do sh cry isa sa", True),
        ("R1(config-if)#do show ip int br", "R1", "do show ip int br", True),
        ("rtr1#SHOW CRYPTO ISAKMP SA", "rtr1", "SHOW CRYPTO ISAKMP SA", False),
    ],
)
def test_prompt_forms_people_paste(line, hostname, typed, config_mode):
    prompt = match_prompt(line, 1, set())
    assert prompt is not None
    assert (prompt.hostname, prompt.typed, prompt.config_mode) == (hostname, typed, config_mode)


@pytest.mark.parametrize(
    "line",
    [
        "Interface outside (10.1.1.1): Normal (Monitored)",
        "Authorised access only# violators will be prosecuted",
        "This host: Primary - Active",
        "Unauthorized access > prohibited",  # a banner with a spaced 'hostname' and no command
        "access-list ACL remark from site A > set next hop",  # config word after a spaced host
        "# Notes from the change window",  # a bare `#` needs an exec command after it
        "  1 Active  10.0.0.1 ... #",
    ],
)
def test_output_lines_are_not_prompts(line):
    assert match_prompt(line, 1, set()) is None


def test_a_spaced_prompt_seen_before_takes_anything_typed():
    known = {"Company A 6509#"}
    prompt = match_prompt("Company A 6509#shw run", 9, {"Company A 6509"}, known)
    assert prompt is not None and prompt.typed == "shw run"
    assert match_prompt("Company A 6509#", 10, {"Company A 6509"}) is not None


@pytest.mark.parametrize(
    ("typed", "family", "full"),
    [
        ("SHOW CRYPTO ISAKMP SA", "cisco_ios", "show crypto isakmp sa"),
        ("sh cry isa sa det", "cisco_asa", "show crypto isakmp sa detail"),
        ("show isakmp sa", "cisco_asa", "show crypto isakmp sa"),
        ("show isakmp sa", "cisco_pix", "show crypto isakmp sa"),
        ("sh isa sa det", "cisco_asa", "show crypto isakmp sa detail"),
        ("show crypto isakmp", "cisco_asa", "show crypto isakmp sa"),
        ("show crypto isakmp", "cisco_ios", "show crypto isakmp sa"),
        ("show crypto isakmp policy", "cisco_ios", "show crypto isakmp policy"),
        ("show ipsec sa", "cisco_asa", "show crypto ipsec sa"),
        ("wr t", "cisco_ios", "write terminal"),
        ("wr t", "cisco_asa", "write terminal"),
        ("sh run", "cisco_ios", "show running-config"),
        ("show interfaces TenGigabitEthernet 0/2/0", "cisco_ios",
         "show interfaces TenGigabitEthernet0/2/0"),
        ("show interfaces gigabitethernet 5/ 1 status", "cisco_ios",
         "show interfaces GigabitEthernet5/1 status"),
        ("sh int gi0/1", "cisco_ios", "show interfaces GigabitEthernet0/1"),
        ("show interfaces Gi0/1", "cisco_asa", "show interface GigabitEthernet0/1"),
        ("sh int status", "cisco_ios", "show interfaces status"),
        ("show int mgmt", "cisco_asa", "show interface mgmt"),  # a nameif, not `Management`
        ("show interface outside", "cisco_asa", "show interface outside"),
        ("show ip int br", "cisco_asa", "show ip int br"),  # not `show ipsec ...`
        ("show crypto isakmp sa   <-- here", "cisco_ios", "show crypto isakmp sa"),
        ("show crypto ipsec sa peer 192.0.2.1 <<YOUR SIDE", "cisco_asa",
         "show crypto ipsec sa peer 192.0.2.1"),
        ("show failover this is the primary", "cisco_asa", "show failover"),
        ("do show failover", "cisco_asa", "show failover"),
        # real arguments stay: the output of a part is never taken for the whole
        ("show crypto isakmp sa vrf blue", "cisco_ios", "show crypto isakmp sa vrf blue"),
        ("show logging setting", "cisco_asa", "show logging setting"),
        ("show running-config policy-map", "cisco_asa", "show running-config policy-map"),
    ],
)
def test_commands_as_typed(typed, family, full):
    assert resolve(typed, family).command == full


def test_words_after_show_run_go_when_the_output_is_a_whole_config():
    whole = "Building configuration...\n\nCurrent configuration : 4210 bytes\n!\nversion 12.2"
    assert resolve("show running-config continues", "cisco_ios", whole).command == \
        "show running-config"
    part = "router ospf 1\n network 10.0.0.0 0.255.255.255 area 0"
    assert resolve("show running-config router", "cisco_ios", part).command == \
        "show running-config router"
    # a device that refused the words printed an error: they were typed
    refused = "                     ^\n% Invalid input detected at '^' marker."
    assert resolve("show failover primary", "cisco_asa", refused).command == \
        "show failover primary"


SESSION = """\
Company A 6509#show ver | i IOS
Cisco IOS Software, s72033_rp Software (s72033_rp-ADVIPSERVICESK9_WAN-M), Version 12.2(33)SXI4
Company A 6509#SHOW CRYPTO ISAKMP SA
dst             src             state          conn-id slot status
192.0.2.1       198.51.100.2    QM_IDLE              1    0 ACTIVE

Company A 6509#conf t
Enter configuration commands, one per line.  End with CNTL/Z.
Company A 6509(config)#interface gi5/1
Company A 6509(config-if)#do show interfaces gigabitethernet 5/ 1 status

Port      Name               Status       Vlan       Duplex  Speed Type
Gi5/1     uplink             connected    trunk        full   1000 10/100/1000BaseT
Company A 6509(config-if)#end
Company A 6509#
"""


def test_a_session_with_a_spaced_hostname_and_sub_mode_prompts(tmp_path):
    [device] = load_paths([write(tmp_path, SESSION)]).devices
    assert device.hostname == "Company A 6509"
    assert device.platform == "cisco_ios"
    commands = [e.command for e in device.entries]
    assert "show crypto isakmp sa" in commands
    assert "show interfaces GigabitEthernet5/1 status" in commands
    isakmp = device.find("show crypto isakmp sa")
    assert isakmp.line == 3 and "QM_IDLE" in isakmp.output
    status = device.find("show interfaces GigabitEthernet5/1 status")
    assert status.config_mode and status.output.splitlines()[-1].startswith("Gi5/1")


def test_bare_hash_and_sub_mode_prompts_stay_with_the_device_before_them(tmp_path):
    text = ("fw1# show failover | i Failover\nFailover On\n"
            "(config-tunnel-ipsec)# do show crypto isakmp sa\n"
            "There are no IKEv1 SAs\n"
            "# show clock\n12:00:01.123 UTC Mon Nov 23 2026\n")
    [device] = load_paths([write(tmp_path, text)]).devices
    assert device.hostname == "fw1"
    assert device.find("show crypto isakmp sa").output == "There are no IKEv1 SAs"
    assert device.find("show clock").line == 5


def test_a_bare_hash_capture_alone_is_named_after_its_file(tmp_path):
    text = "# show crypto isakmp sa\nThere are no IKEv1 SAs\n"
    [device] = load_paths([write(tmp_path, text, "branch-fw.log")]).devices
    assert device.hostname == "branch-fw"
    assert device.find("show crypto isakmp sa") is not None
