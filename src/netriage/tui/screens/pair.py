"""Two ends side by side: the verdict on top (the end to fix), then each compared value with
both ends' readings in two columns, differences highlighted, then the fix and evidence.

Opened from the overview (`b`, or Enter on a pair's entry); `n` / `p` step through the pairs
of the capture. Every text
passes through the workspace's secret mask (a manual session key in a fix line is a token).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from netriage.tui.actions import Act, bindings
from netriage.tui.render import SEVERITY_STYLE, heading, lines
from netriage.tui.screens.base import BaseScreen

if TYPE_CHECKING:
    from netriage.pairs import Pair

LABEL = 18  # width of the row labels; the two ends share the rest
DIFFERS = "bold $warning"


def _cell(text: str, width: int) -> str:
    return text if len(text) <= width else text[:max(width - 1, 1)] + "…"


def pair_option(pair: Pair) -> Content:
    """The overview's entry: `SPLIT BRAIN  failover fw-hq/pri + fw-hq/sec` (names only:
    nothing secret)."""
    return Content.assemble((f"{pair.verdict.upper():<8}", SEVERITY_STYLE.get(pair.severity,
                                                                               "")),
                            " ", (pair.kind, "bold"), f" {' + '.join(pair.devices)}")


def verdict_content(pair: Pair, mask: object) -> Content:
    """`SPLIT BRAIN  failover fw-hq/pri + fw-hq/sec  fix at fw-hq/sec` and the summary."""
    text = getattr(mask, "text", str)
    fix_at = (f"fix at {pair.fix_at}" if pair.fix_at else
              f"fix at {' and '.join(pair.fix_ends)}" if pair.fix_ends else "no single end to fix")
    top = Content.assemble((f" {pair.verdict.upper()} ", SEVERITY_STYLE.get(pair.severity, "")),
                           f"  {pair.kind} {' + '.join(pair.devices)}  ", (fix_at, "bold"))
    return lines([top, text(pair.summary)])


def table_content(pair: Pair, width: int, mask: object) -> Content:
    """Both ends' values in columns; a row whose values differ is marked and highlighted."""
    text = getattr(mask, "text", str)
    side = max((width - LABEL - 4) // 2, 8)
    names = [*pair.devices, "(not loaded)"][:2]
    rows: list[Content | str] = [Content.styled(
        f"  {'':<{LABEL}}{_cell(names[0], side):<{side}} {_cell(names[1], side)}", "bold")]
    for row in pair.rows:
        line = (f"{'≠' if row.differs else ' '} {_cell(row.label, LABEL - 1):<{LABEL}}"
                f"{_cell(text(row.left), side):<{side}} {_cell(text(row.right), side)}")
        rows.append(Content.styled(line, DIFFERS) if row.differs else line)
    if not pair.rows:
        rows.append(Content.styled("  only one end was loaded: nothing to compare", "dim"))
    return lines(rows)


def notes_content(pair: Pair, mask: object) -> Content:
    text = getattr(mask, "text", str)
    parts: list[Content | str] = []
    impact = [f"Impact ({b.heading}): {b.impact}" for b in pair.fix_blocks if b.impact]
    rollback = [line for b in pair.fix_blocks for line in b.rollback]
    for title, items, prefix in (("Differences", pair.differences, "• "),
                                 ("Fix", [*impact, *pair.fix], "  "),
                                 ("Rollback", rollback, "  "),
                                 ("Not compared", pair.undecided, "• ")):
        if items:
            parts += ["", heading(title), *(prefix + text(item) for item in items)]
    if pair.evidence:
        parts += ["", heading("Evidence from both ends")]
        parts += [Content.assemble((f"{e.device} {e.command}:{e.line}  ", "dim"),
                                   text(e.text.strip())) for e in pair.evidence[:25]]
    if pair.matched_by:
        parts += ["", Content.styled(f"Matched by {pair.matched_by}", "dim")]
    return lines(parts)


class PairScreen(BaseScreen):
    ACTIONS: ClassVar[tuple[Act, ...]] = (
        Act("step(1)", "n", "Next pair", "The next pair of this capture"),
        Act("step(-1)", "p", "Previous pair", "The previous pair of this capture"),
        Act("back", "escape", "Back", "Back to the overview"),
    )
    BINDINGS = bindings(ACTIONS)
    DEFAULT_CSS = """
    PairScreen #pair-verdict { height: auto; padding: 0 1; border: round $primary; }
    PairScreen #pair-body { height: 1fr; padding: 0 1; }
    """

    def __init__(self, index: int = 0) -> None:
        super().__init__()
        self.index = index

    @property
    def pairs(self) -> list[Pair]:
        return self.workspace.analysis.pairs

    def compose(self) -> ComposeResult:
        yield from self.frame_top()
        yield Static(id="pair-verdict")
        with VerticalScroll(id="pair-body"):
            yield Static(id="pair-table")
            yield Static(id="pair-notes")
        yield from self.frame_bottom()

    def on_mount(self) -> None:
        self.fill()

    def on_resize(self) -> None:
        self.fill()

    def fill(self) -> None:
        if not self.pairs:
            self.query_one("#pair-verdict", Static).update(
                "No pair: the loaded devices hold no failover pair or IPsec peers together.")
            return
        pair, mask = self.pairs[self.index], self.workspace.mask
        box = self.query_one("#pair-verdict", Static)
        box.border_title = f"Pair {self.index + 1} of {len(self.pairs)}"
        box.update(verdict_content(pair, mask))
        width = max(self.size.width - 4, 40)
        self.query_one("#pair-table", Static).update(table_content(pair, width, mask))
        self.query_one("#pair-notes", Static).update(notes_content(pair, mask))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step":
            return len(self.pairs) > 1
        return True

    def action_step(self, delta: int) -> None:
        self.index = (self.index + delta) % len(self.pairs)
        self.fill()
        self.query_one("#pair-body").scroll_home(animate=False)
