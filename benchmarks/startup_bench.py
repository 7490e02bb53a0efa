"""Issue 13 goal 4, start-up: CPU time of a whole `netriage analyze` of the demo capture.

    .venv/bin/python benchmarks/startup_bench.py [--runs 9] [--baseline-src DIR]

Each run is a fresh process; its CPU time (user + system, from the children's rusage) is
the figure to compare, as wall time on the shared 2-core machine moved 2-3x with the load;
the wall time's median is printed beside it. Side by side, interleaved run by run: `python
-c "import textfsm"` (the floor a parser needs), `python -c "import netriage.cli.analyze,
..."` (our imports alone), the analysis with the compiled-regex cache off
(NETRIAGE_REGEX_CACHE=0: what a run pays without it), and, with
`--baseline-src`, the same analysis run from another checkout's `src` (e.g. an older commit
extracted with `git archive <commit> | tar -x -C DIR --exclude=tests`, run with its
PYTHONPATH; it needs the checkout's parsers/ and checks/ beside src/) so a change is measured
against what it replaced in the same minute. A run that prints anything on stderr (a
traceback exits 1, like the demo's findings) is refused, and so is a baseline whose report
or exit code differs from this checkout's. Also counts, in one process,
the distinct regexes compiled by importing the analyze path.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "recordings" / "demo" / "asa-pair-failover.log"
IMPORTS = "import netriage.cli.analyze, netriage.cli.analyze_batch"
COUNT = ("import re\nseen = set()\noriginal = re._compile\n"
         "def counting(pattern, flags):\n    seen.add((pattern, flags))\n"
         "    return original(pattern, flags)\n"
         f"re._compile = counting\n{IMPORTS}\nprint(len(seen))\n")


def cpu(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                   check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--baseline-src", type=Path, help="another checkout's src folder")
    args = parser.parse_args()
    py = sys.executable
    # Bytecode cached, as an installed netriage has it: with PYTHONDONTWRITEBYTECODE set (as
    # in some shells here) every recently edited module was compiled from source at each run.
    plain = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # its own cache dir too: the user's is shared with every other netriage run on the
    # machine, and one of another checkout (other trees) replaces the cached trees, so a
    # timed run would now and then rebuild them
    plain["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="netriage-bench-cache-")
    analyze = [py, "-m", "netriage", "analyze", str(DEMO)]
    cases: dict[str, tuple[list[str], dict[str, str]]] = {
        "import textfsm": ([py, "-c", "import textfsm"], plain),
        "netriage imports only": ([py, "-c", IMPORTS], plain),
        "netriage analyze demo": (analyze, plain),
        # the compiled-regex cache (`netriage.regexcache`) off: what a run pays without it
        "  ... regex cache off": (analyze, {**plain, "NETRIAGE_REGEX_CACHE": "0"}),
    }
    if args.baseline_src:
        # its own cache dir: two checkouts sharing one would rebuild each other's trees
        cache = Path(tempfile.mkdtemp(prefix="netriage-baseline-cache-"))
        base_env = {**plain, "PYTHONPATH": str(args.baseline_src.resolve()),
                    "XDG_CACHE_HOME": str(cache)}
        cases["baseline imports only"] = ([py, "-c", IMPORTS], base_env)
        cases["baseline analyze demo"] = (analyze, base_env)
    reports: dict[str, tuple[int, str, str]] = {}
    for name, (argv, env) in cases.items():  # bytecode compiled, caches written
        done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
        if done.returncode not in (0, 1) or done.stderr:
            # the demo raises findings: 1; anything else (a traceback exits 1 too) is no
            # analysis, and timing it would compare a crash with a report
            print(f"{name}: exit {done.returncode}, not a run to time\n{done.stderr[-2000:]}",
                  file=sys.stderr)
            return 2
        reports[name] = (done.returncode, done.stdout, done.stderr)
    if args.baseline_src and reports["netriage analyze demo"] != reports["baseline analyze demo"]:
        print("this checkout and the baseline print different reports or exit codes: "
              "not the same work to time", file=sys.stderr)
        return 2
    times: dict[str, list[float]] = {name: [] for name in cases}
    walls: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, (argv, env) in cases.items():
            used, wall = cpu(argv, env)
            times[name].append(used)
            walls[name].append(wall)
    floor = statistics.median(times["import textfsm"])
    print(f"CPU seconds, median (min) of {args.runs} interleaved runs, and wall seconds, "
          f"median; load {os.getloadavg()[0]:.1f}")
    for name, values in times.items():
        print(f"  {name:24s} {statistics.median(values):6.3f} ({min(values):.3f})"
              f"  {statistics.median(values) / floor:5.1f}x import textfsm"
              f"   wall {statistics.median(walls[name]):.3f}")
    counted = subprocess.run([py, "-c", COUNT], capture_output=True, text=True, check=True,
                             env=plain)
    print(f"  regexes compiled importing the analyze path: {counted.stdout.strip()}")
    if args.baseline_src:
        base = subprocess.run([py, "-c", COUNT], capture_output=True, text=True, check=True,
                              env=cases["baseline imports only"][1])
        print(f"  ... baseline: {base.stdout.strip()}")
        ratio = (statistics.median(times["netriage analyze demo"])
                 / statistics.median(times["baseline analyze demo"]))
        print(f"  analyze demo, this checkout / baseline: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
