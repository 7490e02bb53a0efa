"""The walkthrough: answers, override with a reason, jumping back, save and resume, run now."""

import json

from textual.widgets import Input

from netriage import userdirs
from netriage.capture import load_paths
from netriage.tui.app import NetriageApp
from netriage.tui.live_bridge import CommandSession
from netriage.tui.screens.connect import ConnectScreen
from netriage.tui.screens.modals import ConfirmScreen, OverrideScreen
from netriage.tui.screens.raw import RawScreen
from netriage.tui.screens.start import StartScreen
from netriage.tui.screens.walk import WalkScreen
from tests.conftest import DEMO, FIXTURES
from tests.tui.helpers import loaded, notices, open_walk, options, screen_text, until

NOT_CONFIGURED = FIXTURES / "failover" / "not-configured.log"


async def walk(pilot) -> WalkScreen:
    await open_walk(pilot, "failover")
    return pilot.app.screen


def path_labels(screen: WalkScreen) -> list[str]:
    return [str(node.label) for node in screen.query_one("#path").root.children]


async def test_a_question_waits_for_an_answer_key():
    app = NetriageApp([str(NOT_CONFIGURED)])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await walk(pilot)
        await pilot.press("e")
        check = screen_text(app, "#check-text")
        assert "Question" in check and "meant to be one unit of a failover pair" in check
        assert "1  yes" in check and "2  no" in check
        assert screen.check_action("answer", (1,)) and not screen.check_action("answer", (3,))
        assert screen.check_action("forward", ()) is None  # waits for the answer
        assert not screen.query_one("#evidence").display  # a question has no output
        await pilot.press("1")
        assert "Question" not in screen_text(app, "#check-text").splitlines()[0]
        await pilot.press("e")
        assert "Walk finished" in screen_text(app, "#check-text")
        assert "failover.not-configured" in [f.id for f in screen.position.findings]
        assert any(label.startswith("• Is this firewall") and label.endswith("· yes")
                   for label in path_labels(screen))


async def test_override_needs_a_reason_and_changes_the_path():
    app = NetriageApp([str(DEMO)])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await walk(pilot)
        for _ in range(10):
            title = screen_text(app, "#check-text").splitlines()[0]
            if title.endswith("Does every interface have a standby address?"):
                break
            await pilot.press("n")
        assert "Engine: yes" in screen_text(app, "#check-text")
        await pilot.press("o")
        assert isinstance(app.screen, OverrideScreen)
        await pilot.press("enter")  # no reason yet
        assert isinstance(app.screen, OverrideScreen)
        assert "A reason is required" in screen_text(app, "#override-error")
        await pilot.press(*"dmz is a lab segment", "enter")
        assert app.screen is screen
        await pilot.press("e")
        assert "no fault on this path" in screen_text(app, "#check-text")
        labels = path_labels(screen)
        overridden = next(label for label in labels if "standby address" in label)
        assert overridden.startswith("✓") and "· no" in overridden and "✎" in overridden
        assert screen.walk.overrides == {"standby-ip": ("false", "dmz is a lab segment")}


async def test_enter_on_a_past_step_goes_back_to_it():
    app = NetriageApp([str(DEMO)])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await walk(pilot)
        await pilot.press("e")
        assert screen.position.finished
        tree = screen.query_one("#path")
        tree.focus()
        await until(pilot, lambda: tree.cursor_node is not None and tree.cursor_node.data == len(
            screen.position.steps), "the cursor on the end")
        await pilot.press("up", "up", "up", "enter")
        assert not screen.position.finished
        assert len(screen.position.steps) == tree.cursor_node.data


async def test_save_and_resume_a_walkthrough():
    app = NetriageApp([str(NOT_CONFIGURED)])
    async with app.run_test(size=(100, 30)) as pilot:
        await walk(pilot)
        await pilot.press("e", "1", "s")
        saved_node = app.screen.position.node
        assert saved_node is not None
        saved = userdirs.saved_sessions()
        assert len(saved) == 1 and str(saved[0]) in notices(app)
    data = json.loads(saved[0].read_text())
    assert data["answers"] == {"meant-to-be-a-pair": "yes"}
    assert data["sources"] == [str(NOT_CONFIGURED.resolve())]

    resumed = NetriageApp(resume=saved[0])
    async with resumed.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(resumed.screen, WalkScreen), "the walkthrough")
        assert resumed.screen.walk.answers == {"meant-to-be-a-pair": "yes"}
        assert resumed.screen.position.node == saved_node

    again = NetriageApp()  # the start screen offers it too
    async with again.run_test(size=(100, 30)) as pilot:
        choices = options(again, "#choices")
        assert "Saved walkthroughs" in choices
        await pilot.press("end", "enter")
        await until(pilot, lambda: isinstance(again.screen, WalkScreen), "the walkthrough")
        assert again.screen.walk.answers == {"meant-to-be-a-pair": "yes"}


def show_version_only(tmp_path):
    demo = load_paths([DEMO]).devices[0]
    capture = tmp_path / "fw1.log"
    capture.write_text("fw1# show version\n" + demo.find("show version").output + "\nfw1# \n")
    return capture, demo.find("show failover").output


async def test_run_now_joins_the_missing_output_to_the_capture(tmp_path):
    capture, failover_output = show_version_only(tmp_path)
    ran = []

    def device(command: str) -> str:
        ran.append(command)
        return failover_output

    session = CommandSession("fw1", "cisco_asa", device)
    app = NetriageApp([str(capture)], live=session)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await walk(pilot)
        check = screen_text(app, "#check-text")
        assert "? Unknown: `show failover` was not captured" in check
        assert "r runs `show failover`" in check
        assert screen.check_action("run_now", ()) is True
        await pilot.press("r")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await until(pilot, lambda: "joined the capture" in notices(app), "the output")
        assert ran == ["show failover"]
        assert app.screen is screen
        assert "Engine: yes" in screen_text(app, "#check-text")
        assert screen.check_action("run_now", ()) is False
        assert "show failover · live:fw1" in str(screen.query_one("#evidence").border_title)
        await pilot.press("v")
        assert isinstance(app.screen, RawScreen)
        assert any("show failover" in c for c in options(app, "#commands"))


async def test_run_now_without_a_connection_asks_for_one(tmp_path):
    capture, _output = show_version_only(tmp_path)
    app = NetriageApp([str(capture)])
    async with app.run_test(size=(100, 30)) as pilot:
        await walk(pilot)
        await pilot.press("r")
        assert "Live mode needs a connection" in notices(app)
        assert isinstance(app.screen, ConnectScreen)
        assert app.screen.query_one("#connect-host", Input).value == "fw1"
        await pilot.press("escape")
        assert isinstance(app.screen, WalkScreen)


async def test_start_screen_opens_a_typed_path_and_remembers_it():
    app = NetriageApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("o")
        assert app.focused is app.screen.query_one("#open-path")
        app.screen.query_one("#open-path", Input).value = str(NOT_CONFIGURED)
        await pilot.press("enter")
        await loaded(pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen)
        assert any("not-configured.log" in c for c in options(app, "#choices"))
        assert userdirs.recent_files() == [NOT_CONFIGURED.resolve()]


async def test_browse_picks_a_capture_file():
    from netriage.tui.screens.modals import CaptureTree, FilePickerScreen

    app = NetriageApp(browse_root=NOT_CONFIGURED.parent)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, FilePickerScreen)
        tree = app.screen.query_one(CaptureTree)
        await until(pilot, lambda: any(str(n.label) == NOT_CONFIGURED.name
                                       for n in tree.root.children), "the folder listing")
        node = next(n for n in tree.root.children if str(n.label) == NOT_CONFIGURED.name)
        tree.move_cursor(node)
        await pilot.press("enter")
        await loaded(pilot)
        assert app.workspace.sources == [str(NOT_CONFIGURED)]


async def test_connect_form_offers_hosts_from_ssh_config(tmp_path):
    import os
    from pathlib import Path

    config = Path(os.environ["HOME"]) / ".ssh" / "config"
    config.parent.mkdir(parents=True)
    config.write_text("Host fw-edge\n  HostName 192.0.2.10\n  User netops\n  Port 2222\n")
    chosen = []
    app = NetriageApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("c")
        form = app.screen
        assert isinstance(form, ConnectScreen)
        assert options(app, "#connect-hosts")[0].startswith("fw-edge")
        form.query_one("#connect-hosts").focus()
        await pilot.press("enter")  # fills the form from the entry
        assert form.query_one("#connect-user", Input).value == "netops"
        assert app.focused is form.query_one("#connect-password")
        app.connect_device = lambda target, run_on=None: chosen.append(target)
        await pilot.press("enter")
    assert chosen[0].host == "192.0.2.10" and chosen[0].port == 2222
    assert chosen[0].username == "netops"
