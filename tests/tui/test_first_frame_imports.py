"""The first frame imports only what it shows: `netriage --demo` on a real pseudo-terminal,
exiting right after its first painted frame (NETRIAGE_EXIT_ON_FIRST_PAINT=1), never imported
the analysis core, the live-mode machinery or a screen it had not pushed yet.

The command runs as `python -m netriage` does, with one observer first on `sys.meta_path`:
every module looked up for the first time (`import`, `importlib.import_module`, Textual's
lazy widgets alike) is written to a file as it happens, so the list survives the process's
`os._exit` after the frame.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.pty_run import run_on_pty

PROBE = """
import os, runpy, sys

log = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_APPEND)


class Observer:  # finds nothing: the next finder on sys.meta_path imports as always
    def find_spec(self, name, path=None, target=None):
        os.write(log, name.encode() + b"\\n")


sys.meta_path.insert(0, Observer())
sys.argv = ["netriage", "--demo"]
runpy.run_module("netriage", run_name="__main__", alter_sys=True)
"""
FOOTER = b"\x1b[30;1H"  # the cursor moving to the last row of 100x30: the frame is complete
# Each is imported when its handler first needs it, never before the first frame.
DEFERRED = (
    "netriage.analysis",  # the core: parsers, facts, trees (the first job, after the frame)
    "netriage.capture",
    "netriage.engine",
    "netriage.tui.workspace",
    "netriage.tui.summary",
    "netriage.tui.live_bridge",  # live sessions: the connect screen
    "netriage.tui.screens.connect",
    "netriage.tui.screens.modals",
    "netriage.tui.screens.overview",
    "netriage.tui.screens.walk",
    "netriage.tui.screens.fix",
    "netriage.tui.screens.raw",
    "netriage.tui.screens.pair",
    "yaml",
)


def first_frame(home: Path, imports: Path, timeout: float = 60.0) -> bytes:
    """Everything `netriage --demo` wrote to a 100x30 terminal until it exited after its
    first frame; the modules it imported are written to `imports`, one a line."""
    env = {"HOME": str(home), "XDG_STATE_HOME": f"{home}/state",
           "XDG_DATA_HOME": f"{home}/data", "XDG_CONFIG_HOME": f"{home}/config",
           "XDG_CACHE_HOME": f"{home}/cache", "TERM": "xterm-256color", "LANG": "C.UTF-8",
           "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "NETRIAGE_EXIT_ON_FIRST_PAINT": "1"}
    code, received = run_on_pty([sys.executable, "-c", PROBE, str(imports)], env,
                                timeout=timeout)
    assert code == 0, received[-800:]
    return received


def test_first_frame_imports_no_core_live_mode_or_later_screen(tmp_path):
    log = tmp_path / "imports.txt"
    transcript = first_frame(tmp_path / "home", log)
    assert FOOTER in transcript  # the frame was painted, footer row included
    assert b"Demo capture" in transcript  # ... and it is the start screen with its choices
    imported = set(log.read_text().split())
    # the probe sees what it must: the start screen and Textual were imported
    assert {"netriage.tui.app", "netriage.tui.screens.start", "textual.app"} <= imported
    early = sorted(name for name in imported
                   if any(name == d or name.startswith(d + ".") for d in DEFERRED))
    assert early == []
