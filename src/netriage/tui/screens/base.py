"""What every full screen shares: header, status line, footer, Escape, and the app's state."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header

from netriage.tui.actions import Act
from netriage.tui.widgets.lists import StatusLine

if TYPE_CHECKING:
    from netriage.tui.app import NetriageApp
    from netriage.tui.workspace import Workspace


class BaseScreen(Screen[None]):
    ACTIONS: ClassVar[tuple[Act, ...]] = ()

    @property
    def netriage(self) -> NetriageApp:
        return cast("NetriageApp", self.app)

    @property
    def workspace(self) -> Workspace:
        workspace = self.netriage.workspace
        assert workspace is not None, "this screen needs an open capture"
        return workspace

    def frame_top(self) -> ComposeResult:
        yield Header(icon="")

    def frame_bottom(self) -> ComposeResult:
        busy = self.netriage.busy
        yield StatusLine(busy, id="status", classes="" if busy else "-empty")
        yield Footer()

    def show_busy(self, text: str) -> None:
        for line in self.query(StatusLine):
            line.update(text)
            line.set_class(not text, "-empty")

    def action_back(self) -> None:
        """Escape: cancel running work first; otherwise leave this screen."""
        if self.netriage.cancel_job():
            return
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def workspace_changed(self) -> None:
        """The app opened a new capture or a live output joined it."""
