"""Shared by the interface and config tree tests: run a recording, keep these areas' findings,
check one finding, check every catalog id of an area has a recording."""

from __future__ import annotations

from pathlib import Path

from netriage.analysis import Analysis, analyze_paths
from netriage.engine.findings import Finding

# Trees of the interface and config areas; other areas' trees may also read these recordings
# (a crypto tree reads a config with crypto lines), and are judged by their own tests.
AREAS = ("interfaces", "config")


def run(path: Path, answers: dict[str, str] | None = None) -> tuple[list[Finding], Analysis]:
    analysis = analyze_paths([path], answers=answers)
    return [f for f in analysis.findings if f.tree.startswith(AREAS)], analysis


def check_finding(path: Path, finding_id: str, severity: str, evidence: list[str],
                  fix_line: str, *, answers: dict[str, str] | None = None,
                  top: bool = True) -> Finding:
    """The finding is the top one of the area (or present when `top` is False), with its
    severity, the exact evidence lines, line numbers pointing into the file, and a fix."""
    findings, _ = run(path, answers)
    ids = [f.id for f in findings]
    assert finding_id in ids, ids
    if top:
        assert ids[0] == finding_id, ids
    assert ids.count(finding_id) == 1, f"one root cause, one finding: {ids}"
    finding = next(f for f in findings if f.id == finding_id)
    assert finding.severity == severity
    texts = [e.text for e in finding.evidence]
    for line in evidence:
        assert line in texts, (line, texts)
    lines = path.read_text().splitlines()
    for item in finding.evidence:
        assert item.line > 0
        assert lines[item.line - 1].strip() == item.text, item
    commands = [c for fix in finding.fix for c in fix.commands]
    assert any(fix_line in c for c in commands), commands
    assert all(fix.verify and fix.rollback for fix in finding.fix)
    assert not any("{" in c for c in commands), "a placeholder was left unrendered"
    return finding


def assert_every_id_has_a_recording(prefix: str, covered: set[str]) -> None:
    """Every catalog id starting with `prefix` is among the ids the recordings cover."""
    from netriage.engine.lint import load_catalog

    assert sorted(i for i in load_catalog() if i.startswith(prefix)) == sorted(covered)


def cdp_duplex_mismatch_capture(tmp_path: Path) -> Path:
    """The healthy switch capture with CDP's duplex-mismatch message in its log: Gi0/9 here,
    dist-1 Gi1/0/23 at half duplex on the far end."""
    from tests.conftest import FIXTURES

    text = (FIXTURES / "interfaces" / "healthy-switch.log").read_text().replace(
        "Log Buffer (64000 bytes):\n",
        "Log Buffer (64000 bytes):\n000199: Mar  4 07:41:02.551 CET: %CDP-4-DUPLEX_MISMATCH: "
        "duplex mismatch discovered on GigabitEthernet0/9 (not half duplex), with dist-1 "
        "GigabitEthernet1/0/23 (half duplex).\n", 1)
    path = tmp_path / "cdp.log"
    path.write_text(text)
    return path
