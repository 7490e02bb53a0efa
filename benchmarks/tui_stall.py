"""Does the UI stay responsive while a 20 MB capture parses? (issue 7: no stall over 100 ms)

Builds a synthetic 20 MB terminal capture (firewalls with `show version`, `show failover`,
a long `show interface` and a big `show logging`), opens it in the TUI (headless, 100x30)
and samples the event loop with a 10 ms timer from the moment the open starts until the
overview is drawn. A stall is the longest gap between two ticks, minus the 10 ms period.

    python benchmarks/tui_stall.py [--mb 20] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "recordings" / "demo" / "asa-pair-failover.log"
INTERFACES = ROOT / "tests" / "parsers" / "cisco_asa" / "show_interface" / (
    "asa_9x_errors_and_admin_down.raw")
PERIOD = 0.010
BUDGET = 0.100


def make_capture(path: Path, megabytes: float) -> int:
    from netriage.capture import load_paths

    demo = load_paths([DEMO]).devices[0]
    version, failover = demo.find("show version").output, demo.find("show failover").output
    interfaces = INTERFACES.read_text().rstrip("\n")
    logging = "\n".join(
        f"Nov 03 2026 02:{n // 60 % 60:02}:{n % 60:02}: %ASA-6-302013: Built inbound TCP "
        f"connection {1000000 + n} for outside:198.51.100.{n % 250}/{40000 + n % 20000} "
        f"(198.51.100.{n % 250}/{40000 + n % 20000}) to inside:10.10.0.{n % 200}/443 "
        f"(203.0.113.2/443)" for n in range(6000))
    target, written, device = int(megabytes * 1024 * 1024), 0, 0
    with path.open("w") as out:
        while written < target:
            host = f"fw-{device:03}"
            block = "\n".join([f"{host}# show version", version, f"{host}# show failover",
                               failover, f"{host}# show interface", *[interfaces] * 20,
                               f"{host}# show logging", logging, ""])
            out.write(block)
            written += len(block)
            device += 1
        out.write(f"fw-{device - 1:03}# \n")
    return device


async def measure(path: Path) -> tuple[float, float, int]:
    from netriage.tui.app import NetriageApp
    from netriage.tui.screens.overview import OverviewScreen

    app = NetriageApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        gaps: list[float] = []
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        timer = app.set_interval(PERIOD, tick)
        started = time.perf_counter()
        app.open_capture([str(path)])
        while not isinstance(app.screen, OverviewScreen):
            await asyncio.sleep(0.05)
            if app.notices or time.perf_counter() - started > 300:
                raise RuntimeError(f"the capture did not open: {app.notices or 'timeout'}")
        loaded = time.perf_counter() - started
        await asyncio.sleep(0.5)  # the overview's first paints
        timer.stop()
    return max(gaps) - PERIOD, loaded, sum(1 for g in gaps if g - PERIOD > BUDGET)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        capture = Path(tmp) / "big.log"
        devices = make_capture(capture, args.mb)
        size = capture.stat().st_size / 1024 / 1024
        print(f"capture: {size:.1f} MB, {devices} devices; 10 ms tick, headless 100x30")
        worst = []
        for run in range(args.runs):
            stall, loaded, over = asyncio.run(measure(capture))
            worst.append(stall)
            print(f"run {run + 1}: opened in {loaded:5.1f} s, longest stall {stall * 1000:5.0f} ms,"
                  f" {over} stall(s) over {BUDGET * 1000:.0f} ms")
    verdict = "within" if max(worst) <= BUDGET else "OVER"
    print(f"longest stall {max(worst) * 1000:.0f} ms (median of runs "
          f"{statistics.median(worst) * 1000:.0f} ms): {verdict} the {BUDGET * 1000:.0f} ms "
          "budget")
    return 0 if verdict == "within" else 1


if __name__ == "__main__":
    sys.exit(main())
