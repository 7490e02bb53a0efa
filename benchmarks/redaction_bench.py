"""Issue 13 goal 6: redaction costs only where secrets can be.

    python benchmarks/redaction_bench.py [--captures 1000] [--sas 5000] [--runs 3]

Two workloads, each timed in this one process, best of N, three ways:

* unredacted: the report built with `--no-redact` (`report_dict(analysis, redact=False)`);
* redacted: the report as netriage builds it by default (learn the capture's secrets, mask
  every free-text value): the fast path (one keyword test per output and per line, then only
  the rules whose keywords the lines hold);
* old path: the same, with every output and value run through netutils' `sanitize_config`
  with every rule, as before the fast path (the figures of issue 13: 60% of a run).

Workload 1 is 1,000 small captures: every recording under 24 KB in `recordings/`, taken in
turn until there are N, each loaded and analysed once beforehand (the analysis is the same
with or without redaction); the whole cost per capture is timed as load + analysis + report,
and the report step alone. Workload 2 is one big capture: an ASA `show crypto ipsec sa` with
5,000 SAs (11 MB) beside a `show running-config` holding secrets.

Before timing, the fast and old paths' reports are compared on every capture: the same text,
the same tokens, the same manifest, or the benchmark stops (a fast path never changes an
answer). Prints the figures and the ratios; exit 1 when redacted/unredacted exceeds 1.3 on
workload 1's whole cost.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BUDGET = 1.3


def _small_recordings(limit_bytes: int = 24_000) -> list[Path]:
    paths = [p for p in sorted((ROOT / "recordings").rglob("*"))
             if p.suffix in (".log", ".txt") and p.is_file() and p.stat().st_size < limit_bytes
             and "README" not in p.name]
    return paths


@contextlib.contextmanager
def old_path() -> Iterator[None]:
    """Every text through netutils' `sanitize_config` with every rule: no keyword test."""
    from netriage.redact import apply, engine

    sys.path.insert(0, str(ROOT))  # the reference lives beside the test that proves it equal
    from tests.redact.reference import reference_mask as mask

    saved = engine.mask, apply.mask
    engine.mask = apply.mask = mask  # type: ignore[assignment]
    try:
        yield
    finally:
        engine.mask, apply.mask = saved


def _report(analysis: Any, redact: bool) -> Any:
    """One report, as a fresh `netriage analyze` builds it: the keyword test's cache (which
    spares a second look at the same output within one run) starts empty."""
    from netriage.redact.prefilter import secret_free
    from netriage.report.model import report_dict

    secret_free.cache_clear()
    return report_dict(analysis, redact=redact)


def _best(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()  # CPU time: the machine is shared, the wall clock noisy
        work()
        best = min(best, time.process_time() - start)
    return best


def _big_capture(folder: Path, sas: int) -> Path:
    from netriage.parsing.native.synth import asa_ipsec_sa

    config = "\n".join([
        "fw-hub/pri/act# show running-config", ": Saved", "ASA Version 9.12(4)56",
        "hostname fw-hub", "enable password Bn01EnablePw encrypted",
        "username admin password Bn02UserPw privilege 15", "failover key Bn03FailoverKey",
        "tunnel-group 203.0.113.20 ipsec-attributes", " ikev1 pre-shared-key Bn04Psk",
        "snmp-server community Bn05Community", ": end"])
    table, _written = asa_ipsec_sa(sas)  # (text, SAs): the tuple itself is no output
    text = (f"{config}\nfw-hub/pri/act# show crypto ipsec sa\n{table}\n"
            "fw-hub/pri/act# ")
    path = folder / f"headend-{sas}.log"
    path.write_text(text, encoding="utf-8")
    return path


def _compare(analyses: list[Any]) -> None:
    """The fast path and the old path give the same report, tokens and manifest."""
    for analysis in analyses:
        fast = _report(analysis, True)
        with old_path():
            old = _report(analysis, True)
        if fast != old:
            name = analysis.capture.sources[0] if analysis.capture.sources else "?"
            sys.exit(f"redaction_bench: the fast path changes the report of {name}")


def _load_and_analyse(path: Path) -> Any:
    from netriage.analysis import analyze_capture
    from netriage.capture import load_paths

    return analyze_capture(load_paths([str(path)]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--captures", type=int, default=1000)
    parser.add_argument("--sas", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    recordings = _small_recordings()
    paths = [recordings[n % len(recordings)] for n in range(args.captures)]
    print(f"workload 1: {len(paths)} captures from {len(recordings)} recordings under 24 KB")
    start = time.process_time()
    analyses = {path: _load_and_analyse(path) for path in recordings}
    per_recording = (time.process_time() - start) / len(recordings)
    _compare(list(analyses.values()))
    print("  fast and old paths: identical reports, tokens and manifests on every recording")

    def reports(redact: bool) -> Callable[[], object]:
        return lambda: [_report(analyses[p], redact) for p in paths]

    def old_reports() -> object:
        with old_path():
            return reports(True)()

    plain = _best(args.runs, reports(False))
    fast = _best(args.runs, reports(True))
    old = _best(args.runs, old_reports)
    whole = per_recording * len(paths)  # load + analysis, the same either way
    print(f"  report step: unredacted {plain:.2f} s, redacted {fast:.2f} s "
          f"({fast / plain:.2f}x), old path {old:.2f} s ({old / plain:.2f}x); "
          f"fast path {old / fast:.1f}x faster than the old one")
    ratio = (whole + fast) / (whole + plain)
    print(f"  whole cost (load + analysis {whole:.1f} s + report): redacted/unredacted "
          f"{ratio:.3f}x (budget {BUDGET}x), old path {(whole + old) / (whole + plain):.3f}x")

    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        big = _big_capture(Path(folder), args.sas)
        size = big.stat().st_size / 1e6
        analysis = _load_and_analyse(big)
        _compare([analysis])
        plain_big = _best(args.runs, lambda: _report(analysis, False))
        fast_big = _best(args.runs, lambda: _report(analysis, True))
        with old_path():
            old_big = _best(args.runs, lambda: _report(analysis, True))
        report = _report(analysis, True)
        kinds = sorted({row["kind"] for row in report["redaction"]["masked"]})
    print(f"workload 2: one capture, {args.sas} SAs + a config with 5 secrets ({size:.1f} MB); "
          f"masked kinds {kinds}")
    print(f"  report step: unredacted {plain_big:.2f} s, redacted {fast_big:.2f} s, "
          f"old path {old_big:.2f} s; fast path {old_big / fast_big:.1f}x faster")
    return 0 if ratio <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
