"""End to end: the installed `netriage` command in a real terminal (tmux), driven with
send-keys and read with capture-pane: from the start screen to a copied and exported fix, and
`netriage train` at 80×24 from the story to its score and the saved history.

Skips when tmux is absent. It runs its own tmux server (`-L`), so it never touches a tmux
the developer has open, and a HOME of its own.
"""

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
NETRIAGE = Path(sys.executable).parent / "netriage"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed"),
    pytest.mark.skipif(not NETRIAGE.exists(), reason="the netriage script is not installed"),
]


class Terminal:
    def __init__(self, tmp_path: Path, *args: str, width: int = 100, height: int = 30) -> None:
        self.socket = f"netriage-e2e-{os.getpid()}"
        home = tmp_path / "home"
        home.mkdir()
        env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
               "XDG_DATA_HOME": str(home / ".local/share"),
               "XDG_STATE_HOME": str(home / ".local/state"),
               "XDG_CACHE_HOME": str(home / ".cache"), "TERM": "xterm-256color",
               "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        command = shlex.join(["env", "-i", *[f"{k}={v}" for k, v in env.items()],
                              str(NETRIAGE), *args])
        self.home = home
        self.tmux("new-session", "-d", "-s", "e2e", "-x", str(width), "-y", str(height),
                  "-c", str(tmp_path), command)

    def tmux(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([TMUX, "-L", self.socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, timeout=10)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "e2e").stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "e2e", key)
            time.sleep(0.05)

    def wait_for(self, *texts: str, timeout: float = 15.0) -> str:
        return self._wait(all, texts, timeout)

    def wait_for_any(self, *texts: str, timeout: float = 15.0) -> str:
        return self._wait(any, texts, timeout)

    def _wait(self, how, texts: tuple[str, ...], timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if how(text in screen for text in texts):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{how.__name__} of {texts} not on screen after {timeout} s:\n"
                             f"{self.screen()}")

    def running(self) -> bool:
        return self.tmux("has-session", "-t", "e2e").returncode == 0

    def close(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def terminal(tmp_path):
    term = Terminal(tmp_path)
    yield term
    term.close()


def test_netriage_walks_the_demo_to_its_fix_in_a_real_terminal(terminal, tmp_path):
    terminal.wait_for("Demo capture", "Connect to a device")
    terminal.keys("Enter")
    terminal.wait_for("Findings: 1, worst medium", "Walkthroughs")
    terminal.keys("Enter")  # opens at the check that decided the finding
    terminal.wait_for("Check 7 · Does every interface", "Engine: yes",
                      "Interface dmz (0.0.0.0): Normal")
    terminal.keys("b")
    terminal.wait_for("Check 6 · ")
    terminal.keys("e")
    terminal.wait_for("Walk finished: 1 finding(s)", "f Fix")
    terminal.keys("f")
    terminal.wait_for("Commands (asa", "standby <free-address", "c Copy")
    terminal.keys("c")
    terminal.wait_for("Copied")
    terminal.keys("x")
    terminal.wait_for("Export every fix to")
    terminal.keys("Enter")
    terminal.wait_for("Exported to")
    [exported] = tmp_path.glob("netriage-fix-*.md")
    assert "Interfaces without a standby address: dmz" in exported.read_text()
    terminal.keys("q")
    deadline = time.monotonic() + 10
    while terminal.running() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not terminal.running(), "netriage did not exit on q"


def test_netriage_train_scores_a_walkthrough_in_a_real_80x24_terminal(tmp_path):
    terminal = Terminal(tmp_path, "train", "failover-version-mismatch", width=80, height=24)
    try:
        terminal.wait_for("Training · Half an upgrade", "Press  n  to start")
        terminal.keys("n")
        screen = terminal.wait_for("Which output do you read to decide it?", "show failover")
        # predict right: the number beside `show failover`, read off the screen
        [number] = [line.split()[0] for line in screen.splitlines()
                    if line.strip().endswith(" show failover")]
        terminal.keys(number)
        terminal.wait_for("✓ Right: show failover")
        for _ in range(80):  # a scenario has far fewer steps: the bound only stops a hang
            if "Score " in terminal.screen():
                break
            terminal.keys("n")
            time.sleep(0.3)
            if "Choose" in terminal.screen():
                terminal.keys("1")  # right or wrong, the answer and its reason show
                terminal.wait_for_any("✓ Right", "✗ Not quite")
        end = terminal.wait_for("Score ", "Expert path")
        assert "failover.version-mismatch" in end
        terminal.keys("q")
        deadline = time.monotonic() + 10
        while terminal.running() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not terminal.running(), "netriage train did not exit on q"
        [history] = (terminal.home / ".local/share").rglob("*.json")
        assert '"scenario": "failover-version-mismatch"' in history.read_text()
    finally:
        terminal.close()
