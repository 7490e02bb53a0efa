"""In CI (CI=true), a test that would skip for want of something CI must have fails instead."""

from __future__ import annotations

from pathlib import Path

pytest_plugins = ["pytester"]

PROBE = """
import pytest

def test_missing_tmux():
    pytest.skip("tmux is not installed")

def test_other_reason():
    pytest.skip("no fixtures for cisco_nxos yet")
"""


def _run(pytester, monkeypatch, ci: str):
    pytester.makeconftest((Path(__file__).with_name("conftest.py")).read_text())
    pytester.makepyfile(test_probe=PROBE)
    monkeypatch.setenv("CI", ci)
    return pytester.runpytest_subprocess("-p", "no:randomly")


def test_a_must_have_skip_fails_in_ci(pytester, monkeypatch):
    _run(pytester, monkeypatch, "true").assert_outcomes(failed=1, skipped=1)


def test_outside_ci_it_only_skips(pytester, monkeypatch):
    _run(pytester, monkeypatch, "").assert_outcomes(skipped=2)
