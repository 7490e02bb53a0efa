"""Capture formats, each with a sniff score and a streaming loader, chosen automatically.

A format's `sniff` looks only at the first lines of a file (`TextFile.head`) and says how sure
it is (0 = not this format); the most confident one loads the file. Order of confidence:
our own saved file, a terminal session (prompts), a show tech-support without prompt, a file
named after its command, a pasted configuration.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from netriage.capture.build import Key
from netriage.capture.model import Entry
from netriage.capture.reader import TextFile
from netriage.capture.terminal import Budget


@dataclass
class Context:
    """What the loader knows about a file besides its text."""

    path: Path
    folder_host: str = ""  # hostname from a per-device folder (`captures/fw1/show_run.txt`)
    budget: Budget = field(default_factory=Budget)
    body_from: int = 0  # lines before this one are not the capture's (a saved file's header)
    file_host: str = ""  # in a folder of device logs (`collect` writes DIR/<host>.log)


@dataclass
class FileLoad:
    """What one file gave: entries per device, and what was skipped, said plainly."""

    format: str
    entries: list[tuple[Key, Entry]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    started: str = ""  # session start from a log header
    hints: list[str] = field(default_factory=list)  # hostnames read from the outputs
    meta: dict = field(default_factory=dict)  # saved-file metadata (devices, manifest)
    console: list[tuple[Key, Entry]] = field(default_factory=list)  # see Device.console
    cut: list[str] = field(default_factory=list)  # bounds this file crossed (see Capture.cut)


class Format(NamedTuple):  # a record, not a fact: made ~5x faster than a dataclass
    """A capture file format: how sure it is of a file (`sniff`) and how it loads one."""

    name: str
    sniff: Callable[[TextFile, Context], int]
    load: Callable[[TextFile, Context], FileLoad]


def formats() -> list[Format]:
    from netriage.capture.formats import cmdfile, config, saved, showtech, terminal

    return [saved.FORMAT, terminal.FORMAT, showtech.FORMAT, cmdfile.FORMAT, config.FORMAT]


def choose(text: TextFile, context: Context) -> Format | None:
    """The most confident format for a file, or None when none recognises its head."""
    scored = [(f.sniff(text, context), index, f) for index, f in enumerate(formats())]
    score, _index, best = max(scored, key=lambda s: (s[0], -s[1]))
    return best if score > 0 else None
