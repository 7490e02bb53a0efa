"""The report's top line counts pair verdicts: a pair that folded every one-ended finding
must not leave "No findings" standing above a medium-or-worse verdict (every format, through
the real CLI)."""

from __future__ import annotations

import html

import pytest

from tests.pairs.helpers import PAIRS, analyze

VERSIONS = PAIRS / "failover-version-mismatch-one-file.log"
HEALTHY = PAIRS / "failover-healthy"


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_folded_findings_leave_the_pair_verdict_on_the_top_line(fmt):
    code, out, _ = analyze(VERSIONS, fmt=fmt)
    _, report, _ = analyze(VERSIONS)
    # the premise: every one-ended finding went into the pair, whose verdict is high
    assert report["findings"] == []
    assert [(p["verdict"], p["severity"]) for p in report["pairs"]] == [("mismatch", "high")]
    assert code == 1
    text = html.unescape(out) if fmt == "html" else out
    assert "No findings" not in text
    assert ("No one-ended findings, but 1 pair verdict is medium or worse (see Pairs): "
            "failover fw-hq/pri + fw-hq/sec: mismatch (high).") in text
    # still honest about what was not decided
    assert f"{len(report['undecided'])} check(s) could not be decided" in text


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_healthy_pair_leaves_the_usual_top_line(fmt):
    code, out, _ = analyze(HEALTHY, fmt=fmt)
    assert code == 0
    assert "No findings" in html.unescape(out)
    assert "pair verdict" not in out
