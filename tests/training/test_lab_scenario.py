"""Hands-on training: a scenario served as a simulated device over real SSH on loopback, a
trainee typing in an interactive shell (paramiko), and the session log scored.

A recorded command is answered from the scenario; a valid show command it did not record gets
the lab's own line, never `% Invalid input`; an invalid command gets the device's error. The
score lists what the scenario's faults need that the session lacks.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import paramiko
import pytest

from netriage.capture import load_paths
from netriage.cli import main
from netriage.lab.device import LabConfig, SimulatedDevice
from netriage.lab.server import LabServer
from netriage.training import find_scenario, load_scenario
from netriage.training.handson import score
from tests.conftest import RECORDINGS, ROOT

USER, PASSWORD = "trainee", "Drill-Pw-7731!"
ASA_PAIR = RECORDINGS / "fixtures" / "failover" / "healthy-asa-pair.log"
IOS = RECORDINGS / "lab" / "ios-router.log"
INSTALLED = "failover-interface-failed"  # a scenario shipped in recordings/training


@pytest.fixture(autouse=True)
def _no_agent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)


class Shell:
    """A trainee's interactive SSH session; `transcript` is what their terminal logged."""

    def __init__(self, port: int) -> None:
        self.client = paramiko.SSHClient()
        self.client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
        self.client.connect("127.0.0.1", port=port, username=USER, password=PASSWORD,
                            allow_agent=False, look_for_keys=False, timeout=5)
        self.channel = self.client.invoke_shell(width=200)
        self.transcript = ""
        self.read()

    def read(self) -> str:
        """What arrives until the device shows a prompt again."""
        got = ""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.channel.recv_ready():
                got += self.channel.recv(65536).decode("utf-8", "replace")
                if re.search(r"[#>] $", got):
                    time.sleep(0.05)
                    if not self.channel.recv_ready():
                        break
            else:
                time.sleep(0.02)
        self.transcript += got
        return got

    def type(self, line: str) -> str:
        self.channel.send(line + "\r")
        lines = self.read().replace("\r\n", "\n").split("\n")
        return "\n".join(lines[1:-1])  # the output: without the echoed line and next prompt

    def log(self, path: Path) -> Path:
        path.write_text(self.transcript.replace("\r\n", "\n"), encoding="utf-8")
        return path

    def close(self) -> None:
        self.client.close()


@pytest.fixture
def drill(tmp_path: Path) -> Path:
    """A scenario made by injection from a healthy pair: the answer key is known."""
    folder = tmp_path / "standby-ip-drill"
    assert main(["scenario", "inject", str(ASA_PAIR), "--fault", "failover.standby-ip-missing",
                 "--scenario", str(folder)]) == 0
    return folder


def test_scenario_typed_over_ssh_then_scored(drill: Path, tmp_path: Path) -> None:
    scenario = load_scenario(drill)
    server = LabServer(load_paths(scenario.capture_paths),
                       LabConfig(USER, PASSWORD, recording="scenario")).start()
    try:
        shell = Shell(server.port)
        shell.type("terminal pager 0")
        recorded = shell.type("sh failover")
        assert "Interface dmz (0.0.0.0): Normal (Waiting)" in recorded
        unrecorded = shell.type("show route")
        assert unrecorded.strip().endswith(
            "% netriage lab: this scenario did not record `show route`")
        assert "Invalid input" not in unrecorded
        invalid = shell.type("show foobar")
        assert "ERROR: % Invalid input detected at '^' marker." in invalid
        assert "did not record" not in invalid
        log = shell.log(tmp_path / "session.log")
        shell.close()
    finally:
        server.stop()
    result = score(scenario, [log])
    (fault,) = result.faults
    assert fault.fault == "failover.standby-ip-missing"
    assert fault.needed == ["show failover"] and fault.missing == []
    assert fault.reached  # the trainee's own outputs show the fault
    assert result.complete and result.percent == 100
    assert result.not_recorded == ["show route"]


def test_a_session_without_the_deciding_output_lists_it(drill: Path, tmp_path: Path) -> None:
    scenario = load_scenario(drill)
    device = SimulatedDevice(load_paths(scenario.capture_paths),
                             LabConfig(USER, PASSWORD, recording="scenario"))
    prompt = device.prompt()
    typed = ["show version", "show failover | include Version"]
    log = tmp_path / "partial.log"
    log.write_text("".join(f"{prompt}{c}\n{device.handle(c).text}" for c in typed) + prompt,
                   encoding="utf-8")
    result = score(scenario, [log])
    (fault,) = result.faults
    assert fault.missing == ["show failover"] and not fault.reached
    assert result.filtered_only == ["show failover"]
    assert not result.complete and result.percent == 0


def test_not_recorded_line_on_ios_and_through_failover_exec_mate() -> None:
    ios = SimulatedDevice(load_paths([IOS]), LabConfig(USER, PASSWORD, recording="scenario"))
    assert ios.handle("sh ip bgp summary").text == (
        "% netriage lab: this scenario did not record `show ip bgp summary`\n")
    assert "% Invalid input" in ios.handle("show ip bogus").text
    assert "% Invalid input" in ios.handle("conf t").text  # the lab serves reads only
    asa = SimulatedDevice(load_paths([ASA_PAIR]), LabConfig(USER, PASSWORD))
    assert asa.handle("failover exec mate show route").text == (
        "% netriage lab: this capture did not record `failover exec mate show route`\n")
    assert "Version: Ours 9.16(4)" in asa.handle("failover exec mate show failover").text


def _serve(args: list[str], tmp_path: Path) -> tuple[subprocess.Popen[str], int]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "netriage", "lab", *args, "--port", "0", "--username", USER,
         "--password", PASSWORD, "--host-key", str(tmp_path / "host_key")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    head = ""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.stdout is not None:
        line = process.stdout.readline()
        head += line
        port = re.search(r" on 127\.0\.0\.1:(\d+),", line)
        if port:
            return process, int(port.group(1))
        if not line:
            break
    process.kill()
    errors = process.stderr.read() if process.stderr else ""
    raise AssertionError(f"the lab did not start: {head}{errors}")


def test_lab_scenario_cli_serves_and_lab_score_cli_scores(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    scenario = find_scenario(INSTALLED)
    process, port = _serve(["--scenario", INSTALLED], tmp_path)
    try:
        shell = Shell(port)
        shell.type("terminal pager 0")
        recorded = shell.type("show failover")
        capture_text = scenario.capture_paths[0].read_text(encoding="utf-8")
        assert "Failed (Monitored)" in recorded and "Failed (Monitored)" in capture_text
        assert "did not record `show xlate`" in shell.type("show xlate")
        full = shell.log(tmp_path / "full.log")
        shell.close()
        short = tmp_path / "short.log"
        short.write_text(full.read_text().split("show failover")[0], encoding="utf-8")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
    assert main(["lab", "--score", INSTALLED, str(full)]) == 0
    out = capsys.readouterr().out
    assert f"scenario {INSTALLED}: 1 of 1 needed command(s) collected (100%)" in out
    assert "failover.if-failed: your outputs reach it: yes" in out
    assert main(["lab", "--score", INSTALLED, str(short)]) == 1
    assert "missing:   show failover" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "said"), [
    (["lab", "--score", "no-such-scenario", str(ASA_PAIR)], "no training scenario"),
    (["lab", "--score", INSTALLED], "needs the session log"),
    (["lab", "--scenario", INSTALLED, "--username", "u"], "--password are required"),
    (["lab", str(ASA_PAIR), "--scenario", INSTALLED, "--username", "u", "--password", "p"],
     "not both"),
    (["lab", "--scenario", INSTALLED, "--device", "nope", "--username", "u", "--password",
      "p", "--port", "0"], "no device 'nope'"),
])
def test_lab_misuse_is_one_sentence_and_exit_2(args: list[str], said: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert said in err and err.count("\n") == 0
