"""Terminal debris: what a terminal log holds that the device never meant as output.

Each physical line is replayed as a terminal would draw it (carriage returns and backspaces
move the cursor, escape sequences draw nothing), so in-line edits and pager prompts erased
with `\\r` leave only what was visible. Lines are never merged or split here, so line
numbers stay those of the file and evidence can point into it.
"""

from __future__ import annotations

import re

_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_PAGER = re.compile(r"\s*(<-+\s*More\s*-+>|-+\s*More\s*-+|--More--)\s*", re.IGNORECASE)
_OTHER_CONTROL = re.compile(r"[\x00-\x07\x0b\x0c\x0e-\x1f\x7f]")


def replay_line(line: str) -> str:
    """Render one line as a terminal shows it: `\\r` returns, `\\b` backs up, overwrites win."""
    if "\r" not in line and "\b" not in line:
        return line
    cells: list[str] = []
    col = 0
    for char in line:
        if char == "\r":
            col = 0
        elif char == "\b":
            col = max(col - 1, 0)
        else:
            if col < len(cells):
                cells[col] = char
            else:
                cells.append(char)
            col += 1
    return "".join(cells)


def clean_line(line: str) -> str:
    line = _ANSI.sub("", line)
    line = line.rstrip("\r")  # the \r of a \r\n ending is not an overwrite
    line = replay_line(line)
    if _PAGER.search(line):
        starts_with_pager = bool(_PAGER.match(line))
        line = _PAGER.sub(" ", line)
        line = line.lstrip() if starts_with_pager else line
    line = _OTHER_CONTROL.sub("", line).replace("\t", "    ")
    return line.rstrip()


def decode(data: bytes) -> str:
    """UTF-8 where a line is valid UTF-8, Latin-1 for the others (mixed logs exist)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        lines = data.split(b"\n")
        return "\n".join(_decode_line(line) for line in lines)


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("latin-1")


def clean_lines(text: str) -> list[str]:
    return [clean_line(line) for line in text.split("\n")]
