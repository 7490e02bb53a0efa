"""A file's style (stamps, wrap width, terminal program) is read from its head once, though
sniffing and loading both need it (twice was ~5% of a capture in a batch), and loading
finds the same style as reading the head afresh."""

from __future__ import annotations

import sys

from netriage.capture import load_paths, stream
from netriage.capture.formats import common
from netriage.capture.reader import open_text
from tests.conftest import DEMO, RECORDINGS


def test_a_session_log_reads_its_style_once(monkeypatch):
    calls = []
    real = stream.detect_style

    def spy(head):
        calls.append(len(head))
        return real(head)

    import netriage.capture.formats.terminal  # noqa: F401 - every format, imported

    for module in list(sys.modules.values()):  # wherever a format module imported it
        if getattr(module, "detect_style", None) is real:
            monkeypatch.setattr(module, "detect_style", spy)
    capture = load_paths([DEMO])
    assert capture.devices and len(calls) == 1


def test_the_kept_style_is_the_heads_own():
    logs = sorted((RECORDINGS / "realistic").rglob("*.log"))[:30]
    assert len(logs) == 30
    for path in logs:
        text = open_text(path)
        assert common.style_of(text) == stream.detect_style(text.head), path
        assert common.style_of(text) is common.style_of(text)
