"""Captures for the scale tests: a VPN headend's `show crypto ipsec sa`, made to measure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from netriage.parsing.native.synth import SyntheticSa, asa_ipsec_sa


def headend(path: Path, sas: int, *, one_way_at: int, detail: bool = False) -> SyntheticSa:
    """An ASA session with `sas` SA blocks, the one at `one_way_at` encrypting only; returns
    that SA (its peer is what the finding must name)."""
    text, written = asa_ipsec_sa(sas, zero_decaps_at=one_way_at, detail=detail)
    command = "show crypto ipsec sa detail" if detail else "show crypto ipsec sa"
    path.write_text(f"vpn-fw# {command}\n{text}vpn-fw# \n")
    return written[one_way_at]


def analyze(path: Path, *extra: str, env: dict[str, str] | None = None,
            ) -> tuple[int, dict, str]:
    """(exit code, JSON report, stderr) of a real `netriage analyze` process."""
    result = subprocess.run(
        [sys.executable, "-m", "netriage", "analyze", str(path), "--platform", "cisco_asa",
         "--format", "json", *extra],
        capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout), result.stderr
