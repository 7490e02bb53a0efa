"""A command on a real pseudo-terminal, read until it exits (the TUI's first-frame tests)."""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import termios
import time


def run_on_pty(argv: list[str], env: dict[str, str], size: tuple[int, int] = (100, 30),
               timeout: float = 60.0) -> tuple[int, bytes]:
    """(exit code, everything the command wrote to a `size` (columns, rows) terminal)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                               start_new_session=True, close_fds=True)
    os.close(slave)
    received, deadline = b"", time.monotonic() + timeout
    try:
        while True:
            if time.monotonic() > deadline:
                process.kill()
                raise AssertionError(f"no exit within {timeout} s: {received[-400:]!r}")
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                received += chunk
            elif process.poll() is not None:
                break
        process.wait(timeout=timeout)
    finally:
        os.close(master)
    return process.returncode, received
