"""Which device and tree a scenario's trainee walks, and what the trees found on it."""

from __future__ import annotations

from netriage.analysis import Analysis, applicable_trees, merge_duplicates
from netriage.engine.findings import Finding, severity_rank
from netriage.engine.tree import Tree, load_trees
from netriage.training.scenario import Scenario, ScenarioError


def walk_findings(analysis: Analysis) -> list[Finding]:
    """Every finding the trees reached on every device, worst first: what the walks found,
    before a pair verdict over two ends loaded together folds some into itself."""
    found = merge_duplicates([f for d in analysis.devices for w in d.walks for f in w.findings])
    return sorted(found, key=lambda f: -severity_rank(f.severity))


def training_target(scenario: Scenario, analysis: Analysis) -> tuple[str, Tree]:
    """The device and tree the trainee walks: named by the scenario, else where the answer
    key's first fault is found."""
    trees = {t.id: t for t in load_trees()}
    hosts = [d.device.hostname for d in analysis.devices]
    if scenario.device and scenario.device not in hosts:
        raise ScenarioError(f"scenario {scenario.id}: device {scenario.device!r} is not in its "
                            f"captures (they hold {', '.join(hosts) or 'no device'})")
    if scenario.faults:
        for finding in walk_findings(analysis):
            if (finding.id == scenario.faults[0]
                    and finding.device == (scenario.device or finding.device)
                    and finding.tree == (scenario.tree or finding.tree)):
                return finding.device, trees[finding.tree]
    if scenario.tree:
        for item in analysis.devices:
            if (not scenario.device or item.device.hostname == scenario.device) and any(
                    t.id == scenario.tree for t in applicable_trees(item.device, load_trees())):
                return item.device.hostname, trees[scenario.tree]
    raise ScenarioError(f"scenario {scenario.id}: its captures do not give "
                        f"{scenario.faults[0] if scenario.faults else 'its tree'}, so there is "
                        f"no walk to train on")
