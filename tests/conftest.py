"""Shared paths and fixtures. Tests never read the user's config or home directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# The tree tests' shared checks assert inside this helper: rewrite it, as pytest does test
# modules, so a failing comparison there still shows both sides.
pytest.register_assert_rewrite("tests.helpers_trees")

ROOT = Path(__file__).resolve().parents[1]
RECORDINGS = ROOT / "recordings"
FIXTURES = RECORDINGS / "fixtures"
DEMO = RECORDINGS / "demo" / "asa-pair-failover.log"
SHARED = ROOT.parent / "shared"

# Property tests draw the same examples on every run of the suite (CI and a fresh checkout
# give one answer, not a different random one each time); NETRIAGE_HYPOTHESIS_RANDOM=1 lets
# them explore new examples, kept in the local database, when hunting for bugs.
settings.register_profile("reproducible", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile("explore" if os.environ.get("NETRIAGE_HYPOTHESIS_RANDOM") == "1"
                      else "reproducible")


# In CI (CI=true) a test must not pass by skipping for want of something CI is meant to have:
# ../shared, tmux, the installed command, ruff, a netriage module. Such a skip fails there.
IN_CI = os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")
_CI_MUST_HAVE = ("../shared is not present", "tmux is not installed",
                 "the netriage script is not installed", "ruff is not installed",
                 "is not here yet")


def _must_not_skip(report: pytest.TestReport | pytest.CollectReport) -> bool:
    return IN_CI and report.skipped and any(m in str(report.longrepr) for m in _CI_MUST_HAVE)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    if _must_not_skip(report):
        report.outcome = "failed"
        report.longrepr = f"CI=true, and this test would skip: {report.longrepr}"


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector):
    outcome = yield
    report = outcome.get_result()
    if _must_not_skip(report):
        report.outcome = "failed"
        report.longrepr = f"CI=true, and this module would skip: {report.longrepr}"


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
