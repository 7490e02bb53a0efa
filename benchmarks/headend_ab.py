"""Another checkout's netriage against this one on the same capture, interleaved run by run.

    git archive <commit> | tar -x -C /tmp/base --exclude=recordings --exclude=tests
    .venv/bin/python benchmarks/headend_ab.py /tmp/base CAPTURE [--runs 7] [--no-redact]

Each run is a fresh `python -m netriage analyze CAPTURE --platform cisco_asa --format json`
(and `--no-redact` if given); the baseline imports `BASE/src` with its own cache
dir (two checkouts sharing one would rebuild each other's trees). Bytecode is cached as
installed (PYTHONDONTWRITEBYTECODE dropped); a first, untimed round compiles it. Prints the
median and minimum CPU time (user + system of the child: the 2 cores are shared) of each, and
stops if the two give different reports or exit codes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", type=Path, help="the baseline checkout (holding src/)")
    parser.add_argument("capture", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-redact", action="store_true")
    args = parser.parse_args()
    plain = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cases = {
        "baseline": plain | {"PYTHONPATH": str(args.base.resolve() / "src"),
                             "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="netriage-ab-")},
        "this checkout": plain,
    }
    argv = [sys.executable, "-m", "netriage", "analyze", str(args.capture.resolve()),
            "--platform", "cisco_asa", "--format", "json",
            *(["--no-redact"] if args.no_redact else [])]
    cpu: dict[str, list[float]] = {name: [] for name in cases}
    for round_ in range(args.runs + 1):
        answers = set()
        for name, env in cases.items():
            proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE,
                                    cwd=tempfile.gettempdir())
            out = proc.stdout.read() if proc.stdout else b""
            _pid, status, usage = os.wait4(proc.pid, 0)
            answers.add((os.waitstatus_to_exitcode(status), out))
            if round_:
                cpu[name].append(usage.ru_utime + usage.ru_stime)
        if len(answers) != 1:
            print("the two checkouts gave different reports or exit codes", file=sys.stderr)
            return 1
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load "
          f"{os.getloadavg()[0]:.1f}; {args.capture.name}, {args.runs} interleaved runs, CPU")
    for name, times in cpu.items():
        print(f"  {name:14} median {statistics.median(times):.2f} s  min {min(times):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
