"""Start: open a capture (demo, browse, recent, typed path), resume a walkthrough, or connect."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from netriage import userdirs
from netriage.resources import demo_capture
from netriage.tui.actions import Act, bindings
from netriage.tui.live_probe import live_available
from netriage.tui.screens.base import BaseScreen
from netriage.tui.widgets.lists import StartList
from netriage.tui.widgets.paths import PathSuggester

if TYPE_CHECKING:  # the live machinery is imported with the connect screen
    from netriage.tui.live_bridge import ConnectTarget


def _short(path: Path) -> str:
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def _session_label(path: Path) -> Content:
    try:
        data = json.loads(path.read_text())
        what = f"{data.get('device', '?')} · {data.get('tree', '?')}"
    except (OSError, ValueError, AttributeError):
        what = path.stem
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(path.stat().st_mtime))
    return Content.assemble("  ", what, (f"  saved {when}", "dim"))


class StartScreen(BaseScreen):
    ACTIONS = (
        Act("demo", "d", "Demo", "Open the bundled demo capture (an ASA failover pair)"),
        Act("open_path", "o", "Open path", "Type the path of a capture file or folder"),
        Act("browse", "b", "Browse", "Pick a capture file from the file system"),
        Act("connect", "c", "Connect", "Connect to a device over SSH (live mode)"),
        Act("overview", "v", "Overview", "Back to the capture that is open"),
        Act("back", "escape", "Cancel", "Cancel what is running", show=False),
    )
    BINDINGS = bindings(ACTIONS)
    AUTO_FOCUS = "#choices"

    def __init__(self) -> None:
        super().__init__()
        self.recent: list[Path] = []
        self.sessions: list[Path] = []

    def compose(self) -> ComposeResult:
        yield from self.frame_top()
        with Vertical(id="start"):
            yield Static(Content.assemble(
                ("Open a capture", "bold"), " of show commands, resume a walkthrough, or "
                "connect to a device."), id="start-intro")
            path = Input(placeholder="path to a capture file or folder, then Enter",
                         id="open-path", suggester=PathSuggester())
            path.cursor_blink = False
            yield path
            yield StartList(id="choices")
        yield from self.frame_bottom()

    def on_mount(self) -> None:
        self.query_one("#choices").border_title = "Start"
        self.fill()

    def on_screen_resume(self) -> None:
        self.fill()

    def fill(self) -> None:
        self.recent = userdirs.recent_files()
        self.sessions = userdirs.saved_sessions()
        choices = self.query_one("#choices", StartList)
        highlighted = choices.highlighted
        choices.clear_options()
        if self.netriage.workspace is not None:
            choices.add_option(Option(Content.assemble(
                ("▸ Back to ", ""), (self.netriage.workspace.title, "bold")), id="overview"))
        live = "" if live_available() else "  (needs the live package)"
        choices.add_options([
            Option(Content.assemble("▸ Demo capture: ", ("ASA failover pair", "bold"),
                                    ("  bundled", "dim")), id="demo"),
            Option("▸ Browse for a capture file…", id="browse"),
            Option(Content.assemble("▸ Connect to a device…", (live, "dim")), id="connect"),
        ])
        if self.recent:
            choices.add_option(Option(Content.styled("Recent captures", "bold dim"),
                                      disabled=True))
            choices.add_options(
                Option(Content.assemble("  ", (p.name, "bold"), (f"  {_short(p.parent)}", "dim")),
                       id=f"recent:{i}") for i, p in enumerate(self.recent))
        if self.sessions:
            choices.add_option(Option(Content.styled("Saved walkthroughs", "bold dim"),
                                      disabled=True))
            choices.add_options(Option(_session_label(p), id=f"session:{i}")
                                for i, p in enumerate(self.sessions))
        choices.highlighted = highlighted if highlighted is not None and (
            highlighted < choices.option_count) else 0

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id or ""
        kind, _sep, index = choice.partition(":")
        if kind == "recent":
            self.netriage.open_capture([str(self.recent[int(index)])])
        elif kind == "session":
            self.netriage.resume(self.sessions[int(index)])
        else:
            getattr(self, f"action_{kind}")()

    @on(Input.Submitted, "#open-path")
    def _typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.netriage.open_capture([str(Path(event.value.strip()).expanduser())])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "overview":
            return self.netriage.workspace is not None
        if action == "back":
            return bool(self.netriage.busy) or self.focused is not self.query_one("#choices")
        return True

    def action_demo(self) -> None:
        self.netriage.open_capture([str(demo_capture())])

    def action_open_path(self) -> None:
        self.query_one("#open-path", Input).focus()

    def action_browse(self) -> None:
        from netriage.tui.screens.modals import FilePickerScreen

        def picked(path: Path | None) -> None:
            if path is not None:
                self.netriage.open_capture([str(path)])

        self.app.push_screen(FilePickerScreen(self.netriage.browse_root), picked)

    def action_connect(self) -> None:
        from netriage.tui.screens.connect import ConnectScreen

        def chosen(target: ConnectTarget | None) -> None:
            if target is not None:
                self.netriage.connect_device(target)

        self.app.push_screen(ConnectScreen(), chosen)

    def action_overview(self) -> None:
        from netriage.tui.screens.overview import OverviewScreen

        if self.netriage.workspace is not None:
            self.app.push_screen(OverviewScreen())

    def action_back(self) -> None:
        if not self.netriage.cancel_job() and self.focused is self.query_one("#open-path"):
            self.query_one("#choices").focus()
