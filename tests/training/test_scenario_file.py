"""A scenario file is checked field by field on load: each mistake a trainer can make is one
sentence naming the file and what is wrong, never a traceback or a silently wrong key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from netriage.training import ScenarioError, find_scenario, list_scenarios, load_scenario
from tests.conftest import FIXTURES

GOOD = """\
id: my-scenario
title: A title
level: beginner
goals: [Read show failover]
story: The pair was changed yesterday.
faults: [failover.standby-ip-missing]
captures: [fw.log]
hints:
  failover.standby-ip: Compare the mate's addresses.
questions:
  failover-sync.stateful-intended: "no"
"""


def folder_with(tmp_path: Path, text: str, name: str = "my-scenario") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    shutil.copy(FIXTURES / "failover" / "standby-ip-missing.log", folder / "fw.log")
    (folder / "scenario.yaml").write_text(text)
    return folder


def test_a_good_scenario_loads_with_every_field(tmp_path):
    scenario = load_scenario(folder_with(tmp_path, GOOD))
    assert (scenario.id, scenario.level, scenario.faults) == (
        "my-scenario", "beginner", ("failover.standby-ip-missing",))
    assert scenario.capture_paths == [tmp_path / "my-scenario" / "fw.log"]
    assert scenario.hint("failover", "standby-ip") == "Compare the mate's addresses."
    assert scenario.questions == {"failover-sync.stateful-intended": "no"}
    assert [s.id for s in list_scenarios(tmp_path)] == ["my-scenario"]
    assert find_scenario("my-scenario", tmp_path) == scenario


@pytest.mark.parametrize(("change", "words"), [
    (("level: beginner", "level: expert"), "level 'expert' is not one of beginner"),
    (("id: my-scenario", "id: other"), "equal the folder name 'my-scenario'"),
    (("title: A title\n", ""), "missing field(s) title"),
    (("goals: [Read show failover]", "goals: []"), "'goals' must be a non-empty list"),
    (("story: The pair was changed yesterday.", "story: ''"), "'story' must be non-empty"),
    (("failover.standby-ip-missing]", "failover.no-such-fault]"),
     "fault 'failover.no-such-fault' is not a finding id"),
    (("faults: [failover.standby-ip-missing]", "faults: []"), "must name the 'tree'"),
    (("captures: [fw.log]", "captures: [missing.log]"), "capture 'missing.log' is not in"),
    (("captures: [fw.log]", "captures: [../fw.log]"), "must be a file name inside"),
    (("failover.standby-ip:", "failover.nowhere:"), "hints key 'failover.nowhere' names no node"),
    (('stateful-intended: "no"', 'stateful-intended: "maybe"'),
     "answer 'maybe' is not one of yes, no"),
    (("title: A title", "title: A title\ncolour: red"), "unknown field(s) colour"),
    (("level: beginner", "level: [beginner"), "not valid YAML at line"),
    (("id: my-scenario", "platform: junos\nid: my-scenario"), "unknown platform 'junos'"),
    (("captures: [fw.log]", "captures: [fw.log]\ntree: failover\nwalks: [{tree: failover}]"),
     "give either 'walks' or 'tree'/'device'"),
    (("captures: [fw.log]", "captures: [fw.log]\nwalks: [{tree: nope}]"),
     "tree 'nope' is not a tree of checks/"),
    (("captures: [fw.log]", "captures: [fw.log]\nwalks: [failover]"),
     "'walks' must be a non-empty list of {tree, device} mappings"),
])
def test_each_mistake_is_one_sentence(tmp_path, change, words):
    old, new = change
    assert old in GOOD
    folder = folder_with(tmp_path, GOOD.replace(old, new))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    message = str(caught.value)
    assert words in message, message
    assert str(folder / "scenario.yaml") in message and "\n" not in message
    assert caught.value.exit_code == 2


def test_not_a_mapping_and_no_file_at_all(tmp_path):
    with pytest.raises(ScenarioError, match="a scenario is a mapping"):
        load_scenario(folder_with(tmp_path, "- just\n- a list\n"))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ScenarioError, match=r"no scenario\.yaml in this scenario folder"):
        load_scenario(empty)
    with pytest.raises(ScenarioError, match=r"no training scenario '\.\./etc'"):
        find_scenario("../etc", tmp_path)
