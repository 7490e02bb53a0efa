"""Live-test fixtures: real SSH on 127.0.0.1 between the lab server and the netmiko client.

Every server listens on an ephemeral loopback port and is stopped at teardown (its threads
are daemons and are joined). Timeouts are short so a failing test fails fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from netriage.capture import load_paths
from netriage.lab.device import LabConfig
from netriage.lab.server import LabServer
from netriage.live.client import ConnectOptions, Credentials
from netriage.live.collect import CollectOptions, DeviceResult, DeviceSpec, collect_device
from tests.conftest import RECORDINGS

LAB = RECORDINGS / "lab"
ASA_PAIR, IOS, FTD = LAB / "asa-pair.log", LAB / "ios-router.log", LAB / "ftd.log"
USER, PASSWORD, ENABLE = "netops", "Lab-Login-Pw-5519!", "Lab-Enable-Pw-8804"


@pytest.fixture(autouse=True)
def _no_agent(monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's ssh-agent must not take part in these tests."""
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    monkeypatch.delenv("NETRIAGE_PASSWORD", raising=False)
    monkeypatch.delenv("NETRIAGE_ENABLE_PASSWORD", raising=False)


@pytest.fixture
def make_lab() -> Iterator[Callable[..., LabServer]]:
    servers: list[LabServer] = []

    def make(capture: Path = ASA_PAIR, **settings: object) -> LabServer:
        config = LabConfig(username=USER, password=PASSWORD, **settings)  # type: ignore[arg-type]
        server = LabServer(load_paths([capture]), config).start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()


@pytest.fixture
def lab(make_lab: Callable[..., LabServer]) -> LabServer:
    return make_lab(enable_password=ENABLE)


def options(tmp_path: Path, **overrides: object) -> ConnectOptions:
    settings: dict = {"known_hosts": tmp_path / "known_hosts", "accept_new": True,
                      "conn_timeout": 3.0, "banner_timeout": 3.0, "auth_timeout": 3.0,
                      "read_timeout": 3.0, "allow_agent": False, "use_keys": False}
    settings.update(overrides)
    return ConnectOptions(**settings)


def collect(server: LabServer, tmp_path: Path, *, spec: dict | None = None,
            credentials: Credentials | None = None, collect_options: CollectOptions | None = None,
            **overrides: object) -> DeviceResult:
    device = DeviceSpec("127.0.0.1", port=server.port, **(spec or {}))
    return collect_device(device, credentials or Credentials(USER, PASSWORD, ENABLE),
                          options(tmp_path, **overrides), collect_options or CollectOptions(),
                          tmp_path / "capture")
