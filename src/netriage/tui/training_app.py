"""The TUI in training mode: the netriage app with the training screen on top of its start
screen, and nothing that shows findings before the trainee reaches them."""

from __future__ import annotations

from typing import Any

from netriage.tui.app import NetriageApp
from netriage.tui.screens.training import TrainingScreen


class TrainingApp(NetriageApp):
    def __init__(self, scenario: Any) -> None:
        super().__init__([])
        self.scenario = scenario

    def on_mount(self) -> None:
        # Textual also runs NetriageApp.on_mount (theme, the start screen) for this event:
        # the training screen goes on top once both have run.
        self.call_next(self.push_screen, TrainingScreen(self.scenario))


def run_training(scenario: Any) -> int:
    """The one factory `netriage train ID` uses (tests build `TrainingApp` the same way)."""
    app = TrainingApp(scenario)
    app.run()
    return app.return_code or 0
