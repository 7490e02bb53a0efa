"""Issue 13: a VPN headend's whole output, fast — whole processes, side by side.

    .venv/bin/python benchmarks/headend_bench.py [--sas 5000] [--big 50000] [--runs 3]
                                                 [--skip-stock-big] [--demo-runs 7]

Writes an ASA `show crypto ipsec sa` capture of N SAs (one one-way SA near the end) and
runs, each as a fresh process, reading wall time and peak memory (`wait4` rusage):

* stock: a process that only parses the output with ntc-templates' `parse_output`;
* reader: a process that only reads the file line by line (the floor for memory);
* netriage: `netriage analyze FILE --platform cisco_asa --format json` (redacted, as
  shipped) and the same with `--no-redact`.

It checks every netriage run found the one-way SA and exited 1, then prints times, peaks,
ratios (stock / netriage: how many times faster; peak / input size) for N and for the big
case, and the demo capture's start-up against `python -c "import textfsm"`.
Medians of `--runs` runs; ratios are taken between runs of the same benchmark.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "recordings" / "demo" / "asa-pair-failover.log"
STOCK = ("import sys\nfrom ntc_templates.parse import parse_output\n"
         "text = open(sys.argv[1]).read().split('\\n', 1)[1]\n"
         "print(len(parse_output(platform='cisco_asa', command='show crypto ipsec sa', "
         "data=text)))\n")
READER = "import sys\nfor _ in open(sys.argv[1]):\n    pass\n"


# Bytecode cached as installed: with PYTHONDONTWRITEBYTECODE set (this environment sets it),
# every recently edited module would be compiled from source at every run.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(argv: list[str]) -> tuple[float, float, int, str, float]:
    """(wall seconds, peak MiB, exit code, stdout, CPU seconds) of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_ENV)
    out = proc.stdout.read() if proc.stdout else b""
    _pid, status, usage = os.wait4(proc.pid, 0)
    return (time.perf_counter() - start, usage.ru_maxrss / 1024,
            os.waitstatus_to_exitcode(status), out.decode(), usage.ru_utime + usage.ru_stime)


def median(runs: int, argv: list[str], check=None) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """(median wall seconds, peak MiB, median CPU seconds): CPU time (user + system of the
    child) moves far less with the load of a shared machine than wall time does."""
    times, peaks, cpus = [], [], []
    for _ in range(runs):
        seconds, peak, code, out, cpu = run(argv)
        if check is not None:
            check(code, out)
        times.append(seconds)
        peaks.append(peak)
        cpus.append(cpu)
    return statistics.median(times), max(peaks), statistics.median(cpus)


# Written by a child process: a child's peak memory (`ru_maxrss`) starts from the RSS of the
# process it was forked from, so this one must never hold a 110 MB text itself.
GENERATE = ("import sys\nfrom netriage.parsing.native.synth import asa_ipsec_sa\n"
            "sas = int(sys.argv[2])\n"
            "text, written = asa_ipsec_sa(sas, zero_decaps_at=sas - 3)\n"
            "open(sys.argv[1], 'w').write(f'vpn-fw# show crypto ipsec sa\\n{text}vpn-fw# \\n')\n"
            "print(written[sas - 3].peer)\n")


def headend(folder: Path, sas: int) -> tuple[Path, str]:
    path = folder / f"headend-{sas}.log"
    peer = subprocess.run([sys.executable, "-c", GENERATE, str(path), str(sas)],
                          capture_output=True, text=True, check=True).stdout.strip()
    return path, peer


def case(path: Path, peer: str, runs: int, stock: bool) -> None:
    size = path.stat().st_size / 2**20

    def found(code: int, out: str) -> None:
        report = json.loads(out)
        titles = [f["title"] for f in report["findings"] if f["id"] == "crypto.encaps-no-decaps"]
        assert code == 1 and any(peer in t for t in titles), (code, titles)
        assert not report.get("incomplete"), report.get("incomplete")

    analyze = [sys.executable, "-m", "netriage", "analyze", str(path), "--platform",
               "cisco_asa", "--format", "json"]
    ours = median(runs, analyze, found)
    plain = median(runs, [*analyze, "--no-redact"], found)
    reader = median(runs, [sys.executable, "-c", READER, str(path)])
    print(f"\n{path.name}: {size:,.1f} MiB")
    print(f"  reader (lines only):       {reader[0]:7.2f} s  peak {reader[1]:7.0f} MiB")
    print(f"  netriage analyze:          {ours[0]:7.2f} s  peak {ours[1]:7.0f} MiB "
          f"({ours[1] / size:.2f}x the input)  CPU {ours[2]:.2f} s")
    print(f"  netriage analyze --no-redact: {plain[0]:5.2f} s  peak {plain[1]:7.0f} MiB "
          f"({plain[1] / size:.2f}x the input)  CPU {plain[2]:.2f} s")
    if stock:
        ntc = median(1, [sys.executable, "-c", STOCK, str(path)])
        print(f"  stock ntc-templates parse only: {ntc[0]:5.2f} s  peak {ntc[1]:7.0f} MiB  "
              f"CPU {ntc[2]:.2f} s")
        print(f"  netriage analyze is {ntc[0] / ours[0]:.1f}x faster than stock parsing "
              f"({ntc[0] / plain[0]:.1f}x with --no-redact); in CPU time "
              f"{ntc[2] / ours[2]:.1f}x ({ntc[2] / plain[2]:.1f}x)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sas", type=int, default=5000)
    parser.add_argument("--big", type=int, default=50000, help="0 to skip the big case")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--demo-runs", type=int, default=7)
    parser.add_argument("--skip-stock-big", action="store_true",
                        help="stock parsing of 50,000 SAs takes a minute and ~1 GB")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load "
          f"{os.getloadavg()[0]:.1f}")
    demo = median(args.demo_runs, [sys.executable, "-m", "netriage", "analyze", str(DEMO)])
    floor = median(args.demo_runs, [sys.executable, "-c", "import textfsm"])
    print(f"demo capture: netriage analyze {demo[0]:.2f} s (median of {args.demo_runs}); "
          f"python + import textfsm {floor[0]:.2f} s; ratio {demo[0] / floor[0]:.1f}x")
    with tempfile.TemporaryDirectory() as folder:
        path, peer = headend(Path(folder), args.sas)
        case(path, peer, args.runs, stock=True)
        if args.big:
            path.unlink()
            path, peer = headend(Path(folder), args.big)
            case(path, peer, 1, stock=not args.skip_stock_big)
    return 0


if __name__ == "__main__":
    sys.exit(main())
