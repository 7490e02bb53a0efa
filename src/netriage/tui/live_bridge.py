"""Live mode as the TUI sees it: one small interface, whatever provides the session.

A *session* is anything with `run_command(command) -> str` (plus `hostname`, `platform` and
`close()` when it has them). The live SSH package (`netriage.live`) or the simulated device
(`netriage.lab`) provide real ones; the TUI only ever calls `run_command` from a worker
thread, after checking the command against the read-only allow-list here.

Wiring: when `netriage.live` is installed, `connect` opens a read-only session with it
(`live.sshconfig.resolve_target`, `live.client.open_connection`, `live.session.
ReadOnlySession`: prompts, enable, pager); without it, `connect` raises a clear NetriageError
and "run now" tells the user that live mode needs a connection. Commands are checked against
`netriage.live.allowlist`, the same list the SSH channel enforces.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from netriage.errors import NetriageError
from netriage.tui.live_probe import live_available

if TYPE_CHECKING:  # the core loads with the first connection, not with the first frame
    from netriage.capture import Capture

class LiveSession(Protocol):
    hostname: str
    platform: str

    def run_command(self, command: str) -> str: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class LiveOutput:
    """What one command sent live came back as: its output, or the device's refusal, or
    the lines that arrived before the session dropped."""

    command: str
    output: str
    rejected: str = ""  # the device's own line(s) refusing it (`% Invalid input ...`)
    cut_short: str = ""  # why the output stopped early (the session dropped): partial

    @property
    def accepted(self) -> bool:
        return not self.rejected


_CARET = re.compile(r"^\s*\^\s*$")


def classify(command: str, output: str) -> LiveOutput:
    """An output is a refusal when its first lines are the device's error (the test the
    collector uses: `live.session.REJECTED` within four lines), or when every line of a
    short answer is a `%` message or `^` marker (`% netriage lab: ... did not record`,
    `%Error ...`): an error line is never an output to join and parse."""
    from netriage.live.session import REJECTED

    head = output.strip("\n").split("\n")
    said_only = [line.strip() for line in head if line.strip() and not _CARET.match(line)]
    errors_only = bool(said_only) and all(
        line.startswith(("%", "ERROR: %")) for line in said_only)
    if len(head) <= 4 and (REJECTED.search("\n".join(head)) or errors_only):
        said = [line.strip() for line in head if line.strip() and line.strip() != "^"]
        said = [line for line in said if "%" in line or "ERROR" in line] or said
        return LiveOutput(command, output, rejected=" ".join(said))
    return LiveOutput(command, output)


@dataclass
class CommandSession:
    """A session made of a `run_command` callable, checked against the allow-list.

    `run` returns the output text, or a `LiveOutput` when it knows more (a refusal, a cut)."""

    hostname: str
    platform: str
    run: Callable[[str], Any]
    closer: Callable[[], Any] | None = None

    def run_command(self, command: str) -> str:
        return self.send(command).output

    def send(self, command: str) -> LiveOutput:
        """Run one allowed command: what came back, refusals and cuts told apart."""
        check_allowed(command, self.platform)
        result = self.run(command)
        if isinstance(result, LiveOutput):
            return result if result.rejected or result.cut_short else classify(
                command, result.output)
        return classify(command, result if isinstance(result, str) else result.output)

    def close(self) -> None:
        if self.closer is not None:
            self.closer()


@dataclass(frozen=True)
class ConnectTarget:
    host: str
    username: str = ""
    platform: str = ""
    port: int | None = None  # None: from ~/.ssh/config, else 22
    password: str = field(default="", repr=False)
    enable_password: str = field(default="", repr=False)


AskHostKey = Callable[[str, str, str], bool]  # (host, key type, fingerprint) -> trust it?


def check_allowed(command: str, platform: str = "") -> None:
    """The one read-only allow-list, the same the SSH channel enforces (never a copy)."""
    from netriage.live.allowlist import check

    check(command, platform)  # CommandRefusedError is a NetriageError


def is_allowed(command: str, platform: str = "") -> bool:
    from netriage.live.allowlist import is_allowed as allowed

    return allowed(command, platform)


def split_host_port(text: str) -> tuple[str, int | None]:
    """`host`, `host:2222`, `[2001:db8::1]:2222` or a bare IPv6 address."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        host, _sep, rest = text[1:].partition("]")
        port = rest.removeprefix(":")
        return host, int(port) if port.isdigit() else None
    host, sep, port = text.rpartition(":")
    if sep and ":" not in host and port.isdigit():
        return host, int(port)
    return text, None


def as_session(obj: Any, hostname: str = "", platform: str = "") -> CommandSession:
    """Adapt what a live package returns (or a bare callable) to a `CommandSession`."""
    run = getattr(obj, "run_command", None) or getattr(obj, "send_command", None)
    if run is None and callable(obj):
        run = obj
    if run is None:
        raise NetriageError("the live session offers no run_command(); cannot use it")
    return CommandSession(hostname=getattr(obj, "hostname", "") or hostname,
                          platform=getattr(obj, "platform", "") or platform, run=run,
                          closer=getattr(obj, "close", None))


def connect(target: ConnectTarget, ask_host_key: AskHostKey | None = None,
            **options: Any) -> CommandSession:
    """Open a read-only live session (blocking: call it from a worker thread).

    `ask_host_key` is asked about a host key not yet known; `options` override
    `live.client.ConnectOptions` fields (tests pass timeouts and a known_hosts file)."""
    if not live_available():
        raise NetriageError("live mode needs the netriage.live package, which this install "
                            "does not have; open a capture file instead")
    from netriage.live.client import ConnectOptions, Credentials, open_connection
    from netriage.live.session import ReadOnlySession
    from netriage.live.sshconfig import resolve_target

    where = resolve_target(target.host, target.port, target.username or None)
    if not where.username:
        raise NetriageError(f"{target.host}: which user? Type one, or add a User line to "
                            "~/.ssh/config")
    credentials = Credentials(where.username, target.password or None,
                              target.enable_password or None)
    settings = ConnectOptions(**{"platform": target.platform, "ask_host_key": ask_host_key,
                                 **options})
    session = ReadOnlySession(open_connection(where, credentials, settings), where.label,
                              platform=target.platform, read_timeout=settings.read_timeout,
                              enable_password=credentials.enable_password)
    try:
        session.prepare()
        if not session.state.platform:
            # set_platform: the wire guard on the channel then applies this platform's rules
            session.set_platform(_detect(session.state.hostname,
                                         session.run("show version").output))
        session.disable_paging()
        session.enable()
        if not session.state.paging_off:
            session.disable_paging()
    except BaseException:
        session.close()
        raise
    return CommandSession(hostname=session.state.hostname or target.host,
                          platform=session.state.platform,
                          run=lambda command: send_keeping_partial(session, command),
                          closer=session.close)


class _Lines:
    """A `live.session.Sink` that keeps each line as it arrives: when the session drops
    mid-output, these are all that came, and they are kept (marked), never thrown away."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def begin(self, prompt: str, command: str) -> None:
        self.lines = []

    def line(self, text: str) -> None:
        self.lines.append(text)

    def end(self, complete: bool, why: str = "") -> None:
        pass


def send_keeping_partial(session: Any, command: str) -> LiveOutput:
    """`session.run(command)` on a `live.session.ReadOnlySession`; a drop or stall after
    some lines arrived gives those lines as a cut-short output instead of an error."""
    from netriage.live.errors import DeviceTimeoutError, SessionDroppedError

    sink = _Lines()
    try:
        result = session.run(command, sink)
    except (SessionDroppedError, DeviceTimeoutError) as error:
        while sink.lines and not sink.lines[-1].strip():
            sink.lines.pop()
        if not sink.lines:
            raise
        why = ("the session dropped" if isinstance(error, SessionDroppedError)
               else "the device stopped sending")
        return LiveOutput(command, "\n".join(sink.lines), cut_short=why)
    if result.rejected:
        return classify(command, result.output)
    return LiveOutput(command, result.output)


def _detect(hostname: str, show_version: str) -> str:
    from netriage.capture import Device, Entry
    from netriage.capture.detect import detect_platform

    device = Device(hostname=hostname or "device", entries=[
        Entry(command="show version", output=show_version, typed="show version")])
    platform, _reason = detect_platform(device)
    if not platform:
        raise NetriageError("`show version` names no platform netriage knows; pick the "
                            "platform in the connect form")
    return platform


def first_commands(platform: str) -> list[str]:
    """What to collect right after connecting: the live package's standard set for the
    platform (what `netriage collect` runs); without it, `show version` and every allowed
    command the trees for this platform read."""
    from netriage.engine.tree import load_trees
    from netriage.platforms import get_platform

    try:
        from netriage.live.commands import standard_commands
    except ImportError:
        standard_commands = None
    if standard_commands is not None and platform:
        return standard_commands(platform)
    commands = ["show version"]
    tag = get_platform(platform).tag if platform else ""
    for tree in load_trees():
        if tag and tree.platforms and tag not in tree.platforms:
            continue
        commands += list(tree.requires)
        for node in tree.nodes.values():
            commands += list(node.needs) + [rule.command for rule in node.evidence]
    return [c for c in dict.fromkeys(commands) if is_allowed(c, platform)]


def collect(session: LiveSession, commands: list[str],
            progress: Callable[[int, int, str], None] = lambda *_: None,
            cancelled: Callable[[], bool] = lambda: False) -> Capture:
    """Run `commands` one by one into a new capture (blocking: a worker thread)."""
    from netriage.capture import Capture, Device, Entry
    from netriage.capture.detect import detect_platform, detect_version
    from netriage.parsing.marks import cut_short_line

    device = Device(hostname=session.hostname or "device", platform=session.platform,
                    platform_reason="connection" if session.platform else "")
    source = f"live:{device.hostname}"
    notes: list[str] = []  # said in the overview (`Not parsed`), never taken as outputs
    for index, command in enumerate(commands):
        if cancelled():
            break
        progress(index, len(commands), command)
        result = send(session, command)
        if result.rejected:  # the device's error is not this command's output
            notes.append(f"{source}: `{command}` refused by the device: {result.rejected}")
            continue
        output = result.output.rstrip("\n")
        if result.cut_short:  # marked as `netriage collect` marks it: read as partial
            output = (output + "\n" if output else "") + cut_short_line(result.cut_short)
            notes.append(f"{source}: `{command}` cut short ({result.cut_short}): the partial "
                         "output is kept and marked; the commands after it were not run")
        device.entries.append(Entry(command=command, output=output, typed=command,
                                    prompt=f"{device.hostname}#", source=source,
                                    truncated=bool(result.cut_short)))
        if result.cut_short:
            break
    if not device.platform:
        device.platform, device.platform_reason = detect_platform(device)
    device.version = detect_version(device)
    return Capture(sources=[source], devices=[device], skipped=notes)


def send(session: LiveSession, command: str) -> LiveOutput:
    """One command on any live session: its `send` when it has one, else its text read."""
    sender = getattr(session, "send", None)
    if callable(sender):
        return sender(command)
    check_allowed(command, getattr(session, "platform", ""))
    return classify(command, session.run_command(command))
