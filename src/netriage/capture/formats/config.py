"""A running-config pasted from an email or a forum post.

No prompt, or one prompt line followed by `show run` (the hostname may even hold spaces, as
people retype it); blank lines between every line and lost indentation are repaired by
`capture.hierarchy`. It becomes one `show running-config` entry.
"""

from __future__ import annotations

import re

from netriage.capture.build import Key, make_entries
from netriage.capture.formats import Context, FileLoad, Format
from netriage.capture.formats.common import (
    hostname_hints,
    split_notes,
    visible_head,
    whole_file,
)
from netriage.capture.hierarchy import config_share, is_complete
from netriage.capture.prompts import PromptLine
from netriage.capture.reader import TextFile
from netriage.capture.stream import Line, detect_style
from netriage.capture.terminal import Block, Split

# `fw edge 01# sh run`, `Router>write terminal`, `fw1/pri/act# more system:running-config`
_PROMPT = re.compile(r"^(?P<prompt>(?P<host>[^#>\s][^#>]{0,62}?)(?:\([^)]*\))?[#>])\s*"
                     r"(?P<cmd>(?:sh|sho|show)\s+(?:run|runn\S*|running-config|start\S*)\b.*|"
                     r"wr\S*\s+t\S*|more\s+system:\S+)$", re.IGNORECASE)
_RUN = "show running-config"
EXCERPT = "| excerpt"  # a pasted config without its `end`: part of one, marked like a filter


def sniff(text: TextFile, context: Context) -> int:
    head = [line for line in visible_head(text) if line.strip()]
    if head and _PROMPT.match(head[0]):
        head = head[1:]
    return 30 if config_share(head[:400]) >= 0.6 else 0


def load(text: TextFile, context: Context) -> FileLoad:
    style = detect_style(text.head)
    result = FileLoad("config", started=style.started)
    name = str(context.path)
    split = Split()
    block = Block(PromptLine(0, "", "", "", "", "", False, ""))
    found: list[re.Match[str]] = []  # the one prompt line before the config, if any

    def keep(line: Line) -> bool:
        if block.texts or block.prompt.line:
            return True
        if not line.text.strip():
            return False  # blank lines before anything
        match = _PROMPT.match(line.text.strip())
        if match is None:
            return True
        found.append(match)
        block.prompt.line = line.number
        return False

    whole_file(text, style=style, budget=context.budget, split=split, block=block, keep=keep)
    prompt = found[0] if found else None
    typed = prompt.group("cmd") if prompt else ""
    entries = make_entries(block.texts, block.runs, typed=typed,
                           prompt=prompt.group("prompt") if prompt else "", source=name,
                           line=block.prompt.line, command="" if typed else _RUN,
                           truncated=block.truncated, cut=block.cut)
    # Read from the repaired text (`Hostname R1 enable secret ...` pasted by a word processor
    # is `hostname R1` once repaired), as the checks will.
    repaired = [t for entry in entries for t in entry.output.split("\n")]
    result.hints = hostname_hints(repaired)
    # A device's own `hostname` line beats a prompt retyped by a person ("FW EDGE 01#");
    # only without one does the prompt (spaces and all) name the device.
    host = prompt.group("host").strip() if prompt else ""
    stated = result.hints[0] if result.hints else ""
    key = Key(stated or host or context.folder_host)
    for entry in entries:
        if not is_complete(repaired):  # never taken for the whole running-config
            entry.filter = EXCERPT
        result.entries.append((key, entry))
    result.skipped += split_notes(name, split, text.cut_lines)
    return result


FORMAT = Format("config", sniff, load)
