"""A running-config as a tree of lines that remember where they were printed.

Built from the full `show running-config` (PIX `write terminal`, ASA `more
system:running-config`, or a pasted config once the capture loader has recovered its
indentation), or, lacking one, from section commands (`show running-config interface`,
`show run | section line`, `show run | include ...`). A section or filtered output is partial
evidence: it proves that the lines it shows exist, and says nothing about the lines it does not
cover. `RunningConfig.covers` tells which top-level lines an output would have shown, so a check
that needs to know a line is *absent* can raise `Unknown` instead of reading silence as health.

netutils' `IOSConfigParser` / `ASAConfigParser` are not used for the tree: they drop line
numbers (evidence must point into the file), and they re-parent a line that repeats an earlier
one (a duplicated ACL line becomes a child of its twin), which is exactly what the ACL checks
look for. Interface names are canonicalised with netutils (`Gi0/1` is `GigabitEthernet0/1`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from netriage.engine.expr import Unknown
from netriage.facts.config.captured import CONFIG_COMMANDS, NOT_CAPTURED
from netriage.facts.config.iface_names import iface_key
from netriage.lazyre import lazy

if TYPE_CHECKING:
    from netriage.capture.model import Device, Entry

# Commands whose output is the whole configuration, best first: ASA `more system:` shows the
# keys `show running-config` masks.
FULL_CONFIG_COMMANDS = ("more system:running-config", "show running-config", "write terminal",
                        "show running-config all")
SECTION_PREFIX = "show running-config "

_HEADER = lazy(r"^(Building configuration\.\.\.|Current configuration\s*:|"
               r"Last configuration change at|NVRAM config last updated at|"
               r"Using \d+ out of \d+ bytes)", re.IGNORECASE)
_IOS_BANNER = lazy(r"^banner\s+\S+\s+(\^C|\S)(.*)$")


@dataclass(frozen=True)
class ConfigLine:
    """One configuration line, with where it sits in the capture and in the tree."""

    text: str  # stripped
    depth: int  # 0 for top-level lines
    index: int  # position in `RunningConfig.lines`
    parent: int | None  # index of the parent line, None at top level
    command: str  # the command whose output holds it (evidence rules name it)
    line: int  # line in the source file; 0 when the source has none

    @property
    def words(self) -> list[str]:
        return self.text.split()


@dataclass(frozen=True)
class Block:
    """A top-level line and its direct children."""

    head: ConfigLine
    children: tuple[ConfigLine, ...]

    def child(self, pattern: str) -> ConfigLine | None:
        """The first child whose text matches `pattern` (anchored at the start)."""
        rx = re.compile(pattern)
        return next((c for c in self.children if rx.match(c.text)), None)

    def all(self, pattern: str) -> list[ConfigLine]:
        rx = re.compile(pattern)
        return [c for c in self.children if rx.match(c.text)]


@dataclass(frozen=True)
class Coverage:
    """Which top-level lines one captured output would have shown."""

    command: str  # e.g. "show running-config | include password"
    full: bool = False
    prefix: str = ""  # `show running-config interface` shows lines starting `interface`
    exact_key: str = ""  # `show running-config interface Gi0/1`: only that interface
    regex: str = ""  # `| include` / `| section`: top-level lines matching it

    def covers(self, text: str) -> bool:
        if self.full:
            return True
        if self.exact_key:
            words = text.split(None, 1)
            return (len(words) == 2 and words[0] == "interface"
                    and iface_key(words[1]) == self.exact_key)
        if self.prefix:
            return text == self.prefix or text.startswith(self.prefix + " ")
        if self.regex:
            try:
                return re.search(self.regex, text) is not None
            except re.error:
                return False
        return False


@dataclass
class RunningConfig:
    """The configuration lines of one device, as a tree, plus what the capture covered."""

    family: str  # cisco_asa or cisco_ios
    lines: list[ConfigLine] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    complete: bool = False  # a whole configuration that ends with `end`
    source: str = ""  # the command(s) it was read from, for messages
    problem: str = ""  # why it is not complete, said plainly

    # -- generic API, for any area --------------------------------------------------------
    def find(self, regex: str, *, top: bool = False) -> list[ConfigLine]:
        """Lines (any depth, or top-level only) whose stripped text matches `regex`."""
        rx = re.compile(regex)
        return [line for line in self.lines
                if rx.search(line.text) and (not top or line.depth == 0)]

    def children(self, parent_regex: str) -> list[ConfigLine]:
        """Direct children of every top-level line matching `parent_regex`."""
        return [c for block in self.blocks(parent_regex) for c in block.children]

    def blocks(self, parent_regex: str) -> list[Block]:
        """Every top-level line matching `parent_regex` (from its start), with its children."""
        rx = re.compile(parent_regex)
        return [self._blocks[i] for i in self._top if rx.match(self.lines[i].text)]

    def parent_of(self, line: ConfigLine) -> ConfigLine | None:
        return self.lines[line.parent] if line.parent is not None else None

    def covers(self, text: str) -> bool:
        """Would the captured output(s) have shown a top-level line with this text?"""
        return any(c.covers(text) for c in self.coverage)

    def need(self, *examples: str) -> None:
        """Raise Unknown unless the capture shows every top-level line like `examples`.

        A check that concludes from the *absence* of a line calls this first: a filtered or
        section output that could not have shown the line is no evidence it is missing.
        """
        missing = [e for e in examples if not self.covers(e)]
        if missing:
            reason = (f"the captured configuration ({self.source}) does not show "
                      f"`{missing[0]}` lines")
            if self.problem:
                reason += f"; {self.problem}"
            raise Unknown(reason, CONFIG_COMMANDS)

    @cached_property
    def _top(self) -> list[int]:
        return [line.index for line in self.lines if line.depth == 0]

    @cached_property
    def _blocks(self) -> dict[int, Block]:
        kids: dict[int, list[ConfigLine]] = {i: [] for i in self._top}
        for line in self.lines:
            if line.depth == 1 and line.parent is not None and line.parent in kids:
                kids[line.parent].append(line)
        return {i: Block(self.lines[i], tuple(kids[i])) for i in self._top}

    def descendants(self, head: ConfigLine) -> list[ConfigLine]:
        """Every line below `head` (children, grandchildren, ...)."""
        out: list[ConfigLine] = []
        for line in self.lines[head.index + 1:]:
            if line.depth <= head.depth:
                break
            out.append(line)
        return out


# -- reading outputs ----------------------------------------------------------------------
def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


def parse_lines(text: str, family: str, command: str, entry: Entry | None = None,
                start: int = 0) -> tuple[list[ConfigLine], bool]:
    """Config lines of one output (comments, headers and banner text dropped) and whether the
    output ended with `end`. Indices start at `start` so several outputs can be joined."""
    out: list[ConfigLine] = []
    stack: list[tuple[int, int]] = []  # (indent, index in out + start) of open parents
    banner_end = ""
    ended = False
    asa = family == "cisco_asa"
    # PIX 6.x has no configuration blocks at all: every line is top-level, whatever
    # indentation a paste (or an over-eager indentation recovery) gave it
    flat = bool(re.search(r"^\s*PIX Version [1-6]\.", text, re.MULTILINE))
    for number, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        if banner_end:  # IOS banner text runs until its delimiter comes back
            if banner_end in stripped:
                banner_end = ""
            continue
        if (not stripped or stripped.startswith("!") or _HEADER.match(stripped)
                or stripped == "[OK]"):  # PIX `write terminal` ends with `[OK]` after `: end`
            continue
        if stripped.startswith(":"):
            # ASA / PIX comments (`: Saved`, `: Serial Number`) and the closing `: end`
            ended = ended or stripped.lower() == ": end"
            continue
        if stripped == "end" and _indent(raw) == 0:
            ended = True
            continue
        ended = False  # text after `end`: another output was pasted in
        indent = 0 if flat else _indent(raw)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        depth = len(stack)
        parent = stack[-1][1] if stack else None
        index = start + len(out)
        source_line = entry.source_line(number) if entry is not None else 0
        out.append(ConfigLine(stripped, depth, index, parent, command, source_line))
        stack.append((indent, index))
        if not asa and depth == 0:
            banner = _IOS_BANNER.match(stripped)
            if banner:
                delimiter, rest = banner.group(1), banner.group(2)
                if delimiter not in rest:
                    banner_end = delimiter
    return out, ended


def _section_coverage(entry: Entry, family: str) -> Coverage | None:
    """What a `show running-config <section>` or a filtered config output covers."""
    label = entry.command + (f" {entry.filter}" if entry.filter else "")
    if entry.filter:
        words = entry.filter.split(None, 2)
        if len(words) < 3 or words[1] not in ("include", "section"):
            return None  # `| begin`, `| exclude`, `| count`: cannot say what is missing
        if entry.command != "show running-config":
            return None
        return Coverage(label, regex=words[2].strip().strip('"'))
    if not entry.command.startswith(SECTION_PREFIX):
        return None
    args = entry.command[len(SECTION_PREFIX):].split()
    if not args or args[0] == "all":
        return None
    if args[0] == "interface" and len(args) > 1:
        return Coverage(label, exact_key=iface_key(" ".join(args[1:])))
    if len(args) > 1:
        return None  # `show running-config access-list OUTSIDE`: one name, cannot say more
    return Coverage(label, prefix=args[0])


def running_config(device: Device, family: str) -> RunningConfig:
    """The device's configuration, or Unknown saying which command would give it."""
    for command in FULL_CONFIG_COMMANDS:
        entry = device.find(command)
        if entry is None:
            continue
        lines, ended = parse_lines(entry.output, family, command, entry)
        if not lines:
            raise Unknown(f"`{command}` holds no configuration line", CONFIG_COMMANDS)
        config = RunningConfig(family, lines, [Coverage(command, full=True)], source=command)
        if entry.truncated:
            config.problem = f"`{command}` was cut short in the capture"
        elif not ended:
            config.problem = (f"`{command}` does not end with `end`: it may be cut short, "
                              "so a line that is not there may only be missing from the paste")
        config.complete = not config.problem
        if not config.complete:
            config.coverage = []  # present lines still count; absent ones prove nothing
        return config
    lines: list[ConfigLine] = []
    coverage: list[Coverage] = []
    sources: list[str] = []
    for entry in device.entries:
        cover = _section_coverage(entry, family)
        if cover is None or entry.truncated:
            continue
        parsed, _ = parse_lines(entry.output, family, entry.command,
                                None if entry.filtered else entry, len(lines))
        lines += parsed
        coverage.append(cover)
        sources.append(f"`{cover.command}`")
    if not lines and not coverage:
        filtered = [e for e in device.entries if e.filtered and e.command in FULL_CONFIG_COMMANDS]
        if filtered:
            raise Unknown(f"only a filtered `{filtered[0].command} {filtered[0].filter}` was "
                          "captured; the full configuration is needed", CONFIG_COMMANDS)
        raise Unknown(NOT_CAPTURED, CONFIG_COMMANDS)
    return RunningConfig(family, lines, coverage, complete=False, source=", ".join(sources),
                         problem="only sections of the configuration were captured")
