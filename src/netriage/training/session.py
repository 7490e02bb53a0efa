"""A training walk: the expert's walk of one tree on one device, met one prediction at a time.

The engine walks the scenario's capture exactly as it does for an engineer
(`analysis.guided_walk`); training only changes what is shown and when. Before each node is
decided the trainee predicts — which output decides it, where the walk goes from here
(which branch, or that the capture cannot tell), which fault a finding node has found, or
the answer the story gives to a question — then sees the engine's answer and why (the node's
explanation and the output lines it read). Findings are never shown before their node.

Every text this module hands a view passes through the capture's secret mask
(`netriage.redact`), as every screen does: a scenario built from a pasted config must not
show its keys.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from netriage.analysis import Analysis, analyze_capture, applicable_trees, guided_walk
from netriage.capture import Device, Entry, load_paths
from netriage.engine.findings import Evidence, Finding
from netriage.engine.guided import GuidedWalk, Position
from netriage.engine.tree import Node, Tree, load_trees
from netriage.redact import TokenMap, capture_secrets, mask_value, redact_text
from netriage.training.scenario import Scenario, ScenarioError
from netriage.training.scoring import Answer, Score, score
from netriage.training.target import training_targets, walk_findings

UNDECIDED = "The capture cannot decide it: the check stays undecided"
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_DISTRACTORS = 3  # wrong options offered beside the right one
# Any of these shows the configuration (PIX 6 has only `write terminal`): a check that needs
# one is decided by whichever the capture holds, as the engine's evidence is.
_CONFIG_DISPLAYS = ("show running-config", "show startup-config", "more system:running-config",
                    "write terminal", "show configuration")


@dataclass(frozen=True)
class Prediction:
    """One thing the trainee is asked before the engine's answer is shown."""

    node: str
    kind: str  # command | branch | answer | fault
    prompt: str
    options: tuple[str, ...]
    correct: int | None  # None: no option is right or wrong (the trainee's site decides)
    hint: str
    reveal: str  # the answer and why, shown once the trainee has chosen


@dataclass
class NodeRecord:
    """One node of the expert path, as the post-mortem walks it again."""

    node: Node
    title: str
    device: str  # the device and tree of the walk it belongs to
    tree: Tree
    outcome: str  # the engine's decision: true/false/unknown, an answer, "finding"
    goes_to: str  # where the walk went from here, in words
    why: str  # the node's explanation (a finding's rendered explanation)
    evidence: list[Evidence] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)


@dataclass
class TrainingResult:
    scenario: Scenario
    walked: list[tuple[str, Tree]]  # (device, tree) of each walk, in order
    score: Score
    seconds: float
    records: list[NodeRecord]
    answers: list[Answer]
    found: list[Finding]  # what the walk found on the walked device and tree
    expert: list[Finding]  # every finding the trees reached on the scenario, worst first


def plain_title(text: str) -> str:
    """A node title without its `{expr}` placeholders (for options naming a node unrendered)."""
    while _PLACEHOLDER.search(text):
        text = _PLACEHOLDER.sub("…", text)
    return text.strip()


class TrainingSession:
    """State of one training run; `open` does the slow part (call it from a worker)."""

    def __init__(self, scenario: Scenario, analysis: Analysis,
                 walks: list[tuple[str, GuidedWalk]], tokens: TokenMap, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.scenario = scenario
        self.analysis = analysis
        self.walks = walks  # (hostname, walk) one after the other
        self.walk_index = 0
        self._tokens = tokens
        self._clock = clock
        self.started = clock()
        self.ended: float | None = None
        self.answers: list[Answer] = []
        self.records: list[NodeRecord] = []
        self.revealed: Answer | None = None  # the last answer, shown until `next()`
        self._queue: list[Prediction] = []
        self._hinted = False
        self._start_walk(0)
        self._arrive()

    def _start_walk(self, index: int) -> None:
        self.walk_index = index
        self.device, self.walk = self.walks[index]
        self.tree = self.walk.tree
        self._device = next(d.device for d in self.analysis.devices
                            if d.device.hostname == self.device)
        self._command_pool = _command_pool(self._device)
        self._asked_commands: set[str] = set()

    # -- opening --------------------------------------------------------------------------
    @classmethod
    def open(cls, scenario: Scenario, *,
             clock: Callable[[], float] = time.monotonic) -> TrainingSession:
        capture = load_paths([str(p) for p in scenario.capture_paths], scenario.platform)
        analysis = analyze_capture(capture, scenario.questions)
        walks = []
        for device, tree in training_targets(scenario, analysis):
            facts = next(d.facts for d in analysis.devices if d.device.hostname == device)
            answers = {k.split(".", 1)[1]: v for k, v in scenario.questions.items()
                       if k.startswith(tree.id + ".")}
            walks.append((device, guided_walk(tree, facts, answers)))
        tokens = TokenMap()
        capture_secrets(capture, tokens)
        return cls(scenario, analysis, walks, tokens, clock=clock)

    # -- what the view reads --------------------------------------------------------------
    @property
    def prediction(self) -> Prediction | None:
        return self._queue[0] if self._queue and self.revealed is None else None

    @property
    def walk_label(self) -> str:
        """Which walk the trainee is on, when the scenario has several."""
        if len(self.walks) < 2:
            return ""
        return (f"Walk {self.walk_index + 1} of {len(self.walks)}: {self.tree.title} "
                f"on {self.device}")

    @property
    def finished(self) -> bool:
        return self.ended is not None

    @property
    def hint_taken(self) -> bool:
        return self._hinted

    def mask(self, text: str) -> str:
        return mask_value(text, self._tokens) if text else text

    # -- moves ----------------------------------------------------------------------------
    def begin(self) -> None:
        """The trainee has read the story: the clock starts now, not when loading ended."""
        self.started = self._clock()

    def take_hint(self) -> str:
        """The current prediction's hint; it costs points once per prediction."""
        current = self.prediction
        if current is None:
            return ""
        self._hinted = True
        return current.hint

    def choose(self, index: int) -> Answer:
        current = self.prediction
        if current is None:
            raise ScenarioError("there is nothing to predict now")
        if not 0 <= index < len(current.options):
            raise ScenarioError(f"choose an option from 1 to {len(current.options)}")
        answer = Answer(current.node, current.kind, current.prompt, current.options,
                        current.correct, index, self._hinted)
        self.answers.append(answer)
        self.records[-1].answers.append(answer)
        self.revealed = answer
        return answer

    def next(self) -> None:
        """After a reveal: the node's next prediction, or the next node."""
        if self.revealed is None:
            return
        answer, self.revealed, self._hinted = self.revealed, None, False
        self._queue.pop(0)
        if self._queue:
            return
        position = self.walk.view()
        if position.waiting_for_answer:  # a question no output and no story answers
            self.walk.answer(answer.chosen_text)
        else:
            self.walk.forward()
        self._arrive()

    def reveal_text(self) -> str:
        current = self._queue[0] if self._queue else None
        return current.reveal if current is not None and self.revealed is not None else ""

    # -- walking --------------------------------------------------------------------------
    def _arrive(self) -> None:
        """Record the node the walk stands on and queue its predictions; a node with nothing
        to predict (a finding node that found nothing) is walked through."""
        while True:
            position = self.walk.view()
            if position.finished:
                if self.walk_index + 1 < len(self.walks):
                    self._start_walk(self.walk_index + 1)
                    continue
                self.ended = self._clock()
                return
            record = self._record(position)
            self.records.append(record)
            self._queue = self._predictions(position, record)
            if self._queue:
                return
            before = self.walk.position
            self.walk.forward()
            if self.walk.position == before:  # cannot move (should not happen): stop cleanly
                self.ended = self._clock()
                return

    def _record(self, position: Position) -> NodeRecord:
        node = position.node
        assert node is not None
        decision = position.decision
        outcome = decision.outcome if decision else ""
        title = self.mask(decision.title if decision else node.title)
        why = node.why
        if node.kind == "finding" and position.pending:
            title = self.mask(position.pending[0].title)
            why = position.pending[0].explanation
        read = position.evidence
        if node.kind == "finding" and position.pending:
            # the finding's own lines (its evidence ends with the path's, already shown)
            earlier = {(e.command, e.line, e.text) for r in self.records for e in r.evidence}
            read = [e for e in position.pending[0].evidence
                    if (e.command, e.line, self.mask(e.text)) not in earlier]
        evidence = [Evidence(e.command, e.line, self.mask(e.text), e.source) for e in read]
        return NodeRecord(node, plain_title(title), self.device, self.tree, outcome,
                          self._goes_to(node, outcome),
                          self.mask(why.strip()), evidence)

    def _goes_to(self, node: Node, outcome: str) -> str:
        if node.kind == "check":
            target = {"true": node.if_true, "false": node.if_false}.get(outcome, node.if_unknown)
        elif node.kind == "question":
            target = dict(node.choices).get(outcome)
        else:
            target = node.next
        return self._describe(target)

    def _describe(self, target: str | None) -> str:
        if not target:
            return "The walk of this tree ends here"
        node = self.tree.nodes[target]
        kind = {"finding": "Finding", "question": "Question"}.get(node.kind, "Check")
        return f"{kind}: {plain_title(node.title)}"

    def _predictions(self, position: Position, record: NodeRecord) -> list[Prediction]:
        node = position.node
        assert node is not None
        out: list[Prediction] = []
        hint = self.scenario.hint(self.tree.id, node.id)
        seen = "\n".join(f"  {e.command}: {e.text}" for e in record.evidence[:6])
        why = f"\n\nWhy: {record.why}" if record.why else ""
        if node.kind == "check":
            fresh = [c for c in node.needs if c not in self._asked_commands]
            if fresh:
                self._asked_commands.update(node.needs)
                # the right command is one the engine read here: the first the capture holds
                held = [e.command for e in map(self._entry, fresh) if e is not None]
                right = held[0] if held else fresh[0]
                wrong = self._command_pool - set(node.needs) - set(held)
                if right in _CONFIG_DISPLAYS or set(node.needs) & set(_CONFIG_DISPLAYS):
                    wrong -= set(_CONFIG_DISPLAYS)
                options, correct = self._options(node.id, right, wrong)
                out.append(Prediction(
                    node.id, "command", f"{record.title}\nWhich output do you read to decide it?",
                    options, correct, hint or f"It begins `{' '.join(right.split()[:2])}`.",
                    f"`{right}` decides it." + (f" The lines it shows:\n{seen}" if seen else
                                                "" if self._captured(right) else
                                                " It was not captured here.")))
            branches = [self._describe(node.if_true), self._describe(node.if_false)]
            if branches[0] != branches[1]:
                options = tuple(branches) + (UNDECIDED,)
                correct = {"true": 0, "false": 1}.get(record.outcome, 2)
                shown = (f"\nThe output reads:\n{seen}" if seen else
                         f"\n(o shows the output of `{node.needs[0]}`)"
                         if node.needs and self._captured(node.needs[0]) else "")
                out.append(Prediction(
                    node.id, "branch", f"{record.title}{shown}\nWhere does the walk go from here?",
                    options, correct,
                    hint or f"The engine tests: {node.condition}",
                    f"The engine decided: {_outcome_words(record.outcome)}.\n"
                    f"Next: {record.goes_to}.{why}"))
        elif node.kind == "question":
            options = tuple(answer for answer, _next in node.choices)
            correct = options.index(record.outcome) if record.outcome in options else None
            reveal = (f"The story answers: {record.outcome}.\nNext: {record.goes_to}."
                      if correct is not None else "No output and nothing in the story answers "
                      "it: your answer decides the branch (not scored).")
            out.append(Prediction(
                node.id, "answer", f"{record.title}\nFrom the story, what is the answer?",
                options, correct, hint or "Read the story again: what did the site tell you?",
                reveal + why))
        elif position.pending:
            fault = position.pending[0].id
            pool = {n.finding for n in self.tree.nodes.values() if n.kind == "finding"}
            if len(pool - {fault}) < _DISTRACTORS:
                pool |= _catalog_like(fault)
            options, correct = self._options(node.id, fault, pool - {fault})
            out.append(Prediction(
                node.id, "fault", "The walk reached a finding. Which fault is it?",
                options, correct, hint or f"It is a {fault.split('.', 1)[0]} fault.",
                f"{fault}: {record.title}.{why}"))
        return out

    def outputs(self, node_id: str) -> list[tuple[str, str]]:
        """The captured outputs a node reads, masked: (command, text) for the trainee to read
        whole when the deciding lines alone do not tell."""
        node = self.tree.nodes.get(node_id)
        found: dict[str, str] = {}
        for entry in map(self._entry, node.needs if node else ()):
            if entry is not None and entry.command not in found:
                found[entry.command] = redact_text(entry.output, self._tokens,
                                                   command=entry.command).text
        return list(found.items())

    def _entry(self, command: str) -> Entry | None:
        names = _CONFIG_DISPLAYS if command in _CONFIG_DISPLAYS else (command,)
        for name in dict.fromkeys((command, *names)):
            entry = self._device.find(name) or self._device.find(name, unfiltered=False)
            if entry is not None:
                return entry
        return None

    def _captured(self, command: str) -> bool:
        return self._entry(command) is not None

    def _options(self, node_id: str, right: str, wrong: set[str]) -> tuple[tuple[str, ...], int]:
        """The right option among a few wrong ones, in an order fixed per scenario and node
        (the same run twice offers the same choices, so a test and a trainer can rely on it)."""
        pick = random.Random(f"{self.scenario.id}:{self.tree.id}:{node_id}")
        others = pick.sample(sorted(wrong), min(_DISTRACTORS, len(wrong)))
        options = others + [right]
        pick.shuffle(options)
        return tuple(options), options.index(right)

    # -- the end --------------------------------------------------------------------------
    def result(self) -> TrainingResult:
        end = self.ended if self.ended is not None else self._clock()
        everything = walk_findings(self.analysis)
        found = [f for f in everything if any(
            r.node.kind == "finding" and r.node.finding == f.id and r.device == f.device
            for r in self.records)]
        walked = [(device, walk.tree) for device, walk in self.walks]
        return TrainingResult(self.scenario, walked, score(self.answers),
                              end - self.started, self.records, self.answers, found,
                              everything)


def _outcome_words(outcome: str) -> str:
    return {"true": "true (the condition holds)", "false": "false (the condition does not hold)",
            "unknown": "undecided (the output it needs was not read)"}.get(outcome, outcome)


def _catalog_like(fault: str) -> set[str]:
    """Finding ids of the same area, so a fault option is never the only one of its kind."""
    from netriage.engine.lint import load_catalog

    area = fault.split(".", 1)[0]
    return {i for i in load_catalog() if i.startswith(area + ".")}


def _command_pool(device: Device) -> set[str]:
    """Commands the trees read on this platform: the wrong options of a command prediction
    are real commands a trainee could plausibly pick, never made-up ones."""
    return {c for t in applicable_trees(device, load_trees()) for n in t.nodes.values()
            for c in n.needs}
