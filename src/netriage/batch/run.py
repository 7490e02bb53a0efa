"""One capture of a batch analysed on its own, and which captures of one folder hold the two
ends of a pair, to be analysed together (`jobs` runs them, in worker processes).

Two captures are analysed together when the devices they hold are the two units of one
failover pair or the two ends of one IPsec tunnel, as `netriage.pairs` matches them (serials,
failover link addresses, crypto endpoints), both lie in the same folder, and each matches no
other capture there (a folder of daily captures of one pair matches each file with many:
those stay alone, with a note). Two units carrying the same name in two files cannot be told
apart by name: they stay separate, with a hint (`--merge` analyses everything as one
capture).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from netriage.analysis import Analysis, analyze_capture
from netriage.batch.units import Unit
from netriage.capture import load_paths
from netriage.errors import NetriageError

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts
    from netriage.pairs import DeviceKey

ALARM = ("medium", "high", "critical")
EXIT_OK, EXIT_FINDINGS, EXIT_INCOMPLETE = 0, 1, 3
# which per-capture exit code wins: findings, then incomplete, then clean
_WORSE = {EXIT_OK: 0, EXIT_INCOMPLETE: 1, EXIT_FINDINGS: 2}


@dataclass
class Result:
    """One capture of a batch: its analysis, or why it was skipped."""

    unit: Unit
    analysis: Analysis | None = None
    problem: str = ""  # one sentence: why this file could not be used
    notes: list[str] = field(default_factory=list)  # e.g. analysed with the mate's file

    @property
    def code(self) -> int:
        if self.analysis is None:
            return EXIT_OK  # skipped, and said so; the batch fails only when all are
        # a pair verdict holds the findings it folded: it counts like them
        if any(f.severity in ALARM
               for f in [*self.analysis.findings, *getattr(self.analysis, "pairs", [])]):
            return EXIT_FINDINGS
        return EXIT_INCOMPLETE if self.analysis.capture.cut else EXIT_OK


def worst_code(codes: list[int]) -> int:
    """The batch's exit code: findings, then incomplete, then clean."""
    return max(codes, key=_WORSE.__getitem__, default=EXIT_OK)


def analyse_unit(unit: Unit, platform: str = "",
                 answers: dict[str, str] | None = None) -> Result:
    try:
        capture = load_paths(list(unit.paths), platform)
    except NetriageError as exc:
        return Result(unit, problem=str(exc))
    if not any(d.platform for d in capture.devices):
        return Result(unit, problem=f"{unit.label}: no device platform recognised")
    return Result(unit, analyze_capture(capture, answers))


JOINED_NOTE = "analysed together: their devices are the two ends of a pair"


def joined(first: Unit, second: Unit) -> Unit:
    """The one capture of two files holding the two ends of a pair."""
    return Unit(f"{first.label} + {second.label}", [*first.paths, *second.paths], first.folder)


def join_plan(candidates: dict[int, list[DeviceKey]], units: list[Unit],
              names: dict[int, list[str]] | None = None,
              ) -> tuple[dict[int, int], dict[int, str]]:
    """Which captures to analyse together: ({first index: its partner's index}, {index: note
    for a capture matching several}). `candidates` holds the pair keys of the devices of the
    captures that may hold one end of a pair (by index into `units`), `names` the device
    names of the other usable captures (a name two captures hold is not told apart); only
    captures of one folder are matched, and only a capture matching exactly one other is
    joined to it."""
    by_folder: dict[Path, list[int]] = defaultdict(list)
    for index in sorted(candidates):
        by_folder[units[index].folder].append(index)
    edges: set[tuple[int, int]] = set()
    for folder, indexes in by_folder.items():
        if len(indexes) > 1:
            elsewhere = {i: n for i, n in (names or {}).items() if units[i].folder == folder}
            edges |= pair_edges({i: candidates[i] for i in indexes}, elsewhere)
    degree: dict[int, int] = defaultdict(int)
    for a, b in edges:
        degree[a] += 1
        degree[b] += 1
    # a folder of daily captures of one pair matches each file with many: guessing is wrong
    partner = {a: b for a, b in edges if degree[a] == 1 and degree[b] == 1}
    notes = {index: f"analysed alone: {degree[index]} captures of this folder hold its mate "
                    "or peer; name the two files together to analyse them as a pair"
             for index in sorted(i for i, n in degree.items() if n > 1)}
    return partner, notes


def pair_keys(facts: list[DeviceFacts]) -> list[DeviceKey] | None:
    """What pair matching needs of a capture's devices (a few strings each: its facts would
    pickle to ~50 KB), or None when none of them could be one end of a pair with another
    capture (a unit with failover on, an IPsec end), which keeps it out of the matching."""
    from netriage.pairs import device_keys

    keys = device_keys(facts)
    return keys if any(k.may_pair for k in keys) else None


def pair_edges(captures: dict[int, list[DeviceKey]],
               names: dict[int, list[str]] | None = None) -> set[tuple[int, int]]:
    """(capture, capture) for every failover pair or IPsec tunnel whose two ends are in two
    of these captures (as `netriage.pairs` matches them: `matched_ends`), first index first;
    `names`: the devices of the folder's other captures, which only count as owners of their
    names."""
    from netriage.pairs import FAILOVER, matched_ends

    owner: dict[str, list[int]] = defaultdict(list)  # device name → captures naming it
    for index, hostnames in (names or {}).items():
        for name in hostnames:
            owner[name].append(index)
    role: dict[str, str] = {}
    keys = []
    for index, devices in captures.items():
        for item in devices:
            owner[item.name].append(index)
            role[item.name] = item.failover_unit
            keys.append(item)
    edges = set()
    for kind, *devices in matched_ends(keys):
        homes = [owner[name] for name in devices]
        if any(len(h) != 1 for h in homes) or homes[0] == homes[1]:
            continue  # one file holds both, or a name two files share: not told apart
        roles = {role.get(name, "") for name in devices}
        if kind == FAILOVER and "" not in roles and len(roles) == 1:
            continue  # two Primaries: two captures of one unit, not its two units
        a, b = sorted((homes[0][0], homes[1][0]))
        edges.add((a, b))
    return edges
