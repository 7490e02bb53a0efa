"""House rules for netriage's own TextFSM templates (parsers/) and their fixtures (here).

The records themselves are checked against the `.yml` files by
`tests/test_conformance.py::test_our_fixtures_match_expected_records`; this module checks what
that test cannot see: the index and the templates agree, no template ends in an Error
catch-all, every Value is captured (or declared "always empty"), every command has at least two
fixtures, and no List value ever holds None (a list capture inside an optional group that did
not take part).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import textfsm
import yaml

ROOT = Path(__file__).resolve().parents[2]
PARSERS = ROOT / "parsers"
FIXTURES = Path(__file__).resolve().parent
TEMPLATES = sorted(PARSERS.glob("*.textfsm"))
COMMAND_DIRS = sorted(p for p in FIXTURES.glob("*/*") if p.is_dir())


def _index_rows() -> list[list[str]]:
    lines = [line for line in (PARSERS / "index").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    rows = [[c.strip() for c in row] for row in csv.reader(lines, skipinitialspace=True)]
    assert rows[0] == ["Template", "Hostname", "Platform", "Command"]
    return rows[1:]


def _fsm(path: Path) -> textfsm.TextFSM:
    return textfsm.TextFSM(io.StringIO(path.read_text()))


def test_index_and_templates_agree():
    rows = _index_rows()
    named = {t.strip() for row in rows for t in row[0].split(":")}
    assert sorted(named - {p.name for p in TEMPLATES}) == [], "index names missing templates"
    assert sorted({p.name for p in TEMPLATES} - named) == [], "templates missing from the index"
    keys = [(row[2], row[3]) for row in rows]
    assert len(keys) == len(set(keys)), "a (platform, command) pair is listed twice"
    for row in rows:
        assert "[[" not in row[3], f"abbreviation syntax in {row}"
        assert row[3] == " ".join(row[3].split()), f"stray spaces in {row}"


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_template_rules(path: Path):
    fsm = _fsm(path)
    text = path.read_text()
    assert "netriage's own template" in text, "say at the top what the template keeps"
    for rules in fsm.states.values():
        for rule in rules:
            assert "Error" not in (rule.line_op, rule.record_op), f"Error rule: {rule.match}"
            assert rule.match.strip() not in ("^.", "^.*", "^.*$$"), f"catch-all: {rule.match}"
    used = set(re.findall(r"\$\{(\w+)\}", text))
    # a template may keep another template's fields for the same command, never filled:
    # it lists them on "# always empty: A, B" comment lines
    used |= set(re.findall(r"\w+", " ".join(re.findall(r"^# always empty:(.*)$", text, re.M))))
    unused = [v.name for v in fsm.values if v.name not in used]
    assert unused == [], f"Values never captured: {unused}"


@pytest.mark.parametrize("command_dir", COMMAND_DIRS,
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixtures_present_and_lists_clean(command_dir: Path):
    template = PARSERS / f"{command_dir.parent.name}_{command_dir.name}.textfsm"
    assert template.exists(), f"no template {template.name} for {command_dir}"
    raws = sorted(command_dir.glob("*.raw"))
    assert len(raws) >= 2, "each command needs at least two fixtures"
    for raw in raws:
        expected = raw.with_suffix(".yml")
        assert expected.exists(), f"{raw.name} has no .yml"
        assert "parsed_sample" in (yaml.safe_load(expected.read_text()) or {})
        fsm = _fsm(template)
        for row in fsm.ParseText(raw.read_text()):
            for value in row:
                assert not (isinstance(value, list) and None in value), f"None in a list: {raw}"
