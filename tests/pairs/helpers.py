"""Running the real CLI on the pair recordings (two files, one file, or a folder)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from tests.conftest import RECORDINGS

PAIRS = RECORDINGS / "pairs"


def analyze(*paths: object, fmt: str = "json") -> tuple[int, Any, str]:
    """(exit code, the report (parsed JSON, or text), stderr) of `netriage analyze`."""
    result = subprocess.run([sys.executable, "-m", "netriage", "analyze",
                             *(str(p) for p in paths), "--format", fmt],
                            capture_output=True, text=True, timeout=180)
    report = json.loads(result.stdout) if fmt == "json" and result.stdout else result.stdout
    return result.returncode, report, result.stderr


def two_ended(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The pairs whose both ends were loaded (missing-end entries left out)."""
    return [p for p in report["pairs"] if len(p["devices"]) == 2]


def the_pair(report: dict[str, Any], kind: str) -> dict[str, Any]:
    [pair] = [p for p in two_ended(report) if p["kind"] == kind]
    return pair


def finding_ids(report: dict[str, Any], device: str | None = None) -> set[str]:
    return {f["id"] for f in report["findings"] if device is None or f["device"] == device}
