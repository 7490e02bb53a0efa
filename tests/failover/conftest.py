"""Failover tests walk the failover trees only: other areas' trees change concurrently and
would otherwise decide what "the top finding" of a failover recording is."""

from __future__ import annotations

from pathlib import Path

import pytest

from netriage import analysis
from netriage.analysis import Analysis
from netriage.engine.tree import load_trees
from tests.conftest import FIXTURES

FAILOVER = FIXTURES / "failover"


def failover_trees() -> tuple:
    return tuple(t for t in load_trees() if t.id.startswith("failover"))


@pytest.fixture
def analyze(monkeypatch: pytest.MonkeyPatch):
    """analyze(recording name or path, **answers) → Analysis over the failover trees only."""
    monkeypatch.setattr(analysis, "load_trees", failover_trees)

    def run(recording: str | Path, answers: dict[str, str] | None = None,
            platform: str = "") -> Analysis:
        path = recording if isinstance(recording, Path) else FAILOVER / recording
        return analysis.analyze_paths([path], platform=platform, answers=answers)

    return run
