"""The netriage TUI: start → overview → walkthrough → fix, with the raw output a key away.

The app owns the state every screen reads (the open `Workspace`, the live session) and all
blocking work: one thread worker at a time ("job"), started through `start_job`, whose
errors one handler turns into notifications. Escape cancels it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from netriage import userdirs
from netriage.errors import NetriageError
from netriage.resources import demo_capture
from netriage.tui.actions import Act, ActionsProvider, bindings
from netriage.tui.live_mode import LiveMode
from netriage.tui.screens.base import BaseScreen
from netriage.tui.screens.start import StartScreen

if TYPE_CHECKING:  # the core (parsers, trees) loads in the first job, after the first frame
    from netriage.tui.live_bridge import LiveSession
    from netriage.tui.workspace import WalkTarget, Workspace

EXIT_ENV = "NETRIAGE_EXIT_ON_FIRST_PAINT"  # "1": first frame; "overview": first loaded frame
THEMES = ("textual-dark", "textual-light")


class NetriageApp(LiveMode, App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "netriage"
    COMMANDS = App.COMMANDS | {ActionsProvider}
    ACTIONS = (
        Act("help", "question_mark", "Help", "Help for the focused widget, and every key",
            key_display="?"),
        Act("toggle_theme", "t", "Dark/light", "Switch between the dark and light theme",
            show=False),
        Act("quit", "q", "Quit", "Leave netriage"),
    )
    BINDINGS = bindings(ACTIONS)

    def __init__(self, paths: list[str] | None = None, platform: str = "", *,
                 resume: Path | None = None, live: LiveSession | None = None,
                 live_options: dict[str, Any] | None = None,
                 browse_root: Path | None = None) -> None:
        super().__init__()
        self.paths = list(paths or [])
        self.platform = platform
        self.resume_path = resume
        self.live = live
        self.live_options = dict(live_options or {})  # live.client.ConnectOptions overrides
        self.browse_root = browse_root or Path.cwd()
        self.workspace: Workspace | None = None
        self.busy = ""
        self._jobs: dict[Worker[Any], Callable[[Any], None]] = {}
        self._exit_after = os.environ.get(EXIT_ENV, "")
        self.notices: list[tuple[str, str]] = []  # (severity, message): what the user was told

    # -- start ----------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.animation_level = "none"  # no animation over a slow link
        theme = userdirs.load_setting("theme", THEMES[0])
        if theme != self.theme and theme in self.available_themes:
            self.theme = theme  # (setting it at all restyles every widget: only when needed)
        # Remembered however it was chosen: `t`, or any theme from the palette's Theme picker.
        self.theme_changed_signal.subscribe(
            self, lambda theme: userdirs.save_setting("theme", theme.name))
        self.push_screen(StartScreen())
        if self._exit_after == "1":
            self.call_after_refresh(self.exit, 0)
        elif self.resume_path is not None:
            self.call_after_refresh(self.resume, self.resume_path)
        elif self.paths:  # after the first frame: parsing competes with painting for the GIL
            self.call_after_refresh(self.open_capture, self.paths, self.platform)

    @property
    def analysis(self) -> Any:
        return self.workspace.analysis if self.workspace else None

    # -- jobs -----------------------------------------------------------------------------
    def start_job(self, work: Callable[[], Any], description: str,
                  done: Callable[[Any], None]) -> Worker[Any]:
        """Run `work` in a thread (one job at a time); `done(result)` runs on success."""
        self.set_busy(f"{description}  (Escape cancels)")
        worker = self.run_worker(work, name=description, group="job", thread=True,
                                 exclusive=True, exit_on_error=False)
        self._jobs[worker] = done
        return worker

    def cancel_job(self) -> bool:
        running = [w for w in self._jobs if w.is_running]
        for worker in running:
            worker.cancel()
        return bool(running)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker not in self._jobs or event.state in (WorkerState.PENDING, WorkerState.RUNNING):
            return
        done = self._jobs.pop(worker)
        self.set_busy("")
        if event.state == WorkerState.SUCCESS:
            done(worker.result)
        elif event.state == WorkerState.ERROR:
            self.report_error(worker.error)
        elif event.state == WorkerState.CANCELLED:
            self.notify(f"Cancelled: {worker.name}", severity="warning")

    def notify(self, message: str, *, title: str = "", severity: Any = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notification, also kept in `notices` (tests and the help read them)."""
        self.notices.append((str(severity), message))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def report_error(self, error: BaseException | None) -> None:
        """Typed errors become one clear sentence; anything else still never a traceback."""
        if isinstance(error, NetriageError):
            message = str(error)
        else:
            message = f"Unexpected error: {type(error).__name__}: {error}"
        self.notify(message, title="netriage", severity="error", timeout=12)
        if self._exit_after:  # a benchmark run: say why instead of waiting forever
            self.exit(2, message)

    def set_busy(self, text: str) -> None:
        self.busy = text
        screen = self.screen
        if isinstance(screen, BaseScreen):
            screen.show_busy(text)

    # -- captures -------------------------------------------------------------------------
    def open_capture(self, paths: list[str], platform: str = "",
                     then: Callable[[Workspace], None] | None = None) -> None:
        names = ", ".join(Path(p).name for p in paths)

        def done(workspace: Workspace) -> None:
            self.show_workspace(workspace)
            userdirs.remember_recent([p for p in paths if Path(p) != demo_capture()])
            if then is not None:
                then(workspace)

        def work() -> Workspace:
            from netriage.tui.workspace import Workspace

            return Workspace.open(paths, platform)

        self.start_job(work, f"Opening {names}…", done)

    def show_workspace(self, workspace: Workspace) -> None:
        from netriage.tui.screens.overview import OverviewScreen

        self.workspace = workspace
        self.sub_title = workspace.title
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.push_screen(OverviewScreen())
        if self._exit_after == "overview":
            self.call_after_refresh(self.exit, 0)

    def workspace_updated(self, workspace: Workspace) -> None:
        self.workspace = workspace
        for screen in self.screen_stack:
            if isinstance(screen, BaseScreen):
                screen.workspace_changed()

    # -- sessions -------------------------------------------------------------------------
    def open_walk(self, target: WalkTarget, answers: dict[str, str] | None = None,
                  overrides: dict[str, tuple[str, str]] | None = None,
                  position: int = 0) -> None:
        from netriage.tui.screens.walk import WalkScreen

        self.push_screen(WalkScreen(target, answers, overrides, position))

    def resume(self, path: Path) -> None:
        from netriage.engine.guided import load_session, overrides_from

        try:
            data = load_session(path)
            sources = [_reopenable(str(s), path) for s in data.get("sources", [])]
            if not sources:
                raise NetriageError(f"{path}: the session names no capture to reopen")
        except NetriageError as error:
            self.report_error(error)
            return

        def walk(workspace: Workspace) -> None:
            try:
                target = workspace.target(str(data.get("device", "")), str(data.get("tree", "")))
            except NetriageError as error:
                self.report_error(error)
                return
            self.open_walk(target, dict(data.get("answers", {})), overrides_from(data),
                           int(data.get("position", 0)))

        self.open_capture(sources, then=walk)

    def save_session(self, walk: Any, target: WalkTarget) -> Path | None:
        assert self.workspace is not None
        path = userdirs.new_session_path(target.hostname, target.tree.id)
        try:
            sources = self.workspace.reopenable_sources(
                userdirs.captures_dir(create=True) / f"{path.stem}-live.log")
            walk.save(path, target.hostname, sources)
        except OSError as error:
            self.report_error(NetriageError(f"cannot save the session: {error}"))
            return None
        self.notify(f"Saved to {path}", title="Walkthrough saved")
        return path

    # -- app-wide actions -----------------------------------------------------------------
    async def action_quit(self) -> None:
        self.close_live()
        self.exit(0)

    def action_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]

    def get_system_commands(self, screen: Screen[Any]) -> Any:
        # Quit and Keys come from ACTIONS (one definition each); keep Textual's others.
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Keys"):
                yield command


def _reopenable(source: str, session: Path) -> str:
    """A session's capture as an absolute path. Sessions store absolute paths; one written
    before they did holds a path relative to a folder it does not name: the folder it was
    started from is unknown, so try the current one, then the session file's own."""
    path = Path(source).expanduser()
    if path.is_absolute() or path.exists():
        return str(path.resolve())
    beside = session.resolve().parent / path
    return str(beside if beside.exists() else path.resolve())


def run_app(paths: list[str], platform: str = "", resume: Path | None = None) -> int:
    """The one factory the CLI uses (tests build `NetriageApp` the same way)."""
    app = NetriageApp(paths, platform, resume=resume)
    try:
        app.run()
    finally:
        if app.live is not None:
            app.live.close()
    if os.environ.get(EXIT_ENV):  # a benchmark run: the terminal is restored, skip teardown
        sys.stderr.flush()
        os._exit(app.return_code or 0)
    return app.return_code or 0
