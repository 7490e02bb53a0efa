"""One read-only CLI session on a device: prompts, enable, pager, and commands, streamed.

netmiko opened the shell and guards every write (see `live.client`); this module reads. It
waits on the channel (no polling interval to pay per command), cuts the echo, hands each
complete output line to a sink as soon as it arrives, and knows a command is done when the
device's prompt comes back. The prompt is matched on the hostname plus any `/`-suffixes, so
`fw/pri/act#` turning into `fw/pri/stby#` after a failover, or `fw/ctx1#` after `changeto`,
still ends the output; the new prompt is adopted.
"""

from __future__ import annotations

import contextlib
import re
import select
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from netriage.capture.debris import replay_line
from netriage.live.allowlist import FTD, check
from netriage.live.errors import (
    DeviceTimeoutError,
    EnableRefusedError,
    LiveError,
    SessionDroppedError,
)

_ANY_PROMPT = re.compile(r"^(?P<prompt>(?:[A-Za-z0-9][\w.\-]*(?:/[\w.\-]+)*)?"
                         r"(?:\([\w.\-]+\))?[>#]) ?$")
_PASSWORD = re.compile(r"(?:^|\n)\s*Password: ?$", re.IGNORECASE)
_PAGER = re.compile(r"(?:<-+ ?More ?-+>|-+ ?More ?-+)\s*$", re.IGNORECASE)
# The simulated device answers a valid command its recording lacks with its own line (a
# trainee must not read `% Invalid input` for a correct command): no output either, so the
# collector leaves that command out like one the device refused.
REJECTED = re.compile(r"(?:^|\n)(?:ERROR: )?% ?(?:Invalid input|Incomplete command|"
                       r"Ambiguous command|Unrecognized command|Unknown command|"
                       r"Invalid command|netriage lab: this \S+ did not record)",
                      re.IGNORECASE)
_ENABLE_FAILED = re.compile(r"Invalid password|Access denied|Bad secrets|% Error in authentication",
                            re.IGNORECASE)
_FIRST_PROMPT_NUDGE = 2.0  # seconds of silence after login before we press Enter once


def _short_why(exc: LiveError) -> str:
    """A few words for the capture's "cut short" mark: which kind of failure ended it."""
    if isinstance(exc, SessionDroppedError):
        return "the session dropped"
    if isinstance(exc, DeviceTimeoutError):
        return "the device stopped sending"
    return exc.__class__.__name__


class Sink(Protocol):
    """Receives a command's output as it arrives (see `live.writer.DeviceLog`)."""

    def begin(self, prompt: str, command: str) -> None: ...
    def line(self, text: str) -> None: ...
    def end(self, complete: bool, why: str = "") -> None: ...


@dataclass
class CommandResult:
    command: str
    prompt: str  # the prompt the command was typed at
    output: str
    elapsed: float
    complete: bool = True

    @property
    def rejected(self) -> bool:
        """The device did not accept the command (it is not recorded as output)."""
        head = "\n".join(self.output.splitlines()[:4])
        return len(self.output.splitlines()) <= 4 and bool(REJECTED.search(head))


@dataclass
class SessionState:
    hostname: str = ""  # prompt hostname without suffixes; "" for FTD's bare `>`
    prompt: str = ""  # the whole current prompt, e.g. fw/pri/act#
    platform: str = ""
    in_diagnostic_cli: bool = False
    paging_off: bool = False
    commands_sent: list[str] = field(default_factory=list)


class ReadOnlySession:
    def __init__(self, conn: Any, label: str, *, platform: str = "", read_timeout: float = 60.0,
                 enable_password: str | None = None,
                 ask_enable: Callable[[], str | None] | None = None) -> None:
        self.conn = conn
        self.label = label
        self.read_timeout = read_timeout
        self.state = SessionState(platform=platform)
        self._enable_password = enable_password
        self._ask_enable = ask_enable
        self._lock = threading.Lock()  # one exchange at a time (the keepalive thread too)
        self._last_activity = time.monotonic()
        self._keepalive_stop = threading.Event()

    # -- reading ------------------------------------------------------------------------
    @property
    def channel(self) -> Any:
        return self.conn.remote_conn

    def _closed(self) -> bool:
        channel = self.channel
        if channel is None or channel.closed or channel.eof_received:
            return True
        transport = channel.get_transport()
        return transport is None or not transport.is_active()

    def _read(self) -> str:
        try:
            data = self.conn.read_channel()
        except Exception as exc:  # netmiko's ReadException, socket errors on a dead transport
            if self._closed():
                return ""
            raise SessionDroppedError(f"reading from the device failed: {exc}",
                                      self.label) from None
        if data:
            self._last_activity = time.monotonic()
        return data

    def _read_until(self, done: Callable[[str], bool], on_data: Callable[[str], None] | None,
                    what: str) -> str:
        """Read until `done(buffer)`; silence longer than read_timeout is a stall."""
        buffer = ""
        deadline = time.monotonic() + self.read_timeout
        while True:
            data = self._read()
            if data:
                buffer = self._answer_pager(buffer + data)
                deadline = time.monotonic() + self.read_timeout
                if on_data:
                    on_data(buffer)
                if done(buffer):
                    return buffer
                continue
            if self._closed():
                raise SessionDroppedError(f"the device closed the session during {what}",
                                          self.label)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DeviceTimeoutError(f"no output for {self.read_timeout:g} s during {what}; "
                                         "the device stalled or the path dropped", self.label)
            # paramiko channels are selectable: wake the moment data arrives.
            select.select([self.channel], [], [], min(remaining, 0.25))

    def _answer_pager(self, buffer: str) -> str:
        """A pager prompt means paging is still on: page on with a space, drop the prompt."""
        match = _PAGER.search(buffer)
        if match:
            self.conn.write_channel(" ")
            buffer = buffer[:match.start()]
        return buffer

    def _prompt_pattern(self) -> re.Pattern[str]:
        host = re.escape(self.state.hostname)
        name = rf"{host}(?:/[\w.\-]+)*" if host else ""
        return re.compile(rf"^(?P<prompt>{name}(?:\([\w.\-]+\))?[>#]) ?$")

    def _tail_prompt(self, buffer: str, pattern: re.Pattern[str] | None = None) -> str | None:
        tail = replay_line(buffer.rsplit("\n", 1)[-1])
        match = (pattern or self._prompt_pattern()).match(tail)
        return match.group("prompt") if match else None

    def _adopt_prompt(self, prompt: str) -> None:
        self.state.prompt = prompt
        match = re.match(r"^([A-Za-z0-9][\w.\-]*)", prompt)
        self.state.hostname = match.group(1) if match else ""

    # -- session setup ------------------------------------------------------------------
    def set_platform(self, platform: str) -> None:
        """Name the platform once known (after `show version`): the allow-list check here
        and the wire guard on the connection then apply that platform's rules only."""
        self.state.platform = platform
        self.conn.netriage_platform = platform

    def prepare(self) -> None:
        """Wait for the first prompt (after any banner), then learn the hostname from it."""
        nudged = False
        start = time.monotonic()
        buffer = ""
        while True:
            buffer += self._read()
            prompt = self._tail_prompt(buffer, _ANY_PROMPT)
            if prompt:
                break
            if self._closed():
                raise SessionDroppedError("the device closed the session right after login",
                                     self.label)
            waited = time.monotonic() - start
            if not nudged and waited > min(_FIRST_PROMPT_NUDGE, self.read_timeout / 2):
                self.conn.write_channel("\n")  # some devices only draw a prompt after Enter
                nudged = True
            if waited > self.read_timeout:
                raise DeviceTimeoutError(f"no prompt within {self.read_timeout:g} s after login",
                                    self.label)
            select.select([self.channel], [], [], 0.1)
        self._adopt_prompt(prompt)
        if not self.state.platform and prompt == ">":
            self.set_platform(FTD)  # only FTD's CLI has a bare `>` prompt

    def disable_paging(self) -> None:
        platform = self.state.platform
        if platform == FTD and not self.state.in_diagnostic_cli:
            self.state.paging_off = True  # FTD's CLI has no pager setting; we page on instead
            return
        if platform in ("cisco_ios", "cisco_xe"):
            result = self.exchange("terminal length 0")
            self.exchange("terminal width 511")
        else:
            result = self.exchange("terminal pager 0")
        self.state.paging_off = not result.rejected

    def enable(self) -> None:
        """Reach privileged EXEC (`#`); EnableRefusedError when the device will not have us."""
        if self.state.prompt.endswith("#"):
            return
        if self.state.platform == FTD and not self.state.in_diagnostic_cli:
            return  # FTD's `>` CLI has no enable; its show commands work as they are
        with self._lock:
            self._write("enable")
            buffer = self._read_until(self._password_or_prompt, None, "enable")
            if _PASSWORD.search(buffer):
                secret = self._secret_for_enable()
                self.conn.armed_secret = secret
                try:
                    self.conn.write_channel(secret + "\n")
                finally:
                    self.conn.armed_secret = None
                buffer = self._read_until(self._password_or_prompt, None, "enable")
                if _PASSWORD.search(buffer) or _ENABLE_FAILED.search(buffer):
                    raise EnableRefusedError("the enable password was refused", self.label)
        prompt = self._tail_prompt(buffer)
        if prompt:
            self._adopt_prompt(prompt)
        if not self.state.prompt.endswith("#"):
            raise EnableRefusedError(f"still at {self.state.prompt!r} after enable: privilege "
                                "not granted", self.label)

    def _secret_for_enable(self) -> str:
        if self.state.in_diagnostic_cli:
            return ""  # FTD's diagnostic CLI enable password is empty (as netmiko's driver)
        if self._enable_password is not None:
            return self._enable_password
        if self._ask_enable is not None:
            answer = self._ask_enable()
            if answer is not None:
                return answer
        raise EnableRefusedError("the device asks for an enable password: set "
                            "NETRIAGE_ENABLE_PASSWORD (or run interactively to be asked)",
                            self.label)

    def _password_or_prompt(self, buffer: str) -> bool:
        return bool(_PASSWORD.search(buffer)) or self._tail_prompt(buffer) is not None

    def enter_diagnostic_cli(self) -> None:
        """FTD: `system support diagnostic-cli`, then enable, then no pager."""
        if self.state.platform != FTD or self.state.in_diagnostic_cli:
            return
        with self._lock:
            self._write("system support diagnostic-cli")
            buffer = self._read_until(lambda b: self._tail_prompt(b, _ANY_PROMPT) is not None,
                                      None, "system support diagnostic-cli")
        self._adopt_prompt(self._tail_prompt(buffer, _ANY_PROMPT) or ">")
        self.state.in_diagnostic_cli = True
        self.enable()
        self.disable_paging()

    def changeto(self, context: str) -> None:
        command = "changeto system" if context == "system" else f"changeto context {context}"
        result = self.exchange(command)
        if result.rejected:
            raise LiveError(f"{command!r} was refused by the device: {result.output.strip()}",
                            self.label)

    # -- commands -----------------------------------------------------------------------
    def _write(self, command: str) -> None:
        self.conn.write_channel(command + "\n")
        self.state.commands_sent.append(command)

    def exchange(self, command: str) -> CommandResult:
        """Run a session command whose output is not recorded (pager, changeto)."""
        return self.run(command, None)

    def run(self, command: str, sink: Sink | None = None) -> CommandResult:
        """Run one allowed command; its output lines go to `sink` as they arrive."""
        allowed = check(command, self.state.platform).command  # refuse before the lock
        with self._lock:
            return self._run_locked(allowed, sink)

    def _run_locked(self, command: str, sink: Sink | None) -> CommandResult:
        prompt_before = self.state.prompt
        started = time.monotonic()
        emitted = 0  # characters of the buffer already handed to the sink
        echo_end: int | None = None
        lines: list[str] = []

        def stream(buffer: str) -> None:
            nonlocal emitted, echo_end
            if echo_end is None:
                newline = buffer.find("\n")
                if newline < 0:
                    return
                echo_end = emitted = newline + 1
            last = buffer.rfind("\n")
            if last + 1 > emitted:
                for raw in buffer[emitted:last].split("\n"):
                    text = replay_line(raw).rstrip()  # what the terminal showed
                    lines.append(text)
                    if sink:
                        sink.line(text)
                emitted = last + 1

        if sink:
            sink.begin(prompt_before, command)
        self._write(command)
        try:
            buffer = self._read_until(self._ends_with_prompt, stream, f"`{command}`")
        except LiveError as exc:
            if sink:
                sink.end(complete=False, why=_short_why(exc))
            raise
        stream(buffer)
        prompt = self._tail_prompt(buffer) or prompt_before
        self._adopt_prompt(prompt)
        if sink:
            sink.end(complete=True)
        while lines and not lines[-1].strip():
            lines.pop()
        return CommandResult(command, prompt_before, "\n".join(lines),
                             time.monotonic() - started)

    def _ends_with_prompt(self, buffer: str) -> bool:
        # The prompt that ends the output comes after the echo line, never on it.
        return "\n" in buffer and self._tail_prompt(buffer) is not None

    # -- idle keepalive -----------------------------------------------------------------
    def keepalive_if_idle(self, idle: float) -> bool:
        """Press Enter when nothing was exchanged for `idle` seconds.

        SSH keepalives do not reset a device's exec-timeout (only typed input does), so an
        interactive session left open in the TUI sends an empty line now and then.
        """
        if time.monotonic() - self._last_activity < idle or not self._lock.acquire(False):
            return False
        try:
            self.conn.write_channel("\n")
            self._read_until(self._ends_with_prompt, None, "a keepalive Enter")
        finally:
            self._lock.release()
        return True

    def start_keepalive(self, idle: float = 120.0) -> threading.Thread:
        def loop() -> None:
            while not self._keepalive_stop.wait(min(idle / 4, 30.0)):
                try:
                    self.keepalive_if_idle(idle)
                except LiveError:
                    return

        thread = threading.Thread(target=loop, name=f"keepalive {self.label}", daemon=True)
        thread.start()
        return thread

    def close(self) -> None:
        self._keepalive_stop.set()
        with contextlib.suppress(Exception):  # closing a dead session must not hide the error
            self.conn.disconnect()
