"""The CLI of one captured device, as a state machine: a typed line in, what it prints out.

No sockets here (`lab.server` carries the bytes), so the behaviour is easy to test and to
read: prompt with failover suffix, login banner, enable with its password prompt, pager on
until `terminal pager 0` / `terminal length 0`, recorded commands answered (abbreviations
resolved as the device would, filters applied), `changeto` between recorded contexts,
`failover exec mate` answered from the mate's recording, FTD's `>` CLI and its diagnostic
CLI, and the fault knobs that count answered commands.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from netriage.capture.commands import resolve
from netriage.capture.model import Capture, Device, Entry
from netriage.lab.filters import apply_filter
from netriage.platforms import get_platform

_FAILOVER_WORDS = {"pri", "sec", "act", "stby"}


@dataclass
class LabConfig:
    username: str
    password: str
    enable_password: str | None = None  # None: the session starts privileged (`#`)
    latency: float = 0.0  # seconds before each command's output
    drop_after: int | None = None  # answer N commands, then drop halfway through the next
    stall_after: int | None = None  # answer N commands, then never answer again
    failover_after: int | None = None  # after N commands the unit changes role (act <-> stby)
    slow_banner: float = 0.0  # seconds before the SSH banner
    new_host_key: bool = False  # present a freshly generated host key
    legacy_only: bool = False  # offer only SHA-1 algorithms, like ASA 8.x (then hang up)
    hostname: str = ""  # rename the device (several lab devices from one capture)
    recording: str = "capture"  # what is served, as the not-recorded line names it
    device: str = ""  # which device of the capture to be (default: the first)
    page_lines: int = 24


@dataclass
class Reply:
    text: str = ""
    kind: str = "output"  # output | password | close | drop | stall
    paged: bool = False  # subject to the pager
    slow: bool = True  # the latency applies


@dataclass
class _Index:
    by_command: dict[tuple[str, str, str], str] = field(default_factory=dict)

    def add(self, context: str, entry: Entry) -> None:
        self.by_command[(context, entry.command, entry.filter)] = entry.output

    def find(self, context: str, command: str, filter_: str) -> str | None:
        exact = self.by_command.get((context, command, filter_))
        if exact is not None or not filter_:
            return exact
        whole = self.by_command.get((context, command, ""))
        return None if whole is None else apply_filter(whole, filter_)

    def commands(self, context: str) -> list[str]:
        return [c for (ctx, c, _f) in self.by_command if ctx == context]


def _split_prompt(prompt: str) -> tuple[str, str, str]:
    """(hostname, failover role, context) of a recorded prompt such as fw/pri/act#."""
    bare = re.sub(r"\((?:config|conf)[^)]*\)", "", prompt).rstrip("#> ")
    parts = bare.split("/") if bare else [""]
    role = "/".join(p for p in parts[1:] if p in _FAILOVER_WORDS)
    contexts = [p for p in parts[1:] if p not in _FAILOVER_WORDS]
    return parts[0], role, contexts[0] if contexts else ""


def _index(device: Device) -> _Index:
    index = _Index()
    for entry in device.entries:
        index.add(_split_prompt(entry.prompt)[2], entry)
    return index


class SimulatedDevice:
    def __init__(self, capture: Capture, config: LabConfig) -> None:
        if not capture.devices:
            raise ValueError("the capture holds no device")
        chosen = [d for d in capture.devices if d.hostname == config.device] if config.device \
            else capture.devices[:1]
        if not chosen:
            names = ", ".join(d.hostname for d in capture.devices)
            raise ValueError(f"no device {config.device!r} in the capture (it has {names})")
        self.device = chosen[0]
        self.config = config
        self.platform = self.device.platform or "cisco_ios"
        self.family = get_platform(self.platform).family
        self.is_ftd = self.platform == "cisco_ftd"
        self.asa_style = self.family == "cisco_asa"
        hostname, role, _ctx = _split_prompt(self.device.entries[0].prompt)
        self.hostname = config.hostname or ("" if self.is_ftd else hostname)
        self.role = role
        self.index = _index(self.device)
        self.mate = self._siblings(capture)
        self.contexts = {c for (c, _cmd, _f) in self.index.by_command if c}
        self.mate_index = _index(self.mate) if self.mate else None
        self.context = ""
        self.privileged = config.enable_password is None and not self.is_ftd
        self.in_diag = False
        self.pager = True
        self.answered = 0
        self._enable_tries = 0
        self._lock = threading.Lock()

    def _siblings(self, capture: Capture) -> Device | None:
        """Index the other contexts of this device (the loader files each context as a
        device of its own); return the failover mate, if the capture has one."""
        base = self.device.hostname.split("/")[0]
        mate = None
        for other in capture.devices:
            if other is self.device or other.hostname.split("/")[0] != base:
                continue
            _host, role, context = _split_prompt(other.entries[0].prompt)
            if context:
                for entry in other.entries:
                    self.index.add(context, entry)
            elif mate is None and role != self.role:
                mate = other
        return mate

    # -- what the device prints unprompted ------------------------------------------------
    def banner(self) -> str:
        if self.is_ftd:
            return "\nCopyright 2004-2026, Cisco and/or its affiliates. All rights reserved.\n\n"
        return "Type help or '?' for a list of available commands.\n" if self.asa_style else ""

    def prompt(self) -> str:
        if self.is_ftd and not self.in_diag:
            return "> "
        name = (self.config.hostname or "firepower") if self.in_diag else self.hostname
        parts = [name] + ([self.context] if self.context else []) + (
            [self.role] if self.role and not self.in_diag else [])
        return "/".join(parts) + ("#" if self.privileged else ">") + " "

    # -- one typed line -----------------------------------------------------------------
    def handle(self, line: str) -> Reply:
        typed = " ".join(line.split())
        if not typed:
            return Reply(slow=False)
        words = typed.lower().split()
        session = self._session_command(typed, words)
        if session is not None:
            return session
        return self._show(typed)

    def _session_command(self, typed: str, words: list[str]) -> Reply | None:
        verb = words[0]
        if verb in ("exit", "logout", "quit") or (self.is_ftd and verb == "exit"):
            if self.in_diag:
                self.in_diag, self.privileged = False, False
                return Reply()
            return Reply("\nLogoff\n\n" if self.asa_style else "", kind="close")
        if "enable".startswith(verb) and len(verb) >= 2 and len(words) <= 2:
            if self.is_ftd and not self.in_diag:
                return self.invalid(typed)
            if self.privileged:
                return Reply()
            self._enable_tries = 0
            return Reply("Password: ", kind="password")
        if verb == "disable" and self.privileged:
            self.privileged = False
            return Reply()
        if "terminal".startswith(verb) and len(verb) >= 3 and len(words) >= 3:
            setting, value = words[1], words[-1]
            pager_word = "pager" if self.asa_style else "length"
            if pager_word.startswith(setting) and value.isdigit():
                self.pager = value != "0"
                if value != "0":
                    self.config.page_lines = int(value)
                return Reply()
            if "width".startswith(setting) and not self.asa_style:
                return Reply()
            return self.invalid(typed)
        if typed == "system support diagnostic-cli" and self.is_ftd and not self.in_diag:
            self.in_diag = True
            return Reply("Attaching to Diagnostic CLI ... Press 'Ctrl+a then d' to detach.\n"
                         "Type help or '?' for a list of available commands.\n\n")
        if verb == "changeto" and self.asa_style and self.privileged and len(words) >= 2:
            return self._changeto(typed, words)
        return None

    def _changeto(self, typed: str, words: list[str]) -> Reply:
        if words[1] == "system" and self.contexts:
            self.context = ""
            return Reply()
        if len(words) == 3 and "context".startswith(words[1]) and words[2] in self.contexts:
            self.context = words[2]
            return Reply()
        return self.invalid(typed)

    def password(self, line: str) -> Reply:
        """The line typed at a `Password:` prompt (never recorded, never echoed)."""
        self._enable_tries += 1
        if line == (self.config.enable_password or "") or (self.in_diag and not line):
            self.privileged = True
            return Reply(slow=False)
        if self._enable_tries < 3:
            text = "Invalid password\nPassword: " if self.asa_style else "Password: "
            return Reply(text, kind="password", slow=False)
        return Reply("Access denied.\n" if self.asa_style else "% Bad secrets\n\n", slow=False)

    def _show(self, typed: str) -> Reply:
        resolved = resolve(typed, self.family)
        command, filter_ = resolved.command, resolved.filter
        output: str | None = None
        mate = re.match(r"^failover exec mate (.+)$", command)
        privileged = self.privileged or (self.is_ftd and not self.in_diag)
        if mate and privileged and self.asa_style:
            if self.is_ftd and not self.in_diag:
                return self.invalid(typed)
            inner = resolve(mate.group(1), self.family)
            if self.mate_index is None:
                return Reply("ERROR: Cannot execute command on mate: the mate is not in this "
                             "recording\n")
            output = self.mate_index.find("", inner.command, inner.filter or filter_)
            if output is None and self._valid(inner.command):
                return self.not_recorded(f"failover exec mate {inner.command}")
        elif privileged or command == "show version":
            output = self.index.find(self.context, command, filter_)
            if output is None and self._valid(command):
                return self.not_recorded(command)
        if output is None:
            return self.invalid(typed)
        return self._answer(output)

    def _valid(self, command: str) -> bool:
        from netriage.lab.known import is_valid  # the vocabularies load on first use

        return is_valid(command, self.family, get_platform(self.platform).tag)

    def not_recorded(self, command: str) -> Reply:
        """A command the device would run but the recording lacks: said so, never `% Invalid
        input`, which would teach a trainee that a right command is wrong."""
        return Reply(f"% netriage lab: this {self.config.recording} did not record "
                     f"`{command}`\n", slow=False)

    def _answer(self, output: str) -> Reply:
        with self._lock:
            count = self.answered
            self.answered += 1
        config = self.config
        if config.stall_after is not None and count >= config.stall_after:
            return Reply(kind="stall")
        if config.drop_after is not None and count >= config.drop_after:
            lines = output.split("\n")
            return Reply("\n".join(lines[: max(1, len(lines) // 2)]) + "\n", kind="drop")
        if config.failover_after is not None and count + 1 == config.failover_after:
            self.role = self.role.replace("act", "STBY").replace("stby", "act").replace(
                "STBY", "stby")
        return Reply(output + "\n" if output else "", paged=True)

    def invalid(self, typed: str) -> Reply:
        """The `^` marker under the first word the device would not take."""
        words = typed.split()
        known = self.index.commands(self.context) + ["terminal pager", "terminal length",
                                                     "enable", "changeto context"]
        good = 0
        resolved = resolve(typed, self.family).command.split()
        for count in range(len(resolved), 0, -1):
            prefix = " ".join(resolved[:count])
            if any(k == prefix or k.startswith(prefix + " ") for k in known):
                good = count
                break
        column = len(self.prompt())
        position = 0
        for index, word in enumerate(words):
            position = typed.index(word, position)
            if index == min(good, len(words) - 1):
                break
            position += len(word)
        marker = " " * (column + position) + "^\n"
        message = "% Invalid input detected at '^' marker.\n"
        return Reply(marker + ("ERROR: " if self.asa_style else "") + message, slow=False)
