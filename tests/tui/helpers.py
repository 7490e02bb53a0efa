"""Driving the TUI as a user would, and reading back what the widgets show."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.widgets import OptionList, Static

from netriage.tui.app import NetriageApp
from netriage.tui.screens.overview import OverviewScreen


async def until(pilot, condition: Callable[[], bool], what: str = "condition",
                timeout: float = 10.0) -> None:
    for _ in range(int(timeout / 0.02)):
        if condition():
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


async def loaded(pilot) -> None:
    """Wait until the capture is analysed and the overview is on screen."""
    app = pilot.app
    await until(pilot, lambda: app.workspace is not None and isinstance(app.screen,
                                                                        OverviewScreen),
                "the overview")


def plain(value: object) -> str:
    return value.plain if isinstance(value, Content) else str(value)


def text(widget: Static) -> str:
    return plain(widget.content)


def screen_text(app: NetriageApp, selector: str) -> str:
    return text(app.screen.query_one(selector, Static))


def options(app: NetriageApp, selector: str) -> list[str]:
    widget = app.screen.query_one(selector, OptionList)
    return [plain(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


def highlighted(app: NetriageApp, selector: str) -> str:
    widget = app.screen.query_one(selector, OptionList)
    option = widget.highlighted_option
    return plain(option.prompt) if option else ""


def notices(app: NetriageApp) -> str:
    """Everything the app told the user, one notification a line."""
    return "\n".join(message for _severity, message in app.notices)


async def open_walk(pilot, tree: str = "failover") -> None:
    """Open the walkthrough of `tree` on the capture's first device (as Enter on it in the
    overview's list or its picker does)."""
    from netriage.tui.screens.walk import WalkScreen

    app = pilot.app
    await loaded(pilot)
    hostname = app.workspace.analysis.devices[0].device.hostname
    app.open_walk(app.workspace.target(hostname, tree))
    await until(pilot, lambda: isinstance(app.screen, WalkScreen), "the walkthrough")


def rendered(widget) -> list[str]:
    """The lines `widget` draws at its current size, as a terminal would show them (wrapped,
    cut or elided exactly as on screen), for every line of its content."""
    from textual.geometry import Region

    size = widget.outer_size  # borders included
    strips = widget.render_lines(Region(0, 0, size.width, size.height))
    return ["".join(segment.text for segment in strip).rstrip() for strip in strips]


def visible(app: NetriageApp, scroller: str, content: str) -> list[str]:
    """The lines of `content` (a Static inside the scrolling container `scroller`) that are
    on screen now: those within the container's scroll window."""
    box = app.screen.query_one(scroller)
    top = int(box.scroll_offset.y)
    return rendered(app.screen.query_one(content))[top:top + box.scrollable_content_region.height]
