"""A show tech-support saved without a prompt (e.g. `show tech | redirect disk0:tech.txt`).

Its sections run between `------------------ show xxx ------------------` lines; an ASA's
starts with `show version` output before the first such line. With a prompt in front, the
terminal format loads it and `capture.build` cuts it into the same sections.
"""

from __future__ import annotations

from netriage.capture.build import SECTION, SHOW_TECH, Key, make_entries
from netriage.capture.formats import Context, FileLoad, Format
from netriage.capture.formats.common import (
    hostname_hints,
    split_notes,
    visible_head,
    whole_file,
)
from netriage.capture.prompts import PromptLine
from netriage.capture.reader import TextFile
from netriage.capture.stream import detect_style
from netriage.capture.terminal import Block, Split


def sniff(text: TextFile, context: Context) -> int:
    heads = sum(1 for line in visible_head(text) if SECTION.match(line))
    return 50 if heads >= 2 else 0


def load(text: TextFile, context: Context) -> FileLoad:
    """All lines into one block (bounded by the budget), then cut at the section lines."""
    style = detect_style(text.head)
    result = FileLoad("show-tech", started=style.started)
    name = str(context.path)
    split = Split()
    block = Block(PromptLine(0, "", "", "", "", "", False, SHOW_TECH))
    whole_file(text, style=style, budget=context.budget, split=split, block=block)
    hints = hostname_hints(block.texts)
    result.hints = hints
    key = Key(context.folder_host or (hints[0] if hints else ""))
    for entry in make_entries(block.texts, block.runs, typed=SHOW_TECH, prompt="",
                              source=name, line=0, truncated=block.truncated,
                              cut=block.cut):
        result.entries.append((key, entry))
    result.skipped += split_notes(name, split, text.cut_lines)
    return result


FORMAT = Format("show-tech", sniff, load)
