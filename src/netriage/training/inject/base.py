"""What every injectable fault shares: the registry, the error, and the record of each edit.

A fault is a function over a `Plan`: it finds, in the capture's own outputs (the capture
model's devices and entries), what the fault changes, and rewrites those outputs through
`Plan.edit`, which records what was changed where. A fault that cannot be planted in this
capture raises `InjectError` with one sentence naming what is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from netriage.capture.model import Capture, Device, Entry
from netriage.errors import NetriageError
from netriage.platforms import get_platform


class InjectError(NetriageError):
    """The fault cannot be injected into this capture (exit code 2)."""


@dataclass
class Change:
    device: str
    command: str
    what: str  # one line: what was changed in that output


@dataclass
class Plan:
    """One injection in progress over a capture that is edited in place."""

    capture: Capture
    fault: str
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # side effects the trainer should know

    def edit(self, device: Device, entry: Entry, lines: list[str], what: str) -> None:
        text = "\n".join(lines)
        if text != entry.output:
            entry.output = text
            self.changes.append(Change(device.hostname, _shown(entry), what))

    def devices(self, tags: tuple[str, ...]) -> list[Device]:
        return [d for d in self.capture.devices if tag_of(d) in tags]


def _shown(entry: Entry) -> str:
    return f"{entry.command} {entry.filter}".strip()


def tag_of(device: Device) -> str:
    return get_platform(device.platform).tag if device.platform else ""


def entries(device: Device, *commands: str, prefix: bool = False) -> Iterator[Entry]:
    """The device's entries of these commands (a prefix match with `prefix`)."""
    for entry in device.entries:
        if entry.command in commands or (prefix and entry.command.startswith(commands)):
            yield entry


@dataclass(frozen=True)
class Fault:
    id: str
    platforms: tuple[str, ...]  # catalog tags this injection knows how to plant
    summary: str  # what it changes, one line for `--help` and the scenario story
    apply: Callable[[Plan], None]


FAULTS: dict[str, Fault] = {}


def fault(fault_id: str, platforms: tuple[str, ...], summary: str) -> Callable[
        [Callable[[Plan], None]], Callable[[Plan], None]]:
    """Register an injection under its catalog id."""
    def register(function: Callable[[Plan], None]) -> Callable[[Plan], None]:
        FAULTS[fault_id] = Fault(fault_id, platforms, summary, function)
        return function
    return register
