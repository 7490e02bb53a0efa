"""Every report format carries the pair verdicts: text and Markdown "Pairs" sections."""

from __future__ import annotations

from tests.pairs.helpers import PAIRS, analyze

STANDBY = PAIRS / "failover-standby-address-missing"
DIFFERENCE = ("the primary (fw-hq/pri) sees dmz Normal (Waiting); the secondary (fw-hq/sec) "
              "has no standby address on dmz")


def test_text_report_has_a_pairs_section_with_verdict_fix_at_and_differences():
    code, text, _ = analyze(STANDBY / "fw-hq-primary.log", STANDBY / "fw-hq-secondary.log",
                            fmt="text")
    assert code == 1  # the pair's medium verdict counts like a finding
    section = text[text.index("\nPairs\n"):]
    assert "failover fw-hq/pri + fw-hq/sec: degraded" in section
    assert "Fix at: fw-hq/pri" in section
    assert DIFFERENCE in section
    assert "Interface dmz (0.0.0.0): Normal (Waiting)" in section


def test_markdown_report_has_a_pairs_section():
    _, markdown, _ = analyze(PAIRS / "failover-split-brain-one-file.log", fmt="markdown")
    section = markdown[markdown.index("## Pairs"):]
    assert "### failover fw-hq/pri + fw-hq/sec: split brain" in section
    assert "Fix at: fw-hq/sec" in section
    assert "`This host: Secondary - Active`" in section


def test_each_ends_header_carries_its_pair_verdict(tmp_path):
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    files = sorted((ROOT / "recordings" / "pairs" / "failover-split-brain").iterdir())
    run = [sys.executable, "-m", "netriage", "analyze", *map(str, files)]
    text = subprocess.run(run, capture_output=True, text=True, cwd=tmp_path).stdout
    assert "worst CRITICAL: 1 high; pair: split brain with fw-hq/sec (critical" in text
    report = json.loads(subprocess.run([*run, "--format", "json"], capture_output=True,
                                       text=True, cwd=tmp_path).stdout)
    for device in report["devices"]:
        assert device["worst"] == "critical"
        assert [p["verdict"] for p in device["pair_verdicts"]] == ["split brain"]
