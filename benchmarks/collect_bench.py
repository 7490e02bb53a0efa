"""Live collection speed against the simulated device, over real SSH on 127.0.0.1.

Two cases (issue 6):
1. The standard ASA set (platform given, enable, pager off, failover mate included) from one
   simulated ASA answering each command after 50 ms. Budget: the time after login within
   1.3x of (commands sent x 50 ms); login is reported separately.
2. 20 simulated ASAs collected at once (concurrency 20). Reported: wall time, and its ratio
   to one device's time (the ideal is 1.0: the sessions wait on the devices in parallel).

The lab servers run in a child process, so the client's and the servers' Python do not
share one GIL: as with real devices, only the client's own work is measured.

    python benchmarks/collect_bench.py [--latency-ms 50] [--devices 20] [--runs 3]

Exit status 1 when case 1 misses its budget.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CAPTURE = ROOT / "recordings" / "lab" / "asa-pair.log"
USER, PASSWORD, ENABLE = "bench", "Bench-Login-Pw-1", "Bench-Enable-Pw-1"


def serve(count: int, latency_ms: float) -> None:
    """Child process: start `count` lab devices, print their ports, stop at stdin EOF."""
    from netriage.capture import load_paths
    from netriage.cli.collect import quiet_ssh_logs
    from netriage.lab.device import LabConfig
    from netriage.lab.server import LabServer

    quiet_ssh_logs()  # clients hang up without `exit`: paramiko would log each reset
    capture = load_paths([CAPTURE])
    servers = [LabServer(capture, LabConfig(USER, PASSWORD, enable_password=ENABLE,
                                            latency=latency_ms / 1000,
                                            hostname=f"fw-{n:02d}")).start()
               for n in range(count)]
    print(json.dumps([s.port for s in servers]), flush=True)
    sys.stdin.read()
    for server in servers:
        server.stop()


def _lab(count: int, latency_ms: float) -> tuple[subprocess.Popen, list[int]]:
    child = subprocess.Popen([sys.executable, __file__, "--serve", str(count),
                              "--latency-ms", str(latency_ms)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    return child, json.loads(child.stdout.readline())


def _options(home: Path):
    from netriage.live.client import ConnectOptions

    return ConnectOptions(platform="cisco_asa", known_hosts=home / "known_hosts",
                          accept_new=True, read_timeout=10, allow_agent=False, use_keys=False)


def one_device(latency_ms: float, runs: int) -> dict:
    from netriage.live.client import Credentials
    from netriage.live.collect import CollectOptions, DeviceSpec, collect_device

    child, [port] = _lab(1, latency_ms)
    rows = []
    try:
        with tempfile.TemporaryDirectory() as home:
            for run in range(runs):
                started = time.perf_counter()
                result = collect_device(DeviceSpec("127.0.0.1", port=port),
                                        Credentials(USER, PASSWORD, ENABLE),
                                        _options(Path(home)), CollectOptions(),
                                        Path(home) / f"cap{run}")
                total = time.perf_counter() - started
                assert result.ok, result.error
                after_login = total - result.login_seconds
                ideal = result.commands_sent * latency_ms / 1000
                rows.append({"commands": result.commands_sent, "login_s": result.login_seconds,
                             "total_s": total, "after_login_s": after_login,
                             "ideal_s": ideal, "ratio": after_login / ideal})
    finally:
        child.communicate("")
    best = min(rows, key=lambda r: r["ratio"])
    return {**best, "median_ratio": statistics.median(r["ratio"] for r in rows)}


def many_devices(count: int, latency_ms: float) -> dict:
    from netriage.live.batch import collect_many
    from netriage.live.client import Credentials
    from netriage.live.collect import CollectOptions, DeviceSpec

    child, ports = _lab(count, latency_ms)
    try:
        with tempfile.TemporaryDirectory() as home:
            specs = [DeviceSpec(f"fw-{n:02d}", host="127.0.0.1", port=port)
                     for n, port in enumerate(ports)]
            started = time.perf_counter()
            results = collect_many(specs, Credentials(USER, PASSWORD, ENABLE),
                                   _options(Path(home)), CollectOptions(), Path(home) / "cap",
                                   concurrency=count)
            wall = time.perf_counter() - started
            assert all(r.ok for r in results), [str(r.error) for r in results if not r.ok]
            files = len(list((Path(home) / "cap").glob("*.log")))
    finally:
        child.communicate("")
    slowest = max(r.seconds for r in results)
    return {"devices": count, "wall_s": wall, "slowest_device_s": slowest, "files": files,
            "commands": sum(r.commands_sent for r in results)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=float, default=50.0)
    parser.add_argument("--devices", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.latency_ms)
        return 0
    from netriage.cli.collect import quiet_ssh_logs

    quiet_ssh_logs()  # as `netriage collect` does
    one = one_device(args.latency_ms, args.runs)
    ok = one["ratio"] <= 1.3
    print(f"one ASA, standard set + mate, {args.latency_ms:g} ms/command: "
          f"{one['commands']} commands, login {one['login_s']:.2f} s, after login "
          f"{one['after_login_s']:.2f} s vs {one['ideal_s']:.2f} s ideal = "
          f"{one['ratio']:.3f}x (median of {args.runs}: {one['median_ratio']:.3f}x; "
          f"budget 1.3x: {'ok' if ok else 'MISSED'})")
    many = many_devices(args.devices, args.latency_ms)
    print(f"{many['devices']} ASAs at once: {many['commands']} commands, wall "
          f"{many['wall_s']:.2f} s (slowest device {many['slowest_device_s']:.2f} s; one "
          f"device alone {one['total_s']:.2f} s: {many['wall_s'] / one['total_s']:.2f}x), "
          f"{many['files']} capture files")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
