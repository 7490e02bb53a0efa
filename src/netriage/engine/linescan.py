"""Which lines of an output an evidence pattern matches, without testing every line.

An evidence rule is a regex applied to each line of an output. A VPN headend's
`show crypto ipsec sa` has 250,000 lines, and a finding rendered per item scans it once per
rule and item. Almost every pattern contains a literal every match must contain
(`current_peer`, `#pkts decaps: 0,`, an address): the lines holding it are found with
`str.find` on the lower-cased output, and only those lines are tested. The result is exactly
the lines a full scan finds; patterns without such a literal, or outputs that are not ASCII
(where IGNORECASE folding differs from `str.lower`), are scanned line by line as before.

An output of `BIG_OUTPUT` characters or more (a 110 MB SA table) is never copied: no line
list, no lower-cased copy. Its literals are found by a case-insensitive regex over the text
itself, and line numbers come from a sparse index (the line count every 64 K characters).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from functools import cache

try:  # the stdlib's own regex parser; without it every pattern is scanned in full
    import re._parser as _sre_parse  # type: ignore[import-not-found]
    from re._constants import BRANCH, LITERAL, SUBPATTERN  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - other Python versions
    _sre_parse = None

_MIN_LITERAL = 3  # shorter literals select too many lines to be worth it
BIG_OUTPUT = 32 * 1024 * 1024
_STEP = 1 << 16  # characters between two points of a big output's sparse line index


class _Indexed:
    """An output's lower-cased copy, and its line list only when a scan needs every line."""

    def __init__(self, output: str) -> None:
        self.output = output
        self.lowered = output.lower() if output.isascii() else None  # None: no prefiltering
        self._lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        # split only for a pattern without a literal: splitting a headend's 250,000 lines
        # cost more than the literal scans it served
        if self._lines is None:
            self._lines = self.output.split("\n")
        return self._lines


_INDEX: OrderedDict[int, tuple[str, _Indexed]] = OrderedDict()
_INDEX_SIZE = 16


def _indexed(output: str) -> _Indexed:
    key = id(output)
    cached = _INDEX.get(key)
    if cached is not None and cached[0] is output:
        _INDEX.move_to_end(key)
        return cached[1]
    item = _Indexed(output)
    _INDEX[key] = (output, item)
    if len(_INDEX) > _INDEX_SIZE:
        _INDEX.popitem(last=False)
    return item


def _runs(items: list) -> list[str]:  # type: ignore[type-arg]
    """Literal runs every match of this sequence of parsed regex items contains (lower case).

    Only required parts count: literals, and groups in the sequence (their own sequences);
    repeats, alternations and lookarounds inside are not looked into.
    """
    runs, current = [], []
    for op, arg in items:
        if op is LITERAL:
            current.append(chr(arg))
            continue
        runs.append("".join(current))
        current = []
        if op is SUBPATTERN and arg[-1] is not None:
            runs.extend(_runs(list(arg[-1])))
    runs.append("".join(current))
    return [r.lower() for r in runs if r]


@cache
def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Literals one of which every match contains (one per top-level alternative); None if
    some alternative has none long enough."""
    if _sre_parse is None:
        return None
    try:
        parsed = list(_sre_parse.parse(pattern, re.IGNORECASE))
    except (re.error, TypeError, ValueError, AttributeError):
        return None
    alternatives: list[list] = [parsed]  # type: ignore[type-arg]
    branches = [i for i, (op, _arg) in enumerate(parsed) if op is BRANCH]
    if len(branches) == 1:  # `^a|^b` parses as `^(?:a|b)`: one sequence per alternative
        at = branches[0]
        alternatives = [parsed[:at] + list(alt) + parsed[at + 1:] for alt in parsed[at][1][1]]
    literals = []
    for alternative in alternatives:
        runs = [r for r in _runs(alternative) if len(r) >= _MIN_LITERAL and r.isascii()]
        if not runs:
            return None
        # an address or a count picks few lines; a keyword may be on every block
        literals.append(max(runs, key=lambda r: (any(c.isdigit() for c in r), len(r))))
    return tuple(literals)


@cache
def _caseless(literal: str) -> re.Pattern[str]:
    return re.compile(re.escape(literal), re.IGNORECASE)


_SPARSE: OrderedDict[int, tuple[str, list[int]]] = OrderedDict()


def _sparse_index(output: str) -> list[int]:
    """Lines before offset k * _STEP, for every k: a big output's line numbers, 1/64K the size
    of a list of line starts."""
    cached = _SPARSE.get(id(output))
    if cached is not None and cached[0] is output:
        return cached[1]
    counts, total = [0], 0
    for start in range(0, len(output), _STEP):
        total += output.count("\n", start, start + _STEP)
        counts.append(total)
    _SPARSE[id(output)] = (output, counts)
    if len(_SPARSE) > 4:
        _SPARSE.popitem(last=False)
    return counts


def _line_index(output: str, offset: int) -> int:
    step = offset // _STEP
    return _sparse_index(output)[step] + output.count("\n", step * _STEP, offset)


def _big_matching_lines(output: str, pattern: re.Pattern[str],
                        literals: tuple[str, ...] | None) -> list[tuple[int, str]]:
    if literals is None:  # no literal to look for: every line, one at a time
        found, start, index = [], 0, 0
        while start <= len(output):
            end = output.find("\n", start)
            end = len(output) if end == -1 else end
            line = output[start:end]  # alone, as the per-line scan sees it (`^`, `$`)
            if pattern.search(line):
                found.append((index, line))
            start, index = end + 1, index + 1
        return found
    starts: set[int] = set()
    for literal in literals:
        for match in _caseless(literal).finditer(output):
            starts.add(output.rfind("\n", 0, match.start()) + 1)
    found = []
    for start in sorted(starts):
        end = output.find("\n", start)
        line = output[start:] if end == -1 else output[start:end]
        if pattern.search(line):
            found.append((_line_index(output, start), line))
    return found


def matching_lines(output: str, pattern: re.Pattern[str]) -> list[tuple[int, str]]:
    """(index, line) of every line of `output` that `pattern.search` matches, in order."""
    if len(output) >= BIG_OUTPUT:
        literals = required_literals(pattern.pattern) if output.isascii() else None
        return _big_matching_lines(output, pattern, literals)
    index = _indexed(output)
    literals = required_literals(pattern.pattern) if index.lowered is not None else None
    if literals is None:
        return [(i, line) for i, line in enumerate(index.lines) if pattern.search(line)]
    lowered = index.lowered
    candidates: dict[int, tuple[int, int]] = {}  # line number: (start, end) in the output
    for literal in literals:
        line, counted, at = 0, 0, lowered.find(literal)
        while at != -1:
            if at - counted > _STEP:  # far from the last hit: count from a checkpoint
                step = at // _STEP
                line = _sparse_index(output)[step] + lowered.count("\n", step * _STEP, at)
            else:  # near: count on from the last hit, in C
                line += lowered.count("\n", counted, at)
            counted = at
            end = lowered.find("\n", at)
            if line not in candidates:
                start = lowered.rfind("\n", 0, at) + 1
                candidates[line] = (start, len(output) if end == -1 else end)
            if end == -1:
                break
            at = lowered.find(literal, end + 1)  # the line is a candidate: look on from the next
    found = []
    for number in sorted(candidates):
        start, end = candidates[number]
        line_text = output[start:end]  # as `split` gives it: ASCII, so offsets are the same
        if pattern.search(line_text):
            found.append((number, line_text))
    return found
