"""`netriage [PATH...] [--demo] [--resume FILE]` hands the right things to the one factory."""

from pathlib import Path

import pytest

from netriage.cli import main
from netriage.resources import demo_capture


@pytest.fixture
def launched(monkeypatch):
    calls = []

    def fake_run_app(paths, platform="", resume=None):
        calls.append((paths, platform, resume))
        return 0

    monkeypatch.setattr("netriage.tui.app.run_app", fake_run_app)
    return calls


def test_no_argument_opens_the_start_screen(launched):
    assert main([]) == 0
    assert launched == [([], "", None)]


def test_demo_paths_platform_and_resume(launched, tmp_path):
    session = tmp_path / "s.json"
    assert main(["x.log", "--demo", "--platform", "asa", "--resume", str(session)]) == 0
    assert launched == [(["x.log", str(demo_capture())], "asa", Path(session))]
