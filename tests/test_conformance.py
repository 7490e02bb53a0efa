"""Conformance over real device outputs in ../shared/corpus (ntc and genie; skipped when absent).

Every output parses or is flagged with the exact lines not understood, and never raises. Where
ntc-templates gives expected records and the command is served by a template or a parser that
reproduces ntc's records, our records match them for the fields both have. Per command in scope
(failover, IKE/IPsec, interfaces) the test prints how
many outputs are parsed, partial (with the lines) and unparsed; at least 90% of the in-scope
outputs must be fully parsed, and none silently empty.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

from netriage.parsing import PARSED, PARTIAL, UNPARSED, ParseResult, parse_output
from tests.corpus import CorpusCase, corpus_cases

GOAL = 0.90
# A parsed output with no record is an empty table: a header and perhaps a "no SAs" line.
_EMPTY_TABLE_LINES = 6


def _same(ours, theirs) -> bool:
    """ntc's YAML writes an empty value as None or 'None'; ours is ''."""
    if isinstance(ours, list) and isinstance(theirs, list):
        return len(ours) == len(theirs) and all(map(_same, ours, theirs))
    empty = (None, "None", "")
    return ours == theirs or (ours in empty and theirs in empty)


def _ntc_shaped(result: ParseResult) -> bool:
    """Records in ntc's shape: a TextFSM template's, or a native parser that reproduces one.
    A native reader with records of its own (`show logging`: one per message) is not compared
    field by field; its records are tested by their own unit tests."""
    from netriage.parsing.native import PARSERS

    return not any(p.name == result.template and not p.stands_in_for for p in PARSERS)


def compare(records: list[dict], expected: list[dict]) -> list[str]:
    problems = []
    if len(records) != len(expected):
        problems.append(f"{len(records)} records, expected {len(expected)}")
    for index, (ours, theirs) in enumerate(zip(records, expected, strict=False)):
        for key in sorted(set(ours) & set(theirs)):
            if not _same(ours[key], theirs[key]):
                problems.append(f"record {index} {key}: {ours[key]!r} != {theirs[key]!r}")
    return problems


def _parse(case: CorpusCase) -> tuple[str, ParseResult]:
    text = case.path.read_text(encoding="utf-8", errors="replace")
    return text, parse_output(text, case.command, case.family, case.platform)


def _silently_empty(text: str, result: ParseResult) -> bool:
    """Parsed, no record, yet more text than a header: something was read as nothing."""
    if result.status != PARSED or result.records:
        return False
    return sum(1 for line in text.splitlines() if line.strip()) > _EMPTY_TABLE_LINES


def _table(groups: dict[str, Counter[str]], lines: dict[str, list[str]]) -> str:
    out = [f"{'command (in scope)':64} {'n':>3} {'parsed':>6} {'partial':>7} {'unparsed':>8}"]
    for group in sorted(groups):
        c = groups[group]
        out.append(f"{group[:64]:64} {sum(c.values()):>3} {c[PARSED]:>6} {c[PARTIAL]:>7} "
                   f"{c[UNPARSED]:>8}")
        out += [f"    {line}" for line in lines[group][:6]]
    return "\n".join(out)


def test_corpus_conformance(shared_dir: Path, capsys) -> None:
    counts: Counter[str] = Counter()
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    lines: dict[str, list[str]] = defaultdict(list)
    mismatches: list[str] = []
    empty: list[str] = []
    for case in corpus_cases(shared_dir):
        text, result = _parse(case)  # must never raise
        assert result.status in (PARSED, PARTIAL, UNPARSED)
        if result.status == PARTIAL:
            assert result.not_understood, case.path
        if result.status == UNPARSED:
            assert result.reason or result.not_understood, case.path
        name = f"{case.path.parent.name}/{case.path.name}"
        if case.in_scope:
            counts[result.status] += 1
            groups[case.group][result.status] += 1
            if result.status == PARTIAL:
                lines[case.group] += [f"{name}:{n}: {t.strip()}" for n, t in
                                      result.not_understood[:2]]
            elif result.status == UNPARSED:
                lines[case.group].append(f"{name}: {result.reason}")
            if _silently_empty(text, result):
                empty.append(name)
        else:
            counts["out of scope"] += 1
        if result.status == PARSED and case.expected is not None and _ntc_shaped(result):
            expected = (yaml.safe_load(case.expected.read_text()) or {}).get("parsed_sample")
            if expected is None:
                continue
            counts["compared"] += 1
            mismatches += [f"{name}: {p}" for p in compare(result.records, expected)]
    in_scope = counts[PARSED] + counts[PARTIAL] + counts[UNPARSED]
    share = counts[PARSED] / in_scope if in_scope else 0.0
    with capsys.disabled():
        print(f"\n{_table(groups, lines)}\ncorpus: {in_scope} outputs in scope: "
              f"{counts[PARSED]} parsed ({share:.0%}), {counts[PARTIAL]} partial, "
              f"{counts[UNPARSED]} unparsed; {counts['out of scope']} out of scope; "
              f"{counts['compared']} compared with expected records, {len(mismatches)} field "
              "mismatches")
    assert mismatches == [], "\n".join(mismatches[:30])
    assert empty == [], f"parsed as empty although the output has content: {empty}"
    assert share >= GOAL, f"{share:.0%} of in-scope outputs fully parsed, goal {GOAL:.0%}"


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
        # a platform's own layout: `show_failover_pix` (PIX 6), `show_version_ftd` (FTD CLISH)
        suffix = command.rsplit(" ", 1)[-1]
        variant = {"pix": "cisco_pix", "ftd": "cisco_ftd"}.get(suffix, platform)
        command = command.removesuffix(" pix").removesuffix(" ftd")
        result = parse_output(raw.read_text(), command, platform, platform=variant)
        if result.status != PARSED:
            failures.append(f"{raw.name}: {result.status} {result.not_understood[:3]}")
        elif result.records != expected:
            failures.append(f"{raw.name}: records differ: " + "; ".join(
                compare(result.records, expected)[:5]))
    assert failures == [], "\n".join(failures)
