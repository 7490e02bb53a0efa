"""The trees' evidence patterns are compiled once per process (`re`'s own cache holds 512,
which a batch overflows): a second capture reuses them, and finds the same evidence."""

from __future__ import annotations

from netriage.analysis import analyze_paths
from netriage.engine import walk
from tests.conftest import DEMO


def _evidence(analysis) -> list:
    return [(f.id, [(e.command, e.line, e.text) for e in f.evidence])
            for f in analysis.findings]


def test_a_second_analysis_compiles_no_evidence_pattern_again():
    walk._evidence_regex.cache_clear()
    first = _evidence(analyze_paths([DEMO]))
    compiled = walk._evidence_regex.cache_info()
    assert compiled.misses >= 5  # the demo's walks did read evidence
    second = _evidence(analyze_paths([DEMO]))
    again = walk._evidence_regex.cache_info()
    assert again.misses == compiled.misses and again.hits >= compiled.misses
    assert second == first and any(lines for _id, lines in first)
