"""Batch analysis: `netriage analyze DIR --batch --output OUT --jobs J` over N generated
captures, for each J asked (1: in one process; the CPU count: worker processes), against
running `netriage analyze FILE` once per capture (a sample of them, timed and scaled to N:
the one-by-one way pays the start-up every time).

    python benchmarks/batch_bench.py [--count 1000] [--sample 10] [--jobs 1,2]

Captures are real recordings with their device names made unique (tests/report/generate.py).
Prints each time, the per-capture figures, the CPU seconds of all its processes (what other
engineers' load changes least), the ratios and the machine's load average (this machine is
shared: only wall times taken at a similar load compare); figures go to
benchmarks/README.md. The issue's target: 1,000 typical captures within 20 s on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} CPU(s)"


def _cpu() -> float:
    """CPU seconds of the waited-for child processes (the CLI and its workers, which it waits
    for): unlike wall time, barely moved by other engineers' load."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _batch(folder: Path, out: Path, jobs: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one batch run."""
    cpu, start = _cpu(), time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "netriage", "analyze", str(folder),
                             "--batch", "--output", str(out), "--jobs", str(jobs)],
                            capture_output=True, text=True)
    seconds = time.perf_counter() - start
    assert result.returncode in (0, 1, 3), result.stderr
    return seconds, _cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=10)
    parser.add_argument("--jobs", default=f"1,{os.cpu_count() or 1}",
                        help="comma-separated worker counts to time (default: 1 and CPUs)")
    args = parser.parse_args()
    from tests.report.generate import generate

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "captures"
        paths = generate(folder, args.count)
        print(f"{args.count} captures generated; {_load()}")
        timed = {}
        for jobs in dict.fromkeys(int(j) for j in args.jobs.split(",")):
            out = Path(tmp) / f"reports-{jobs}"
            timed[jobs], cpu = _batch(folder, out, jobs)
            written = len(list(out.iterdir())) - 1
            print(f"batch --jobs {jobs}: {written} reports in {timed[jobs]:.1f} s, "
                  f"{timed[jobs] / args.count * 1000:.0f} ms a capture, {cpu:.1f} s CPU in "
                  f"all processes; {_load()}")
        step = max(1, len(paths) // args.sample)
        sample = paths[::step][:args.sample]
        start = time.perf_counter()
        for path in sample:
            one = subprocess.run([sys.executable, "-m", "netriage", "analyze", str(path)],
                                 capture_output=True, text=True)
            assert one.returncode in (0, 1, 3), one.stderr
        single_s = (time.perf_counter() - start) / len(sample)
    print(f"one by one: {single_s:.2f} s a capture (sample of {len(sample)}), "
          f"{single_s * args.count:.0f} s for {args.count}; {_load()}")
    for jobs, seconds in timed.items():
        print(f"ratio: batch --jobs {jobs} is {single_s * args.count / seconds:.1f}x faster "
              "than one by one")


if __name__ == "__main__":
    main()
