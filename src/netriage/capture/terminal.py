"""Plain terminal captures: each command follows a prompt, its output runs to the next prompt.

Prompts are recognised by `capture.prompts`; a jump host's shell, ssh goodbyes and log
headers end the output before them. Lines outside any command are reported; text after a
prompt with nothing typed is also kept as the device's console text (`Device.console`: the
syslog messages printed between commands).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from netriage.capture.prompts import PromptLine, match_prompt
from netriage.capture.stream import Line


@dataclass
class Block:
    """A prompt and the output lines after it, with where each output line sits in the file."""

    prompt: PromptLine
    stamp: str = ""
    texts: list[str] = field(default_factory=list)
    runs: list[tuple[int, int]] = field(default_factory=list)  # see Entry.line_map
    chars: int = 0
    truncated: bool = False
    cut: str = ""  # why it was truncated: the bound it crossed
    # The output as one string, `texts` joined, when the fast splitter found it (a 110 MB
    # output as one string, not millions of line objects); `texts` is then empty.
    body: str | None = None

    def lines(self) -> list[str]:
        """The output's lines, whichever way the block holds them."""
        return self.body.split("\n") if self.body is not None else self.texts

    def add(self, line: Line) -> None:
        expected = self.runs[-1][1] + len(self.texts) - self.runs[-1][0] if self.runs else 0
        if line.number != expected:
            self.runs.append((len(self.texts), line.number))
        self.texts.append(line.text)
        self.chars += len(line.text) + 1


# Environment variables that move the loader's bounds (in MB; tests set them low).
MAX_FILE_ENV, MAX_OUTPUT_ENV = "NETRIAGE_MAX_FILE_MB", "NETRIAGE_MAX_OUTPUT_MB"
_DEFAULT_FILE_MB = 256


def limit_from_env(name: str, default_mb: float) -> int:
    """A bound in characters from `name` (MB, decimals allowed), else the default; a value
    that is not a positive number is ignored rather than turned into no bound at all."""
    try:
        value = float(os.environ.get(name, "") or default_mb)
    except ValueError:
        value = default_mb
    return int((value if value > 0 else default_mb) * 1024 * 1024)


def _file_limit() -> int:
    return limit_from_env(MAX_FILE_ENV, _DEFAULT_FILE_MB)


def _output_limit() -> int:
    # No bound of its own by default: one output may use the whole file's bound (a VPN
    # headend's SA table is a 110 MB output, and cutting it hid SAs past the cut).
    return limit_from_env(MAX_OUTPUT_ENV, _file_limit() / 1024 / 1024)


@dataclass
class Budget:
    """How much output text one file may keep: memory stays bounded whatever its size.

    Crossing a bound is never silent: the output is marked cut (its parse is partial, the
    checks reading it are undecided) and `crossed` makes `netriage analyze` exit non-zero.
    """

    output_chars: int = field(default_factory=_output_limit)  # one command's output
    file_chars: int = field(default_factory=_file_limit)  # everything kept from one file
    used: int = 0
    crossed: list[str] = field(default_factory=list)  # which bound was crossed, said plainly

    def cross(self, what: str) -> None:
        if what not in self.crossed:
            self.crossed.append(what)

    def output_bound(self) -> str:
        return (f"netriage keeps at most {_size(self.output_chars)} of one output "
                f"({MAX_OUTPUT_ENV} raises it)")

    def file_bound(self) -> str:
        return (f"netriage keeps at most {_size(self.file_chars)} of one file "
                f"({MAX_FILE_ENV} raises it)")


def _size(chars: int) -> str:
    return f"{chars / 2**20:,.0f} MB" if chars >= 2**20 else f"{chars:,} characters"


@dataclass
class Outside:
    """Lines that belonged to no command, reported as skipped: [first, last] and why."""

    first: int
    last: int
    why: str


@dataclass
class Split:
    """What the splitter saw besides blocks: filled while iterating."""

    outside: list[Outside] = field(default_factory=list)
    cut: list[tuple[int, int]] = field(default_factory=list)  # (prompt line, cut at line)
    stopped_at: int = 0  # first line not loaded because the file budget ran out
    last_line: int = 0
    started: str = ""  # first session start seen in a header


def _note(split: Split, number: int, why: str) -> None:
    if split.outside and split.outside[-1].why == why and split.outside[-1].last >= number - 3:
        split.outside[-1].last = number
    else:
        split.outside.append(Outside(number, number, why))


def split_blocks(lines: Iterable[Line], budget: Budget, split: Split) -> Iterator[Block]:
    """Cut a stream of lines into prompt + output blocks (blocks with nothing typed included)."""
    known_hosts: set[str] = set()
    known_prompts: set[str] = set()
    current: Block | None = None
    for line in lines:
        split.last_line = line.number
        if split.stopped_at:
            continue  # count the rest of the file for the message, keep nothing
        if line.header is not None or line.shell:
            split.started = split.started or (line.header.started if line.header else "")
            if current is not None:
                yield current
                current = None
            if line.shell:
                _note(split, line.number, "a jump host's shell or ssh messages, not device output")
            continue
        prompt = match_prompt(line.text, line.number, known_hosts, known_prompts)
        if prompt is not None:
            known_hosts.add(prompt.hostname)
            known_prompts.add(prompt.prompt)
            if current is not None:
                yield current
            current = Block(prompt, line.stamp)
            continue
        if current is None:
            if line.text.strip():
                _note(split, line.number, "text between device sessions" if known_hosts
                      else "text before the first device prompt")
            continue
        if current.truncated:
            continue
        if current.chars + len(line.text) > budget.output_chars:
            current.truncated, current.cut = True, budget.output_bound()
            split.cut.append((current.prompt.line, line.number))
            budget.cross(current.cut)
            continue
        if budget.used + len(line.text) > budget.file_chars:
            split.stopped_at = line.number
            current.truncated, current.cut = True, budget.file_bound()
            budget.cross(current.cut)
            continue
        budget.used += len(line.text) + 1
        current.add(line)
    if current is not None:
        yield current
