"""Collect one device: one session, the standard commands, streamed to its capture file.

Order: first prompt → pager off → `show version` (names the platform when none was given)
→ enable → the area commands → on an ASA pair the mate's outputs via `failover exec mate`
→ on a multi-context ASA each context in turn. Any error stops the device but keeps what is
on disk; the result says which command it stopped in.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from netriage.errors import NetriageError
from netriage.live.allowlist import check
from netriage.live.client import ConnectOptions, Credentials, open_connection
from netriage.live.commands import MATE_COMMANDS, split_for_contexts, standard_commands
from netriage.live.errors import LiveError
from netriage.live.redaction import Redactor
from netriage.live.session import CommandResult, ReadOnlySession
from netriage.live.sshconfig import resolve_target
from netriage.live.validate import check_spec
from netriage.live.writer import DeviceLog, LogNames, MateSink

ASA_LIKE = ("cisco_asa", "cisco_pix", "cisco_ftd")


@dataclass
class DeviceSpec:
    """A device to collect, from the command line or an inventory."""

    name: str  # as given: looked up in ~/.ssh/config, used in messages
    host: str = ""  # connect here instead of `name` (inventory `host:`)
    port: int | None = None
    username: str = ""
    platform: str = ""
    legacy: str = ""
    contexts: tuple[str, ...] = ()  # ASA multi-context: names, or ("all",)
    mate: bool = True


@dataclass
class CollectOptions:
    areas: tuple[str, ...] | None = None
    extra_commands: tuple[str, ...] = ()
    ssh_config: Path | None = None


@dataclass
class Progress:
    device: str
    stage: str  # connecting, command, done, failed
    index: int = 0
    total: int = 0
    command: str = ""
    error: str = ""


ProgressFn = Callable[[Progress], None]


@dataclass
class DeviceResult:
    spec: DeviceSpec
    hostname: str = ""
    platform: str = ""
    files: list[Path] = field(default_factory=list)
    collected: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    truncated: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: NetriageError | None = None
    login_seconds: float = 0.0
    seconds: float = 0.0
    commands_sent: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None


def _detect(hostname: str, version: CommandResult) -> str:
    from netriage.capture.detect import detect_platform
    from netriage.capture.model import Device, Entry

    device = Device(hostname=hostname or "ftd",
                    entries=[Entry(command="show version", output=version.output)])
    return detect_platform(device, prompts_without_host=not hostname)[0]


def mate_prompt(local_prompt: str, hostname: str, failover_output: str) -> str:
    """The prompt the mate would show, so the loader files its outputs as a second unit."""
    other = re.search(r"Other host:\s*(Primary|Secondary)\s*-\s*([\w ]+)", failover_output)
    if other:
        unit = "pri" if other.group(1) == "Primary" else "sec"
        role = "act" if other.group(2).strip().startswith("Active") else "stby"
    else:
        parts = local_prompt.rstrip("#>").split("/")  # the usual login: the active primary
        unit = "pri" if "sec" in parts else "sec"
        role = "act" if "stby" in parts else "stby"
    return f"{hostname or 'ftd'}/{unit}/{role}{local_prompt[-1:] or '#'}"


def _contexts_from(show_context: str) -> list[str]:
    names = []
    for line in show_context.splitlines():
        match = re.match(r"^\s*\*?([A-Za-z0-9][\w.\-]*)\s+\S+\s+", line)
        if match and match.group(1) not in ("Context", "Total"):
            names.append(match.group(1))
    return names


class _DeviceRun:
    def __init__(self, spec: DeviceSpec, credentials: Credentials, options: ConnectOptions,
                 collect: CollectOptions, *, names: LogNames, progress: ProgressFn,
                 ask_enable: Callable[[], str | None] | None) -> None:
        self.spec, self.credentials, self.options = spec, credentials, options
        self.collect, self.names, self.progress = collect, names, progress
        self.ask_enable = ask_enable
        self.result = DeviceResult(spec, platform=spec.platform)
        self.redactor = Redactor([credentials.password, credentials.enable_password],
                                 tokens=names.tokens)
        self.logs: list[DeviceLog] = []
        self.session: ReadOnlySession | None = None

    def new_log(self, stem: str, header: list[str], prompt: str | None = None,
                mate: bool = False) -> DeviceLog:
        path = self.names.claim(stem, self.spec.name)
        log = DeviceLog(path, self.redactor, header, prompt=prompt, mate=mate)
        self.logs.append(log)
        return log

    def run(self) -> DeviceResult:
        started = time.monotonic()
        self.progress(Progress(self.spec.name, "connecting"))
        try:
            self._collect()
        except NetriageError as exc:
            self.result.error = exc
        finally:
            if self.session is not None:
                self.result.commands_sent = len(self.session.state.commands_sent)
                self.session.close()
            for log in self.logs:
                log.close()
                if log.path.exists():
                    self.result.files.append(log.path)
                prefix = "mate: " if log.mate else ""
                self.result.collected += [prefix + c for c in log.written]
                self.result.rejected += [prefix + c for c in log.rejected]
                self.result.truncated += [prefix + c for c in log.truncated]
            self.result.seconds = time.monotonic() - started
        done = "done" if self.result.ok else "failed"
        self.progress(Progress(self.spec.name, done, error=str(self.result.error or "")))
        return self.result

    def _collect(self) -> None:
        spec, result = self.spec, self.result
        check_spec(spec, spec.name)  # before the ssh config lookup and any connection
        target = resolve_target(spec.host or spec.name, spec.port,
                                spec.username or self.credentials.username,
                                self.collect.ssh_config)
        if not target.username:
            raise NetriageError(f"{spec.name}: no username (use --username, a User line in "
                                "~/.ssh/config, or username: in the inventory)")
        if target.name != spec.name:
            target.name = spec.name
        credentials = Credentials(target.username, self.credentials.password,
                                  self.credentials.enable_password)
        options = replace(self.options, platform=spec.platform or self.options.platform,
                          legacy=spec.legacy or self.options.legacy)
        # Refuse a bad --command before touching the network (with no platform yet, against
        # every platform's rules; again once `show version` has named it).
        for extra in self.collect.extra_commands:
            check(extra, options.platform)
        commands = standard_commands(options.platform, self.collect.areas,
                                     self.collect.extra_commands) if options.platform else []
        t0 = time.monotonic()
        conn = open_connection(target, credentials, options)
        session = self.session = ReadOnlySession(
            conn, target.label, platform=options.platform, read_timeout=options.read_timeout,
            enable_password=credentials.enable_password, ask_enable=self.ask_enable)
        session.prepare()
        result.login_seconds = time.monotonic() - t0
        result.hostname = session.state.hostname
        header = [f"netriage collect: {spec.name} via {target.hostname}:{target.port}"
                  f" as {target.username}; read-only session"]
        log = self.new_log(session.state.hostname or spec.name, header)
        if session.state.platform:
            session.disable_paging()
        version = session.run("show version", log)
        if not session.state.platform:
            detected = _detect(session.state.hostname, version)
            if not detected:
                raise NetriageError(f"{target.label}: `show version` names no platform I know;"
                                    " give --platform")
            session.set_platform(detected)
            session.disable_paging()
        result.platform = platform = session.state.platform
        if not commands:
            commands = standard_commands(platform, self.collect.areas,
                                         self.collect.extra_commands)
        session.enable()
        if not session.state.paging_off:
            session.disable_paging()  # again: some images only take it in privileged EXEC
        self._run_commands(commands, log)

    def _run_commands(self, commands: list[str], log: DeviceLog) -> None:
        session, spec = self.session, self.spec
        assert session is not None
        platform = session.state.platform
        total = len(commands)
        outputs: dict[str, str] = {}
        contexts = list(spec.contexts) if platform == "cisco_asa" else []
        system_cmds, context_cmds = (split_for_contexts(platform, commands) if contexts
                                     else (commands, []))
        for index, command in enumerate(system_cmds[1:], 2):  # show version already ran
            self.progress(Progress(spec.name, "command", index, total, command))
            outputs[command] = session.run(command, log).output
        failover = outputs.get("show failover", "")
        if spec.mate and platform in ASA_LIKE and re.search(r"^Failover On", failover, re.M):
            self._collect_mate(failover)
        if contexts:
            self._collect_contexts(contexts, context_cmds, log.header)

    def _collect_mate(self, failover: str) -> None:
        session = self.session
        assert session is not None
        state = session.state
        prompt = mate_prompt(state.prompt, state.hostname, failover)
        session.enter_diagnostic_cli()  # FTD only; a no-op elsewhere
        log = self.new_log(prompt.rsplit("/", 1)[0].replace("/", "_"),
                           [f"netriage collect: mate of {self.spec.name} via "
                            "`failover exec mate` on the session above"], prompt=prompt,
                           mate=True)
        for command in MATE_COMMANDS:
            self.progress(Progress(self.spec.name, "command", command=f"mate: {command}"))
            session.run(f"failover exec mate {command}", MateSink(log, command))
            if not log.written:  # the mate did not answer the first command: stop asking
                self.result.notes.append("the failover mate did not answer "
                                         "`failover exec mate`; mate outputs not collected")
                return

    def _collect_contexts(self, contexts: list[str], commands: list[str],
                          header: list[str]) -> None:
        session = self.session
        assert session is not None
        if contexts == ["all"]:
            contexts = _contexts_from(session.run("show context").output)
        for context in contexts:
            session.changeto(context)
            log = self.new_log(f"{session.state.hostname}.{context}", header)
            for command in commands:
                self.progress(Progress(self.spec.name, "command", command=f"{context}: "
                                       f"{command}"))
                session.run(command, log)
        session.changeto("system")


def collect_device(spec: DeviceSpec, credentials: Credentials, options: ConnectOptions,
                   collect: CollectOptions, out_dir: Path, *, names: LogNames | None = None,
                   progress: ProgressFn | None = None,
                   ask_enable: Callable[[], str | None] | None = None) -> DeviceResult:
    """Collect one device into `out_dir`; errors are returned in the result, not raised."""
    run = _DeviceRun(spec, credentials, options, collect, names=names or LogNames(out_dir),
                     progress=progress or (lambda _p: None), ask_enable=ask_enable)
    return run.run()


__all__ = ["CollectOptions", "DeviceResult", "DeviceSpec", "LiveError", "Progress",
           "collect_device", "mate_prompt"]
