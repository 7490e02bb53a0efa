"""A batch run in worker processes: each capture analysed, reported and rendered where it was
analysed, so only its report (text, or the report dict for one stream on stdout), its index
row and a few words cross back — never the analysis itself (~60x the capture when pickled).

1. Every capture is analysed on its own (in `jobs` processes; 1: in this process).
   A capture that may hold one end of a pair (a failover unit, an IPsec end) in a folder of
   several also sends back what matching reads of its devices (`netriage.pairs.DeviceKey`:
   serials, link and crypto addresses; never its facts, ~50 KB pickled, which the parent
   would unpickle on a core the workers need), and only those are matched.
2. The parent matches them, folder by folder (`run.join_plan`: the rules of `netriage.pairs`).
3. The two captures of each pair found are analysed together, again in the workers; their
   two reports alone are dropped.

Start-up (importing, reading the trees) is paid once in the parent before the workers fork,
so each worker starts warm.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netriage.batch.run import JOINED_NOTE, analyse_unit, join_plan, joined, pair_keys
from netriage.batch.units import Unit
from netriage.errors import NetriageError

if TYPE_CHECKING:
    from netriage.pairs import DeviceKey


@dataclass(frozen=True)
class Job:
    """What a worker needs for one capture (all picklable)."""

    unit: Unit
    platform: str = ""
    answers: tuple[tuple[str, str], ...] = ()
    fmt: str = "text"  # the report is rendered in it; "" keeps the report dict
    redact: bool = True
    pairing: bool = False  # its folder holds other captures: send the pair keys to match


@dataclass
class Done:
    """One capture of a batch, analysed (or skipped, with the reason) and reported."""

    unit: Unit
    problem: str = ""  # one sentence: why it could not be used
    output: str | dict[str, Any] = ""  # the rendered report, or the report dict
    row: dict[str, Any] = field(default_factory=dict)  # its line of the index
    code: int = 0  # its exit code
    cut: list[str] = field(default_factory=list)  # where the loader cut it at a bound
    notes: list[str] = field(default_factory=list)
    hostnames: list[str] = field(default_factory=list)
    keys: list[DeviceKey] | None = None  # only while its pair is being matched

    @property
    def usable(self) -> bool:
        return not self.problem


def work(job: Job) -> Done:
    """Analyse, report and render one capture (in a worker, or in this process)."""
    from netriage.report.index import index_row
    from netriage.report.model import report_dict
    from netriage.report.render import FORMATS

    result = analyse_unit(job.unit, job.platform, dict(job.answers) or None)
    analysis = result.analysis
    if analysis is None:
        return Done(job.unit, problem=result.problem)
    report = report_dict(analysis, redact=job.redact)
    return Done(job.unit, output=FORMATS[job.fmt](report) if job.fmt else report,
                row=index_row(job.unit.label, report), code=result.code,
                cut=list(analysis.capture.cut),
                hostnames=[d.device.hostname for d in analysis.devices],
                keys=pair_keys([d.facts for d in analysis.devices]) if job.pairing else None)


def default_jobs() -> int:
    return os.cpu_count() or 1


_WARM_PACKAGES = ("netriage.capture.formats", "netriage.facts", "netriage.pairs",
                  "netriage.parsing", "netriage.redact", "netriage.report")


def _warm() -> None:
    """Pay start-up once, before the workers fork: they inherit the trees and vocabularies."""
    import gc
    import importlib
    import pkgutil

    from netriage.engine.tree import load_trees
    from netriage.engine.vocab import vocabularies
    from netriage.parsing.registry import template_index

    # A single analysis imports what its capture needs when it needs it (start-up, issue 13);
    # a batch needs nearly all of it in every worker: imported here once, each worker
    # inherits it instead of importing ~100 modules of its own.
    for name in _WARM_PACKAGES:
        package = importlib.import_module(name)
        for module in pkgutil.walk_packages(package.__path__, f"{name}."):
            importlib.import_module(module.name)
    load_trees()
    vocabularies()
    template_index()
    # What the workers inherit lives as long as they do: frozen, the collector never walks it
    # again in either of them (each full collection did, ~once per few captures) and the
    # pages holding it are not copied by the collector touching their objects.
    gc.freeze()


def _mapper(jobs: int, count: int) -> tuple[Callable[[list[Job]], Iterator[Done]], Any]:
    if jobs <= 1 or count <= 1:
        return (lambda items: map(work, items)), None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _warm()
    # fork: the workers start with what the parent loaded (forkserver/spawn would re-import)
    method = "fork" if sys.platform != "win32" else None
    pool = ProcessPoolExecutor(max_workers=min(jobs, count),
                               mp_context=multiprocessing.get_context(method))
    # ~16 chunks per worker: few round trips (a few ms each), and at the end one worker
    # waits at most one short chunk for the other (with 4 a worker, 1,000 captures on 2
    # cores left one core idle for up to ~125 captures, seconds)
    return (lambda items: pool.map(work, items,
                                   chunksize=max(1, len(items) // (jobs * 16)))), pool


def run_jobs(units: list[Unit], *, platform: str = "", answers: dict[str, str] | None = None,
             fmt: str = "text", redact: bool = True, jobs: int = 1) -> list[Done]:
    """Every capture of the batch analysed and reported (see the module doc), in order; the
    two captures of a pair found become one, at the place of the first."""
    frozen = tuple(sorted((answers or {}).items()))
    per_folder: dict[Path, int] = {}
    for unit in units:
        per_folder[unit.folder] = per_folder.get(unit.folder, 0) + 1
    mapper, pool = _mapper(jobs, len(units))
    from concurrent.futures.process import BrokenProcessPool

    try:
        done = list(mapper([Job(u, platform, frozen, fmt, redact, per_folder[u.folder] > 1)
                            for u in units]))
        candidates = {i: d.keys for i, d in enumerate(done) if d.keys is not None}
        names = {i: d.hostnames for i, d in enumerate(done)
                 if d.usable and d.keys is None}
        partner, notes = join_plan(candidates, units, names) if len(candidates) > 1 \
            else ({}, {})
        for d in done:
            d.keys = None  # matched: let them go
        for index, note in notes.items():
            done[index].notes.append(note)
        pairs = sorted(partner.items())
        merged = list(mapper([Job(joined(units[a], units[b]), platform, frozen, fmt, redact)
                              for a, b in pairs]))
    except BrokenProcessPool:
        # a worker killed (out of memory, a signal): say so in a sentence, not a traceback
        raise NetriageError(f"a worker process of the batch died; run it again with --jobs "
                            f"1 (this process) or fewer than {jobs}") from None
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    for item in merged:
        item.notes.append(JOINED_NOTE)
    return _placed(done, dict(zip((a for a, _b in pairs), merged, strict=True)),
                   set(partner.values()))


def _placed(done: list[Done], merged: dict[int, Done], second: set[int]) -> list[Done]:
    out = []
    for index, item in enumerate(done):
        if index in second:
            continue  # analysed with the capture before it
        out.append(merged.get(index, item))
    return out


def same_name_hints(done: Iterable[Done]) -> list[str]:
    """Files of one folder, each holding one device, that name the same device: perhaps the
    two units of one pair (ASA units share their hostname), which only `--merge` analyses
    together. (Two captures of one unit on two days look the same: hence a hint only.)"""
    seen: dict[tuple[Path, str], list[str]] = {}
    for item in done:
        if item.usable and len(item.hostnames) == 1:
            seen.setdefault((item.unit.folder, item.hostnames[0]), []).append(item.unit.label)
    return [f"{' and '.join(labels)} all name {name}: analysed separately; if they are the "
            "two units of one pair, analyse them together with --merge"
            for (_folder, name), labels in seen.items() if len(labels) > 1]
