"""The netriage TUI: findings on the left, evidence and fix of the selected one on the right."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from netriage.analysis import Analysis, analyze_paths
from netriage.errors import NetriageError
from netriage.tui.render import finding_detail, finding_option


class NetriageApp(App[int]):
    """Opens captures, analyses them in a worker thread, and shows the findings."""

    CSS_PATH = "app.tcss"
    TITLE = "netriage"
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("j", "cursor_down", "Next", show=False),
        Binding("k", "cursor_up", "Previous", show=False),
    ]

    def __init__(self, paths: list[str], platform: str = "") -> None:
        super().__init__()
        self.paths = paths
        self.platform = platform
        self.analysis: Analysis | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield OptionList(id="findings")
            with VerticalScroll(id="detail"):
                yield Static("Loading…", id="detail-text")
        yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#findings").border_title = "Findings"
        self.sub_title = ", ".join(Path(p).name for p in self.paths)
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> Analysis:
        return analyze_paths(self.paths, platform=self.platform)

    @on(Worker.StateChanged)
    def _loaded(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.SUCCESS:
            self.show_analysis(event.worker.result)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            message = str(error) if isinstance(error, NetriageError) else (
                f"could not analyse: {error!r}")
            self.query_one("#detail-text", Static).update(message)
            self.notify(message, severity="error", timeout=10)

    def show_analysis(self, analysis: Analysis) -> None:
        self.analysis = analysis
        options = self.query_one("#findings", OptionList)
        options.clear_options()
        for index, finding in enumerate(analysis.findings):
            options.add_option(Option(finding_option(finding), id=str(index)))
        devices = ", ".join(
            f"{d.device.hostname} ({d.device.platform or 'unknown'})" for d in analysis.devices)
        self.query_one("#status", Static).update(
            f"{len(analysis.findings)} finding(s), {len(analysis.undecided)} undecided · {devices}")
        if analysis.findings:
            options.highlighted = 0
            options.focus()
        else:
            self.query_one("#detail-text", Static).update("No findings.")

    @on(OptionList.OptionHighlighted, "#findings")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.analysis is None or event.option.id is None:
            return
        finding = self.analysis.findings[int(event.option.id)]
        self.query_one("#detail-text", Static).update(finding_detail(finding))

    def action_cursor_down(self) -> None:
        self.query_one("#findings", OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#findings", OptionList).action_cursor_up()


def run_app(paths: list[str], platform: str = "") -> int:
    NetriageApp(paths, platform).run()
    return 0
