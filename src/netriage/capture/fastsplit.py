"""A fast path for clean terminal captures: whole outputs cut at C speed, not line by line.

A VPN headend's `show crypto ipsec sa` is 250,000 lines; walking them one at a time through
debris cleaning, header and prompt detection costs most of an analysis. When a file has
none of what that walk exists for (escape sequences, carriage returns, backspaces, tabs,
pager prompts, terminal-program headers, a jump host's shell, per-line timestamps, wrapped
lines, over-long lines, text before the first prompt) the same blocks can be found by
scanning the whole text once for prompt-shaped lines. Anything else returns None and the
line-by-line splitter runs: the fast path never decides differently, it only declines
(tests compare both on every recording).
"""

from __future__ import annotations

import re
from pathlib import Path

from netriage.capture.debris import _PAGER
from netriage.capture.prompts import _PROMPT, HOST, MODE, match_prompt
from netriage.capture.reader import MAX_LINE_CHARS
from netriage.capture.session import _PUTTY, _SCRIPT, _SHELL
from netriage.capture.stream import Style
from netriage.capture.terminal import Block, Budget, Split

FAST_MAX_BYTES = 32 * 1024 * 1024  # beyond this the streaming splitter keeps memory bounded
# Where a prompt-shaped line may start: led by a literal newline, which the regex engine
# finds at C speed (a MULTILINE `^` is tried at every character).
_CANDIDATE = re.compile(rf"\n(?=(?:{HOST})?(?:{MODE})?[#>])")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
_DECLINE = [re.compile(p.pattern, re.MULTILINE) for p in (_PUTTY, _SCRIPT, _SHELL)]


def _declined(text: str) -> bool:
    """Whether the text holds anything the line-by-line path exists for.

    Literal probes first (C-speed `in`); a pattern runs only when its probe is present,
    since a MULTILINE `^` pattern is tried at every character of a 15 MB text.
    """
    if text.startswith("\ufeff") or _CONTROL.search(text):
        return True
    if ("More" in text or "MORE" in text or "more" in text) and _PAGER.search(text):
        return True
    probes = (("=~=~=~", _DECLINE[0]), ("Script ", _DECLINE[1]),
              ("@", _DECLINE[2]), ("Connection ", _DECLINE[2]), ("ssh: ", _DECLINE[2]))
    return any(probe in text and pattern.search(text) for probe, pattern in probes)


def _clean_text(path: Path, style: Style, budget: Budget) -> str | None:
    if style.stamp is not None or style.width:
        return None
    try:
        if path.stat().st_size > min(FAST_MAX_BYTES, budget.file_chars):
            return None
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return None if _declined(text) else text


def fast_blocks(path: Path, style: Style, budget: Budget, split: Split,
                body_from: int = 0) -> list[Block] | None:
    """The blocks `split_blocks` would yield for this file, or None to take the slow path."""
    if body_from:
        return None
    text = _clean_text(path, style, budget)
    if text is None:
        return None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the file's final newline ends the last line; it starts no new one
    if max(map(len, lines), default=0) > MAX_LINE_CHARS:
        return None  # over-long lines are cut, and reported, by the streaming reader
    known_hosts: set[str] = set()
    known_prompts: set[str] = set()
    prompts = []
    line_number, position = 1, 0
    starts = [0] + [m.end() for m in _CANDIDATE.finditer(text)]
    for start in starts:
        line_number += text.count("\n", position, start)
        position = start
        if not _PROMPT.match(lines[line_number - 1]):
            continue
        prompt = match_prompt(lines[line_number - 1].rstrip(), line_number, known_hosts,
                              known_prompts)
        if prompt is not None:
            known_hosts.add(prompt.hostname)
            known_prompts.add(prompt.prompt)
            prompts.append(prompt)
    if not prompts or any(line.strip() for line in lines[:prompts[0].line - 1]):
        return None  # text before the first prompt is reported line by line by the slow path
    blocks: list[Block] = []
    used = 0
    for index, prompt in enumerate(prompts):
        end = prompts[index + 1].line - 1 if index + 1 < len(prompts) else len(lines)
        texts = [line.rstrip() for line in lines[prompt.line:end]]
        chars = sum(len(t) for t in texts) + len(texts)
        used += chars
        if chars > budget.output_chars or used > budget.file_chars:
            return None  # cutting an output short is the slow path's business
        block = Block(prompt, texts=texts, chars=chars)
        if texts:
            block.runs.append((0, prompt.line + 1))
        blocks.append(block)
    budget.used += used
    split.last_line = len(lines)
    return blocks
