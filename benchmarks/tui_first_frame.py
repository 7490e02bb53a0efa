"""Time from starting `netriage` to its first painted frame, measured from outside.

Each case runs in a fresh process on a pseudo-terminal of 100x30 (so Textual draws exactly
as in a terminal), with NETRIAGE_EXIT_ON_FIRST_PAINT making the app exit right after it
painted: `1` after the first frame, `overview` after the first frame showing the analysed
demo capture. Two times are taken from outside: when the terminal has received the frame
(its last row, the footer, arrived on the pty) and when the process has exited (which adds
Textual's shutdown, about 0.2 s of it waiting on its input thread, and the interpreter's).
Baselines run the same way: the interpreter alone, `import textual`, and a minimal Textual
app with a header and footer that exits on its first paint.

    python benchmarks/tui_first_frame.py [--runs 9]

The budget (issue 7) is 0.6 s wall for the first frame with the demo capture on a 2-core
machine; the script prints medians and the ratio to `import textual`.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

NETRIAGE = Path(sys.executable).parent / "netriage"
BUDGET = 0.6
HELLO = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Hello(App):
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.exit)

Hello().run()
"""


def run_on_pty(argv: list[str], env: dict[str, str], markers: tuple[bytes, ...] = (),
               size: tuple[int, int] = (100, 30), timeout: float = 30.0) -> tuple[float, float]:
    """Seconds from spawn until every marker appeared on the terminal, in order, and until
    exit."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                               start_new_session=True, close_fds=True)
    os.close(slave)
    deadline = started + timeout
    seen, received, waiting = 0.0, b"", list(markers)
    try:
        while process.poll() is None:
            if time.perf_counter() > deadline:
                process.kill()
                raise RuntimeError(f"{argv} did not exit within {timeout} s")
            ready, _, _ = select.select([master], [], [], 0.01)
            if ready:
                try:
                    chunk = os.read(master, 65536)  # drain, or the child blocks on a full pty
                except OSError:
                    break
                received += chunk
                while waiting and waiting[0] in received:
                    received = received[received.index(waiting[0]) + len(waiting[0]):]
                    waiting.pop(0)
                    if not waiting:
                        seen = time.perf_counter() - started
                received = received[-64:]
        process.wait()
        elapsed = time.perf_counter() - started
    finally:
        os.close(master)
    if process.returncode != 0:
        raise RuntimeError(f"{argv} exited with {process.returncode}")
    if waiting:
        raise RuntimeError(f"{waiting[0]!r} never appeared on the terminal of {argv}")
    return seen, elapsed


def measure(name: str, argv: list[str], env: dict[str, str], runs: int,
            *markers: bytes) -> list[float]:
    """Print and return the times to the markers (or to exit when none are given)."""
    run_on_pty(argv, env, markers)  # warm the file system cache and the .pyc files
    results = [run_on_pty(argv, env, markers) for _ in range(runs)]
    exits = [done for _seen, done in results]
    times = [seen for seen, _done in results] if markers else exits
    what = "frame" if markers else "exit "
    print(f"{name:<40} {what} median {statistics.median(times):6.3f} s  min {min(times):6.3f}"
          f"  max {max(times):6.3f}  (exit median {statistics.median(exits):6.3f} s)")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {"HOME": home, "XDG_STATE_HOME": f"{home}/state", "XDG_DATA_HOME": f"{home}/data",
               "XDG_CONFIG_HOME": f"{home}/config", "TERM": "xterm-256color",
               "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
        python = sys.executable
        print(f"{args.runs} runs each, 100x30 pty, {os.cpu_count()} CPU(s), "
              f"Python {sys.version.split()[0]}")
        measure("python -c pass", [python, "-c", "pass"], env, args.runs)
        textual = measure("python -c 'import textual'", [python, "-c", "import textual"], env,
                          args.runs)
        footer = b"\x1b[30;1H"  # the cursor moving to the last row: the frame is complete
        hello = measure("minimal Textual app, first frame", [python, "-c", HELLO], env,
                        args.runs, footer)
        first = measure("netriage --demo, first frame", [str(NETRIAGE), "--demo"],
                        {**env, "NETRIAGE_EXIT_ON_FIRST_PAINT": "1"}, args.runs, footer)
        loaded = measure("netriage --demo, overview (analysed)", [str(NETRIAGE), "--demo"],
                         {**env, "NETRIAGE_EXIT_ON_FIRST_PAINT": "overview"}, args.runs,
                         b"worst medium", footer)
    base = statistics.median(textual)
    for name, times in (("minimal Textual app", hello), ("netriage first frame", first),
                        ("netriage overview", loaded)):
        print(f"{name:<24} {statistics.median(times) / base:5.2f} x `import textual`")
    verdict = "within" if statistics.median(first) <= BUDGET else "OVER"
    print(f"first frame median {statistics.median(first):.3f} s: {verdict} the {BUDGET} s budget")
    return 0 if verdict == "within" else 1


if __name__ == "__main__":
    sys.exit(main())
