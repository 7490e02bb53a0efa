"""Lists read from a partial output, and the three-valued logic over them.

A fact read from an output with lines not understood is used for what it holds, but each of
its lists may miss a row. Such a list is a `PartialList`; `len` of one is `AtLeast` a lower
bound; `any` and `all` note when they ran through one to its end. A conclusion that no row
qualifies (`len(x) > 0` False, `len(x) == 0` True, `any` False, `all` True) is then a
`PartialUnknown`, while a row that was read and qualifies still concludes. `Unknown` lives
here because everything here raises it; `netriage.engine.expr` re-exports it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netriage.engine.partial_source import PartialSource


class Unknown(Exception):  # noqa: N818 - it is a value of three-valued logic, not an error
    """A fact the condition needs is not known; `reason` says why, `commands` what would tell."""

    def __init__(self, reason: str, commands: tuple[str, ...] = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.commands = commands


class PartialUnknown(Unknown):
    """Unknown only because a list read from a partial output may miss rows: as far as the
    output was read the outcome is known (`evaluate_as_read`), but it is not certain."""


Partial = tuple["PartialSource", ...]


def partial_unknown(partial: Partial, what: str = "") -> Unknown:
    """The Unknown of a conclusion that rows not read from a partial output could change
    (or, with `what`, of a field that was not read)."""
    notes = "; ".join(p.note for p in partial)
    commands = tuple(dict.fromkeys(p.command for p in partial))
    if what:
        return Unknown(f"{what}: drawn from {notes}", commands)
    return PartialUnknown(f"drawn from {notes}: a line not understood may hold a row that "
                          "changes this", commands)


def scoped(value: Any, name: str, partial: Partial) -> Partial:
    """The partial outputs that can hide a row of `value.name`.

    A fact built from several outputs may say which outputs each field reads, as a class
    attribute `PARTIAL_READS` (field → command prefixes): a configuration list of the crypto
    fact is not made uncertain by a partial `show crypto ipsec sa`. Other fields: all."""
    reads = getattr(type(value), "PARTIAL_READS", None)
    if not partial or not reads or name not in reads:
        return partial
    return tuple(p for p in partial if p.command.startswith(tuple(reads[name])))


class _Exhausted(threading.local):
    """Per thread: how many partial lists were run through to their end, and the last one;
    and whether partial lists are taken as they were read (`evaluate_as_read`).

    `any(... for i in partial)` receives a generator, not the list: the list's iterator
    counts here when it runs out, and `any`/`all` compare the count before and after."""

    count = 0
    last: Partial = ()
    as_read = False


_EXHAUSTED = _Exhausted()


class PartialList(list):  # type: ignore[type-arg]
    """Items of a fact read from a partial output: each was read, but a row may be missing."""

    def __init__(self, items: Any, partial: Partial) -> None:
        super().__init__(items)
        self.partial = partial

    def __iter__(self) -> Any:
        yield from list.__iter__(self)
        _EXHAUSTED.count += 1  # ran out: "no further item" is not certain
        _EXHAUSTED.last = self.partial

    def __bool__(self) -> bool:
        if list.__len__(self) or _EXHAUSTED.as_read:
            return bool(list.__len__(self))
        raise partial_unknown(self.partial)


class AtLeast(int):
    """`len` of a `PartialList`: the true count is this or more. Comparisons whose outcome
    more rows could change raise Unknown; the others are as certain as with an int."""

    partial: Partial

    def __new__(cls, value: int, partial: Partial) -> AtLeast:
        obj = super().__new__(cls, value)
        obj.partial = partial
        return obj

    def _unsure(self) -> bool:
        raise partial_unknown(self.partial)

    # Each: the outcome that holds for every count >= self, else Unknown.
    def __gt__(self, other: Any) -> bool:
        return True if int(self) > other else self._unsure()

    def __ge__(self, other: Any) -> bool:
        return True if int(self) >= other else self._unsure()

    def __lt__(self, other: Any) -> bool:
        return False if int(self) >= other else self._unsure()

    def __le__(self, other: Any) -> bool:
        return False if int(self) > other else self._unsure()

    def __eq__(self, other: object) -> bool:
        return False if isinstance(other, int) and int(self) > other else self._unsure()

    def __ne__(self, other: object) -> bool:
        return True if isinstance(other, int) and int(self) > other else self._unsure()

    __hash__ = int.__hash__

    def __bool__(self) -> bool:
        return True if int(self) > 0 else self._unsure()

    def __add__(self, other: Any) -> Any:
        if isinstance(other, int):
            extra = other.partial if isinstance(other, AtLeast) else ()
            return AtLeast(int(self) + int(other), self.partial + extra)
        return NotImplemented

    __radd__ = __add__


def partial_len(items: Any) -> int:
    if isinstance(items, PartialList) and not _EXHAUSTED.as_read:
        return AtLeast(list.__len__(items), items.partial)
    return len(items)


def partial_any(items: Any) -> bool:
    before = _EXHAUSTED.count
    result = any(items)
    if not result and _EXHAUSTED.count != before and not _EXHAUSTED.as_read:
        raise partial_unknown(_EXHAUSTED.last)
    return result


def partial_all(items: Any) -> bool:
    before = _EXHAUSTED.count
    result = all(items)
    if result and _EXHAUSTED.count != before and not _EXHAUSTED.as_read:
        raise partial_unknown(_EXHAUSTED.last)
    return result


@contextmanager
def as_read() -> Iterator[None]:
    """Within: lists of partial outputs count as complete (what the output shows as read)."""
    _EXHAUSTED.as_read = True
    try:
        yield
    finally:
        _EXHAUSTED.as_read = False
