"""Every finding carries at least one evidence line from the capture: over every recording
(each file under `recordings/`, and each folder of per-command captures as one capture), each
finding has an evidence item whose line number points at its text in the file."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import pytest

from netriage.engine.findings import Evidence, Finding
from tests.recordings_index import analysis_of, list_recordings

RECORDINGS = Path(__file__).resolve().parents[1] / "recordings"
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|.\x08")


def _plain(text: str) -> str:
    """Letters and digits only: what survives ANSI codes, markdown, entities and spacing."""
    return re.sub(r"[^0-9a-z]", "", html.unescape(_ANSI.sub("", text)).lower())


@cache
def _lines(source: str) -> list[str]:
    # line numbers count "\n" only, as the loaders do (a lone "\r" is terminal debris)
    return Path(source).read_bytes().decode("utf-8", "replace").split("\n")


def _points_at_text(evidence: Evidence) -> bool:
    if evidence.line < 1 or not evidence.source or not Path(evidence.source).is_file():
        return False
    lines = _lines(evidence.source)
    if evidence.line > len(lines):
        return False
    text, first = _plain(evidence.text), _plain(lines[evidence.line - 1])
    if not text or not first:
        return False
    # the text starts on that line (a line wrapped by a web page may go on in the next ones)
    joined = first + "".join(_plain(line) for line in lines[evidence.line:evidence.line + 3])
    at = joined.find(text)
    return 0 <= at < len(first)


def _without_evidence(findings: list[Finding]) -> list[str]:
    return [f"{f.id} on {f.device}: {[(e.command, e.line, e.text) for e in f.evidence]}"
            for f in findings if not any(_points_at_text(e) for e in f.evidence)]


TARGETS = list(list_recordings())


def test_recordings_are_found():
    assert len(TARGETS) > 100
    assert any(t.is_dir() for t in TARGETS)  # folders of per-command captures count


@pytest.mark.parametrize("target", TARGETS, ids=lambda p: str(p.relative_to(RECORDINGS)))
def test_every_finding_points_at_a_line_of_the_capture(target):
    assert _without_evidence(analysis_of(target).findings) == []


def test_the_check_itself_can_fail(tmp_path):
    source = tmp_path / "cap.log"
    source.write_text("fw# show failover\nFailover On\n")
    good = Evidence("show failover", 2, "Failover On", str(source))
    assert _points_at_text(good)
    for bad in (Evidence("show failover", 1, "Failover On", str(source)),
                Evidence("show failover", 0, "Failover On", str(source)),
                Evidence("show failover", 2, "Failover On", "")):
        assert not _points_at_text(bad)
