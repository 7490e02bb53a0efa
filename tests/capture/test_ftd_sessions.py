"""FTD sessions saved as files: the bare `>` prompt names no host, so files must not merge.

The two units of an FTD pair share every prompt (`>`): saved as two files they are two
devices, named by their `show version` banner; the same FTD saved twice (same UUID) is one.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from netriage.capture import load_paths
from tests.conftest import ROOT

PAIR = ROOT / "recordings" / "pairs" / "failover-ftd-healthy"


def _names(paths: list[Path]) -> list[tuple[str, int]]:
    return [(d.hostname, len(d.entries)) for d in load_paths([str(p) for p in paths]).devices]


def test_two_units_in_two_files_are_two_devices_and_one_pair(tmp_path):
    a, b = PAIR / "ftd-dc2-a.log", PAIR / "ftd-dc2-b.log"
    assert _names([a, b]) == [("ftd-dc2-a", 3), ("ftd-dc2-b", 3)]
    run = subprocess.run([sys.executable, "-m", "netriage", "analyze", str(a), str(b),
                          "--format", "json"], capture_output=True, text=True, cwd=tmp_path)
    report = json.loads(run.stdout)
    assert [d["hostname"] for d in report["devices"]] == ["ftd-dc2-a", "ftd-dc2-b"]
    assert [(p["kind"], sorted(p["devices"])) for p in report["pairs"]] == [
        ("failover", ["ftd-dc2-a", "ftd-dc2-b"])]


def test_the_same_ftd_saved_twice_is_one_device(tmp_path):
    morning, evening = tmp_path / "morning.log", tmp_path / "evening.log"
    text = (PAIR / "ftd-dc2-a.log").read_text()
    morning.write_text(text)
    evening.write_text(text)
    assert _names([morning, evening, PAIR / "ftd-dc2-b.log"]) == [
        ("ftd-dc2-a", 6), ("ftd-dc2-b", 3)]


def test_without_a_banner_each_file_keeps_its_own_placeholder(tmp_path):
    files = []
    for name in ("ftd-dc2-a.log", "ftd-dc2-b.log"):
        text = "\n".join(line for line in (PAIR / name).read_text().splitlines()
                         if not line.startswith("-------------------["))
        files.append(tmp_path / name)
        files[-1].write_text(text + "\n")
    assert [n for n, _count in _names(files)] == ["ftd", "ftd-2"]
