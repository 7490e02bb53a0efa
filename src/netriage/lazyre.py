"""Regexes compiled when first used, not when their module is imported.

Tables of patterns (configuration blocks, crypto log messages, platform banners) are built at
import, and compiling them all cost a few hundredths of a second at every start, most of it for
patterns the run never reads (issue 13, start-up). `lazy(pattern, flags)` stands where
`re.compile(pattern, flags)` stood: `.pattern` is there at once, the usual methods compile on
their first call and then go straight to the compiled pattern.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from netriage import regexcache


class LazyRe:
    __slots__ = ("_compiled", "_flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self._flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self._flags)
            regexcache.note(self.pattern, self._flags)  # a table's: kept between runs
        return self._compiled

    # The methods the tables are used with, spelled out: each call is one indirection.
    def match(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled().match(string, *args)

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled().search(string, *args)

    def fullmatch(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, *args)

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, *args)

    def findall(self, string: str, *args: int) -> list[Any]:
        return self.compiled().findall(string, *args)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str,
            count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str,
             count: int = 0) -> tuple[str, int]:
        return self.compiled().subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled().split(string, maxsplit)

    @property
    def flags(self) -> int:
        return self.compiled().flags

    @property
    def groups(self) -> int:
        return self.compiled().groups

    @property
    def groupindex(self) -> Any:
        return self.compiled().groupindex

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyRe):
            return (self.pattern, self._flags) == (other.pattern, other._flags)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.pattern, self._flags))

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self._flags})"

    def __getstate__(self) -> tuple[str, int]:
        return self.pattern, self._flags  # a pickle holds the source, never the compiled form

    def __setstate__(self, state: tuple[str, int]) -> None:
        self.pattern, self._flags = state
        self._compiled = None


def lazy(pattern: str, flags: int = 0) -> LazyRe:
    return LazyRe(pattern, flags)
