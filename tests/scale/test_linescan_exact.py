"""The evidence line scan finds exactly the lines a per-line scan finds (issue 13 fast path).

`matching_lines` counts line numbers with `str.count` as it finds each literal and jumps to
the next line once one is a candidate; these cases catch an off-by-one in that counting
(a literal twice on a line, at the very start or end, on the last line without a newline).
"""

from __future__ import annotations

import re

import pytest

from netriage.engine.linescan import matching_lines
from netriage.parsing.native.synth import asa_ipsec_sa


def _every_line(output: str, pattern: re.Pattern[str]) -> list[tuple[int, str]]:
    return [(i, line) for i, line in enumerate(output.split("\n")) if pattern.search(line)]


TEXT = ("peer 10.0.0.1 peer 10.0.0.1\n\nPEER 10.0.0.1\n  x\npeer 10.0.0.2\npeer 10.0.0.1 end\n"
        "current_peer: 10.0.0.1")
PATTERNS = [r"peer 10\.0\.0\.1", r"(?i)PEER 10\.0\.0\.1$", r"^peer", r"current_peer: (\S+)",
            r"10\.0\.0\.2|10\.0\.0\.1 end", r"peer 10\.0\.0\.9"]


@pytest.mark.parametrize("source", PATTERNS)
def test_small_text_same_as_every_line(source: str) -> None:
    pattern = re.compile(source, re.IGNORECASE)
    assert matching_lines(TEXT, pattern) == _every_line(TEXT, pattern)
    assert matching_lines(TEXT + "\n", pattern) == _every_line(TEXT + "\n", pattern)


def test_sa_table_same_as_every_line() -> None:
    text, sas = asa_ipsec_sa(300, zero_decaps_at=297)
    peer = re.escape(sas[297].peer)
    found = 0
    for source in (rf"current_peer: {peer}\b", r"#pkts decaps: 0,", r"^\s+spi: 0x",
                   r"Crypto map tag: \S+, seq num: (\d+)"):
        pattern = re.compile(source, re.IGNORECASE)
        expected = _every_line(text, pattern)
        assert matching_lines(text, pattern) == expected
        found += len(expected)
    assert found > 300  # the patterns did match: the comparison was not between two empties


@pytest.mark.parametrize("source", PATTERNS)
def test_far_apart_hits_same_as_every_line(source: str) -> None:
    # hits more than 64 K characters apart are numbered from the sparse checkpoints
    text = "x\n" * 70_000 + TEXT + "\n" + "y z\n" * 50_000 + TEXT + "\n" + "w\n" * 3 + TEXT
    pattern = re.compile(source, re.IGNORECASE)
    expected = _every_line(text, pattern)
    assert matching_lines(text, pattern) == expected
    assert source == PATTERNS[-1] or len(expected) >= 3
