"""A fast path for clean terminal captures: whole outputs cut at C speed, not line by line.

A VPN headend's `show crypto ipsec sa` is 250,000 lines; walking them one at a time through
debris cleaning, header and prompt detection costs most of an analysis. When a file has
none of what that walk exists for (escape sequences, carriage returns, backspaces, tabs,
pager prompts, terminal-program headers, a jump host's shell, per-line timestamps, wrapped
lines, over-long lines, text before the first prompt) the same blocks can be found by
scanning the whole text once for prompt-shaped lines. Anything else returns None and the
line-by-line splitter runs: the fast path never decides differently, it only declines
(tests compare both on every recording).

It works on offsets into the one text and hands each output over as one string
(`Block.body`), never as a list of lines: a 110 MB SA table as 2.5 million line objects
would take ten times the memory of its text.
"""

from __future__ import annotations

import re
from pathlib import Path

from netriage.capture.debris import _PAGER
from netriage.capture.prompts import _PROMPT, HOST, MODE, match_prompt
from netriage.capture.reader import HEAD_BYTES, MAX_LINE_CHARS
from netriage.capture.session import _PUTTY, _SCRIPT, _SHELL
from netriage.capture.stream import Style
from netriage.capture.terminal import Block, Budget, Split
from netriage.lazyre import lazy
from netriage.textscan import has_line_longer

# Where a prompt-shaped line may start: led by a literal newline, which the regex engine
# finds at C speed (a MULTILINE `^` is tried at every character).
_CANDIDATE = re.compile(rf"\n(?=(?:{HOST})?(?:{MODE})?[#>])")
# What such a line starts with: a cheaper first sieve (most lines of a big output are
# indented; the lines not led by a space, `_HEAD`, are sifted by this before the lookahead)
_FIRST_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789(#>")
# Lines not led by a space: prompts, and every line the terminal-program and shell patterns
# can match (each is anchored at a line start and begins with no space). An SA table's
# 250,000 lines are indented: one C-speed scan finds its few others, for both uses.
_HEAD = re.compile(r"\n[^ \n]")
_MAX_HEADS = 4096
# What such a line starts with, found the whole-text way (more than `_MAX_HEADS` heads)
_FIRST_CHAR = lazy(r"\n[A-Za-z0-9(#>]")
_CONTROL = lazy(r"[\x00-\x09\x0b-\x1f\x7f]")
_DECLINE = [re.compile(p.pattern, re.MULTILINE) for p in (_PUTTY, _SCRIPT, _SHELL)]
# Every byte but the control characters the line-by-line path exists for (tab and CR
# included): `bytes.translate` deleting these leaves only the controls, at C speed.
_NOT_CONTROL = bytes(b for b in range(256) if not ((b < 0x20 and b != 0x0A) or b == 0x7F))


def _line_heads(text: str) -> list[int] | None:
    """Offsets of the lines after the first that start with neither a space nor a newline;
    None past `_MAX_HEADS` of them (a 100 MB log is all such lines: its offsets, and its lines
    joined, would hold more than the text itself, so it is read the whole-text way)."""
    heads = []
    for match in _HEAD.finditer(text):
        if len(heads) == _MAX_HEADS:
            return None
        heads.append(match.start() + 1)
    return heads


def _declined(text: str, heads: list[int] | None) -> bool:
    r"""Whether the text holds anything the line-by-line path exists for.

    Literal probes first (C-speed `in`); a pattern runs only when its probe is present,
    since a MULTILINE `^` pattern is tried at every character of a 15 MB text. The
    terminal-program and shell patterns look only at the lines in `heads` (and the first):
    each starts at a line start with no space, and whether it matches there depends on that
    line alone (`\s*$` and `(?:\s.*)?$` also match at the line's own end), so the lines
    joined answer as the whole text, without four more scans of a 10 MB table.
    """
    if text.startswith("\ufeff") or (not text.isascii() and _CONTROL.search(text)):
        return True  # (ASCII text was checked for control bytes before it was decoded)
    if ("ore" in text or "ORE" in text) and _PAGER.search(text):
        return True
    lines = text if heads is None else "\n".join(text[start:_line_end(text, start)]
                                                 for start in [0, *heads])
    probes = (("=~=~=~", _DECLINE[0]), ("Script ", _DECLINE[1]),
              ("@", _DECLINE[2]), ("Connection ", _DECLINE[2]), ("ssh: ", _DECLINE[2]))
    return any(probe in lines and pattern.search(lines) for probe, pattern in probes)


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end == -1 else end


def _clean_text(path: Path, style: Style, budget: Budget,
                ) -> tuple[str, list[int] | None] | None:
    """The file's text, if the fast path can take it, and its `_line_heads`."""
    if style.stamp is not None or style.width:
        return None
    try:
        if path.stat().st_size > budget.file_chars:
            return None  # the streaming splitter cuts it at the bound, and says so
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES).decode("utf-8", "replace")
        first = next((line for line in head.split("\n") if line.strip()), "")
        if not _PROMPT.match(first):
            # text before the first prompt (a console log's megabytes) is the streaming
            # path's: it reads it line by line, keeping none of it
            return None
        data = path.read_bytes()
        ascii_only = data.isascii()
        if ascii_only:
            if data.translate(None, _NOT_CONTROL):
                return None
            # no control characters: a line's trailing whitespace can only be spaces, taken
            # off the bytes, so the file is never held as bytes and as text plus a copy
            data = _without_trailing_spaces(data)
        text = data.decode("utf-8")
        del data  # the text alone from here: a 110 MB file is not held twice
    except (OSError, UnicodeDecodeError):
        return None
    heads = _line_heads(text)
    if _declined(text, heads) or has_line_longer(text, MAX_LINE_CHARS):
        return None  # over-long lines are cut, and reported, by the streaming reader
    if not ascii_only:
        text = "\n".join(line.rstrip() for line in text.split("\n"))
        return text, _line_heads(text)  # offsets moved with the spaces taken off
    return text, heads


def _without_trailing_spaces(data: bytes) -> bytes:
    """`data` with the spaces that end a line taken away (the last line's too), found by
    `bytes.find` (a regex tries every space of an indented 110 MB output)."""
    end = len(data.rstrip(b" ")) if data.endswith(b" ") else len(data)
    at = data.find(b" \n", 0, end)
    if at == -1:
        return data[:end] if end < len(data) else data
    view = memoryview(data)
    pieces = []
    last = 0
    while at != -1:
        start = at
        while start > last and data[start - 1] == 32:  # the run of spaces before it
            start -= 1
        pieces.append(view[last:start])
        last = at + 1  # the newline stays
        at = data.find(b" \n", last, end)
    pieces.append(view[last:end])
    out = b"".join(pieces)  # one copy (a BytesIO grew, then copied again)
    del pieces
    view.release()
    return out


def fast_blocks(path: Path, style: Style, budget: Budget, split: Split,
                body_from: int = 0) -> list[Block] | None:
    """The blocks `split_blocks` would yield for this file, or None to take the slow path.

    Each block carries its output as `body` (lines joined, trailing whitespace gone, as the
    slow path's `texts` would join), not as `texts`.
    """
    if body_from:
        return None
    cleaned = _clean_text(path, style, budget)
    if cleaned is None:
        return None
    text, heads = cleaned
    # the file's final newline ends the last line; it starts no new one
    end_of_text = len(text) - 1 if text.endswith("\n") else len(text)
    line_count = text.count("\n", 0, end_of_text) + 1 if end_of_text else 0
    known_hosts: set[str] = set()
    known_prompts: set[str] = set()
    prompts = []  # (prompt, offset of its line, offset after its line's newline)
    line_number, position = 1, 0
    if heads is None:
        starts = [0] + [m.start() + 1 for m in _FIRST_CHAR.finditer(text)
                   if _CANDIDATE.match(text, m.start())]
    else:  # the same lines, from the heads already found
        starts = [0] + [start for start in heads
                        if text[start] in _FIRST_CHARS and _CANDIDATE.match(text, start - 1)]
    for start in starts:
        if start - position > end_of_text - start:  # nearer the end: count back from it
            line_number = line_count - text.count("\n", start, end_of_text)
        else:
            line_number += text.count("\n", position, start)
        position = start
        stop = text.find("\n", start)
        stop = len(text) if stop == -1 else stop
        line = text[start:stop]
        if not _PROMPT.match(line):
            continue
        prompt = match_prompt(line, line_number, known_hosts, known_prompts)
        if prompt is not None:
            known_hosts.add(prompt.hostname)
            known_prompts.add(prompt.prompt)
            prompts.append((prompt, start, stop + 1))
    if not prompts or text[:prompts[0][1]].strip():
        return None  # text before the first prompt is reported line by line by the slow path
    blocks: list[Block] = []
    used = 0
    for index, (prompt, _start, after) in enumerate(prompts):
        until = prompts[index + 1][1] - 1 if index + 1 < len(prompts) else end_of_text
        body = text[after:until] if after <= until else ""
        has_lines = after <= until  # a prompt right before the next (or the end) has none
        chars = len(body) + 1 if has_lines else 0
        used += chars
        if chars > budget.output_chars or used > budget.file_chars:
            return None  # cutting an output short is the slow path's business
        block = Block(prompt, chars=chars, body=body if has_lines else None)
        if has_lines:
            block.runs.append((0, prompt.line + 1))
        blocks.append(block)
    budget.used += used
    split.last_line = line_count
    return blocks
