"""Live "run now" against the simulated device: real SSH on 127.0.0.1 to `netriage.lab`,
through the connect screen, the host-key question and the read-only session."""

import pytest

from netriage.capture import load_paths
from netriage.tui.app import NetriageApp
from netriage.tui.live_bridge import split_host_port
from netriage.tui.screens.connect import ConnectScreen
from netriage.tui.screens.modals import ConfirmScreen
from netriage.tui.screens.walk import WalkScreen
from tests.conftest import RECORDINGS
from tests.tui.helpers import loaded, notices, open_walk, screen_text, until

lab_device = pytest.importorskip("netriage.lab.device", reason="netriage.lab is not here yet")
lab_server = pytest.importorskip("netriage.lab.server", reason="netriage.lab is not here yet")
pytest.importorskip("netriage.live.session", reason="netriage.live is not here yet")

ASA_PAIR = RECORDINGS / "lab" / "asa-pair.log"
USER, PASSWORD, ENABLE = "netops", "Lab-Login-Pw-5519!", "Lab-Enable-Pw-8804"


@pytest.fixture
def lab(monkeypatch):
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    config = lab_device.LabConfig(username=USER, password=PASSWORD, enable_password=ENABLE)
    server = lab_server.LabServer(load_paths([ASA_PAIR]), config).start()
    yield server
    server.stop()


def test_host_and_port_in_one_field():
    assert split_host_port("fw1") == ("fw1", None)
    assert split_host_port("127.0.0.1:2222") == ("127.0.0.1", 2222)
    assert split_host_port("[2001:db8::1]:2222") == ("2001:db8::1", 2222)
    assert split_host_port("2001:db8::1") == ("2001:db8::1", None)


async def test_run_now_connects_to_the_simulated_device_and_joins_the_output(lab, tmp_path):
    device = load_paths([ASA_PAIR]).devices[0]
    capture = tmp_path / "fw-lab.log"  # the same firewall, captured without show failover
    capture.write_text(f"{device.find('show version').prompt} show version\n"
                       f"{device.find('show version').output}\nfw-lab/pri/act# \n")
    options = {"known_hosts": tmp_path / "known_hosts", "conn_timeout": 5.0,
               "banner_timeout": 5.0, "auth_timeout": 5.0, "read_timeout": 5.0,
               "allow_agent": False, "use_keys": False}
    app = NetriageApp([str(capture)], live_options=options)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_walk(pilot, "failover")
        walk = app.screen
        assert isinstance(walk, WalkScreen)
        assert "`show failover` was not captured" in screen_text(app, "#check-text")
        await pilot.press("r")
        assert isinstance(app.screen, ConnectScreen)
        form = app.screen
        form.query_one("#connect-host").value = f"127.0.0.1:{lab.port}"
        form.query_one("#connect-user").value = USER
        form.query_one("#connect-password").value = PASSWORD
        form.query_one("#connect-enable").value = ENABLE
        form.query_one("#connect-enable").focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the host-key question")
        assert "Trust the host key" in screen_text(app, "#confirm-question")
        await pilot.press("y")
        await until(pilot, lambda: "joined the capture" in notices(app), "the live output",
                    timeout=20)
        assert app.screen is walk
        assert "Engine: yes" in screen_text(app, "#check-text")
        assert "show failover" in lab.received
        assert not any(c.startswith(("conf", "write", "clear")) for c in lab.received)
        assert app.live is not None
        app.live.close()


async def test_connect_from_the_start_screen_collects_and_opens_the_overview(lab, tmp_path):
    options = {"known_hosts": tmp_path / "known_hosts", "accept_new": True,
               "conn_timeout": 5.0, "banner_timeout": 5.0, "auth_timeout": 5.0,
               "read_timeout": 5.0, "allow_agent": False, "use_keys": False}
    app = NetriageApp(live_options=options)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        form = app.screen
        assert isinstance(form, ConnectScreen)
        form.query_one("#connect-host").value = f"127.0.0.1:{lab.port}"
        form.query_one("#connect-user").value = USER
        form.query_one("#connect-password").value = PASSWORD
        form.query_one("#connect-enable").value = ENABLE
        form.query_one("#connect-go").press()
        await loaded(pilot)
        assert "failover Primary Active" in screen_text(app, "#devices-text")
        assert app.workspace.sources == ["live:fw-lab"]
        assert lab.received[0] == "show version" or "show version" in lab.received
        app.live.close()
