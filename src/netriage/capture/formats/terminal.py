"""Terminal sessions: plain captures and PuTTY / SecureCRT / Tera Term / script(1) logs.

They differ only in what the terminal program adds (headers, per-line timestamps, a jump
host's shell), which `capture.stream` and `capture.session` take off; the rest is prompts,
commands and outputs.
"""

from __future__ import annotations

from netriage.capture.build import BARE_PROMPT_NAME, Key, line_map, make_entries
from netriage.capture.fastsplit import fast_blocks
from netriage.capture.formats import Context, FileLoad, Format
from netriage.capture.formats.common import (
    body_lines,
    damage_of,
    split_notes,
    style_of,
    visible_head,
)
from netriage.capture.model import CONSOLE, Entry, line_at
from netriage.capture.prompts import match_prompt
from netriage.capture.reader import TextFile
from netriage.capture.terminal import Block, Outside, Split, split_blocks
from netriage.parsing.marks import is_cut_short


def sniff(text: TextFile, context: Context) -> int:
    hosts: set[str] = set()
    prompts: set[str] = set()
    seen = 0
    for number, line in enumerate(visible_head(text), 1):
        prompt = match_prompt(line, number, hosts, prompts)
        if prompt is not None and prompt.typed:
            # A hostname with spaces was retyped by a person: one such line over a pasted
            # configuration is the config format's (which names the device by its
            # `hostname` line); a second prompt makes it a session.
            if " " not in prompt.hostname or seen:
                return 60
            seen += 1
            hosts.add(prompt.hostname)
            prompts.add(prompt.prompt)
    return 25 if seen else 0


def load(text: TextFile, context: Context) -> FileLoad:
    style = style_of(text)  # as sniffing read it
    result = FileLoad(style.program or "terminal", started=style.started)
    split = Split()
    name = str(context.path)
    blocks = None
    if text.encoding == "utf-8" and text.newline == "\n" and damage_of(text) is None:
        blocks = fast_blocks(context.path, style, context.budget, split, context.body_from)
    if blocks is None:
        body = (line for line in body_lines(text, style, split)
                if line.number >= context.body_from)
        blocks = split_blocks(body, context.budget, split)
    last = None  # a bare `#` or `(config-if)#` prompt belongs to the device before it
    for block in blocks:
        prompt = block.prompt
        if not prompt.hostname and last is not None and prompt.prompt.strip() != ">":
            prompt.hostname, prompt.unit = last.hostname, last.unit
            prompt.context, prompt.role = last.context, last.role
        last = prompt if prompt.hostname else last
        # FTD's bare `>` prompt names no host: a per-device folder, or the file's name in a
        # folder of device logs (`collect` writes DIR/<hostname>.log), so two FTDs collected
        # together never merge into one device.
        bare = prompt.prompt.strip() == ">"
        key = Key(prompt.hostname or context.folder_host or context.file_host
                  or (BARE_PROMPT_NAME if bare else ""),
                  prompt.unit, prompt.context,
                  prompt.role)
        if not prompt.typed:
            texts = block.lines()
            filled = [i for i, t in enumerate(texts) if t.strip()]
            if filled:
                first, end = line_at(block.runs, filled[0]), line_at(block.runs, filled[-1])
                split.outside.append(Outside(first, end, "output after a prompt with no "
                                                         "command"))
                # console messages between commands: no command's output, still evidence
                result.console.append((key, Entry(
                    command=CONSOLE, output="\n".join(texts), prompt=prompt.prompt,
                    source=name, line=prompt.line, timestamp=block.stamp,
                    line_map=line_map(block.runs, prompt.line))))
            continue
        for entry in make_entries(block.texts, block.runs, typed=prompt.typed,
                                  prompt=prompt.prompt, source=name, line=prompt.line,
                                  timestamp=block.stamp,
                                  truncated=block.truncated or _cut_short(block),
                                  cut=block.cut, body=block.body,
                                  config_mode=prompt.config_mode):
            result.entries.append((key, entry))
    result.started = result.started or split.started
    result.skipped += split_notes(name, split, text.cut_lines)
    return result


def _cut_short(block: Block) -> bool:
    """`netriage collect` ended this output with its "cut short" mark: the session dropped."""
    if block.body is not None:  # look at the end only: the body may be 110 MB
        return is_cut_short(block.body[-4096:].rstrip().rsplit("\n", 1)[-1])
    last = next((t for t in reversed(block.texts) if t.strip()), "")
    return is_cut_short(last)


FORMAT = Format("terminal", sniff, load)
