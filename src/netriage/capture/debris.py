"""Terminal debris: what a terminal log holds that the device never meant as output.

Each physical line is replayed as a terminal would draw it (carriage returns and backspaces
move the cursor, tabs jump to the next 8-column stop, escape sequences draw nothing), so
in-line edits and pager prompts erased with `\\r` leave only what was visible. A line that
held nothing but a pager prompt is dropped (`clean` returns None); lines are never merged
here, so the caller can keep line numbers those of the file.
"""

from __future__ import annotations

import re

from netriage.lazyre import lazy

_ANSI = lazy(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
# ASA `<--- More --->`, IOS ` --More-- `, Linux `--More--(42%)`; the spaces after one are
# those the device wrote to erase it when the log kept no carriage return.
_PAGER = re.compile(r"(<-+\s*More\s*-+>|-+\s*More\s*-+(?:\(\d+%\))?)( *)", re.IGNORECASE)
_OTHER_CONTROL = lazy(r"[\x00-\x07\x0b\x0c\x0e-\x1f\x7f]")


def replay_line(line: str) -> str:
    """Render one line as a terminal shows it: `\\r` returns, `\\b` backs up, overwrites win."""
    if "\r" not in line and "\b" not in line:
        # the cursor never moves back: each tab pads to the next 8-column stop, as
        # expandtabs does (in C; the loop below was ~30 us a line of a PIX's tabbed tables)
        return line.expandtabs(8) if "\t" in line else line
    cells: list[str] = []
    col = 0
    for char in line:
        if char == "\r":
            col = 0
        elif char == "\b":
            col = max(col - 1, 0)
        elif char == "\t":
            col = (col // 8 + 1) * 8  # a tab moves the cursor; it paints nothing
            cells.extend(" " * (col - len(cells)))
        else:
            if col < len(cells):
                cells[col] = char
            else:
                cells.append(char)
            col += 1
    return "".join(cells)


def _drop_pager(match: re.Match[str]) -> str:
    token, spaces = match.group(1), match.group(2)
    return spaces[len(token):]  # erasing spaces beyond the prompt's width are real indentation


def clean(line: str) -> str | None:
    """The visible text of one physical line; None for a line that was only a pager prompt."""
    # Most lines hold no escape and no control character (isprintable() says so in C; \x1b,
    # \r, \b, \t and every other control character are not printable): nothing to replay or
    # delete, so only a pager prompt and trailing spaces can go (~3 of 4 `clean` costs saved;
    # it runs over every line of every file, three times on the head)
    printable = line.isprintable()
    if not printable:
        line = _ANSI.sub("", line)
        line = line.rstrip("\r")  # the \r of a \r\n ending is not an overwrite
        line = replay_line(line)
    pager = False
    if "ore" in line and _PAGER.search(line):
        pager = True
        line = _PAGER.sub(_drop_pager, line)
    line = (line if printable else _OTHER_CONTROL.sub("", line)).rstrip()
    return None if pager and not line else line
