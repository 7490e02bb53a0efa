"""Pieces several formats share: visible head lines, line ranges said plainly, hostnames.

Every format reads a file's lines through `body_lines` and sniffs it through `visible_head`,
so text damaged by the web or mail (see `capture.cleanup`) is repaired the same way for all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from netriage.capture.cleanup import Damage, detect, repair, repair_texts
from netriage.capture.debris import clean
from netriage.capture.reader import TextFile
from netriage.capture.session import header, split_stamp
from netriage.capture.stream import Line, Style, lines, read_style
from netriage.capture.terminal import Block, Budget, Split
from netriage.lazyre import lazy

_UPTIME = lazy(r"^(\S+) (?:up \d+ (?:year|week|day|hour|min|sec)|uptime is )")
_HOSTNAME = lazy(r"^hostname\s+(\S.*?)\s*$")


def style_of(text: TextFile) -> Style:
    """How the file's lines are dressed, read once from its head (sniffing and loading both
    need it: reading it twice was ~5% of a capture in a batch)."""
    if "style" not in text.sniffed:
        style, visible = read_style(text.head)
        text.sniffed["style"] = style
        if len(text.head) > 1:  # the raw head, read on the way (see `_raw_head`)
            text.sniffed.setdefault("raw_head", tuple(visible))
    return text.sniffed["style"]


def _raw_head(text: TextFile) -> list[str]:
    """The head as the terminal showed it (timestamps and log headers left out); read once
    per file (every format sniffs it: reading it again per format was ~0.1 s a capture),
    and with the style when the head has more than one line (it is the style's pass)."""
    style = style_of(text)
    if "raw_head" not in text.sniffed:
        out = []
        for raw in text.head[:-1] or text.head:
            rest = split_stamp(style.stamp, raw)[1]
            if header(rest) is None:
                cleaned = clean(rest)
                if cleaned is not None:
                    out.append(cleaned)
        text.sniffed["raw_head"] = tuple(out)
    return list(text.sniffed["raw_head"])


def damage_of(text: TextFile) -> Damage | None:
    """What the web or mail did to this file, read once from its head (None: nothing)."""
    if "damage" not in text.sniffed:
        text.sniffed["damage"] = detect(_raw_head(text))
    return text.sniffed["damage"]


def visible_head(text: TextFile) -> list[str]:
    """The head as the device printed it: terminal debris and paste damage undone (once
    per file, as `_raw_head`)."""
    if "visible_head" not in text.sniffed:
        head = _raw_head(text)
        damage = damage_of(text)
        text.sniffed["visible_head"] = tuple(
            head if damage is None else repair_texts(head, Damage(**_flags(damage))))
    return list(text.sniffed["visible_head"])


def _flags(damage: Damage) -> dict:
    """A fresh copy of the flags (sniffing must not add to the notes of the real load)."""
    return {k: v for k, v in vars(damage).items() if k != "notes"}


def body_lines(text: TextFile, style: Style, split: Split) -> Iterator[Line]:
    """Every visible line, repaired when the head showed damage; set-aside text reported."""
    damage = damage_of(text)
    if damage is None:
        yield from lines(text, style)
        return
    fresh = Damage(**_flags(damage))
    yield from repair(lines(text, style), fresh)
    split.outside += fresh.notes


def span(first: int, last: int) -> str:
    return f"line {first}" if first == last else f"lines {first}–{last}"


def split_notes(name: str, split: Split, cut_lines: list[int]) -> list[str]:
    """What the splitter left out, one plain sentence each."""
    outside = sorted(split.outside, key=lambda o: o.first)
    notes = [f"{name} {span(o.first, o.last)}: {o.why}, not loaded" for o in outside]
    notes += [f"{name} line {at}: the output of the command on line {prompt} was cut there "
              "(too large to keep); the rest of it was skipped" for prompt, at in split.cut]
    if split.stopped_at:
        notes.append(f"{name} {span(split.stopped_at, split.last_line)}: not loaded, this file "
                     "already gave more output than netriage keeps from one file")
    notes += [f"{name} line {n}: a line too long to be terminal output, cut" for n in cut_lines]
    return notes


def hostname_hints(lines: list[str]) -> list[str]:
    """Hostnames an output states: `hostname fw1` in a config, `fw1 up 3 days` in a version."""
    hints = []
    for line in lines:
        match = _HOSTNAME.match(line) or _UPTIME.match(line)
        if match and match.group(1) not in ("up", "is"):
            hints.append(match.group(1))
    return hints


def whole_file(text: TextFile, *, style: Style, budget: Budget, split: Split, block: Block,
               keep: Callable[[Line], bool] | None = None) -> None:
    """Every visible line of a prompt-less file into one block, within the file budget.

    `keep` may turn a line away (a leading blank line, a command echo) after looking at it.
    """
    for line in body_lines(text, style, split):
        split.last_line = line.number
        if split.stopped_at or line.header is not None:
            continue
        if keep is not None and not keep(line):
            continue
        if budget.used + len(line.text) > budget.file_chars:
            split.stopped_at = line.number
            block.truncated, block.cut = True, budget.file_bound()
            budget.cross(block.cut)
            continue
        budget.used += len(line.text) + 1
        block.add(line)
