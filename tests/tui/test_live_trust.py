"""Live mode tells the truth about what the device did (issues 12 and 14), against the
simulated device over real SSH on 127.0.0.1: "run now" announces only an output the device
accepted; a refusal is an error with the device's own line; a command that cannot be one
plain line is refused before anything is sent; and a session that drops mid-output keeps
the lines that arrived, marked as cut short, on screen and in what is saved."""

import pytest

from netriage import userdirs
from netriage.capture import load_paths
from netriage.parsing.marks import is_cut_short
from netriage.tui.app import NetriageApp
from netriage.tui.screens.connect import ConnectScreen
from netriage.tui.screens.modals import ConfirmScreen
from netriage.tui.screens.walk import WalkScreen
from tests.conftest import RECORDINGS
from tests.tui.helpers import loaded, notices, open_walk, options, screen_text, until

lab_device = pytest.importorskip("netriage.lab.device", reason="netriage.lab is not here yet")
lab_server = pytest.importorskip("netriage.lab.server", reason="netriage.lab is not here yet")
pytest.importorskip("netriage.live.session", reason="netriage.live is not here yet")

ASA_PAIR = RECORDINGS / "lab" / "asa-pair.log"
USER, PASSWORD, ENABLE = "netops", "Lab-Login-Pw-5519!", "Lab-Enable-Pw-8804"
OPTIONS = {"conn_timeout": 5.0, "banner_timeout": 5.0, "auth_timeout": 5.0,
           "read_timeout": 5.0, "allow_agent": False, "use_keys": False}


def version_only(tmp_path):
    """The lab firewall captured with `show version` alone: `show failover` is missing."""
    device = load_paths([ASA_PAIR]).devices[0]
    capture = tmp_path / "fw-lab.log"
    capture.write_text(f"{device.find('show version').prompt} show version\n"
                       f"{device.find('show version').output}\nfw-lab/pri/act# \n")
    return capture


def serve(monkeypatch, capture, **faults):
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    config = lab_device.LabConfig(username=USER, password=PASSWORD, enable_password=ENABLE,
                                  **faults)
    return lab_server.LabServer(load_paths([capture]), config).start()


async def connect_and_run_now(pilot, port: int) -> WalkScreen:
    """In the failover walkthrough: r, fill the connect form, trust the host key."""
    app = pilot.app
    await open_walk(pilot, "failover")
    walk = app.screen
    assert "`show failover` was not captured" in screen_text(app, "#check-text")
    await pilot.press("r")
    assert isinstance(app.screen, ConnectScreen)
    form = app.screen
    form.query_one("#connect-host").value = f"127.0.0.1:{port}"
    form.query_one("#connect-user").value = USER
    form.query_one("#connect-password").value = PASSWORD
    form.query_one("#connect-enable").value = ENABLE
    form.query_one("#connect-enable").focus()
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the host-key question")
    await pilot.press("y")
    return walk


async def test_a_command_the_device_rejects_is_an_error_not_an_output(tmp_path, monkeypatch):
    capture = version_only(tmp_path)
    lab = serve(monkeypatch, capture)  # the device itself has no `show failover` to give
    app = NetriageApp([str(capture)], live_options={**OPTIONS,
                                                    "known_hosts": tmp_path / "known_hosts"})
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            walk = await connect_and_run_now(pilot, lab.port)
            await until(pilot, lambda: "rejected" in notices(app), "the refusal", timeout=20)
            said = notices(app)
            assert "`show failover` was rejected by fw-lab/pri: % netriage lab: this " in said
            assert "did not record `show failover`" in said  # the device's own line
            assert "joined the capture" not in said
            assert ("error", next(m for m in said.split("\n") if "rejected" in m)) in app.notices
            assert "show failover" in lab.received  # it was sent, and refused
            assert app.workspace.device("fw-lab/pri").device.find("show failover") is None
            assert app.screen is walk and "? Unknown" in screen_text(app, "#check-text")

            # a command that is not one plain line never reaches the device
            sent = len(lab.received)
            app.run_now("fw-lab/pri", "show failover ; show version")
            await until(pilot, lambda: "it contains ';'" in notices(app), "the refusal")
            assert len(lab.received) == sent
            # an oversized one is the device's to refuse, and is told as refused
            app.run_now("fw-lab/pri", "show " + "x" * 300)
            await until(pilot, lambda: notices(app).count("rejected") == 2, "the refusal",
                        timeout=20)
            assert "% Invalid input detected at '^' marker." in notices(app)
            assert notices(app).count("joined the capture") == 0
    finally:
        if app.live is not None:
            app.live.close()
        lab.stop()


async def test_a_drop_mid_output_keeps_the_lines_that_arrived_marked(tmp_path, monkeypatch):
    capture = version_only(tmp_path)
    lab = serve(monkeypatch, ASA_PAIR, drop_after=0)  # drops halfway through the first show
    full = load_paths([ASA_PAIR]).devices[0].find("show failover").output.split("\n")
    app = NetriageApp([str(capture)], live_options={**OPTIONS,
                                                    "known_hosts": tmp_path / "known_hosts"})
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            walk = await connect_and_run_now(pilot, lab.port)
            await until(pilot, lambda: "cut short" in notices(app), "the partial output",
                        timeout=20)
            assert "joined the capture, marked as truncated" in notices(app)
            entry = app.workspace.device("fw-lab/pri").device.find("show failover")
            assert entry is not None and entry.truncated
            kept = entry.output.split("\n")
            assert is_cut_short(kept[-1]) and "the session dropped" in kept[-1]
            assert 1 <= len(kept) - 1 < len(full) and kept[:-1] == full[:len(kept) - 1]
            assert app.live is None  # the session is gone: the next run asks to connect
            shown = walk.query_one("#evidence")
            assert is_cut_short(shown.lines[-1])  # on screen, the mark included
            assert "show failover" in [r.command for r in app.workspace.analysis.devices[0]
                                       .facts.all_results() if r.status == "partial"]
            await pilot.press("s")  # saved: the session's live log carries the mark
            await until(pilot, lambda: "Saved to" in notices(app), "the saved session")
        sources = userdirs.saved_sessions()[0].read_text()
        log = next(s for s in load_paths_of(sources) if s.endswith("-live.log"))
        again = load_paths([log]).devices[0].find("show failover")
        assert again is not None and again.truncated
    finally:
        lab.stop()


def load_paths_of(session_text: str) -> list[str]:
    import json

    return list(json.loads(session_text)["sources"])


async def test_connecting_keeps_a_partial_collection_and_says_so(tmp_path, monkeypatch):
    lab = serve(monkeypatch, ASA_PAIR, drop_after=2)  # answers two shows, drops in the third
    app = NetriageApp(live_options={**OPTIONS, "known_hosts": tmp_path / "known_hosts",
                                    "accept_new": True})
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c")
            form = app.screen
            form.query_one("#connect-host").value = f"127.0.0.1:{lab.port}"
            form.query_one("#connect-user").value = USER
            form.query_one("#connect-password").value = PASSWORD
            form.query_one("#connect-enable").value = ENABLE
            form.query_one("#connect-go").press()
            await loaded(pilot)
            device = app.workspace.capture.devices[0]
            cut = [e for e in device.entries if e.truncated]
            assert len(cut) == 1 and is_cut_short(cut[0].output.split("\n")[-1])
            assert device.entries[-1] is cut[0]  # nothing was run after the drop
            assert f"`{cut[0].command}` cut short" in notices(app)
            await pilot.press("end")  # `Not parsed` says it too, beside the outputs
            assert "Not parsed" in options(app, "#items")[-1]
            assert f"`{cut[0].command}` cut short (the session dropped)" in screen_text(
                app, "#detail-text")
    finally:
        if app.live is not None:
            app.live.close()
        lab.stop()
