"""A file's style (stamps, wrap width, terminal program) is read from its head once, though
sniffing and loading both need it (twice was ~5% of a capture in a batch), the raw head
sniffing reads is taken from that same pass, and both are what reading afresh finds."""

from __future__ import annotations

import sys

import pytest

from netriage.capture import load_paths, stream
from netriage.capture.debris import clean
from netriage.capture.formats import common
from netriage.capture.reader import open_text
from netriage.capture.session import header, split_stamp
from tests.conftest import DEMO, RECORDINGS


def test_a_session_log_reads_its_head_once(monkeypatch):
    import netriage.capture.formats.terminal  # noqa: F401 - every format, imported

    calls = []
    for name in ("detect_style", "read_style"):
        real = getattr(stream, name)

        def spy(head, real=real):
            calls.append(len(head))
            return real(head)

        for module in list(sys.modules.values()):  # wherever a format module imported it
            if module is not stream and getattr(module, name, None) is real:
                monkeypatch.setattr(module, name, spy)
    capture = load_paths([DEMO])
    assert capture.devices and len(calls) == 1


def _raw_head_afresh(head: list[str]) -> list[str]:
    """The raw head as `_raw_head` reads it in its own pass."""
    style = stream.detect_style(head)
    out = []
    for raw in head[:-1] or head:
        rest = split_stamp(style.stamp, raw)[1]
        if header(rest) is None:
            cleaned = clean(rest)
            if cleaned is not None:
                out.append(cleaned)
    return out


# session logs, and pasted ones (quoted, wrapped, timestamped, with headers)
FILES = [*sorted((RECORDINGS / "realistic").rglob("*.log"))[:40],
         *sorted(p for p in (RECORDINGS / "pasted").rglob("*") if p.is_file()),
         *sorted(p for p in (RECORDINGS / "captures").rglob("*") if p.is_file())]


def test_enough_files():
    assert len(FILES) > 60


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_kept_style_and_raw_head_are_the_heads_own(path):
    text = open_text(path)
    assert common.style_of(text) == stream.detect_style(text.head)
    assert common.style_of(text) is common.style_of(text)
    assert common._raw_head(text) == _raw_head_afresh(text.head)


def test_a_one_line_file_keeps_its_line(tmp_path):
    """The head's last line may be cut mid-way, so the style's pass leaves it out; a file of
    one line is read by the raw head's own pass, which keeps it."""
    path = tmp_path / "one.log"
    path.write_text("fw1# show version")
    text = open_text(path)
    assert common._raw_head(text) == _raw_head_afresh(text.head) == ["fw1# show version"]
