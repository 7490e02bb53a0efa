"""Every fix as the engineer reads it, on every recording: filled from the capture, and typed
the way the device's platform and release accept it.

`checks lint` reads the fix templates; this reads what they become on a real
device: the block chosen for its platform and version, placeholders filled from its
configuration. Each rendered fix, verify and rollback line is walked through the vocabulary of
the device's platform tag at its detected release (a block for the switch, through IOS). Trees
whose audit is done (`AUDITED`) must render nothing the device would refuse; for the others the
problems are counted, so the audit's progress shows in the test output.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from netriage.engine.findings import Finding, Fix
from netriage.engine.versions import ANY, VersionRange, parse_range, parse_version
from netriage.engine.vocab import check_lines, for_platform
from netriage.platforms import get_platform
from tests.recordings_index import analysis_of, list_recordings
from tests.test_vocab import AUDITED

RECORDINGS = list(list_recordings())


def fix_problems(fix: Fix, tag: str, version: str) -> list[str]:
    """What the device (or the switch, for a switch block) would refuse in a rendered fix."""
    number = parse_version(version) if version else None
    # the device runs one release: [it, the next maintenance release)
    releases = VersionRange(number, (*number[:2], number[2] + 1)) if number else ANY
    if number is None and fix.versions:  # release unknown: each variant shown for its releases
        releases = parse_range(fix.versions)
    if fix.device == "switch":
        tag, releases = "ios", ANY
    problems = []
    for vocab in for_platform(tag, releases):
        for kind in ("commands", "verify", "rollback"):
            problems += [f"[{tag} {kind}] {p}"
                         for p in check_lines(vocab, tag, getattr(fix, kind), releases)]
    if releases == ANY:  # release unknown: only what no release of the platform accepts
        problems = [p for p in problems if "exists only in" not in p]
    return problems


def _findings(path: Path) -> list[tuple[Finding, str, str]]:
    analysis = analysis_of(path)
    devices = {item.device.hostname: item.device for item in analysis.devices}
    out = []
    for finding in analysis.findings:
        device = devices.get(finding.device)
        if device is not None and device.platform:
            out.append((finding, get_platform(device.platform).tag, device.version))
    return out


@pytest.mark.parametrize("path", RECORDINGS, ids=lambda p: p.name)
def test_no_placeholder_is_left_in_braces(path):
    left = [(f.id, line) for f, _tag, _version in _findings(path) for fix in f.fix
            for line in fix.commands + fix.verify + fix.rollback + fix.manager
            if "{" in line and "}" in line]
    assert left == []


@pytest.mark.parametrize("path", RECORDINGS, ids=lambda p: p.name)
def test_audited_trees_render_only_what_the_device_accepts(path):
    problems = [f"{finding.id} ({tag} {version or '?'}): {p}"
                for finding, tag, version in _findings(path) if finding.tree in AUDITED
                for fix in finding.fix for p in fix_problems(fix, tag, version)]
    assert problems == []


def test_audit_progress_is_reported(capsys):
    """Not a gate: prints, per tree, how many rendered lines a device would still refuse."""
    count: Counter[str] = Counter()
    for path in RECORDINGS:
        for finding, tag, version in _findings(path):
            for fix in finding.fix:
                count[finding.tree] += len(fix_problems(fix, tag, version))
    with capsys.disabled():
        print("\nrendered fix lines a device would refuse, per tree:",
              ", ".join(f"{tree} {n}" for tree, n in sorted(count.items()) if n) or "none")
    assert all(count[tree] == 0 for tree in AUDITED)


def test_the_check_itself_can_fail():
    bad = Fix(platform="ftd", commands=["configure terminal", "interface Ethernet1/1",
                                        "shutdown", "end"])
    assert fix_problems(bad, "ftd", "7.2.4")
    good = Fix(platform="asa", commands=["configure terminal", "interface Ethernet1/1",
                                         " no shutdown", "end"], verify=["show interface"])
    assert fix_problems(good, "asa", "9.16(4)") == []
