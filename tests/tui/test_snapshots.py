"""SVG snapshots of each screen at 100×30 and 80×24 (pytest-textual-snapshot).

Update after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update`
and look at the SVGs in tests/tui/__snapshots__ before committing them.
"""

import pytest

from netriage.tui.app import NetriageApp
from tests.conftest import DEMO
from tests.tui.helpers import loaded

SIZES = pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])


@pytest.fixture(autouse=True)
def _failover_tree_only(monkeypatch):
    """The screens are what these pictures check, not the tree catalogue: with only the
    failover tree, adding a tree elsewhere does not redraw every overview."""
    from netriage.engine.tree import load_trees

    failover = tuple(t for t in load_trees() if t.id == "failover")
    monkeypatch.setattr("netriage.analysis.load_trees", lambda *a: failover)
    monkeypatch.setattr("netriage.tui.workspace.load_trees", lambda *a: failover)


def keys_after_load(*keys):
    async def run_before(pilot):
        await loaded(pilot)
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


@SIZES
def test_start(snap_compare, size):
    assert snap_compare(NetriageApp(), terminal_size=size)


@SIZES
def test_connect(snap_compare, size):
    assert snap_compare(NetriageApp(), terminal_size=size, press=["c"])


@SIZES
def test_overview(snap_compare, size):
    assert snap_compare(NetriageApp([str(DEMO)]), terminal_size=size,
                        run_before=keys_after_load())


@SIZES
def test_walkthrough(snap_compare, size):
    """Enter on the finding: the walk opens at the check that decided it, its lines whole."""
    assert snap_compare(NetriageApp([str(DEMO)]), terminal_size=size,
                        run_before=keys_after_load("enter"))


@SIZES
def test_nothing_recognised(snap_compare, size, tmp_path):
    """No output understood: said plainly, with what was and was not read."""
    capture = tmp_path / "odd.log"
    capture.write_text("fw1# show blah\nxx yy zz\nfw1# show failover\nblah blah\nfw1# \n")
    assert snap_compare(NetriageApp([str(capture)]), terminal_size=size,
                        run_before=keys_after_load())


@SIZES
def test_fix(snap_compare, size):
    assert snap_compare(NetriageApp([str(DEMO)]), terminal_size=size,
                        run_before=keys_after_load("f"))


@SIZES
def test_raw_output(snap_compare, size):
    assert snap_compare(NetriageApp([str(DEMO)]), terminal_size=size,
                        run_before=keys_after_load("v"))
