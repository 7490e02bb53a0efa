"""Collection over real SSH on 127.0.0.1: lab server, netmiko client, capture on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from netriage.analysis import analyze_paths
from netriage.capture import load_paths
from netriage.live.client import Credentials
from netriage.live.collect import CollectOptions
from netriage.live.commands import MATE_COMMANDS, standard_commands
from netriage.live.errors import CommandRefusedError
from tests.live.conftest import ENABLE, FTD, IOS, PASSWORD, USER, collect


def test_asa_pair_collected_in_one_session_and_readable_by_analyze(lab, tmp_path):
    result = collect(lab, tmp_path, spec={"platform": "cisco_asa"})
    assert result.ok, result.error
    assert lab.sessions == 1  # one session, no reconnect per command
    assert sorted(p.name for p in result.files) == ["fw-lab.log", "fw-lab_sec.log"]
    expected = standard_commands("cisco_asa")
    assert [c for c in result.collected if not c.startswith("mate: ")] == expected
    assert [c[6:] for c in result.collected if c.startswith("mate: ")] == list(MATE_COMMANDS)
    # the session setup, then exactly the allowed commands, in order
    assert lab.received[:2] == ["terminal pager 0", "show version"]
    assert lab.received[2] == "enable"
    capture = load_paths([tmp_path / "capture"])
    devices = {d.hostname: d for d in capture.devices}
    assert set(devices) == {"fw-lab/pri", "fw-lab/sec"}
    assert devices["fw-lab/sec"].failover_role == "sec/stby"
    assert devices["fw-lab/pri"].platform == "cisco_asa"
    assert "Failover unit Secondary" in devices["fw-lab/sec"].find("show failover").output
    analysis = analyze_paths([tmp_path / "capture"])
    assert {d.device.hostname for d in analysis.devices} == {"fw-lab/pri", "fw-lab/sec"}


def test_outputs_match_the_recording_line_for_line(lab, tmp_path):
    result = collect(lab, tmp_path)  # no platform: detected from show version, pager answered
    assert result.ok and result.platform == "cisco_asa"
    recorded = load_paths([lab.capture.sources[0]]).devices[0]
    collected = load_paths([tmp_path / "capture" / "fw-lab.log"]).devices[0]
    for command in ("show version", "show failover", "show interface", "show crypto ipsec sa"):
        assert collected.find(command).output == recorded.find(command).output, command


def test_passwords_are_never_written_and_config_secrets_are_masked(lab, tmp_path):
    result = collect(lab, tmp_path, collect_options=CollectOptions(areas=("system", "config")))
    assert result.ok, result.error
    log = (tmp_path / "capture" / "fw-lab.log").read_text()
    assert "more system:running-config" in log
    for secret in ("Lab-Failover-Key-3321", "Lab-PSK-Branch-7781", "lab-snmp-ro",
                   "Xq9-LabUserPw", "LabEnablePw!"):
        assert secret not in log
    assert "failover key <failover-key-" in log and "pre-shared-key <psk-" in log
    home = Path.home()
    for root in (tmp_path, home):
        for path in root.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert PASSWORD.encode() not in data, path
                assert ENABLE.encode() not in data, path


def test_ios_uses_terminal_length_and_leaves_rejected_commands_out(make_lab, tmp_path):
    server = make_lab(IOS)
    result = collect(server, tmp_path, spec={"platform": "cisco_xe"})
    assert result.ok, result.error
    assert "terminal length 0" in server.received and "terminal pager 0" not in server.received
    assert "show interfaces status" in result.rejected  # not in the recording: Invalid input
    log = (tmp_path / "capture" / "rtr-lab.log").read_text()
    assert "show interfaces status" not in log and "Invalid input" not in log
    assert "rtr-lab# show crypto isakmp sa" in log


def test_ftd_cli_without_enable(make_lab, tmp_path):
    server = make_lab(FTD)
    result = collect(server, tmp_path)
    assert result.ok, result.error
    assert result.platform == "cisco_ftd"
    assert "enable" not in server.received  # FTD's > CLI has no enable
    [device] = load_paths([tmp_path / "capture"]).devices
    assert device.platform == "cisco_ftd"
    assert device.find("show failover").output.startswith("Failover Off")


def test_prompt_change_on_failover_mid_session(make_lab, tmp_path):
    server = make_lab(failover_after=4)
    result = collect(server, tmp_path, spec={"platform": "cisco_asa", "mate": False})
    assert result.ok, result.error
    log = (tmp_path / "capture" / "fw-lab.log").read_text()
    assert "fw-lab/pri/act# show failover state" in log
    assert "fw-lab/pri/stby# show failover interface" in log


def test_multi_context_collects_each_context(make_lab, tmp_path):
    capture = tmp_path / "multi.log"
    capture.write_text(
        "fwm# show version\nCisco Adaptive Security Appliance Software Version 9.16(4)\n"
        "fwm# show failover\nFailover Off\n"
        "fwm/ctx1# show interface\nInterface GigabitEthernet0/1 \"inside\", is up, line "
        "protocol is up\n"
        "fwm/ctx2# show interface\nInterface GigabitEthernet0/2 \"dmz\", is down, line "
        "protocol is down\n")
    server = make_lab(capture)
    result = collect(server, tmp_path, spec={"platform": "cisco_asa", "contexts": ("ctx1",
                                                                                   "ctx2")},
                     collect_options=CollectOptions(areas=("system", "failover",
                                                           "interfaces")))
    assert result.ok, result.error
    assert "changeto context ctx1" in server.received and server.received[-1] == "changeto system"
    ctx1 = (tmp_path / "capture" / "fwm.ctx1.log").read_text()
    assert "fwm/ctx1# show interface\n" in ctx1 and '"inside", is up' in ctx1
    assert '"dmz"' in (tmp_path / "capture" / "fwm.ctx2.log").read_text()


def test_extra_commands_pass_the_allow_list_before_connecting(lab, tmp_path):
    result = collect(lab, tmp_path, collect_options=CollectOptions(
        areas=("system",), extra_commands=("show failover | include host",)))
    assert result.ok and "show failover | include host" in lab.received
    refused = collect(lab, tmp_path, collect_options=CollectOptions(
        extra_commands=("configure terminal",)))
    assert isinstance(refused.error, CommandRefusedError)
    assert lab.sessions == 1  # the refused run never connected


def test_public_key_authentication_with_an_identity_file(make_lab, tmp_path):
    import paramiko

    key = paramiko.ECDSAKey.generate()
    key_file = tmp_path / "id_ecdsa"
    key.write_private_key_file(str(key_file))
    server = make_lab()
    server.authorized = [key]
    config = tmp_path / "ssh_config"
    config.write_text(f"Host lab-fw\n  HostName 127.0.0.1\n  Port {server.port}\n"
                      f"  User {USER}\n  IdentityFile {key_file}\n")
    from netriage.live.client import ConnectOptions
    from netriage.live.collect import DeviceSpec, collect_device

    result = collect_device(
        DeviceSpec("lab-fw"), Credentials(""), ConnectOptions(
            known_hosts=tmp_path / "kh", accept_new=True, read_timeout=3, allow_agent=False),
        CollectOptions(areas=("system",), ssh_config=config), tmp_path / "capture")
    assert result.ok, result.error
    assert result.files[0].name == "fw-lab.log"


def test_proxy_command_from_ssh_config(lab, tmp_path):
    import sys

    relay = tmp_path / "relay.py"
    relay.write_text(
        "import socket, sys, threading\n"
        "s = socket.create_connection((sys.argv[1], int(sys.argv[2])))\n"
        "def up():\n"
        "    while data := sys.stdin.buffer.raw.read(65536):\n"
        "        s.sendall(data)\n"
        "threading.Thread(target=up, daemon=True).start()\n"
        "while data := s.recv(65536):\n"
        "    sys.stdout.buffer.write(data); sys.stdout.buffer.flush()\n")
    config = tmp_path / "ssh_config"
    config.write_text(f"Host via-jump\n  HostName 127.0.0.1\n  Port {lab.port}\n"
                      f"  ProxyCommand {sys.executable} {relay} %h %p\n")
    from netriage.live.client import ConnectOptions
    from netriage.live.collect import DeviceSpec, collect_device

    result = collect_device(
        DeviceSpec("via-jump"), Credentials(USER, PASSWORD, ENABLE),
        ConnectOptions(known_hosts=tmp_path / "kh", accept_new=True, read_timeout=3,
                       allow_agent=False, use_keys=False),
        CollectOptions(areas=("system",), ssh_config=config), tmp_path / "capture")
    assert result.ok, result.error
    assert lab.received == ["show version", "terminal pager 0", "enable"]


@pytest.mark.parametrize("idle", [0.0])
def test_idle_keepalive_presses_enter(lab, tmp_path, idle):
    from netriage.live.client import open_connection
    from netriage.live.session import ReadOnlySession
    from netriage.live.sshconfig import Target
    from tests.live.conftest import options

    conn = open_connection(Target("lab", "127.0.0.1", lab.port),
                           Credentials(USER, PASSWORD, ENABLE), options(tmp_path))
    session = ReadOnlySession(conn, "lab", platform="cisco_asa", read_timeout=3)
    try:
        session.prepare()
        assert session.keepalive_if_idle(idle)
        assert lab.received == [""]
        assert not session.keepalive_if_idle(3600)
    finally:
        session.close()


def test_ftd_pair_mate_through_the_diagnostic_cli(make_lab, tmp_path):
    capture = tmp_path / "ftd-pair.log"
    capture.write_text(
        "> show version\nModel                     : Cisco Firepower 2120 Threat Defense (77)\n"
        "> show failover\nFailover On\nFailover unit Primary\n"
        "        This host: Primary - Active\n        Other host: Secondary - Standby Ready\n"
        "ftd/sec/stby# show version\nModel : Cisco Firepower 2120 Threat Defense (77)\n"
        "ftd/sec/stby# show failover\nFailover On\nFailover unit Secondary\n")
    server = make_lab(capture)
    result = collect(server, tmp_path, spec={"platform": "cisco_ftd"},
                     collect_options=CollectOptions(areas=("system", "failover")))
    assert result.ok, result.error
    sent = server.received
    assert sent.index("system support diagnostic-cli") < sent.index(
        "failover exec mate show failover")
    assert "enable" in sent and "terminal pager 0" in sent
    mate = (tmp_path / "capture" / "ftd_sec.log").read_text()
    assert "ftd/sec/stby> show failover\nFailover On\nFailover unit Secondary" in mate
    assert "mate: show version" in result.collected
    assert any("did not answer" in n for n in result.notes) is False


def test_all_contexts_are_read_from_show_context():
    from netriage.live.collect import _contexts_from

    text = ("Context Name      Class                Interfaces           Mode         URL\n"
            "*admin            default              GigabitEthernet0/0,  Routed       "
            "disk0:/admin.cfg\n ctx1             default              Gi0/1        Routed  "
            "     disk0:/ctx1.cfg\n\nTotal active Security Contexts: 2\n")
    assert _contexts_from(text) == ["admin", "ctx1"]
