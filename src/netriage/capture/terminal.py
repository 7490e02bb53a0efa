"""Plain terminal captures: each command follows a prompt, its output runs to the next prompt.

Prompts are recognised by `capture.prompts`; a jump host's shell, ssh goodbyes and log
headers end the output before them. Lines outside any command are reported; text after a
prompt with nothing typed is also kept as the device's console text (`Device.console`: the
syslog messages printed between commands).
"""

from __future__ import annotations

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

    def add(self, line: Line) -> None:
        expected = self.runs[-1][1] + len(self.texts) - self.runs[-1][0] if self.runs else 0
        if line.number != expected:
            self.runs.append((len(self.texts), line.number))
        self.texts.append(line.text)
        self.chars += len(line.text) + 1


@dataclass
class Budget:
    """How much output text one file may keep: memory stays bounded whatever its size."""

    output_chars: int = 32 * 1024 * 1024  # one command's output
    file_chars: int = 256 * 1024 * 1024  # everything kept from one file
    used: int = 0


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
            current.truncated = True
            split.cut.append((current.prompt.line, line.number))
            continue
        if budget.used + len(line.text) > budget.file_chars:
            split.stopped_at = line.number
            current.truncated = True
            continue
        budget.used += len(line.text) + 1
        current.add(line)
    if current is not None:
        yield current
