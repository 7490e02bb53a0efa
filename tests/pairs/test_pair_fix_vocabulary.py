"""Every fix line a pair verdict prints is a command the fix_at device's platform has, in
the release it runs: each pair recording (and the mismatch kinds made from them) analysed,
each rendered fix, verify and rollback line walked through the vocabulary for fix_at's
platform tag and detected version, as `netriage checks lint` walks tree fixes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from netriage.analysis import analyze_paths
from netriage.engine.versions import VersionRange, parse_range, parse_version
from netriage.engine.vocab import check_lines, for_platform
from netriage.pairs import fix_templates, fix_vocabulary_problems
from netriage.platforms import get_platform
from tests.pairs.helpers import PAIRS

RECORDINGS = sorted(p for p in PAIRS.iterdir() if p.is_dir() or p.suffix == ".log")
HEALTHY = PAIRS / "failover-healthy"


def _variants(tmp_path):
    """Mismatch kinds whose fix no recording reaches: keys that differ, both Primary."""
    out = []
    for name, edits in (("keys", {"fw-hq-primary.log": ("failover key *****",
                                                        "failover key One-Key-1"),
                                  "fw-hq-secondary.log": ("failover key *****",
                                                          "failover key Other-Key-2")}),
                        ("roles", {"fw-hq-secondary.log": ("Failover unit Secondary",
                                                           "Failover unit Primary")})):
        folder = tmp_path / name
        folder.mkdir()
        for source in HEALTHY.iterdir():
            text = source.read_text()
            if source.name in edits:
                old, new = edits[source.name]
                assert old in text
                text = text.replace(old, new)
            (folder / source.name).write_text(text)
        out.append(folder)
    return out


def _lint(pair, analysis) -> tuple[list[str], int]:
    devices = {d.facts.device.hostname: d.facts.device for d in analysis.devices}
    problems, lines = [], 0
    ends = [pair.fix_at] if pair.fix_at else list(pair.fix_ends)
    for name in ends:
        device = devices[name]
        tag = get_platform(device.platform).tag
        version = parse_version(device.version)
        for block in pair.fix_blocks:
            assert tag in block.platform.split(","), (name, block.heading)
            # the device's own release; when the capture does not say it, every release
            # the block is written for (each variant is shown, labelled, then)
            release = (VersionRange(version, (version[0], version[1], version[2] + 1))
                       if version else parse_range(block.versions))
            vocabs = for_platform(tag, release)
            assert vocabs, f"no vocabulary for {tag} {device.version}"
            for kind in ("commands", "verify", "rollback"):
                typed = [line for line in getattr(block, kind)
                         if not line.startswith("! on ")]  # whose console, in words
                lines += len(typed)
                for vocab in vocabs:
                    problems += [f"{name} {pair.verdict} [{vocab.name} {kind}] {p}"
                                 for p in check_lines(vocab, tag, typed, release)]
    return problems, lines


def test_every_pair_fix_line_exists_on_the_fix_at_platform_and_release(tmp_path):
    problems, linted, tags, verdicts = [], 0, set(), set()
    for path in [*RECORDINGS, *_variants(tmp_path)]:
        analysis = analyze_paths([path])
        for pair in analysis.pairs:
            if not pair.fix_blocks:
                continue
            found, lines = _lint(pair, analysis)
            problems += [f"{path.name}: {p}" for p in found]
            linted += lines
            tags |= {b.platform for b in pair.fix_blocks}
            verdicts.add((pair.kind, pair.verdict, pair.findings[0]))
    assert problems == []
    # the walk reached every kind of fix it should: FTD manager steps, ASA, IOS
    assert {"asa,pix", "ios", "ftd"} <= tags
    assert {("failover", "split brain", "failover.split-brain"),
            ("failover", "mismatch", "failover.key-mismatch"),
            ("failover", "mismatch", "failover.both-primary-or-secondary"),
            ("ipsec", "key mismatch", "crypto.ike-p1-psk-mismatch"),
            ("ipsec", "key mismatch", "crypto.manual-key-not-mirrored")} <= verdicts
    assert linted > 60


def test_a_verdict_whose_fix_has_blocks_gets_them_for_its_end():
    """A pair fix in the data is never silently dropped: a verdict carrying an id that has
    blocks, with an end to fix, renders at least one block (or says why none fits)."""
    with_blocks = set(fix_templates())
    for path in RECORDINGS:
        for pair in analyze_paths([path]).pairs:
            if pair.fix_at and pair.findings and pair.findings[0] in with_blocks:
                assert pair.fix_blocks or pair.fix_note, (path.name, pair.verdict)


@pytest.mark.parametrize("fix_id", sorted(fix_templates()))
def test_the_data_holds_blocks_for_every_platform_a_pair_end_can_be(fix_id):
    tags = {tag for block in fix_templates()[fix_id] for tag in block.platforms}
    assert {"asa", "ftd"} <= tags or {"ios"} <= tags, fix_id
    for block in fix_templates()[fix_id]:
        if "ftd" in block.platforms:  # FTD: no LINA configuration, the manager does it
            assert block.manager or not block.commands, fix_id
            assert "configure terminal" not in block.commands, fix_id


def test_checks_lint_covers_the_pair_fixes():
    assert fix_vocabulary_problems() == []
    result = subprocess.run([sys.executable, "-m", "netriage", "checks", "lint"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    blocks = sum(map(len, fix_templates().values()))
    assert f"{blocks} pair fix block(s) checked against the vocabularies" in result.stdout
