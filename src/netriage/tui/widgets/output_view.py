"""A command's raw output with line numbers, marked lines and search matches.

It renders only the lines on screen (Textual's line API), so a megabyte `show logging` costs
no more to show than `show failover`, and a slow SSH link only carries what changed.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

_CONTROL = {c: "?" for c in range(32) if c not in (9,)}


class OutputView(ScrollView, can_focus=True):
    """Raw output; `marked` lines (the ones that decide a check) are highlighted."""

    HELP = """
## Output

The captured text of one command, with its line numbers in the capture file.

- Highlighted lines are the ones that decided the check (or that no parser rule understood).
- Arrow keys, Page Up/Down, Home/End scroll.
- In the raw viewer, `/` searches; `n` and `p` jump between matches.
"""

    COMPONENT_CLASSES = {
        "output-view--gutter", "output-view--marked", "output-view--match",
        "output-view--current",
    }
    DEFAULT_CSS = """
    OutputView {
        background: $surface;
        scrollbar-size-vertical: 1;
    }
    OutputView > .output-view--gutter { color: $foreground 45%; }
    OutputView > .output-view--marked { background: $warning 30%; text-style: bold; }
    OutputView > .output-view--match { background: $accent 35%; }
    OutputView > .output-view--current { background: $accent; color: $text; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.lines: list[str] = []
        self.marked: set[int] = set()
        self.first_number = 1
        self._number_of: Callable[[int], int] = lambda index: index + 1
        self._gutter = 0
        self._query = ""
        self.matches: list[tuple[int, int]] = []  # (line, column)
        self._by_line: dict[int, list[int]] = {}  # line -> indexes into matches
        self.current_match = -1

    # -- content --------------------------------------------------------------------------
    def show(self, text: str, *, first_number: int = 1, marked: set[int] | None = None,
             focus: int | None = None, number_of: Callable[[int], int] | None = None) -> None:
        """Show `text`; scroll to line `focus` (default: the first marked line).

        `number_of` gives the file line of an output line where lines were dropped or joined
        on loading (pager lines, wrapped lines, a pasted config): the gutter then shows the
        line the evidence cites. It is called for visible lines only.
        """
        self.lines = [line.expandtabs(8).translate(_CONTROL) for line in text.split("\n")]
        self.marked = set(marked or ())
        self.first_number = max(1, first_number)
        self._number_of = number_of or (lambda index: index + self.first_number)
        self._gutter = len(str(self._number_of(max(len(self.lines) - 1, 0)))) + 1
        width = self._gutter + 1 + max((len(line) for line in self.lines), default=0)
        self.virtual_size = Size(width, len(self.lines))
        self._find()
        target = focus if focus is not None else min(self.marked, default=0)
        self.scroll_to(0, max(0, target - 2), animate=False)
        # Again once laid out: a view just shown (or resized) clamps the first scroll to 0,
        # and the deciding line must be on screen when the walkthrough opens at it.
        self.call_after_refresh(self.scroll_to, 0, max(0, target - 2), animate=False)
        self.refresh()

    def search(self, query: str) -> int:
        """Highlight case-insensitive matches of `query`; returns how many."""
        self._query = query.lower()
        self._find()
        self.refresh()
        return len(self.matches)

    def _find(self) -> None:
        self.matches, self._by_line, self.current_match = [], {}, -1
        if not self._query:
            return
        for number, line in enumerate(self.lines):
            lowered, start = line.lower(), 0
            while (found := lowered.find(self._query, start)) >= 0:
                self._by_line.setdefault(number, []).append(len(self.matches))
                self.matches.append((number, found))
                start = found + max(1, len(self._query))

    def next_match(self, step: int = 1) -> bool:
        if not self.matches:
            return False
        self.current_match = (self.current_match + step) % len(self.matches)
        line, _column = self.matches[self.current_match]
        self.scroll_to(None, max(0, line - self.size.height // 3), animate=False)
        self.refresh()
        return True

    # -- rendering ------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.size.width
        base = self.rich_style
        if index >= len(self.lines):
            return Strip.blank(width, base)
        style = base + self.get_component_rich_style("output-view--marked") if (
            index in self.marked) else base
        gutter = Segment(f"{self._number_of(index):>{self._gutter}} ",
                         base + self.get_component_rich_style("output-view--gutter"))
        room = width - self._gutter - 1
        text = self.lines[index]
        if index in self.marked and not scroll_x and len(text) > room and (
                index not in self._by_line):
            # A deciding line wider than the view loses its indent, not its deciding end.
            body = Strip([Segment("…" + text.lstrip(), style)]).crop(0, width)
        else:
            body = Strip(self._segments(index, style)).crop(scroll_x, scroll_x + width)
        return Strip.join([Strip([gutter]), body]).extend_cell_length(width, style).crop(0, width)

    def _segments(self, index: int, style: Style) -> list[Segment]:
        text = self.lines[index]
        spans = [(self.matches[n][1], n == self.current_match)
                 for n in self._by_line.get(index, ())]
        if not spans:
            return [Segment(text, style)]
        match_style = style + self.get_component_rich_style("output-view--match")
        current_style = style + self.get_component_rich_style("output-view--current")
        segments, position, size = [], 0, len(self._query)
        for column, current in spans:
            segments.append(Segment(text[position:column], style))
            segments.append(Segment(text[column:column + size],
                                    current_style if current else match_style))
            position = column + size
        segments.append(Segment(text[position:], style))
        return segments
