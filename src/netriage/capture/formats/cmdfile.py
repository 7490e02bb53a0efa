"""One file per command, named after it, as netmiko and nornir scripts save them.

`show_failover.txt`, `fw1_show_crypto_isakmp_sa.log`, `fw1-show_version.txt`,
`show ip int brief.txt`, `fw1/show_running-config.txt` (nornir: one folder per host): the
name gives the command (underscores are spaces, hyphens stay as in `running-config`), an
optional hostname before it, and an optional date after it. The file holds the bare output.
"""

from __future__ import annotations

import re
from pathlib import Path

from netriage.capture.build import Key, make_entries
from netriage.capture.commands import is_show_like, resolve
from netriage.capture.formats import Context, FileLoad, Format
from netriage.capture.formats.common import (
    hostname_hints,
    split_notes,
    visible_head,
    whole_file,
)
from netriage.capture.prompts import PromptLine, looks_like_prompt
from netriage.capture.reader import TextFile
from netriage.capture.stream import Line, detect_style
from netriage.capture.terminal import Block, Split
from netriage.lazyre import lazy

_VERB = re.compile(r"^(show|sh|sho|more|write|wr|dir)$", re.IGNORECASE)
_DATE = lazy(r"^(\d{8}(T?\d{4,6})?|\d{4}-\d\d-\d\d(T\d\d[:.-]?\d\d([:.-]?\d\d)?)?)$")
_TIME = lazy(r"^(\d{4}|\d{6}|\d\d[:.-]\d\d([:.-]\d\d)?)$")
# A pipe cannot be in a file name: `show_run_section_crypto` is `show run | section crypto`.
_FILTER_WORDS = ("include", "section", "begin", "exclude", "grep", "count")


def _strip_date(words: list[str]) -> list[str]:
    """Drop a trailing date (and the time after it) that scripts add to file names."""
    for index in range(len(words) - 1, 0, -1):
        if _DATE.match(words[index]):
            if all(_TIME.match(w) for w in words[index + 1:]):
                return words[:index]
            break
    return words


def _with_pipe(words: list[str]) -> str:
    for index, word in enumerate(words[1:], 1):
        if word.lower() in _FILTER_WORDS:
            return " ".join([*words[:index], "|", *words[index:]])
    return " ".join(words)


def _same_command(a: str, b: str) -> bool:
    """Same command, with or without the pipe of its filter (`sh run | sec x`, `show run sec x`)."""
    def words(text: str) -> list[str]:
        resolved = resolve(text)
        return resolved.command.split() + resolved.filter.replace("|", " ").split()
    return words(a) == words(b)


def command_from_name(path: Path) -> tuple[str, str] | None:
    """(hostname prefix or "", command as typed) from a file name, or None."""
    known = (".txt", ".log", ".out", ".cfg", ".conf", ".raw")
    stem = path.stem if path.suffix.lower() in known else path.name
    words = [w for w in re.split(r"[_\s]+", stem) if w]
    for index, word in enumerate(words):
        head, dash, tail = word.rpartition("-")
        if _VERB.match(word):
            host, rest = words[:index], words[index + 1:]
        elif dash and _VERB.match(tail):  # fw1-show_version
            host, rest = [*words[:index], head], words[index + 1:]
        else:
            continue
        rest = _strip_date(rest)
        if not rest:
            return None
        verb = word if not dash or _VERB.match(word) else tail
        return "_".join(host).strip("-_"), _with_pipe([verb, *rest])
    return None


def sniff(text: TextFile, context: Context) -> int:
    named = command_from_name(context.path)
    if named is None or not is_show_like(named[1]):
        return 0
    if any(looks_like_prompt(line) for line in visible_head(text)[:50]):
        return 0  # a session log that happens to be named after a command
    return 40


def load(text: TextFile, context: Context) -> FileLoad:
    named = command_from_name(context.path)
    assert named is not None  # sniff said so
    host, typed = named
    style = detect_style(text.head)
    result = FileLoad("command-file", started=style.started)
    name = str(context.path)
    split = Split()
    block = Block(PromptLine(0, "", host, "", "", "", False, typed))

    def keep(line: Line) -> bool:
        if block.texts:
            return True
        if not line.text.strip():
            return False  # leading blank lines
        if _same_command(line.text, typed):
            block.prompt.typed = line.text.strip()  # the script's echo keeps the pipe
            return False
        return True

    whole_file(text, style=style, budget=context.budget, split=split, block=block, keep=keep)
    typed = block.prompt.typed
    result.hints = hostname_hints(block.texts[:2000])
    key = Key(context.folder_host or host)
    for entry in make_entries(block.texts, block.runs, typed=typed, prompt="", source=name,
                              line=0, truncated=block.truncated, cut=block.cut):
        result.entries.append((key, entry))
    result.skipped += split_notes(name, split, text.cut_lines)
    return result


FORMAT = Format("command-file", sniff, load)
