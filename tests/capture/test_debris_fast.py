"""`debris.clean`'s printable-line fast path and `replay_line`'s tabs-only one (expandtabs)
change no answer: compared with the full replay (`_reference_clean`, the code before,
verbatim) on every line of every recording, of ../shared/corpus when present, and on lines
made of the characters the fast paths are about."""

from __future__ import annotations

from itertools import product
from pathlib import Path

from netriage.capture import debris
from tests.conftest import RECORDINGS, SHARED


def _reference_replay(line: str) -> str:
    if "\r" not in line and "\b" not in line and "\t" not in line:
        return line
    cells: list[str] = []
    col = 0
    for char in line:
        if char == "\r":
            col = 0
        elif char == "\b":
            col = max(col - 1, 0)
        elif char == "\t":
            col = (col // 8 + 1) * 8
            cells.extend(" " * (col - len(cells)))
        else:
            if col < len(cells):
                cells[col] = char
            else:
                cells.append(char)
            col += 1
    return "".join(cells)


def _reference_clean(line: str) -> str | None:
    line = debris._ANSI.sub("", line)
    line = line.rstrip("\r")
    line = _reference_replay(line)
    pager = False
    if "ore" in line and debris._PAGER.search(line):
        pager = True
        line = debris._PAGER.sub(debris._drop_pager, line)
    line = debris._OTHER_CONTROL.sub("", line).rstrip()
    return None if pager and not line else line


def _file_lines(folder: Path) -> list[str]:
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            # split on "\n" only, as the reader does: \r, \x0b, \x85, \u2028 stay in lines
            found += path.read_bytes().decode("utf-8", errors="replace").split("\n")
        except OSError:
            continue
    return found


def test_every_recorded_line_cleans_as_before():
    lines = _file_lines(RECORDINGS)
    if (SHARED / "corpus").is_dir():
        lines += _file_lines(SHARED / "corpus")
    assert len(lines) > 50_000
    assert sum(not line.isprintable() for line in lines) > 100  # the slow path is met too
    assert sum("\t" in line and "\r" not in line for line in lines) > 100  # tabbed tables
    for line in lines:
        assert debris.clean(line) == _reference_clean(line), repr(line)
        assert debris.replay_line(line) == _reference_replay(line), repr(line)


def test_lines_of_the_characters_in_question_clean_as_before():
    pieces = ["a", " ", "\t", "\r", "\b", "\x1b[0m", "\x1b]0;t\x07", "\x00", "\x7f",
              "\u00a0", "\u2028", "\x85", "\u200b", "<--- More --->", " --More-- ", "é", ""]
    for parts in product(pieces, repeat=3):
        line = "".join(parts)
        assert debris.clean(line) == _reference_clean(line), repr(line)
        assert debris.replay_line(line) == _reference_replay(line), repr(line)
    for parts in product(["ab", "\t", "abcdefgh", "\u00e9", " "], repeat=4):  # tab stops
        line = "".join(parts)
        assert debris.replay_line(line) == _reference_replay(line), repr(line)
    assert debris.clean("<--- More --->") is None
    assert debris.clean("  show run \u00a0 ") == "  show run"
