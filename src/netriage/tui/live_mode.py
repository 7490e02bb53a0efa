"""The app's live-mode actions: connect, run a missing command now, trust a host key.

A mixin of `NetriageApp` (not an object holding the app): the blocking parts run as the
app's jobs (thread workers), the session itself is behind `live_bridge`'s small interface.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.worker import get_current_worker

from netriage.errors import NetriageError

if TYPE_CHECKING:
    from netriage.tui.live_bridge import ConnectTarget, LiveOutput, LiveSession
    from netriage.tui.workspace import Workspace


def joined(workspace: Workspace, session: LiveSession, hostname: str,
           command: str) -> tuple[Workspace | None, LiveOutput]:
    """Send `command` (blocking: a worker) and, unless the device refused it, the workspace
    with its output (partial and marked when the session dropped mid-output)."""
    from netriage.tui.live_bridge import send

    output = send(session, command)
    if output.rejected:
        return None, output
    return workspace.with_output(hostname, command, output.output, output.cut_short), output


class LiveMode:
    live: LiveSession | None
    live_options: dict[str, Any]
    workspace: Workspace | None

    def connect_device(self: Any, target: ConnectTarget,
                       run_on: tuple[str, str] | None = None) -> None:
        """Connect and collect the first commands into a new capture; or, with `run_on`
        (hostname in the open capture, command), run only that command and join it."""
        from netriage.tui.live_bridge import collect, connect, first_commands
        from netriage.tui.workspace import Workspace

        workspace = self.workspace

        def work() -> tuple[LiveSession, Workspace | None, LiveOutput | None]:
            session = connect(target, self.ask_host_key, **self.live_options)
            if run_on is not None and workspace is not None:
                return (session, *joined(workspace, session, *run_on))
            worker = get_current_worker()
            capture = collect(session, first_commands(session.platform),
                              progress=lambda i, n, c: self.call_from_thread(
                                  self.set_busy, f"{target.host}: {c} ({i + 1}/{n})…"),
                              cancelled=lambda: worker.is_cancelled)
            return session, Workspace.from_capture(capture, capture.sources), None

        def done(result: tuple[LiveSession, Workspace | None, LiveOutput | None]) -> None:
            self.close_live()
            self.live, workspace, output = result
            if run_on is not None and output is not None:
                self.live_output_done(run_on[0], output, workspace)
            elif workspace is not None:
                self.show_workspace(workspace)
                for note in workspace.capture.skipped:
                    if note.startswith("live:"):
                        self.notify(note.partition(": ")[2], severity="warning", timeout=10)

        self.start_job(work, f"Connecting to {target.host}…", done)

    def run_now(self: Any, hostname: str, command: str) -> None:
        """Run a missing command on the device and join its output to the capture."""
        from netriage.tui.live_bridge import check_allowed

        try:
            platform = self.workspace.device(hostname).device.platform if self.workspace else ""
            check_allowed(command, platform)
        except NetriageError as error:
            self.report_error(error)
            return
        session = self.live
        if session is None:
            self.notify("Live mode needs a connection to the device: connect first (the "
                        "connect screen opens now), or open a capture that has "
                        f"`{command}`.", severity="warning", timeout=8)
            self.ask_connect(hostname, command)
            return
        workspace = self.workspace
        assert workspace is not None

        def done(result: tuple[Workspace | None, LiveOutput]) -> None:
            self.live_output_done(hostname, result[1], result[0])

        self.start_job(lambda: joined(workspace, session, hostname, command),
                       f"Running `{command}` on {hostname}…", done)

    def live_output_done(self: Any, hostname: str, output: LiveOutput,
                         updated: Workspace | None) -> None:
        """Say what became of a command sent live: only an output the device accepted is
        announced as joined; a refusal is an error with the device's own words."""
        if output.rejected:
            self.notify(f"`{output.command}` was rejected by {hostname}: {output.rejected} "
                        "(nothing was added to the capture)", title=hostname, severity="error",
                        timeout=12)
            return
        if updated is not None:
            self.workspace_updated(updated)
        if output.cut_short:
            self.notify(f"`{output.command}` was cut short ({output.cut_short}): the partial "
                        "output joined the capture, marked as truncated, and is read as "
                        "partial. Connect again to run more.", title=hostname,
                        severity="warning", timeout=12)
            self.close_live()  # the session is gone: the next run asks to connect again
            return
        self.notify(f"`{output.command}` joined the capture", title=hostname)

    def ask_connect(self: Any, hostname: str, command: str) -> None:
        from netriage.tui.screens.connect import ConnectScreen

        device = self.workspace.device(hostname).device if self.workspace else None

        def connected(target: ConnectTarget | None) -> None:
            if target is not None:
                self.connect_device(target, run_on=(hostname, command))

        self.push_screen(ConnectScreen(hostname, device.platform if device else ""), connected)

    def ask_host_key(self: Any, host: str, key_type: str, fingerprint: str) -> bool:
        """Asked from the connecting thread: the answer comes from a modal on the UI."""
        from netriage.tui.screens.modals import ConfirmScreen

        answer: list[bool] = []
        done = threading.Event()

        def reply(yes: bool | None) -> None:
            answer.append(bool(yes))
            done.set()

        question = Content.assemble("Trust the host key of ", (host, "bold"), "?")
        detail = (f"{key_type} {fingerprint}\nCompare it with the device's own fingerprint "
                  "first. A trusted key is saved to known_hosts.")
        self.call_from_thread(self.push_screen, ConfirmScreen(question, detail), reply)
        done.wait(timeout=600)
        return bool(answer and answer[0])

    def close_live(self: Any) -> None:
        session, self.live = self.live, None
        if session is not None:
            try:
                session.close()
            except (NetriageError, OSError) as error:
                self.report_error(error)
