"""Batch analysis: `netriage analyze DIR --output-dir OUT` over N generated captures in one
process, against running `netriage analyze FILE` once per capture (a sample of them, timed
and scaled to N: the one-by-one way pays the start-up every time).

    python benchmarks/batch_bench.py [--count 1000] [--sample 30]

Captures are real recordings with their device names made unique (tests/report/generate.py).
Prints both times, the per-capture figures and the ratio; figures go to benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=30)
    args = parser.parse_args()
    from tests.report.generate import generate

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "captures"
        paths = generate(folder, args.count)
        out = Path(tmp) / "reports"
        start = time.perf_counter()
        batch = subprocess.run([sys.executable, "-m", "netriage", "analyze", str(folder),
                                "--output-dir", str(out)], capture_output=True, text=True)
        batch_s = time.perf_counter() - start
        assert batch.returncode in (0, 1, 3), batch.stderr
        written = len(list(out.iterdir())) - 1
        step = max(1, len(paths) // args.sample)
        sample = paths[::step][:args.sample]
        start = time.perf_counter()
        for path in sample:
            one = subprocess.run([sys.executable, "-m", "netriage", "analyze", str(path)],
                                 capture_output=True, text=True)
            assert one.returncode in (0, 1, 3), one.stderr
        single_s = (time.perf_counter() - start) / len(sample)
    print(f"batch: {args.count} captures ({written} reports) in {batch_s:.1f} s, "
          f"{batch_s / args.count:.3f} s each, one process")
    print(f"one by one: {single_s:.3f} s per capture (sample of {len(sample)}), "
          f"{single_s * args.count:.0f} s for {args.count}")
    print(f"ratio: batch is {single_s * args.count / batch_s:.1f}x faster")


if __name__ == "__main__":
    main()
