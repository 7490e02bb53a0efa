"""The decision path as a tree: every step taken, how it went, and where the walk stands."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree

from netriage.engine.guided import Position
from netriage.engine.tree import Tree as DecisionTree
from netriage.tui.walkview import (
    ANSWERED,
    FAILED,
    FINDING,
    PASSED,
    UNKNOWN,
    is_override,
    outcome_words,
    step_status,
)

# Tree labels are Rich text, so theme colours are looked up when the path is drawn.
MARKS = {PASSED: ("✓", "success"), FAILED: ("✗", "error"), UNKNOWN: ("?", "warning"),
         ANSWERED: ("•", "accent"), FINDING: ("!", "error")}


class PathTree(Tree[int]):
    """Nodes carry the step index; Enter on a past step goes back to it."""

    HELP = """
## Decision path

Each check the walk went through: ✓ passed, ✗ failed (led to a finding), ? unknown,
• answered by you, ! a finding; ▶ marks where you are, ✎ an override.
Space expands a step to show its evidence; Enter on a past step goes back to it.
"""

    ICON_NODE = "+ "
    ICON_NODE_EXPANDED = "− "

    def on_mount(self) -> None:
        self._shown: tuple[DecisionTree, Position] | None = None
        self.watch(self.app, "theme", self._redraw, init=False)

    def _redraw(self) -> None:
        if self._shown is not None:
            self.show_path(*self._shown)

    def _colour(self, name: str) -> str:
        return self.app.theme_variables.get(name, "")

    def show_path(self, tree: DecisionTree, position: Position) -> None:
        self._shown = (tree, position)
        self.clear()
        self.root.set_label(Text(tree.title, style="bold"))
        for index, step in enumerate(position.steps):
            status = step_status(tree, step)
            mark, colour = MARKS[status]
            label = Text.assemble((mark, f"bold {self._colour(colour)}"), " ", step.title)
            if status != FINDING:
                label.append(f" · {outcome_words(step.outcome)}", style="dim")
            if is_override(step):
                label.append(" ✎", style=self._colour("warning"))
            branch = self.root.add(label, data=index, expand=False,
                                   allow_expand=bool(step.evidence or step.reason))
            for evidence in step.evidence:
                branch.add_leaf(Text(evidence.text, style="dim"), data=index)
            if step.reason:
                branch.add_leaf(Text(step.reason, style="italic"), data=index)
        here = len(position.steps)
        if position.node is not None:
            current = self.root.add_leaf(Text.assemble(
                ("▶ ", f"bold {self._colour('accent')}"), (position.node.title, "bold")),
                data=here)
        else:
            count = len(position.findings)
            unknown = any(step.outcome == "unknown" for step in position.steps)
            current = self.root.add_leaf(Text(
                f"■ end: {count} finding(s)" if count else
                "■ end: no finding, steps unknown" if unknown else
                "■ end: no fault on this path", style="bold"), data=here)
        self.root.expand()
        self.call_after_refresh(self.move_cursor, current)
