"""`netriage checks lint` finds every kind of broken tree, and the bundled trees are clean."""

import subprocess
import sys
import textwrap

from netriage.engine.lint import lint_trees, load_catalog
from netriage.engine.tree import load_trees
from tests.conftest import ROOT

BROKEN = """
tree: broken
title: Broken on purpose
platforms: [asa]
start: first
nodes:
  first:
    check: failover.no_such_field == 1
    title: First
    why: because
    if_true: missing-node
    if_false: second
  second:
    check: gremlins > 0
    title: Second
    if_true: bad-finding
    if_false: first
  bad-finding:
    finding: failover.does-not-exist
    severity: catastrophic
    title: "Bad {failover.nope}"
    explanation: ""
    evidence:
      - {command: show failover, match: '(unclosed'}
    fix:
      - platforms: [junos]
        commands: [x]
  orphan:
    check: "__import__('os')"
    title: Orphan
    why: nobody comes here
    if_true: null
"""


def lint_text(tmp_path, text):
    (tmp_path / "broken.yaml").write_text(textwrap.dedent(text))
    return [str(p) for p in lint_trees(load_trees(tmp_path))]


def test_every_kind_of_problem_is_reported(tmp_path):
    problems = "\n".join(lint_text(tmp_path, BROKEN))
    for expected in [
        "broken:first: goes to missing node 'missing-node'",
        "failover has no field 'no_such_field'",
        "broken:second: no 'why'",
        "reads 'gremlins', which no fact provides",
        "finding id 'failover.does-not-exist' is not in the catalog",
        "severity 'catastrophic'",
        "broken:bad-finding: no explanation",
        "every fix needs verify and rollback",
        "what applying it disturbs (impact)",
        "not catalog tags",
        "failover has no field 'nope'",
        "does not compile",
        "broken:orphan: unreachable from the start node",
        "cycle: first → second → first",
        "private name '__import__'",
    ]:
        assert expected in problems, expected


def test_bundled_trees_are_clean():
    assert [str(p) for p in lint_trees(load_trees())] == []


def test_cli_lint_exit_codes(tmp_path):
    (tmp_path / "broken.yaml").write_text(textwrap.dedent(BROKEN))
    bad = subprocess.run([sys.executable, "-m", "netriage", "checks", "lint", "--dir",
                          str(tmp_path)], capture_output=True, text=True)
    assert bad.returncode == 2
    assert "problem(s)" in bad.stdout and "unreachable" in bad.stderr
    good = subprocess.run([sys.executable, "-m", "netriage", "checks", "lint"],
                          capture_output=True, text=True, cwd=ROOT)
    assert good.returncode == 0, good.stderr


def test_invalid_yaml_is_one_clear_error(tmp_path):
    (tmp_path / "bad.yaml").write_text("tree: [unclosed\n")
    result = subprocess.run([sys.executable, "-m", "netriage", "checks", "lint", "--dir",
                             str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "bad.yaml: not valid YAML" in result.stderr
    assert "Traceback" not in result.stderr


def test_catalog_mirrors_the_shared_fault_catalog(shared_dir):
    import re

    shared = {}
    for line in (shared_dir / "fault-catalog.md").read_text().splitlines():
        match = re.match(r"^\| ([a-z0-9]+\.[a-z0-9.-]+) \|", line)
        if match:
            shared[match.group(1)] = line.strip().strip("|").split("|")[-1].strip()
    ours = load_catalog()
    for finding_id, severity in shared.items():
        assert finding_id in ours, finding_id
        entry = ours[finding_id]
        # the shared severities are a starting point: ours may differ only by the severity
        # policy (impact column), with the reason written in the note column
        if entry.severity != severity:
            assert entry.impact and entry.note.startswith("severity policy:"), finding_id


def test_tree_severities_match_the_catalog():
    catalog = load_catalog()
    for tree in load_trees():
        for node in tree.nodes.values():
            if node.kind == "finding":
                assert node.severity == catalog[node.finding].severity, node.finding


def test_the_fast_yaml_loader_reads_every_tree_as_the_safe_loader_does():
    import yaml

    from netriage.resources import data_dir
    from netriage.yamlio import load_yaml

    for path in sorted(data_dir("checks").glob("*.yaml")):
        text = path.read_text()
        assert load_yaml(text) == yaml.safe_load(text), path.name


def test_severity_follows_the_impact_policy(tmp_path):
    from netriage.engine.lint import severity_policy_problems

    catalog_file = tmp_path / "catalog.tsv"
    catalog_file.write_text("id\tplatforms\tseverity\timpact\tnote\n"
                            "a.down\tasa\tcritical\tdown\t\n"
                            "a.hygiene-as-outage\tios\tcritical\thygiene\t\n"
                            "a.history\tasa\thigh\thistory\t\n"
                            "a.unreviewed\tasa\thigh\t\t\n"
                            "a.bogus\tasa\tlow\tbad\t\n")
    problems = [str(p) for p in severity_policy_problems(load_catalog(catalog_file))]
    assert problems == ["catalog:a.hygiene-as-outage: impact hygiene means low, not critical",
                        "catalog:a.history: impact history means info, not high",
                        "catalog:a.bogus: impact 'bad' is not one of down, redundancy, exposure, "
                        "degraded, risk, hygiene, state, history"]


def test_lint_checks_training_scenarios_against_the_trees(tmp_path):
    import shutil

    source = ROOT / "recordings" / "training" / "crypto-encaps-no-decaps-nat"
    good, bad = tmp_path / "good", tmp_path / "renamed-node"
    shutil.copytree(source, good / source.name)
    shutil.copytree(source, bad / source.name)
    scenario = bad / source.name / "scenario.yaml"
    scenario.write_text(scenario.read_text().replace("crypto-ipsec.nat-check:",
                                                     "crypto-ipsec.no-such-node:"))
    lint = [sys.executable, "-m", "netriage", "checks", "lint", "--no-vocabulary", "--scenarios"]
    ok = subprocess.run([*lint, str(good)], capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0, ok.stderr
    assert "1 training scenario(s), 0 problem(s)" in ok.stdout
    broken = subprocess.run([*lint, str(bad)], capture_output=True, text=True, cwd=ROOT)
    assert broken.returncode == 2
    assert "scenario crypto-encaps-no-decaps-nat:" in broken.stderr
    assert "no-such-node" in broken.stderr and "Traceback" not in broken.stderr
