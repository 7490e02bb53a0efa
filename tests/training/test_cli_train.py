"""`netriage train` in a real process: the list (text and JSON), the history, and every bad
input as one sentence with exit 2 — an unknown id, a bad scenario file, a damaged history."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from netriage.training import list_scenarios
from tests.conftest import FIXTURES


def train(*args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if home is not None:  # the subprocess gets its own user data dir
        env["XDG_DATA_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "netriage", "train", *args],
                          capture_output=True, text=True, env=env, timeout=120)


def one_sentence(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_list_as_a_table_and_as_json():
    bundled = list_scenarios()
    text = train("--list")
    assert text.returncode == 0, text.stderr
    for scenario in bundled:
        assert scenario.id in text.stdout and scenario.title in text.stdout
    assert f"{len(bundled)} scenarios" in text.stdout
    data = json.loads(train("--list", "--format", "json").stdout)
    assert [item["id"] for item in data] == [s.id for s in bundled]
    first = data[0]
    assert {"id", "title", "level", "goals", "goal_count", "fault_count"} <= set(first)
    assert first["level"] in ("beginner", "intermediate", "advanced")
    assert first["goal_count"] == len(first["goals"]) >= 1
    # the list never gives the answer key away
    assert not [item for item in data if "faults" in item]
    listed = json.dumps(data) + text.stdout
    assert "crypto.encaps-zero-nat" not in listed and "failover.if-failed" not in listed


def test_unknown_scenario_is_one_sentence_and_exit_2():
    line = one_sentence(train("no-such-scenario"))
    assert "no training scenario 'no-such-scenario'" in line
    assert "failover-standby-ip-missing" in line  # it names the ids there are
    assert "name a scenario" in one_sentence(train())


def test_a_bad_scenario_file_is_one_sentence_naming_the_field(tmp_path):
    folder = tmp_path / "broken-one"
    folder.mkdir()
    shutil.copy(FIXTURES / "failover" / "standby-ip-missing.log", folder / "fw.log")
    (folder / "scenario.yaml").write_text(
        "id: broken-one\ntitle: T\nlevel: expert\ngoals: [g]\nstory: s\n"
        "faults: [failover.standby-ip-missing]\ncaptures: [fw.log]\n")
    line = one_sentence(train("--list", "--scenarios", str(tmp_path)))
    assert "scenario.yaml" in line and "level 'expert' is not one of" in line
    line = one_sentence(train("broken-one", "--scenarios", str(tmp_path)))
    assert "level 'expert'" in line
    assert "not a folder" in one_sentence(train("--list", "--scenarios",
                                                str(tmp_path / "nowhere")))


def test_history_empty_then_damaged(tmp_path):
    empty = train("--history", home=tmp_path)
    assert empty.returncode == 0 and "No finished training run yet" in empty.stdout
    assert json.loads(train("--history", "--format", "json", home=tmp_path).stdout) == []
    damaged = tmp_path / "netriage" / "training" / "progress.json"
    damaged.parent.mkdir(parents=True)
    damaged.write_text("{not json")
    line = one_sentence(train("--history", home=tmp_path))
    assert "progress.json" in line and "cannot be read" in line
    assert damaged.read_text() == "{not json"  # never overwritten
    listed = train("--list", home=tmp_path)  # the list still works, with a warning
    assert listed.returncode == 0 and "cannot be read" in listed.stderr
