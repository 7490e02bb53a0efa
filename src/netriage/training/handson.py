"""Scoring a hands-on session: did the trainee collect what reaches the scenario's faults?

What is needed comes from the trees, not from a list written by hand: the scenario's captures
are analysed (with its `questions` answers), and for each answer-key fault the check nodes on
the path to it that decided something name the commands they read (`needs`). The trainee's
session log (a terminal log of the lab session, or `netriage collect` output) is loaded as any
capture; a command counts when its full, unfiltered output is there, and the lab's own
`did not record` and `% Invalid input` replies count as nothing. The same analysis over the
trainee's outputs then says whether they reach each fault themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from netriage.analysis import analyze_capture
from netriage.capture import Capture, load_paths
from netriage.engine.findings import Finding
from netriage.engine.tree import Tree
from netriage.training.scenario import Scenario

MATE = "failover exec mate "
NOT_RECORDED = "% netriage lab: this "
# Displays of the whole configuration: any one of them is what `show running-config` gives.
_CONFIG = ("show running-config", "more system:running-config", "write terminal")


@dataclass
class FaultScore:
    fault: str
    needed: list[str]  # commands the deciding check nodes read, in walk order
    collected: list[str]
    missing: list[str]
    reached: bool  # the analysis of the trainee's own outputs finds the fault


@dataclass
class HandsOnScore:
    scenario: str
    faults: list[FaultScore] = field(default_factory=list)
    not_recorded: list[str] = field(default_factory=list)  # asked, the scenario lacks them
    filtered_only: list[str] = field(default_factory=list)  # only a `| include` form typed

    @property
    def needed(self) -> int:
        return len({c for f in self.faults for c in f.needed})

    @property
    def collected(self) -> int:
        return len({c for f in self.faults for c in f.collected})

    @property
    def percent(self) -> int:
        return round(100 * self.collected / self.needed) if self.needed else 100

    @property
    def complete(self) -> bool:
        return self.collected == self.needed


def _walk_findings(capture: Capture, answers: dict[str, str]) -> list[tuple[Finding, Tree]]:
    """(finding, tree) of every walk: before two-ended folding, which hides one-ended ones."""
    analysis = analyze_capture(capture, answers)
    return [(finding, walk.tree) for item in analysis.devices for walk in item.walks
            for finding in walk.findings]


def needed_commands(scenario: Scenario) -> dict[str, list[str]]:
    """For each answer-key fault, the commands read by the checks that decided the way to it.

    When several trees reach a fault (`show failover` and the syslog both tell a version
    mismatch), the shortest way counts; a command the scenario did not record is not asked
    for (a check that lists it decided from the others)."""
    capture = load_paths(scenario.capture_paths, platform=scenario.platform)
    recorded = {_full(e.command.removeprefix(MATE)) for d in capture.devices for e in d.entries
                if not e.filter}
    ways: dict[str, list[list[str]]] = {fault: [] for fault in scenario.faults}
    for finding, tree in _walk_findings(capture, scenario.questions):
        if finding.id not in ways:
            continue
        way: list[str] = []
        for step in finding.path:
            node = tree.nodes.get(step.node)
            if node is None or node.kind != "check" or step.outcome not in ("true", "false"):
                continue
            way += [c for c in map(_full, node.needs) if c in recorded and c not in way]
        ways[finding.id].append(way)
    return {fault: min(found, key=len) if found else [] for fault, found in ways.items()}


def _full(command: str) -> str:
    return "show running-config" if command in _CONFIG else command


def score(scenario: Scenario, session: list[str | Path]) -> HandsOnScore:
    """Score what the session log(s) hold against what the scenario's faults need."""
    needed = needed_commands(scenario)
    capture = load_paths(session, platform=scenario.platform)
    result = HandsOnScore(scenario.id)
    have: set[str] = set()
    filtered: set[str] = set()
    for device in capture.devices:
        for entry in device.entries:
            command = _full(entry.command.removeprefix(MATE))
            if entry.output.lstrip().startswith(NOT_RECORDED):
                if command not in result.not_recorded:
                    result.not_recorded.append(command)
            elif "Invalid input detected" in entry.output[:400]:
                continue
            elif entry.filter:
                filtered.add(command)
            else:
                have.add(command)
    found = {finding.id for finding, _tree in _walk_findings(capture, scenario.questions)}
    for fault, wanted in needed.items():
        result.faults.append(FaultScore(
            fault, wanted, [c for c in wanted if c in have],
            [c for c in wanted if c not in have], fault in found))
    result.filtered_only = sorted(c for c in filtered - have
                                  if any(c in f.needed for f in result.faults))
    return result


def render(result: HandsOnScore) -> list[str]:
    lines = [f"scenario {result.scenario}: {result.collected} of {result.needed} needed "
             f"command(s) collected ({result.percent}%)"]
    for item in result.faults:
        reached = "yes" if item.reached else "no"
        lines.append(f"  {item.fault}: your outputs reach it: {reached}")
        lines.append(f"    collected: {', '.join(item.collected) or 'none'}")
        lines.append(f"    missing:   {', '.join(item.missing) or 'none'}")
    if result.filtered_only:
        lines.append("  typed only with a filter (| include …), which does not decide a check: "
                     + ", ".join(result.filtered_only))
    if result.not_recorded:
        lines.append("  asked but not recorded by this scenario: "
                     + ", ".join(result.not_recorded))
    return lines
