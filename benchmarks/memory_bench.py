"""Issue 12: a 1 GB capture streams through `netriage analyze` in bounded memory.

    .venv/bin/python benchmarks/memory_bench.py [--mb 1024] [--keep FILE]

Writes a terminal capture of about N MB (one ASA: `show version`, `show failover`, then
`show logging` outputs of a busy day's connection log, ~27 MB each), then runs,
each in a fresh process, and reads the peak resident memory (`wait4` rusage):

* baseline: a Python process that only reads the file line by line, keeping nothing;
* ours: `netriage analyze FILE --format json --output /dev/null`.

Prints the size, both peaks, their ratio and the wall time of each. netriage keeps at most
256 MB of one file and 32 MB of one output (docs/captures.md) and lists what it cut, so its
peak must stay flat as the file grows past that, not follow the file.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAD = """fw1# show version
Cisco Adaptive Security Appliance Software Version 9.16(4)
fw1 up 41 days 3 hours
Hardware:   ASA5516, 8192 MB RAM, CPU Atom C2000 series 2416 MHz, 1 CPU (8 cores)
fw1# show failover
Failover On
Failover unit Primary
Failover LAN Interface: folink GigabitEthernet1/8 (up)
        This host: Primary - Active
                Interface inside (10.1.1.1): Normal (Monitored)
        Other host: Secondary - Standby Ready
                Interface inside (10.1.1.2): Normal (Monitored)
"""
# one day's connection log, the usual reason a capture is a gigabyte; then one more command
LOG_LINE = ("Dec  7 2026 10:{m:02d}:{s:02d}: %ASA-6-302013: Built inbound TCP connection {n} "
            "for outside:198.51.100.{h}/443 ({h}/443) to inside:10.1.1.{h}/5{s:03d} (x/5{s:03d})\n")
TAIL = "fw1# show interface ip brief\nInterface IP-Address OK? Method Status Protocol\nfw1#\n"


def write_capture(path: Path, megabytes: int) -> int:
    """One device: `show version`, `show failover`, a `show logging` of N MB, one more command
    (a capture is this big because of one output; several such outputs make it one session)."""
    target = megabytes * 1024 * 1024
    with path.open("w", encoding="ascii") as out:
        out.write(HEAD)
        written = len(HEAD)
        n = 0
        while written < target:
            out.write("fw1# show logging\nSyslog logging: enabled\n")
            chunk = "".join(LOG_LINE.format(m=(n + i) // 60 % 60, s=(n + i) % 60, n=n + i,
                                            h=(n + i) % 250 + 1) for i in range(200_000))
            n += 200_000
            out.write(chunk)
            written += len(chunk)
        out.write(TAIL)
    return written


def peak(argv: list[str]) -> tuple[float, float]:
    """(peak RSS in MiB, wall seconds) of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{argv[2:]} failed with {os.waitstatus_to_exitcode(status)}")
    return usage.ru_maxrss / 1024, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=int, default=1024)
    parser.add_argument("--keep", type=Path, help="write the capture here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "big.log"
        size = write_capture(path, args.mb)
        reader = ("import sys\nfor _ in open(sys.argv[1], encoding='ascii'):\n    pass\n")
        base_mb, base_s = peak([sys.executable, "-c", reader, str(path)])
        ours_mb, ours_s = peak([sys.executable, "-m", "netriage", "analyze", str(path),
                                "--format", "json", "--output", os.devnull])
    print(f"capture: {size / 2**20:,.0f} MiB")
    print(f"baseline (read lines only): peak {base_mb:,.0f} MiB, {base_s:.1f} s")
    print(f"netriage analyze:           peak {ours_mb:,.0f} MiB, {ours_s:.1f} s")
    print(f"ratio ours/baseline: memory {ours_mb / base_mb:.1f}x, time {ours_s / base_s:.1f}x; "
          f"peak / file size: {ours_mb / (size / 2**20):.2f}")


if __name__ == "__main__":
    main()
