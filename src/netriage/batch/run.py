"""Analyse each capture of a batch on its own, in one process (start-up paid once), and the
captures of one folder that hold the two ends of a pair together.

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

from netriage.analysis import Analysis, analyze_capture
from netriage.batch.units import Unit
from netriage.capture import load_paths
from netriage.errors import NetriageError

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


def worst_code(results: list[Result]) -> int:
    return max((r.code for r in results), key=_WORSE.__getitem__, default=EXIT_OK)


def analyse_unit(unit: Unit, platform: str = "",
                 answers: dict[str, str] | None = None) -> Result:
    try:
        capture = load_paths(list(unit.paths), platform)
    except NetriageError as exc:
        return Result(unit, problem=str(exc))
    if not any(d.platform for d in capture.devices):
        return Result(unit, problem=f"{unit.label}: no device platform recognised")
    return Result(unit, analyze_capture(capture, answers))


def run_batch(units: list[Unit], platform: str = "",
              answers: dict[str, str] | None = None) -> list[Result]:
    """Every unit analysed alone, then the units of a pair analysed together."""
    results = [analyse_unit(u, platform, answers) for u in units]
    return _join_pairs(results, platform, answers)


def _join_pairs(results: list[Result], platform: str,
                answers: dict[str, str] | None) -> list[Result]:
    by_folder: dict[Path, list[int]] = defaultdict(list)
    for index, result in enumerate(results):
        if result.analysis is not None:
            by_folder[result.unit.folder].append(index)
    edges: set[tuple[int, int]] = set()
    for indexes in by_folder.values():
        if len(indexes) > 1:
            edges |= _pair_edges(results, indexes)
    degree: dict[int, int] = defaultdict(int)
    for a, b in edges:
        degree[a] += 1
        degree[b] += 1
    # only a capture that matches exactly one other is joined to it: a folder of daily
    # captures of one pair matches each file with many, and guessing which is wrong
    partner = {a: b for a, b in edges if degree[a] == 1 and degree[b] == 1}
    for index in sorted(i for i, n in degree.items() if n > 1):
        results[index].notes.append(
            f"analysed alone: {degree[index]} captures of this folder hold its mate or peer; "
            "name the two files together to analyse them as a pair")
    if not partner:
        return results
    out: list[Result] = []
    for index, result in enumerate(results):
        if index in partner.values():
            continue  # joined to the capture before it
        if index not in partner:
            out.append(result)
            continue
        other = results[partner[index]]
        unit = Unit(f"{result.unit.label} + {other.unit.label}",
                    [*result.unit.paths, *other.unit.paths], result.unit.folder)
        merged = analyse_unit(unit, platform, answers)
        merged.notes.append("analysed together: their devices are the two ends of a pair")
        out.append(merged)
    return out


def _pair_edges(results: list[Result], indexes: list[int]) -> set[tuple[int, int]]:
    """(unit, unit) for every failover pair or IPsec tunnel whose two ends are in two of
    these captures (as `netriage.pairs` matches them), first index first."""
    from netriage.pairs import FAILOVER, MISSING_END, find_pairs

    owner: dict[str, list[int]] = defaultdict(list)  # device name → captures naming it
    role: dict[str, str] = {}
    facts = []
    for index in indexes:
        analysis = results[index].analysis
        assert analysis is not None
        for item in analysis.devices:
            owner[item.device.hostname].append(index)
            failover, _commands = item.facts.resolve("failover")
            role[item.device.hostname] = str(getattr(failover, "unit", "") or "")
            facts.append(item.facts)
    edges = set()
    for pair in find_pairs(facts):
        if pair.verdict == MISSING_END or len(pair.devices) != 2:
            continue
        homes = [owner[name] for name in pair.devices]
        if any(len(h) != 1 for h in homes) or homes[0] == homes[1]:
            continue  # one file holds both, or a name two files share: not told apart
        roles = {role.get(name, "") for name in pair.devices}
        if pair.kind == FAILOVER and "" not in roles and len(roles) == 1:
            continue  # two Primaries: two captures of one unit, not its two units
        a, b = sorted((homes[0][0], homes[1][0]))
        edges.add((a, b))
    return edges


def same_name_hints(results: list[Result]) -> list[str]:
    """Files of one folder, each holding one device, that name the same device: perhaps the
    two units of one pair (ASA units share their hostname), which only `--merge` analyses
    together. (Two captures of one unit on two days look the same: hence a hint only.)"""
    seen: dict[tuple[Path, str], list[str]] = defaultdict(list)
    for result in results:
        if result.analysis is not None and len(result.analysis.devices) == 1:
            name = result.analysis.devices[0].device.hostname
            seen[(result.unit.folder, name)].append(result.unit.label)
    return [f"{' and '.join(labels)} all name {name}: analysed separately; if they are the "
            "two units of one pair, analyse them together with --merge"
            for (_folder, name), labels in seen.items() if len(labels) > 1]
