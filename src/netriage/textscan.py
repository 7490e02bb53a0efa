"""Scans over a whole output's text that the loader and the parser both need."""

from __future__ import annotations


def has_line_longer(text: str, limit: int) -> bool:
    """Whether a line of `text` is longer than `limit`, in one `rfind` per window of that
    size: a window holding no newline lies inside one line. (A regex for it rescans each line
    once per character in it: seconds on an SA table.)"""
    start = 0  # always the start of a line
    while len(text) - start > limit:
        at = text.rfind("\n", start, start + limit + 1)
        if at == -1:
            return True
        start = at + 1
    return False
