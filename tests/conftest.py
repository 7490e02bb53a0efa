"""Shared paths and fixtures. Tests never read the user's config or home directory."""

from __future__ import annotations

from pathlib import Path

import pytest

# The tree tests' shared checks assert inside this helper: rewrite it, as pytest does test
# modules, so a failing comparison there still shows both sides.
pytest.register_assert_rewrite("tests.helpers_trees")

ROOT = Path(__file__).resolve().parents[1]
RECORDINGS = ROOT / "recordings"
FIXTURES = RECORDINGS / "fixtures"
DEMO = RECORDINGS / "demo" / "asa-pair-failover.log"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """`../shared` (fault catalog, corpus); tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (a fresh clone has none)")
    return SHARED


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
