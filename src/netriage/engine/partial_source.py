"""An output read although some of its lines were not understood, as findings carry it.

Apart from `findings` so that an analysis reading no partial output never creates the class.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PartialSource:
    """An output that was read although some of its lines were not understood.

    Conclusions drawn from it still stand where they rest on what was read; the reports say
    so, and list the lines that were not understood (`lines`: (line in `source`, text), the
    first few; `count` is how many there were in all)."""

    command: str
    count: int
    source: str = ""
    lines: tuple[tuple[int, str], ...] = ()

    @property
    def note(self) -> str:
        """`a partial `show failover`: 1 line not understood` (how reports say it)."""
        plural = "line" if self.count == 1 else "lines"
        return f"a partial `{self.command}`: {self.count} {plural} not understood"
