"""Walkthrough: the decision path on the left, the current check on the right (question, why,
what the engine decided, the output with the deciding lines highlighted), answer keys, back
and forward, override with a reason, live "run now", save; it ends in the finding and fix."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static, Tree

from netriage.capture.model import Device
from netriage.engine.guided import GuidedWalk, Position
from netriage.errors import NetriageError
from netriage.tui.actions import Act, bindings
from netriage.tui.live_bridge import is_allowed
from netriage.tui.screens.base import BaseScreen
from netriage.tui.screens.walk_content import check_content, evidence_for
from netriage.tui.walkview import (
    FAILED,
    deciding_lines,
    missing_commands,
    own_evidence,
    step_status,
)
from netriage.tui.widgets.output_view import OutputView
from netriage.tui.widgets.path_tree import PathTree
from netriage.tui.workspace import WalkTarget, worst_first


class WalkScreen(BaseScreen):
    ACTIONS = (
        Act("forward", "n,right", "Next", "Accept what the engine decided and go on"),
        Act("previous", "b,left", "Back", "Go back one step"),
        *(Act(f"answer({i})", str(i), "Answer", "Answer the question", group="Answer")
          for i in range(1, 10)),
        Act("override", "o", "Override", "Force this check's outcome, with a reason"),
        Act("run_now", "r", "Run now", "Run the command this check lacks on the device"),
        Act("to_end", "e", "To end", "Walk on until a question or the end"),
        Act("fix", "f", "Fix", "Commands, verify and rollback of this walk's findings"),
        Act("next_output", "right_square_bracket", "Next output",
            "Show the next command output of this check", key_display="]"),
        Act("save", "s", "Save", "Save this walkthrough to resume later"),
        Act("raw", "v", "Raw output", "Every captured command", show=False),
        Act("back", "escape", "Overview", "Back to the overview", show=False),
    )
    BINDINGS = bindings(ACTIONS)
    AUTO_FOCUS = "#path"

    def __init__(self, target: WalkTarget, answers: dict[str, str] | None = None,
                 overrides: dict[str, tuple[str, str]] | None = None,
                 position: int = 0) -> None:
        super().__init__()
        self.target = target
        self._start = (dict(answers or {}), dict(overrides or {}), position)
        self.walk: GuidedWalk | None = None
        self.position: Position | None = None
        self.outputs: list[str] = []
        self.output_index = 0

    def compose(self) -> ComposeResult:
        yield from self.frame_top()
        with Horizontal(id="walk-body"):
            yield PathTree("path", id="path")
            with Vertical(id="walk-right"):
                with VerticalScroll(id="check"):
                    yield Static(id="check-text")
                yield OutputView(id="evidence")
        yield from self.frame_bottom()

    def on_mount(self) -> None:
        self.sub_title = self.target.label
        path = self.query_one("#path", PathTree)
        path.border_title = "Path"
        path.auto_expand = False  # Enter jumps back to a step; Space expands it
        self.walk = self.workspace.walk(self.target, *self._start)
        self.show_position()

    def workspace_changed(self) -> None:
        walk = self.walk
        if walk is not None:
            self.walk = self.workspace.walk(self.target, walk.answers, walk.overrides,
                                            walk.position)
            self.show_position()

    @property
    def device(self) -> Device:
        return self.workspace.device(self.target.hostname).device

    def runnable(self) -> list[str]:
        """Commands the current check lacks that the read-only allow-list lets us run."""
        node = self.position.node if self.position else None
        if node is None:
            return []
        return [c for c in missing_commands(self.device, node)
                if is_allowed(c, self.device.platform)]

    # -- showing --------------------------------------------------------------------------
    def show_position(self, position: Position | None = None) -> None:
        assert self.walk is not None
        self.position = self._with_deciding_lines(position or self.walk.view())
        shown = self.workspace.mask.position(self.position)  # texts as the screen shows them
        self.query_one(PathTree).show_path(self.target.tree, shown)
        self.query_one("#check-text", Static).update(
            check_content(self.target.tree, self.device, shown))
        self.query_one("#check").scroll_home(animate=False)
        self.outputs, _evidence = evidence_for(self.position)
        self.output_index = 0
        self.show_output()
        self.refresh_bindings()

    def _with_deciding_lines(self, position: Position) -> Position:
        """A check that leads straight to a finding often reads no line itself (its condition
        is a fact): the finding's own evidence is then what decided it, and is shown (and
        highlighted) at the check, where the walkthrough of that finding opens."""
        decision, walk = position.decision, self.walk
        if decision is None or decision.evidence or walk is None or (
                step_status(self.target.tree, decision) != FAILED):
            return position
        saved = walk.position
        walk.position = saved + 1
        try:
            ahead = walk.view()
        finally:
            walk.position = saved
        # The finding's own lines (what it reports), not the path's it also carries.
        evidence = [e for f in ahead.pending for e in own_evidence(f)]
        if not evidence:
            return position
        return dataclasses.replace(position, decision=dataclasses.replace(decision,
                                                                          evidence=evidence))

    def show_output(self) -> None:
        view = self.query_one("#evidence", OutputView)
        view.display = bool(self.outputs)
        if not self.outputs or self.position is None:
            return
        command = self.outputs[self.output_index]
        _commands, evidence = evidence_for(self.position)
        entry = self.device.find(command) or next(  # console text holding the evidence
            (c for c in self.device.console if deciding_lines(c, evidence)), None)
        more = (f" ({self.output_index + 1}/{len(self.outputs)}, ] next)"
                if len(self.outputs) > 1 else "")
        if entry is None:
            view.border_title = f"{command}: not captured{more}"
            how = ("Press r to run it on the device now (live mode, read-only)."
                   if command in self.runnable() else "It is not a command netriage runs on "
                   "a device: capture it yourself, or override the check (o).")
            view.show(f"`{command}` is not in the capture (or only a filtered `| include` "
                      f"output is).\n{how}")
            return
        where = f"{Path(entry.source).name}:{entry.line}" if entry.line else entry.source
        view.border_title = f"{command} · {where}{more}"
        marked = deciding_lines(entry, evidence)
        view.show(self.workspace.mask.output(entry), first_number=entry.output_line_offset or 1,
                  number_of=entry.source_line if entry.line_map else None, marked=set(marked),
                  focus=marked[0] if marked else None)

    # -- keys -----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        position = self.position
        if position is None:
            return action == "back"
        node = position.node
        if action == "forward":
            return None if position.finished or position.waiting_for_answer else True
        if action == "previous":
            return True if position.steps or (self.walk and self.walk.position) else None
        if action == "answer":
            index = int(str(parameters[0])) if parameters else 0
            return bool(node and node.kind == "question" and index <= len(node.choices))
        if action == "override":
            return bool(node and node.kind == "check")
        if action == "run_now":
            return bool(self.runnable())
        if action == "to_end":
            return not position.finished
        if action == "fix":
            return bool(position.findings or position.pending)
        if action == "next_output":
            return len(self.outputs) > 1
        return True

    def action_title(self, act: Act) -> str | None:
        """Palette titles that say what a key does here (an answer's text)."""
        node = self.position.node if self.position else None
        if act.action.startswith("answer(") and node is not None:
            index = int(act.action[7:-1])
            return f"Answer: {node.choices[index - 1][0]}" if index <= len(node.choices) else None
        return None

    def _move(self, move) -> None:
        try:
            self.show_position(move())
        except NetriageError as error:
            self.netriage.report_error(error)

    def action_forward(self) -> None:
        assert self.walk is not None
        self._move(self.walk.forward)

    def action_previous(self) -> None:
        assert self.walk is not None
        self._move(self.walk.back)

    def action_to_end(self) -> None:
        assert self.walk is not None
        self._move(self.walk.run_to_end)

    def action_answer(self, index: int) -> None:
        node = self.position.node if self.position else None
        if self.walk is None or node is None or node.kind != "question":
            return
        if not 1 <= index <= len(node.choices):
            return
        walk, answer = self.walk, node.choices[index - 1][0]
        self._move(lambda: walk.answer(answer))

    def action_override(self) -> None:
        from netriage.tui.screens.modals import OverrideScreen

        position, walk = self.position, self.walk
        if position is None or walk is None or position.node is None:
            return
        outcome = position.decision.outcome if position.decision else "unknown"

        def chosen(result: tuple[str, str] | None) -> None:
            if result is not None:
                self._move(lambda: walk.override(*result))

        self.app.push_screen(OverrideScreen(position.node.title, outcome), chosen)

    def action_run_now(self) -> None:
        from netriage.tui.screens.modals import ConfirmScreen

        missing = self.runnable()
        if not missing:
            return
        command, hostname = missing[0], self.target.hostname
        if self.netriage.live is None:
            self.netriage.run_now(hostname, command)  # says a connection is needed first
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.netriage.run_now(hostname, command)

        self.app.push_screen(ConfirmScreen(
            Content.assemble("Run ", (command, "bold"), f" on {hostname} now?"),
            "Read-only. The output joins the capture and the check is decided again."),
            confirmed)

    def action_fix(self) -> None:
        from netriage.tui.screens.fix import FixScreen

        if self.position is not None:
            findings = self.position.findings + self.position.pending
            self.app.push_screen(FixScreen(self.workspace.mask.findings(worst_first(findings))))

    def action_next_output(self) -> None:
        if self.outputs:
            self.output_index = (self.output_index + 1) % len(self.outputs)
            self.show_output()

    def action_save(self) -> None:
        if self.walk is not None:
            self.netriage.save_session(self.walk, self.target)

    def action_raw(self) -> None:
        from netriage.tui.screens.raw import RawScreen

        command = self.outputs[self.output_index] if self.outputs else ""
        self.app.push_screen(RawScreen(self.target.hostname, command))

    @on(Tree.NodeSelected, "#path")
    def _jump(self, event: Tree.NodeSelected[int]) -> None:
        """Enter on a past step goes back to it."""
        index = event.node.data
        if self.walk is None or self.position is None or index is None:
            return
        if index >= len(self.position.steps):
            return
        self.walk.position = index
        position = self.walk.view()
        while len(position.steps) < index and not position.finished:
            self.walk.position += 1
            position = self.walk.view()
        self.show_position(position)
