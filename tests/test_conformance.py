"""Conformance over real device outputs in ../shared/corpus/ntc (skipped when absent).

Every `.raw` loads and parses or is flagged, never raises. Where a template serves the
command, its records match the expected `.yml` for the fields both have.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from netriage.parsing import PARSED, PARTIAL, UNPARSED, parse_output
from netriage.platforms import get_platform


def corpus_cases(shared: Path):
    for raw in sorted((shared / "corpus" / "ntc").glob("*/*/*.raw")):
        platform = raw.parent.parent.name
        command = raw.parent.name.replace("_", " ")
        yield platform, command, raw


def _same(ours, theirs) -> bool:
    """ntc's YAML writes an empty value as None or 'None'; ours is ''."""
    if isinstance(ours, list) and isinstance(theirs, list):
        return len(ours) == len(theirs) and all(map(_same, ours, theirs))
    empty = (None, "None", "")
    return ours == theirs or (ours in empty and theirs in empty)


def compare(records: list[dict], expected: list[dict]) -> list[str]:
    problems = []
    if len(records) != len(expected):
        problems.append(f"{len(records)} records, expected {len(expected)}")
    for index, (ours, theirs) in enumerate(zip(records, expected, strict=False)):
        for key in sorted(set(ours) & set(theirs)):
            if not _same(ours[key], theirs[key]):
                problems.append(f"record {index} {key}: {ours[key]!r} != {theirs[key]!r}")
    return problems


def test_corpus_conformance(shared_dir, capsys):
    counts: Counter[str] = Counter()
    mismatches: list[str] = []
    for platform, command, raw in corpus_cases(shared_dir):
        family = get_platform(platform).family
        text = raw.read_text(encoding="utf-8", errors="replace")
        result = parse_output(text, command, family)  # must never raise
        assert result.status in (PARSED, PARTIAL, UNPARSED)
        if result.status != PARSED:
            assert result.status == UNPARSED or result.not_understood
        counts[result.status] += 1
        counts["ours" if result.template.startswith("netriage:") else "ntc"] += 1
        expected_file = raw.with_suffix(".yml")
        if result.status == PARSED and expected_file.exists():
            expected = (yaml.safe_load(expected_file.read_text()) or {}).get("parsed_sample")
            if expected is None:
                continue
            counts["compared"] += 1
            for problem in compare(result.records, expected):
                mismatches.append(f"{raw.relative_to(shared_dir)}: {problem}")
    with capsys.disabled():
        print(f"\ncorpus: {sum(counts[s] for s in (PARSED, PARTIAL, UNPARSED))} outputs: "
              f"{counts[PARSED]} parsed, {counts[PARTIAL]} partial, {counts[UNPARSED]} "
              f"unparsed; {counts['ours']} by our templates; {counts['compared']} compared "
              f"with expected records, {len(mismatches)} field mismatches")
    assert counts[PARSED] > 0
    assert mismatches == [], "\n".join(mismatches[:30])


@pytest.mark.parametrize("platform", ["cisco_asa", "cisco_ios"])
def test_our_fixtures_match_expected_records(platform):
    root = Path(__file__).parent / "parsers" / platform
    cases = sorted(root.glob("*/*.raw"))
    if not cases:
        pytest.skip(f"no fixtures for {platform} yet")
    failures = []
    for raw in cases:
        command = raw.parent.name.replace("_", " ")
        expected = yaml.safe_load(raw.with_suffix(".yml").read_text())["parsed_sample"]
        variant = "cisco_pix" if command.endswith(" pix") else platform
        command = command.removesuffix(" pix")
        result = parse_output(raw.read_text(), command, platform, platform=variant)
        if result.status != PARSED:
            failures.append(f"{raw.name}: {result.status} {result.not_understood[:3]}")
        elif result.records != expected:
            failures.append(f"{raw.name}: records differ: " + "; ".join(
                compare(result.records, expected)[:5]))
    assert failures == [], "\n".join(failures)
