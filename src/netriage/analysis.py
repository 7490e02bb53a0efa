"""The spine in one call: capture → parsed records → facts → trees → findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from netriage.capture import Capture, Device, load_paths
from netriage.engine.expr import Namespace
from netriage.engine.findings import Finding, Undecided, severity_rank
from netriage.engine.tree import Tree, load_trees
from netriage.engine.walk import Walk
from netriage.facts import DeviceFacts
from netriage.platforms import get_platform

if TYPE_CHECKING:
    from netriage.engine.guided import GuidedWalk
    from netriage.pairs import Pair


@dataclass
class DeviceAnalysis:
    """One device of an analysis: its facts and the walks of its trees."""

    device: Device
    facts: DeviceFacts
    walks: list[Walk] = field(default_factory=list)


@dataclass
class Analysis:
    """A whole capture analysed: its devices, findings, undecided checks and pairs."""

    capture: Capture
    devices: list[DeviceAnalysis] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    undecided: list[Undecided] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)  # two ends analysed together

    @property
    def worst(self) -> str:
        return max((f.severity for f in [*self.findings, *self.pairs]), key=severity_rank,
                   default="")


def applicable_trees(device: Device, trees: tuple[Tree, ...]) -> list[Tree]:
    tag = get_platform(device.platform).tag if device.platform else ""
    return [t for t in trees if tag and (not t.platforms or tag in t.platforms)]


def start_walk(tree: Tree, facts: DeviceFacts, answers: dict[str, str] | None = None) -> Walk:
    return Walk(tree=tree, device=facts.device, namespace=namespace_of(facts),
                answers=dict(answers or {}))


def namespace_of(facts: DeviceFacts) -> Namespace:
    """What the trees read on one device: its facts, and which partial outputs fed each."""
    return Namespace(facts.resolve, partial=facts.partial_of)


def guided_walk(tree: Tree, facts: DeviceFacts, answers: dict[str, str] | None = None,
                overrides: dict[str, tuple[str, str]] | None = None,
                position: int = 0) -> GuidedWalk:
    """A walkthrough of one tree on one device, for the TUI and training."""
    from netriage.engine.guided import GuidedWalk  # not on the headless path

    namespace = namespace_of(facts)

    def fresh(answers: dict[str, str], overrides: dict[str, tuple[str, str]]) -> Walk:
        return Walk(tree=tree, device=facts.device, namespace=namespace,
                    answers=dict(answers), overrides=dict(overrides))

    return GuidedWalk(tree, namespace, fresh, answers=answers, overrides=overrides,
                      position=position)


def analyze_capture(capture: Capture, answers: dict[str, str] | None = None) -> Analysis:
    """Walk every applicable tree on every device in auto mode.

    `answers` maps `tree.node` (a question) to an answer, for questions no output can tell.
    """
    answers = answers or {}
    trees = load_trees()
    analysis = Analysis(capture)
    for device in capture.devices:
        facts = DeviceFacts(device)
        item = DeviceAnalysis(device, facts)
        for tree in applicable_trees(device, trees):
            tree_answers = {k.split(".", 1)[1]: v for k, v in answers.items()
                            if k.startswith(tree.id + ".")}
            walk = start_walk(tree, facts, tree_answers).run()
            item.walks.append(walk)
            analysis.findings += walk.findings
            analysis.undecided += walk.undecided
        analysis.devices.append(item)
    analysis.findings = merge_duplicates(analysis.findings)
    # Two ends loaded together: their pair verdicts, and the one-ended findings they explain
    # leave `findings`. One device has no pair (`find_pairs` answers [] and `fold` of no pair
    # keeps every finding): netriage.pairs is not even imported (~0.01 s of a start-up).
    if len(analysis.devices) >= 2:
        from netriage.pairs import find_pairs, fold

        analysis.pairs = find_pairs([item.facts for item in analysis.devices])
        analysis.findings = fold(analysis.findings, analysis.pairs)
    # Worst first; the tree's own order (root cause before consequences) breaks ties.
    analysis.findings.sort(key=lambda f: -severity_rank(f.severity))
    return analysis


def merge_duplicates(findings: list[Finding]) -> list[Finding]:
    """One finding per (id, device): two trees reaching the same fault add evidence, not noise."""
    merged: dict[tuple[str, str], Finding] = {}
    for finding in findings:
        key = (finding.id, finding.device)
        if key not in merged:
            merged[key] = finding
            continue
        kept = merged[key]
        seen = {(e.command, e.line, e.text) for e in kept.evidence}
        kept.evidence += [e for e in finding.evidence if (e.command, e.line, e.text) not in seen]
        kept.fix += [f for f in finding.fix if f not in kept.fix]
        kept.partial += [p for p in finding.partial if p not in kept.partial]
    return list(merged.values())


def analyze_paths(paths: list[str | Path], platform: str = "",
                  answers: dict[str, str] | None = None) -> Analysis:
    return analyze_capture(load_paths(paths, platform), answers)
