"""The TUI driven as a user would: Pilot presses keys, we read what the widgets show."""

import io

from rich.console import Console
from textual.widgets import OptionList, Static

from netriage.tui.app import NetriageApp
from tests.conftest import DEMO, FIXTURES


async def wait_loaded(pilot, app):
    for _ in range(100):
        await pilot.pause(0.05)
        if app.analysis is not None:
            await pilot.pause()
            return
    raise AssertionError("analysis did not finish")


def detail_text(app) -> str:
    """The detail pane's content as plain text, the way Rich lays it out."""
    content = app.query_one("#detail-text", Static).content
    if isinstance(content, str):
        return content
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(content)
    return console.export_text()


async def test_demo_shows_findings_and_evidence():
    app = NetriageApp([str(DEMO)])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        findings = app.query_one("#findings", OptionList)
        assert findings.option_count == 1
        assert app.focused is findings
        text = detail_text(app)
        assert "failover.standby-ip-missing" in text
        assert "Interface dmz (0.0.0.0): Normal (Waiting)" in text
        assert "standby <free address in the same subnet>" in text


async def test_moving_through_findings_updates_the_evidence_pane(tmp_path):
    capture = tmp_path / "two.log"
    capture.write_text((FIXTURES / "failover" / "disabled.log").read_text()
                       + (FIXTURES / "failover" / "lan-if-down.log").read_text())
    app = NetriageApp([str(capture)])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot, app)
        assert app.query_one("#findings", OptionList).option_count == 2
        first = detail_text(app)
        await pilot.press("j")
        second = detail_text(app)
        assert first != second
        assert {"failover.disabled", "failover.lan-if-down"} == {
            fid for fid in ("failover.disabled", "failover.lan-if-down")
            if fid in first + second}
        await pilot.press("k")
        assert detail_text(app) == first
        await pilot.press("q")
    assert app.return_code == 0


async def test_bad_capture_is_a_notification_not_a_traceback(tmp_path):
    empty = tmp_path / "empty.log"
    empty.write_text("")
    app = NetriageApp([str(empty)])
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if "is empty" in detail_text(app):
                break
        assert "is empty" in detail_text(app)
        assert app.is_running
