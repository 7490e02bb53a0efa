"""The fast path for clean captures only ever declines: where it runs, it loads exactly what
the line-by-line splitter loads (entries, outputs, line maps, skipped notes)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netriage.capture import fastsplit, load_paths
from netriage.capture.cleanup import detect
from netriage.capture.formats import terminal as terminal_format
from netriage.errors import NetriageError
from tests.capture.test_debris import clean_capture
from tests.conftest import RECORDINGS


def _full(capture) -> list:
    return [(d.hostname, d.platform, [dataclasses.asdict(e) for e in d.entries])
            for d in capture.devices] + [capture.skipped]


def _both(monkeypatch, paths) -> tuple[list, list, bool]:
    used = []
    real = fastsplit.fast_blocks

    def spy(*args, **kwargs):
        blocks = real(*args, **kwargs)
        used.append(blocks is not None)
        return blocks

    monkeypatch.setattr(terminal_format, "fast_blocks", spy)
    fast = _full(load_paths(paths))
    monkeypatch.setattr(terminal_format, "fast_blocks", lambda *a, **k: None)
    slow = _full(load_paths(paths))
    return fast, slow, any(used)


def _recordings():
    for path in sorted(RECORDINGS.rglob("*")):
        if path.is_file() and path.suffix != ".md":
            yield pytest.param(path, id=str(path.relative_to(RECORDINGS)))


@pytest.mark.parametrize("path", list(_recordings()))
def test_fast_and_slow_paths_agree_on_every_recording(monkeypatch, path):
    try:
        fast, slow, _used = _both(monkeypatch, [path])
    except NetriageError:
        return  # recordings of unusable input: both paths refuse them (tested elsewhere)
    assert fast == slow


def test_the_fast_path_serves_clean_recordings(monkeypatch):
    _fast, _slow, used = _both(monkeypatch, [RECORDINGS / "demo" / "asa-pair-failover.log"])
    assert used


@settings(max_examples=60, deadline=None)
@given(capture=clean_capture(), trailing=st.sampled_from(["", "\n", "\n\n", "   \n"]))
def test_fast_and_slow_paths_agree_on_generated_captures(tmp_path_factory, capture, trailing):
    path = tmp_path_factory.mktemp("fast") / "cap.log"
    path.write_text("\n".join(capture.lines()) + trailing)
    with pytest.MonkeyPatch.context() as patch:
        fast, slow, used = _both(patch, [path])
    # A generated line can look like mail or forum damage (`**0` opens Markdown bold): such a
    # file is read line by line on purpose. Every other clean capture takes the fast path.
    assert used or detect(path.read_text().splitlines()) is not None
    assert fast == slow


@pytest.mark.parametrize("debris", ["\x1b[1mFailover On\x1b[0m", "Failover On\r",
                                    "<--- More --->", "\tFailover On", "user@jump:~$ ssh fw1"])
def test_debris_sends_the_file_down_the_slow_path(tmp_path, monkeypatch, debris):
    path = tmp_path / "cap.log"
    path.write_text(f"fw1# show failover\n{debris}\nFailover unit Primary\nfw1#\n")
    fast, slow, used = _both(monkeypatch, [path])
    assert not used
    assert fast == slow
