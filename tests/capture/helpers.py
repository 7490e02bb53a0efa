"""Shared by the capture tests: where the recordings are, and a model view for comparisons."""

from __future__ import annotations

from typing import Any

from netriage.capture.model import Capture
from tests.conftest import RECORDINGS

CAPTURES = RECORDINGS / "captures"


def model(capture: Capture) -> list[Any]:
    """What a capture says, without where each entry sits in which file."""
    return [
        (d.hostname, d.platform, d.version, d.failover_role, d.unit, d.context, d.collected,
         [(e.command, e.filter, e.typed, e.prompt, e.output, e.timestamp, e.section,
           e.config_mode, e.truncated) for e in d.entries])
        for d in capture.devices
    ]


def lines_of(path, encoding: str = "utf-8") -> list[str]:
    return path.read_bytes().decode(encoding, "replace").replace("\r\n", "\n").split("\n")
