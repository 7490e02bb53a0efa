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


def training_targets(scenario: Scenario, analysis: Analysis) -> list[tuple[str, Tree]]:
    """The walks the trainee takes, in order: the scenario's `walks`, else one walk (its
    `tree`/`device`, else where the answer key's first fault is found)."""
    if scenario.walks:
        return [_target(scenario, analysis, tree, device, scenario.faults)
                for tree, device in scenario.walks]
    return [_target(scenario, analysis, scenario.tree, scenario.device, scenario.faults[:1])]


def _target(scenario: Scenario, analysis: Analysis, tree_id: str, device: str,
            faults: tuple[str, ...]) -> tuple[str, Tree]:
    """Where a key fault is found (on this tree and device when named), else the first
    device the named tree applies to."""
    trees = {t.id: t for t in load_trees()}
    hosts = [d.device.hostname for d in analysis.devices]
    if device and device not in hosts:
        raise ScenarioError(f"scenario {scenario.id}: device {device!r} is not in its "
                            f"captures (they hold {', '.join(hosts) or 'no device'})")
    for finding in walk_findings(analysis):
        if (finding.id in faults and finding.device == (device or finding.device)
                and finding.tree == (tree_id or finding.tree)):
            return finding.device, trees[finding.tree]
    if tree_id:
        for item in analysis.devices:
            if (not device or item.device.hostname == device) and any(
                    t.id == tree_id for t in applicable_trees(item.device, load_trees())):
                return item.device.hostname, trees[tree_id]
    raise ScenarioError(f"scenario {scenario.id}: its captures do not give "
                        f"{' or '.join(faults) if faults else 'the tree ' + tree_id}, so there "
                        f"is no walk to train on")
