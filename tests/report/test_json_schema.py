"""`--format json` against the JSON Schema files in schemas/: every recording's report, the
batch on stdout and the batch written to a folder; and the schema refuses what breaks the
contract (it is not a schema that accepts anything)."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import jsonschema  # the [test] extra installs it
import pytest
from referencing import Registry, Resource  # jsonschema's own dependency

from netriage.cli import main
from netriage.report.model import report_dict
from tests.conftest import DEMO, ROOT
from tests.recordings_index import analysis_of, list_recordings
from tests.report.generate import generate

SCHEMAS = ROOT / "schemas"
# asks whether it is meant to be one of a failover pair (no answers given here)
SHOP = ROOT / "recordings" / "realistic" / "firewalls" / \
    "asa5506x-9.12-shop-base-licence-no-failover-session.log"
RECORDINGS = list_recordings()


def _load(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


REPORT, BATCH = _load("report.schema.json"), _load("batch.schema.json")
_REGISTRY = Registry().with_resources(
    [(s["$id"], Resource.from_contents(s)) for s in (REPORT, BATCH)])


def problems(instance: dict, schema: dict) -> list[str]:
    """Every place `instance` breaks `schema`, as `path: message` (empty when it is valid)."""
    validator = jsonschema.Draft202012Validator(schema, registry=_REGISTRY)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message[:200]}"
            for e in validator.iter_errors(instance)]


def test_the_schema_files_are_valid_json_schemas():
    for schema in (REPORT, BATCH):
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", RECORDINGS, ids=[p.relative_to(ROOT).as_posix()
                                                  for p in RECORDINGS])
def test_every_recordings_report_matches_the_schema(path: Path):
    # through JSON, as a tool reads it (tuples become lists, keys strings)
    report = json.loads(json.dumps(report_dict(analysis_of(path), redact=True)))
    assert problems(report, REPORT) == []


def test_the_cli_report_with_and_without_redaction_matches(capsys):
    for extra in ([], ["--no-redact"]):
        main(["analyze", str(DEMO), "--format", "json", *extra])
        report = json.loads(capsys.readouterr().out)
        assert report["redaction"]["enabled"] is not bool(extra)
        assert problems(report, REPORT) == []


def test_a_pair_report_matches(capsys):
    main(["analyze", str(ROOT / "recordings" / "pairs" / "failover-split-brain"),
          "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["pairs"] and problems(report, REPORT) == []


def test_the_batch_on_stdout_and_in_a_folder_match(tmp_path, capsys):
    folder = tmp_path / "captures"
    generate(folder, 4)
    (folder / "notes.txt").write_text("not a capture\n")
    main(["analyze", str(folder), "--format", "json"])
    batch = json.loads(capsys.readouterr().out)
    assert len(batch["batch"]) == 4 and batch["skipped"]
    assert problems(batch, BATCH) == []
    out = tmp_path / "reports"
    main(["analyze", str(folder), "--batch", "--output", str(out), "--format", "json"])
    capsys.readouterr()
    index = json.loads((out / "index.json").read_text())
    assert "batch" not in index and problems(index, BATCH) == []
    for row in index["index"]:
        assert problems(json.loads((out / row["report"]).read_text()), REPORT) == []


def _demo_report() -> dict:
    return json.loads(json.dumps(report_dict(analysis_of(DEMO), redact=True)))


@pytest.mark.parametrize(("breaks", "where"), [
    (lambda r: r["findings"][0].update(severity="severe"), "findings/0/severity"),
    (lambda r: r.pop("undecided"), "(top)"),
    (lambda r: r["devices"][0]["commands"][0].update(parsed="yes"), "devices/0/commands/0"),
    (lambda r: r["findings"][0]["evidence"][0].pop("deciding"), "findings/0/evidence/0"),
    (lambda r: r["findings"][0]["fix"][0].update(platform="junos"), "findings/0/fix/0"),
    (lambda r: r["devices"][0]["counts"].update(severe=1), "devices/0/counts"),
    (lambda r: r["pairs"].append({"kind": "failover", "devices": ["a", "b"],
                                  "verdict": "fine"}), "pairs/0"),
    (lambda r: r["redaction"]["masked"].append({"source": "x", "line": 1, "kind": "psk",
                                                "token": "cisco123"}), "redaction/masked/0"),
])
def test_the_schema_refuses_a_broken_report(breaks, where):
    report = _demo_report()
    assert problems(report, REPORT) == []
    broken = copy.deepcopy(report)
    breaks(broken)
    found = problems(broken, REPORT)
    assert found and any(p.startswith(where) for p in found), found


def test_a_question_must_carry_its_choices_and_answer_form():
    from netriage.analysis import analyze_paths

    report = json.loads(json.dumps(report_dict(analyze_paths([SHOP]), redact=True)))
    question = next(u for u in report["undecided"] if u["question"])
    assert problems(report, REPORT) == []
    question["choices"] = []
    assert problems(report, REPORT)
    question["choices"], question["answer"] = ["yes"], "answer it"
    assert problems(report, REPORT)


def test_the_readme_json_section_names_every_key_of_the_schema():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## JSON report"):]
    section = section[:section.index("\n## ", 3)]
    keys = set(REPORT["required"])
    for name in ("device", "command", "finding", "fix", "undecided", "pair", "redaction"):
        keys |= set(REPORT["$defs"][name]["required"])
    keys |= set(BATCH["required"]) | set(BATCH["$defs"]["row"]["required"]) | {"batch"}
    missing = sorted(k for k in keys if not re.search(rf"\b{re.escape(k)}\b", section))
    assert missing == []
    assert "schemas/report.schema.json" in section and "schemas/batch.schema.json" in section
