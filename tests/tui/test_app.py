"""The main path driven as a user would: Pilot presses keys, we read what the widgets show."""

import threading

from textual.widgets import HelpPanel, Input

from netriage import userdirs
from netriage.tui.app import NetriageApp
from netriage.tui.screens.fix import FixScreen
from netriage.tui.screens.overview import OverviewScreen
from netriage.tui.screens.raw import RawScreen
from netriage.tui.screens.start import StartScreen
from netriage.tui.screens.walk import WalkScreen
from netriage.tui.workspace import Workspace
from tests.conftest import DEMO, FIXTURES
from tests.tui.helpers import highlighted, loaded, notices, options, screen_text, until


async def test_demo_overview_shows_devices_findings_and_evidence():
    app = NetriageApp([str(DEMO)])
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        devices = screen_text(app, "#devices-text")
        assert "Cisco ASA 9.16(4)" in devices
        assert "failover Primary Active, mate Secondary Standby Ready, LAN folink up" in devices
        items = options(app, "#items")
        assert items[0].startswith("MEDIUM") and "standby address: dmz" in items[0]
        assert any("Tunnels" in item for item in items)
        assert any("Not parsed" in item for item in items)
        assert app.focused is app.screen.query_one("#items")
        detail = screen_text(app, "#detail-text")
        assert "failover.standby-ip-missing" in detail
        assert "Interface dmz (0.0.0.0): Normal (Waiting)" in detail
        assert "standby <free-address-in-the-same-subnet>" in detail


async def test_moving_through_findings_updates_the_detail_pane(tmp_path):
    capture = tmp_path / "two.log"
    capture.write_text((FIXTURES / "failover" / "disabled.log").read_text()
                       + (FIXTURES / "failover" / "lan-if-down.log").read_text())
    app = NetriageApp([str(capture)])
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        first = screen_text(app, "#detail-text")
        await pilot.press("j")
        second = screen_text(app, "#detail-text")
        assert first != second
        assert {"failover.disabled", "failover.lan-if-down"} == {
            fid for fid in ("failover.disabled", "failover.lan-if-down") if fid in first + second}
        await pilot.press("k")
        assert screen_text(app, "#detail-text") == first
        await pilot.press("q")
    assert app.return_code == 0


async def test_open_walk_to_the_finding_fix_and_copy():
    """Start screen → demo → overview → walkthrough → fix → copy."""
    app = NetriageApp()
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, StartScreen)
        assert "Demo capture" in highlighted(app, "#choices")
        await pilot.press("enter")
        await loaded(pilot)
        await pilot.press("enter")  # walk the path to the highlighted finding
        assert isinstance(app.screen, WalkScreen)
        # it opens at the check that decided the finding, its deciding lines in full
        check = screen_text(app, "#check-text")
        assert check.startswith("Check 7 · Does every interface have a standby address?")
        assert "56 Interface dmz (0.0.0.0): Normal (Waiting)" in check
        evidence = app.screen.query_one("#evidence")
        assert {evidence.lines[i].strip() for i in evidence.marked} == {
            "Interface dmz (0.0.0.0): Normal (Waiting)",
            "Interface dmz (172.16.20.1): Normal (Waiting)"}
        await pilot.press("b")  # the steps before it stay reachable
        assert screen_text(app, "#check-text").startswith("Check 6 · ")
        for _ in range(5):
            await pilot.press("b")
        assert "Check 1 · Is failover switched on?" in screen_text(app, "#check-text")
        assert evidence.lines[min(evidence.marked)] == "Failover On"  # its deciding line
        await pilot.press("e")
        assert "Walk finished: 1 finding(s)" in screen_text(app, "#check-text")
        await pilot.press("f")
        assert isinstance(app.screen, FixScreen)
        fix = screen_text(app, "#fix-text")
        assert "Commands (asa" in fix and "Verify" in fix and "Rollback" in fix
        await pilot.press("c")
        assert app.clipboard.startswith("configure terminal\ninterface <physical-interface-of-dmz>")
        assert "standby <free-address-in-the-same-subnet>" in app.clipboard
        await pilot.press("a")
        assert app.clipboard.startswith("! netriage: Interfaces without a standby address")
        assert "Copied" in notices(app)
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, OverviewScreen)


async def test_raw_viewer_searches_and_shows_records_beside_the_text():
    app = NetriageApp([str(DEMO)])
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("v")
        assert isinstance(app.screen, RawScreen)
        commands = options(app, "#commands")
        assert any("show failover" in c for c in commands)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"dmz", "enter")
        await until(pilot, lambda: app.screen.query_one("#output").matches, "search matches")
        assert [c.strip() for c in options(app, "#commands") if "show" in c] == [
            "✓ show failover", "· failover exec mate show failover | include host|Interface"]
        output = app.screen.query_one("#output")
        assert len(output.matches) == 2 and output.current_match == 0
        await pilot.press("n")
        assert output.current_match == 1
        records = screen_text(app, "#records-text")
        assert "parsed" in records and "Record 1" in records and "lan_name: folink" in records
        await pilot.press("escape")  # clears the search first
        assert app.screen.query_one("#search", Input).value == ""
        await pilot.press("escape")
        assert isinstance(app.screen, OverviewScreen)


async def test_help_theme_and_palette_come_from_the_same_actions():
    from netriage.tui.actions import available

    app = NetriageApp([str(DEMO)])
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        assert app.screen.query(HelpPanel)
        await pilot.press("question_mark")
        assert not app.screen.query(HelpPanel)
        theme = app.theme
        await pilot.press("t")
        assert app.theme != theme
        await pilot.pause()
        assert userdirs.load_setting("theme") == app.theme  # remembered
        titles = [title for _act, title in available(app.screen)]
        assert titles == ["Walk", "Fix", "Raw output", "Open…", "Start"]
        keys = {binding.key for binding in app.screen.BINDINGS}
        assert {"w", "f", "v", "o"} <= keys


async def test_bad_capture_is_a_notification_not_a_traceback(tmp_path):
    empty = tmp_path / "empty.log"
    empty.write_text("")
    app = NetriageApp([str(empty)])
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: "is empty" in notices(app), "the error notification")
        assert app.is_running
        assert isinstance(app.screen, StartScreen)
        assert app.busy == ""


async def test_escape_cancels_a_slow_open(monkeypatch):
    release = threading.Event()
    original = Workspace.open

    def slow_open(paths, platform=""):
        release.wait(5)
        return original(paths, platform)

    monkeypatch.setattr(Workspace, "open", staticmethod(slow_open))
    app = NetriageApp([str(DEMO)])
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: "Opening" in app.busy, "the busy line")
            assert "Escape cancels" in screen_text(app, "#status")
            await pilot.press("escape")
            await until(pilot, lambda: "Cancelled" in notices(app), "the cancel notice")
            assert app.busy == "" and app.workspace is None
    finally:
        release.set()


async def test_picking_a_walkthrough_by_keyboard():
    from netriage.tui.screens.modals import PickScreen

    app = NetriageApp([str(DEMO)])
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        items = options(app, "#items")
        walk_entry = next(i for i, text in enumerate(items) if text.startswith("▸ fw-edge")
                          or "Failover pair health" in text)
        for _ in range(len(items)):
            if highlighted(app, "#items") == items[walk_entry]:
                break
            await pilot.press("j")
        assert highlighted(app, "#items") == items[walk_entry]
        await pilot.press("enter")
        if isinstance(app.screen, PickScreen):  # many trees: one entry per device, then pick
            for _ in range(len(options(app, "#pick-list"))):
                if "Failover pair health" in highlighted(app, "#pick-list"):
                    break
                await pilot.press("down")
            await pilot.press("enter")
        assert isinstance(app.screen, WalkScreen)
        assert app.screen.target.tree.id == "failover"
