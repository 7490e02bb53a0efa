"""Each failure: one clear message, its own exit code, and what was collected kept on disk."""

from __future__ import annotations

import socket

import paramiko
import pytest

from netriage.capture import load_paths
from netriage.live.client import Credentials, open_connection
from netriage.live.errors import (
    EXIT_CODES,
    AuthenticationFailedError,
    CommandRefusedError,
    ConnectionRefusedByPeerError,
    DeviceTimeoutError,
    EnableRefusedError,
    HostKeyChangedError,
    HostKeyUnknownError,
    NoCommonAlgorithmError,
    SessionDroppedError,
)
from netriage.live.hostkeys import entry_name
from netriage.live.session import ReadOnlySession
from netriage.live.sshconfig import Target
from tests.live.conftest import ENABLE, PASSWORD, USER, collect, options

DANGEROUS = ["conf t", "configure terminal", "reload", "write erase", "write memory",
             "clear xlate", "clear configure all", "failover active", "copy run start",
             "show version\nconf t", "show run | redirect disk0:/x", "show run ; reload"]


def _capture_log(tmp_path, name="fw-lab.log") -> str:
    return (tmp_path / "capture" / name).read_text()


def test_exit_codes_are_distinct_and_documented():
    assert len(EXIT_CODES) == 11 and set(EXIT_CODES) == set(range(10, 21))


def test_dangerous_commands_never_reach_the_device(lab, tmp_path):
    conn = open_connection(Target("lab", "127.0.0.1", lab.port),
                           Credentials(USER, PASSWORD, ENABLE), options(tmp_path))
    session = ReadOnlySession(conn, "lab", platform="cisco_asa", read_timeout=3,
                              enable_password=ENABLE)
    try:
        session.prepare()
        session.enable()
        for command in DANGEROUS:
            with pytest.raises(CommandRefusedError):
                session.run(command)  # our API
            with pytest.raises(CommandRefusedError):
                conn.write_channel(command + "\n")  # netmiko's one door to the wire
            with pytest.raises(CommandRefusedError):
                conn.send_command(command)  # netmiko's own helpers go through it too
        for helper in (lambda: conn.send_config_set(["no failover"]), conn.save_config,
                       conn.config_mode):
            with pytest.raises(CommandRefusedError):
                helper()
        # the session is still fine, and the device saw only what was allowed
        assert session.run("show failover").output.startswith("Failover On")
    finally:
        session.close()
    # (netmiko's send_command presses Enter to find the prompt: an empty line is allowed)
    assert [line for line in lab.received if line] == ["enable", "show failover"]


def test_authentication_failure(lab, tmp_path):
    result = collect(lab, tmp_path, credentials=Credentials(USER, "wrong", ENABLE))
    assert isinstance(result.error, AuthenticationFailedError)
    assert result.error.exit_code == 10
    assert "authentication failed for user 'netops' with password" in str(result.error)
    assert result.files == [] and lab.received == []


def test_connection_refused(tmp_path):
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    from netriage.live.collect import CollectOptions, DeviceSpec, collect_device

    result = collect_device(DeviceSpec("127.0.0.1", port=port), Credentials(USER, PASSWORD),
                            options(tmp_path), CollectOptions(), tmp_path / "capture")
    assert isinstance(result.error, ConnectionRefusedByPeerError)
    assert result.error.exit_code == 11 and "refused" in str(result.error)


def test_no_ssh_banner_is_a_timeout(make_lab, tmp_path):
    server = make_lab(slow_banner=3.0)
    result = collect(server, tmp_path, banner_timeout=0.5)
    assert isinstance(result.error, DeviceTimeoutError)
    assert result.error.exit_code == 12 and "no SSH banner" in str(result.error)


def test_stall_mid_session_keeps_what_was_collected(make_lab, tmp_path):
    server = make_lab(stall_after=3)
    result = collect(server, tmp_path, spec={"platform": "cisco_asa"}, read_timeout=0.6)
    assert isinstance(result.error, DeviceTimeoutError)
    assert "no output for 0.6 s during `show failover history`" in str(result.error)
    log = _capture_log(tmp_path)
    assert "fw-lab/pri/act# show failover state\n" in log
    assert "Standby Ready  None" in log  # the last complete output is on disk
    assert result.collected[:3] == ["show version", "show failover", "show failover state"]
    assert result.truncated == ["show failover history"]
    assert "! netriage: output cut short here (the device stopped sending)" in log
    history = load_paths([tmp_path / "capture"]).devices[0].find("show failover history")
    assert history is not None and history.truncated


def test_session_dropped_mid_output_keeps_the_partial_output(make_lab, tmp_path):
    server = make_lab(drop_after=2)
    result = collect(server, tmp_path, spec={"platform": "cisco_asa"})
    assert isinstance(result.error, SessionDroppedError)
    assert result.error.exit_code == 16
    assert "`show failover state`" in str(result.error)
    device = load_paths([tmp_path / "capture"]).devices[0]
    assert [e.command for e in device.entries] == ["show version", "show failover",
                                                   "show failover state"]
    partial = device.find("show failover state").output
    assert "This host  -   Primary" in partial  # the first half arrived and was kept
    assert "Sync Done" not in partial  # the second half never came
    assert result.truncated == ["show failover state"]
    # The file says so itself: loaded later, the entry is truncated and parses as partial.
    assert "! netriage: output cut short here (the session dropped)" in _capture_log(tmp_path)
    entry = device.find("show failover state")
    assert entry.truncated and not device.find("show failover").truncated
    from netriage.parsing.runner import PARSED, PARTIAL, parse_output

    state = parse_output(entry.output, entry.command, "cisco_asa")
    assert state.status == PARTIAL
    assert "cut short" in state.not_understood[-1][1]
    whole = device.find("show failover")
    assert parse_output(whole.output, whole.command, "cisco_asa").status == PARSED
    from netriage.analysis import analyze_paths

    report = analyze_paths([str(tmp_path / "capture")])
    facts = report.devices[0].facts
    assert facts.result("show failover state").status == PARTIAL


def test_enable_refused_keeps_show_version(lab, tmp_path):
    result = collect(lab, tmp_path, credentials=Credentials(USER, PASSWORD, "not-it"),
                     spec={"platform": "cisco_asa"})
    assert isinstance(result.error, EnableRefusedError)
    assert result.error.exit_code == 17 and "refused" in str(result.error)
    log = _capture_log(tmp_path)
    assert "fw-lab/pri/act> show version\nCisco Adaptive Security Appliance" in log
    assert "not-it" not in log


def test_enable_password_missing(lab, tmp_path):
    result = collect(lab, tmp_path, credentials=Credentials(USER, PASSWORD, None))
    assert isinstance(result.error, EnableRefusedError)
    assert "NETRIAGE_ENABLE_PASSWORD" in str(result.error)


def test_unknown_host_key_is_refused_with_its_fingerprint(lab, tmp_path):
    result = collect(lab, tmp_path, accept_new=False)
    assert isinstance(result.error, HostKeyUnknownError)
    assert result.error.exit_code == 14
    assert lab.fingerprint in str(result.error) and "--accept-new" in str(result.error)
    assert lab.received == [] and not (tmp_path / "known_hosts").exists()


def test_accept_new_records_the_key_then_it_is_checked(lab, tmp_path):
    assert collect(lab, tmp_path, spec={"platform": "cisco_asa", "mate": False}).ok
    line = (tmp_path / "known_hosts").read_text()
    assert line.startswith(f"{entry_name('127.0.0.1', lab.port)} ecdsa-sha2-nistp256 ")
    assert collect(lab, tmp_path, accept_new=False).ok  # known now


def test_asked_about_an_unknown_key(lab, tmp_path):
    seen = []

    def ask(name, key_type, fingerprint):
        seen.append((name, key_type, fingerprint))
        return True

    assert collect(lab, tmp_path, accept_new=False, ask_host_key=ask).ok
    assert seen == [(f"[127.0.0.1]:{lab.port}", "ecdsa-sha2-nistp256", lab.fingerprint)]


def test_changed_host_key_is_refused_loudly_before_login(lab, tmp_path):
    other = paramiko.ECDSAKey.generate()
    known = tmp_path / "known_hosts"
    known.write_text(f"[127.0.0.1]:{lab.port} {other.get_name()} {other.get_base64()}\n")
    result = collect(lab, tmp_path, accept_new=True)  # accept-new never overrides a change
    assert isinstance(result.error, HostKeyChangedError)
    assert result.error.exit_code == 13
    message = str(result.error)
    assert "HOST KEY CHANGED" in message and other.fingerprint in message
    assert lab.fingerprint in message and "ssh-keygen -R" in message
    assert lab.received == [] and result.files == []
    assert known.read_text().count("\n") == 1  # never rewritten


def test_legacy_only_device_explains_the_missing_algorithms(make_lab, tmp_path):
    server = make_lab(legacy_only=True)
    result = collect(server, tmp_path)
    assert isinstance(result.error, NoCommonAlgorithmError)
    assert result.error.exit_code == 15
    message = str(result.error)
    assert "No common kex algorithm" in message
    assert "diffie-hellman-group1-sha1" in message and "#3892" in message
    legacy = collect(server, tmp_path, legacy="sha1")  # a profile cannot bring SHA-1 back
    assert isinstance(legacy.error, NoCommonAlgorithmError)
