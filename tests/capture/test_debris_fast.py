"""`debris.clean`'s printable-line fast path changes no answer: compared with the full
replay (`_reference_clean`, the code before, verbatim) on every line of every recording, of
../shared/corpus when present, and on lines made of the characters the fast path is about."""

from __future__ import annotations

from itertools import product
from pathlib import Path

from netriage.capture import debris
from tests.conftest import RECORDINGS, SHARED


def _reference_clean(line: str) -> str | None:
    line = debris._ANSI.sub("", line)
    line = line.rstrip("\r")
    line = debris.replay_line(line)
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
    for line in lines:
        assert debris.clean(line) == _reference_clean(line), repr(line)


def test_lines_of_the_characters_in_question_clean_as_before():
    pieces = ["a", " ", "\t", "\r", "\b", "\x1b[0m", "\x1b]0;t\x07", "\x00", "\x7f",
              "\u00a0", "\u2028", "\x85", "\u200b", "<--- More --->", " --More-- ", "é", ""]
    for parts in product(pieces, repeat=3):
        line = "".join(parts)
        assert debris.clean(line) == _reference_clean(line), repr(line)
    assert debris.clean("<--- More --->") is None
    assert debris.clean("  show run \u00a0 ") == "  show run"
