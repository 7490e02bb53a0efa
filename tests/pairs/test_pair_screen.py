"""The side-by-side pair screen, driven with Pilot at 80×24: verdict on top, differences
highlighted, opened from the overview with `b`, secrets masked."""

from __future__ import annotations

from netriage.tui.app import NetriageApp
from netriage.tui.screens.overview import OverviewScreen
from netriage.tui.screens.pair import DIFFERS, PairScreen
from tests.pairs.helpers import PAIRS
from tests.tui.helpers import loaded, options, screen_text, until

STANDBY = PAIRS / "failover-standby-address-missing"
MANUAL = PAIRS / "ipsec-pix-6500-manual-not-mirrored"


async def test_standby_pair_side_by_side_with_the_difference_highlighted():
    app = NetriageApp([str(STANDBY / "fw-hq-primary.log"), str(STANDBY / "fw-hq-secondary.log")])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, PairScreen), "the pair screen")
        verdict = screen_text(app, "#pair-verdict")
        assert "DEGRADED" in verdict and "fix at fw-hq/pri" in verdict
        assert "fw-hq/sec has no standby address on dmz" in verdict
        table = app.screen.query_one("#pair-table").content
        rows = table.plain.splitlines()
        assert "fw-hq/pri" in rows[0] and "fw-hq/sec" in rows[0]
        [dmz] = [r for r in rows if "interface dmz" in r]
        assert dmz.startswith("≠") and "172.16.20.1" in dmz and "0.0.0.0" in dmz
        [outside] = [r for r in rows if "interface outside" in r]
        assert not outside.startswith("≠")
        # the differing row is styled as a difference, the others are not
        start = table.plain.index(dmz)
        assert any(span.style == DIFFERS and span.start <= start < span.end
                   for span in table.spans)
        assert all(len(row) <= 80 for row in rows)  # fits the 80-column terminal
        notes = screen_text(app, "#pair-notes")
        assert ("the primary (fw-hq/pri) sees dmz Normal (Waiting); the secondary (fw-hq/sec) "
                "has no standby address on dmz") in notes
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, OverviewScreen), "the overview")


async def test_manual_keys_are_tokens_on_the_pair_screen():
    app = NetriageApp([str(MANUAL / "pix-branch.log"), str(MANUAL / "core-6509.log")])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, PairScreen), "the pair screen")
        assert "KEY MISMATCH" in screen_text(app, "#pair-verdict")
        notes = screen_text(app, "#pair-notes")
        assert "set session-key inbound esp 301 cipher <" in notes
        assert "7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d" not in notes + screen_text(app, "#pair-verdict")


async def test_no_pair_key_does_nothing_on_a_single_device():
    app = NetriageApp([str(STANDBY / "fw-hq-primary.log")])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)


def _footer(app) -> dict[str, str]:
    """Footer keys a user can see on the 80-column screen: key -> label."""
    from textual.widgets._footer import FooterKey

    return {k.key: k.description for k in app.screen.query(FooterKey)
            if k.region.width and k.region.right <= 80 and not k.has_class("-disabled")}


async def _highlight(pilot, option_id: str) -> None:
    """Arrow down to the entry, as a user would."""
    items = pilot.app.screen.query_one("#items")
    for _ in range(items.option_count):
        option = items.highlighted_option
        if option is not None and option.id == option_id:
            return
        await pilot.press("down")
    raise AssertionError(f"no entry {option_id}")


async def test_overview_lists_each_pair_with_its_verdict_and_enter_opens_it():
    """Every one-ended finding went into the pair: the overview must not say "No finding"
    and must show the pair itself, selectable, with `b Pairs` in the footer."""
    app = NetriageApp([str(PAIRS / "failover-version-mismatch-one-file.log")])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        entries = options(app, "#items")
        assert "Pairs (both ends)" in entries
        assert "MISMATCH failover fw-hq/pri + fw-hq/sec" in entries
        assert not [e for e in entries if e.startswith("No finding")]
        assert _footer(app).get("b") == "Pairs"
        await _highlight(pilot, "pair:0")
        assert "Software differs (9.16(4) / 9.18(3))" in screen_text(app, "#detail-text")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, PairScreen), "the pair screen")
        assert "MISMATCH" in screen_text(app, "#pair-verdict")


async def test_enter_on_the_second_pair_opens_that_pair():
    app = NetriageApp([str(PAIRS / "ipsec-asa-ios-one-way" / "vpn-fw-hq.log"),
                       str(PAIRS / "ipsec-asa-ios-one-way" / "branch-rtr.log")])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        pairs = app.workspace.analysis.pairs
        assert len(pairs) == 3 and pairs[1].verdict == "missing end"
        entries = [e for e in options(app, "#items") if e.startswith(("ONE-WAY", "MISSING"))]
        assert entries[0] == "ONE-WAY  ipsec vpn-fw + branch-rtr"
        assert entries[1].startswith("MISSING END ipsec ")
        await _highlight(pilot, "pair:1")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, PairScreen), "the pair screen")
        assert app.screen.index == 1
        assert "MISSING END" in screen_text(app, "#pair-verdict")


async def test_a_single_device_lists_no_pairs_and_the_footer_has_no_pairs_key():
    app = NetriageApp([str(STANDBY / "fw-hq-primary.log")])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert "Pairs (both ends)" not in options(app, "#items")
        assert "b" not in _footer(app)
