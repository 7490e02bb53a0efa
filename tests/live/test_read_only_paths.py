"""Read-only on every entry point, proven on the simulated device's own record of its input.

Each path (the `collect` command line, an inventory file, the function the TUI's "run now"
calls, and the paramiko channel under netmiko) is fed forbidden input: show commands that
write, lookalike and invisible characters, chained commands, bad inventory values. The lab
records every line and every byte it receives; after each path, nothing forbidden is in it.
"""

from __future__ import annotations

from pathlib import Path

import paramiko
import pytest

from netriage.cli import main
from netriage.errors import NetriageError
from netriage.live.allowlist import check, is_allowed
from netriage.live.client import ConnectOptions, Credentials, open_connection
from netriage.live.errors import CommandRefusedError
from netriage.live.sshconfig import Target
from tests.live.conftest import ENABLE, PASSWORD, USER, options

# Writes on the device, lookalikes of `|`, invisible characters, other line separators.
FORBIDDEN = [
    "show tech-support file flash:x", "show tech file disk0:/t.txt", "sh tech fi flash:x",
    "show tech-support tftp://192.0.2.9/t", "show running-config | redirect disk0:/r",
    "show run | append flash:x", "show run | tee flash:x", "copy running-config tftp:",
    "show platform hardware qfp active statistics drop clear",
    "show run \uff5c redirect flash:x",  # fullwidth vertical line
    "show run \u01c0 redirect flash:x",  # latin letter dental click
    "show run \u2223 redirect flash:x",  # divides
    "show\u200bversion", "show version\u2028reload", "show version\u2029reload",
    "show version\u0085reload", "\u017fhow version",  # long s folds to s case-insensitively
    "show version\x1a", "show version ; reload", "reload",
]
# What must never reach the device, whichever form it was typed in.
NEVER = [b"reload", b"redirect", b"append", b"tee ", b"tftp", b"flash:", b"disk0:",
         b" file ", b" fi ", b"copy", b"clear", b"\xef\xbd\x9c", b"\xc7\x80", b"\xe2\x88\xa3",
         b"\xe2\x80", b"\xc2\x85", b"\xc5\xbf", b"\x1a", b";"]


def _assert_clean(server) -> None:
    """The device saw only allowed, printable-ASCII lines."""
    raw = bytes(server.received_bytes)
    for needle in NEVER:
        assert needle not in raw, needle
    assert all(32 <= b < 127 or b in b"\r\n" for b in raw), raw
    for line in server.received:
        assert not line or is_allowed(line), line


def _argv(server, tmp_path: Path, *extra: str) -> list[str]:
    return ["collect", "127.0.0.1", "--port", str(server.port), "--username", USER,
            "--accept-new", "--known-hosts", str(tmp_path / "kh"), "-o", str(tmp_path / "out"),
            "--timeout", "3", "--platform", "cisco_asa", "--area", "system", *extra]


@pytest.fixture
def _passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETRIAGE_PASSWORD", PASSWORD)
    monkeypatch.setenv("NETRIAGE_ENABLE_PASSWORD", ENABLE)


@pytest.mark.parametrize("command", FORBIDDEN)
def test_every_forbidden_form_is_refused_by_the_allow_list(command):
    for platform in ("", "cisco_asa", "cisco_ios", "cisco_ftd"):
        with pytest.raises(CommandRefusedError):
            check(command, platform)


@pytest.mark.parametrize("command", ["show file systems", "show file information flash:x",
                                     "show crypto ipsec sa peer 192.0.2.1", "show int te 1/1",
                                     "show ipv6 route 2001:db8::/32", "show flash:",
                                     "show interface Serial0/0/0:0", "show tech-support"])
def test_reads_that_look_close_are_still_allowed(command):
    assert check(command, "cisco_ios").command == command


def test_cli_collect_refuses_before_connecting(lab, tmp_path, _passwords, capsys):
    for command in FORBIDDEN:
        assert main(_argv(lab, tmp_path, "--command", command)) == 18, command
        assert "refused" in capsys.readouterr().err
    assert lab.sessions == 0  # refused before any connection, not after login
    _assert_clean(lab)


@pytest.mark.parametrize(("flags", "message"), [
    (["--context", "reload"], "command word"), (["--context", "a;reload"], "not a context"),
    (["--context", "a b"], "not a context"), (["--context", "ctx\u2028x"], "not a context"),
    (["--port", "70000"], "not a TCP port"), (["--concurrency", "0"], "--concurrency 0"),
    (["--area", "bogus"], "unknown area"), (["--timeout", "0"], "--timeout 0"),
    (["--legacy", "ancient"], "unknown legacy profile"),
])
def test_cli_values_are_refused_up_front(lab, tmp_path, _passwords, capsys, flags, message):
    assert main(_argv(lab, tmp_path, *flags)) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1
    assert lab.sessions == 0


@pytest.mark.parametrize("device", [
    "{host: 127.0.0.1, port: PORT, contexts: [reload]}",
    "{host: 127.0.0.1, port: PORT, contexts: ['a;reload']}",
    "{host: 127.0.0.1, port: PORT, contexts: [\"ctx\\u200bx\"]}",
    "{host: '127.0.0.1;reload', port: PORT}",
    "{host: '-oProxyCommand=reload', port: PORT}",
    "{host: \"fw\\nProxyCommand reload\", port: PORT}",
    "{host: 127.0.0.1, port: 70000}",
    "{host: 127.0.0.1, port: PORT, username: \"a b\"}",
])
def test_inventory_values_are_checked_before_any_device_is_contacted(
        lab, tmp_path, _passwords, capsys, device):
    # A good device first: with the bad one second, nothing may be collected from either.
    inventory = tmp_path / "inv.yml"
    inventory.write_text("defaults: {username: netops, platform: cisco_asa}\ndevices:\n"
                         f"  - {{host: 127.0.0.1, port: {lab.port}, name: good}}\n"
                         f"  - {device.replace('PORT', str(lab.port))}\n", encoding="utf-8")
    code = main(["collect", "--inventory", str(inventory), "--accept-new", "--known-hosts",
                 str(tmp_path / "kh"), "-o", str(tmp_path / "out"), "--timeout", "3"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err, err
    assert lab.sessions == 0
    assert not (tmp_path / "out").exists()


def test_tui_run_now_refuses_on_a_live_session(lab, tmp_path):
    from netriage.tui.live_bridge import ConnectTarget, connect

    session = connect(ConnectTarget("127.0.0.1", USER, "cisco_asa", lab.port, PASSWORD, ENABLE),
                      **{k: v for k, v in vars(options(tmp_path)).items() if k != "platform"})
    try:
        assert "Cisco Adaptive Security Appliance" in session.run_command("show version")
        for command in FORBIDDEN:
            with pytest.raises(NetriageError):
                session.run_command(command)
    finally:
        session.close()
    assert "show version" in lab.received
    _assert_clean(lab)


def _connection(server, tmp_path: Path):
    conn = open_connection(Target("lab", "127.0.0.1", server.port),
                           Credentials(USER, PASSWORD, ENABLE),
                           ConnectOptions(**{**vars(options(tmp_path)),
                                             "platform": "cisco_asa"}))
    return conn


def test_the_paramiko_channel_itself_refuses(lab, tmp_path):
    conn = _connection(lab, tmp_path)
    try:
        channel = conn.remote_conn
        assert isinstance(channel, paramiko.Channel)
        for command in FORBIDDEN:
            data = (command + "\n").encode("utf-8")
            for send in (channel.send, channel.sendall):
                with pytest.raises(CommandRefusedError):
                    send(data)
        with pytest.raises(CommandRefusedError):
            channel.sendall(b"\xff\xfe reload\n")  # not text at all
        with pytest.raises(CommandRefusedError):
            channel.sendall(b"show version\nreload\n")  # two lines in one write
        # A second channel on the same transport is guarded too, and cannot exec.
        other = conn.remote_conn.get_transport().open_session()
        with pytest.raises(CommandRefusedError):
            other.exec_command("reload")
        with pytest.raises(CommandRefusedError):
            other.sendall(b"reload\n")
        other.close()
        channel.sendall(b"show version\n")  # an allowed line still goes through
    finally:
        conn.disconnect()
    _assert_clean(lab)


@pytest.mark.parametrize("host", ["127.0.0.1;reload", "-oProxyCommand=reload",
                                  "fw\nProxyCommand reload", "fw\u2028x", "a b"])
def test_tui_connect_refuses_a_bad_host_before_connecting(lab, tmp_path, host):
    from netriage.tui.live_bridge import ConnectTarget, connect

    with pytest.raises(NetriageError, match="not a host name"):
        connect(ConnectTarget(host, USER, "cisco_asa", lab.port, PASSWORD, ENABLE),
                **{k: v for k, v in vars(options(tmp_path)).items() if k != "platform"})
    assert lab.sessions == 0
