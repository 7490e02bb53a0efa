"""Read-only against the training devices: a scenario served as `netriage lab --scenario ID`
serves it, collected through the real command line and driven through the TUI's run-now.

The simulated device records every line and byte it receives: after a full collection and
every forbidden form typed at the run-now prompt, it has seen only allowed, printable-ASCII
show commands (and the login/enable answers, which it does not record).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from netriage.capture import load_paths
from netriage.cli import main
from netriage.errors import NetriageError
from netriage.lab.device import LabConfig
from netriage.lab.server import LabServer
from netriage.training import find_scenario
from tests.live.conftest import ENABLE, PASSWORD, USER, options
from tests.live.test_read_only_paths import FORBIDDEN, _assert_clean

# An IOS router, an ASA failover unit and a crypto ASA: the platforms a trainee meets.
SCENARIOS = ["crypto-encaps-no-decaps-nat", "failover-key-mismatch", "crypto-mm-wait-msg6"]


@pytest.fixture(params=SCENARIOS)
def trainer(request: pytest.FixtureRequest) -> Iterator[tuple[LabServer, str]]:
    """The scenario served as `netriage lab --scenario ID` serves it."""
    scenario = find_scenario(request.param)
    capture = load_paths(list(scenario.capture_paths), platform=scenario.platform)
    server = LabServer(capture, LabConfig(username=USER, password=PASSWORD,
                                          enable_password=ENABLE, device=scenario.device,
                                          recording="scenario")).start()
    device = next((d for d in capture.devices if d.hostname == scenario.device),
                  capture.devices[0])
    try:
        yield server, device.platform
    finally:
        server.stop()


def test_a_whole_collection_sends_only_show_commands(trainer, tmp_path, monkeypatch, capsys):
    server, platform = trainer
    monkeypatch.setenv("NETRIAGE_PASSWORD", PASSWORD)
    monkeypatch.setenv("NETRIAGE_ENABLE_PASSWORD", ENABLE)
    code = main(["collect", "127.0.0.1", "--port", str(server.port), "--username", USER,
                 "--accept-new", "--known-hosts", str(tmp_path / "kh"), "-o",
                 str(tmp_path / "out"), "--timeout", "5", "--platform", platform])
    err = capsys.readouterr().err
    assert code in (0, 1), err  # 1: some command unanswered by the recording, still read-only
    assert "Traceback" not in err
    assert server.sessions >= 1 and any(line.startswith("show ") for line in server.received)
    _assert_clean(server)


def test_run_now_refuses_every_forbidden_form(trainer, tmp_path):
    from netriage.tui.live_bridge import ConnectTarget, connect

    server, platform = trainer
    session = connect(ConnectTarget("127.0.0.1", USER, platform, server.port, PASSWORD, ENABLE),
                      **{k: v for k, v in vars(options(tmp_path)).items() if k != "platform"})
    try:
        assert session.run_command("show version")
        for command in FORBIDDEN:
            with pytest.raises(NetriageError):
                session.run_command(command)
    finally:
        session.close()
    assert "show version" in server.received
    _assert_clean(server)
