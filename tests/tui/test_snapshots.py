"""SVG snapshots at a fixed terminal size (pytest-textual-snapshot)."""

from tests.conftest import DEMO

APP = __import__("pathlib").Path(__file__).parent / "snapshot_apps" / "demo_app.py"


def test_demo_screen(snap_compare):
    async def loaded(pilot):
        app = pilot.app
        for _ in range(100):
            await pilot.pause(0.05)
            if app.analysis is not None:
                break
        await pilot.pause()

    assert snap_compare(str(APP), terminal_size=(100, 30), run_before=loaded)
    assert DEMO.exists()
