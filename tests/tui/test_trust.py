"""What an engineer must be able to trust at a glance, on an 80×24 terminal (issue 14): unknown
is never shown as healthy, the deciding text is never cut, a finding's walkthrough opens where
it was decided, findings name their device and come worst first, sessions reopen from any
folder, and every status mark agrees with the panel it summarises."""

import json
import os
import re

from netriage import userdirs
from netriage.capture import load_paths
from netriage.engine.findings import severity_rank
from netriage.tui.app import NetriageApp
from netriage.tui.screens.fix import FixScreen
from netriage.tui.screens.start import StartScreen
from netriage.tui.screens.walk import WalkScreen
from tests.conftest import DEMO, FIXTURES
from tests.tui.helpers import (
    loaded,
    notices,
    options,
    rendered,
    screen_text,
    until,
    visible,
)

SMALL = (80, 24)
DENIED = "Interface dmz (0.0.0.0): Normal (Waiting)"  # the demo's deciding line


def joined(lines: list[str]) -> str:
    """Wrapped lines read as one text (a wrap is a space, however many columns it ate)."""
    return re.sub(r"\s+", " ", " ".join(lines))


async def highlight(pilot, selector: str, text: str) -> None:
    app = pilot.app
    for _ in range(len(options(app, selector))):
        widget = app.screen.query_one(selector)
        if widget.highlighted_option and text in str(widget.highlighted_option.prompt):
            return
        await pilot.press("down")
    raise AssertionError(f"no entry {text!r} in {selector}")


# -- 1. nothing recognised is said, never "nothing wrong" ---------------------------------
async def test_outputs_nobody_understood_are_said_not_called_healthy(tmp_path):
    capture = tmp_path / "odd.log"
    capture.write_text("fw1# show blah\nxx yy zz\nfw1# show failover\nblah blah\nfw1# \n")
    app = NetriageApp([str(capture)])
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        items = options(app, "#items")
        assert "Nothing recognised: none of 2 output(s) understood" in items[0]
        assert not any("nothing wrong" in item.lower() for item in items)
        detail = screen_text(app, "#detail-text")
        assert "no finding does not mean healthy" in detail
        understood, not_understood = detail.split("Not understood")
        assert "Understood\n  none" in understood
        assert "fw1: show failover (unparsed" in not_understood
        assert "fw1: show blah (unparsed" in not_understood


async def test_non_cisco_text_and_an_empty_file_are_refused_in_one_sentence(tmp_path):
    prose = tmp_path / "notes.txt"
    words = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit"]
    with prose.open("w") as handle:  # 2 MB of text with no prompt, section or config
        for n in range(40_000):
            handle.write(" ".join(words[(n + i) % len(words)] for i in range(8)) + "\n")
    empty = tmp_path / "empty.log"
    empty.write_text("")
    for path, said in ((prose, "is not a capture netriage recognises"), (empty, "is empty")):
        app = NetriageApp([str(path)])
        async with app.run_test(size=SMALL) as pilot:
            await until(pilot, lambda said=said, app=app: said in notices(app),
                        "the refusal", timeout=60)
            assert isinstance(app.screen, StartScreen) and app.workspace is None
            assert "No finding" not in notices(app)


async def test_no_finding_with_undecided_checks_is_not_shown_healthy(tmp_path):
    version = load_paths([DEMO]).devices[0].find("show version", unfiltered=False)
    capture = tmp_path / "version-only.log"
    capture.write_text(f"fw1# show version\n{version.output}\nfw1# \n")
    app = NetriageApp([str(capture)])
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        first = options(app, "#items")[0]
        assert "No finding, but" in first and "undecided: not shown healthy" in first
        detail = screen_text(app, "#detail-text")
        assert "1 of 1 output(s) understood" in detail and "show version" in detail


# -- 2 and 3. the walkthrough opens at the deciding step, its text whole -------------------
async def test_a_finding_opens_at_its_deciding_check_with_the_line_whole_at_80x24():
    app = NetriageApp([str(DEMO)])
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        # the overview's detail pane wraps the evidence: its deciding text is all there
        assert DENIED in joined(rendered(app.screen.query_one("#detail-text")))
        await pilot.press("enter")
        assert isinstance(app.screen, WalkScreen)
        walk = app.screen
        shown = joined(visible(app, "#check", "#check-text"))
        assert shown.startswith("Check 7 · Does every interface have a standby address?")
        assert f"56 {DENIED}" in shown  # on screen now, wrapped, not cut
        output = walk.query_one("#evidence")
        top, height = int(output.scroll_offset.y), output.scrollable_content_region.height
        assert top <= min(output.marked) < top + height  # the first deciding line, on screen
        # a deciding line wider than the pane loses its indent first, not its text
        drawn = joined(rendered(output))
        assert "…Interface dmz (172.16.20.1)" in drawn
        await pilot.press("b")  # the earlier steps are reachable
        assert screen_text(app, "#check-text").startswith("Check 6 · ")
        assert walk.walk.position == 5


# -- 4. findings name their device and come worst first, everywhere ------------------------
async def test_findings_name_their_device_and_come_worst_first(tmp_path):
    lan_down = (FIXTURES / "failover" / "lan-if-down.log").read_text()
    capture = tmp_path / "site.log"  # a medium finding first in the file, two alike after
    capture.write_text(DEMO.read_text() + lan_down
                       + lan_down.replace("fw-branch/sec/act", "fw-other/sec/act")
                       + (FIXTURES / "failover" / "disabled.log").read_text())
    app = NetriageApp([str(capture)])
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        findings = app.workspace.findings
        ranks = [severity_rank(f.severity) for f in findings]
        assert ranks == sorted(ranks, reverse=True) and findings[-1].severity == "medium"
        items = [i for i in options(app, "#items") if i.split(" ")[0] in ("HIGH", "MEDIUM")]
        assert len(items) == len(findings) == len(set(items)) == 4
        for item, finding in zip(items, findings, strict=True):
            assert item.startswith(f"{finding.severity.upper():<8} {finding.device}: ")
        alike = [i for i in items if "GigabitEthernet1/8 is down" in i]
        assert [i.split(":")[0].split()[-1] for i in alike] == ["fw-branch/sec", "fw-other/sec"]
        # as drawn in the 80-column list: no two findings' first rows are the same
        rows = rendered(app.screen.query_one("#items"))
        firsts = [row for row in rows if row.startswith(("│ HIGH", "│ MEDIUM"))]
        assert len(firsts) == 4 and len(set(firsts)) == 4
        await pilot.press("f")
        assert isinstance(app.screen, FixScreen)
        assert [f.id for f in app.screen.findings] == [f.id for f in findings]


# -- 5. sessions store absolute paths and reopen from another folder -----------------------
async def test_resume_works_from_another_folder(tmp_path, monkeypatch):
    here, elsewhere = tmp_path / "cases", tmp_path / "elsewhere"
    here.mkdir()
    elsewhere.mkdir()
    (here / "fw.log").write_text((FIXTURES / "failover" / "not-configured.log").read_text())
    monkeypatch.chdir(here)
    app = NetriageApp(["fw.log"])  # as typed: `netriage fw.log`
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        app.open_walk(app.workspace.target(app.workspace.analysis.devices[0].device.hostname,
                                           "failover"))
        await until(pilot, lambda: isinstance(app.screen, WalkScreen), "the walkthrough")
        await pilot.press("e", "1", "s")
        saved_node = app.screen.position.node
    saved = userdirs.saved_sessions()[0]
    data = json.loads(saved.read_text())
    assert data["sources"] == [str(here / "fw.log")] and os.path.isabs(data["sources"][0])
    monkeypatch.chdir(elsewhere)
    resumed = NetriageApp(resume=saved)
    async with resumed.run_test(size=SMALL) as pilot:
        await until(pilot, lambda: isinstance(resumed.screen, WalkScreen), "the walkthrough")
        assert resumed.screen.position.node == saved_node
        assert resumed.screen.walk.answers == {"meant-to-be-a-pair": "yes"}


async def test_an_old_session_with_a_relative_path_reopens_beside_its_file(tmp_path,
                                                                         monkeypatch):
    (tmp_path / "fw.log").write_text((FIXTURES / "failover" / "not-configured.log").read_text())
    session = tmp_path / "old-session.json"
    session.write_text(json.dumps({"format": 1, "tree": "failover", "device": "fw-solo",
                                   "sources": ["fw.log"], "position": 0, "answers": {}}))
    monkeypatch.chdir(tmp_path.parent)
    hostname = None
    app = NetriageApp(resume=session)
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, lambda: app.workspace is not None or "error" in str(app.notices),
                    "the capture", timeout=20)
        hostname = app.workspace.analysis.devices[0].device.hostname if app.workspace else None
        assert app.workspace is not None, notices(app)
        assert app.workspace.sources == [str(tmp_path / "fw.log")]
    assert hostname


# -- 7. the facts panel's marks agree with the tunnels panel -------------------------------
def crypto_not_understood(tmp_path):
    capture = tmp_path / "crypto-odd.log"
    capture.write_text(
        "fw1# show version\nCisco Adaptive Security Appliance Software Version 9.16(4)\n"
        "fw1 up 2 days\nHardware:   ASA5516\nfw1# show crypto isakmp sa\n"
        "this is not what isakmp prints\nfw1# show crypto ipsec sa\ngarbage garbage\nfw1# \n")
    return capture


async def test_crypto_mark_and_tunnels_panel_agree(tmp_path):
    cases = [
        # (capture, crypto mark, tunnels entry, words of the tunnels panel)
        (crypto_not_understood(tmp_path), "? crypto", "none read",
         ["captured `show crypto isakmp sa` (unparsed), `show crypto ipsec sa` (unparsed)",
          "no tunnel read: IKE SAs: `show crypto isakmp sa` is unparsed"]),
        (DEMO, "? crypto", "none captured", ["no crypto output or configuration captured"]),
        (FIXTURES / "crypto" / "asa-healthy-l2l.log", "✓ crypto", "2",
         ["203.0.113.2", "MM_ACTIVE"]),
    ]
    for capture, mark, entry, words in cases:
        app = NetriageApp([str(capture)])
        async with app.run_test(size=(100, 30)) as pilot:
            await loaded(pilot)
            devices = screen_text(app, "#devices-text")
            assert mark in devices, capture.name
            assert ("✓ crypto" in devices) == (mark == "✓ crypto")
            tunnels = next(i for i in options(app, "#items") if "Tunnels" in i)
            assert tunnels.split("Tunnels")[1].strip() == entry, capture.name
            await highlight(pilot, "#items", "Tunnels")
            panel = joined(screen_text(app, "#detail-text").split("\n"))
            assert all(w in panel for w in words), (capture.name, panel)


async def test_a_walk_that_ends_on_unknown_steps_is_not_called_healthy(tmp_path):
    version = load_paths([DEMO]).devices[0].find("show version", unfiltered=False)
    capture = tmp_path / "version-only.log"
    capture.write_text(f"fw1# show version\n{version.output}\nfw1# \n")
    app = NetriageApp([str(capture)])
    async with app.run_test(size=SMALL) as pilot:
        await loaded(pilot)
        app.open_walk(app.workspace.target("fw1", "failover"))
        await until(pilot, lambda: isinstance(app.screen, WalkScreen), "the walkthrough")
        await pilot.press("e")
        walk = app.screen
        assert walk.position.finished and not walk.position.findings
        shown = screen_text(app, "#check-text")
        assert "not shown healthy" in shown and "no fault" not in shown
        assert str(walk.query_one("#path").cursor_node.label) == (
            "■ end: no finding, steps unknown")
