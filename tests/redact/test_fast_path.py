"""Redaction's fast path never changes an answer (issue 13 goal 6).

The fast path skips outputs holding no secret word, runs a big output's rules on its secret
lines only, and runs each rule only on text holding its keywords. The reference here is the
path before it: netutils' `sanitize_config` with every rule over every whole text. On every
recording and on the planted captures (a distinct secret of every kind in every form), both
give the same masked text, the same tokens in the same order and the same manifest.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netriage.capture import load_paths
from netriage.redact import apply, engine, redact_capture
from netriage.redact.rules import RULES
from tests.recordings_index import list_recordings
from tests.redact.reference import reference_mask
from tests.secrets_plant import planted, write_captures


def _both(paths: list[Path], monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    capture = load_paths([str(p) for p in paths])
    fast, fast_rows = redact_capture(capture)
    with monkeypatch.context() as patch:
        patch.setattr(apply, "mask", reference_mask)
        slow, slow_rows = redact_capture(capture)
    return (fast, fast_rows), (slow, slow_rows)


def _texts(capture) -> list[tuple[str, ...]]:
    return [(e.typed, e.command, e.output) for d in capture.devices for e in d.entries]


RECORDINGS = [p for p in list_recordings() if p.is_file()]


@pytest.mark.parametrize("path", RECORDINGS, ids=lambda p: p.name)
def test_every_recording_is_masked_the_same_with_and_without_the_fast_path(path, monkeypatch):
    (fast, fast_rows), (slow, slow_rows) = _both([path], monkeypatch)
    assert _texts(fast) == _texts(slow)
    assert fast_rows == slow_rows  # same tokens, same numbers, same lines


def test_the_planted_secrets_are_masked_the_same(tmp_path, monkeypatch):
    paths = write_captures(tmp_path)
    (fast, fast_rows), (slow, slow_rows) = _both(paths, monkeypatch)
    assert _texts(fast) == _texts(slow)
    assert fast_rows == slow_rows
    assert len({row.token for row in fast_rows}) >= len(planted()) // 2  # it did mask


def test_a_rule_skipped_for_its_keywords_could_not_have_matched():
    """Each rule's `needs` words are in every line it masks (checked on the planted lines)."""
    from tests.secrets_plant import FORMS, _config

    lines = [line for platform, forms in FORMS.items() for form in forms
             for line in _config(platform, form, indent=False)]
    for rule in RULES:
        pattern = engine._compiled(rule)
        for line in lines:
            if pattern.search(line):
                lowered = line.lower()
                assert all(any(w in lowered for w in group) for group in rule.needs), (
                    rule.kind, line)
