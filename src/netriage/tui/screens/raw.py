"""Raw output viewer: every captured command, searchable, with its parsed records beside."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from netriage.capture.commands import is_show_like
from netriage.capture.model import Entry
from netriage.parsing import ParseResult, parse_output
from netriage.tui.actions import Act, bindings
from netriage.tui.render import heading, lines
from netriage.tui.screens.base import BaseScreen
from netriage.tui.widgets.output_view import OutputView

STATUS_MARK = {"parsed": ("✓", "$success"), "partial": ("~", "$warning"),
               "unparsed": ("✗", "$error")}


def records_content(entry: Entry, result: ParseResult | None,
                    mask: Callable[[str], str] = str) -> Content:
    if result is None:
        why = (f"filtered output ({entry.filter}): not parsed, not used by checks"
               if entry.filtered else "not a show command: nothing to parse")
        return Content.styled(why, "dim")
    mark, style = STATUS_MARK.get(result.status, ("?", ""))
    parts: list[Content | str] = [
        Content.assemble((f"{mark} {result.status}", f"bold {style}"),
                         (f"  {result.template or 'no template'}", "dim"))]
    if result.reason:
        parts.append(Content.styled(mask(result.reason), "italic"))
    if result.not_understood:
        parts += ["", heading(f"Not understood ({len(result.not_understood)})")]
        # numbered like the output's gutter: lines of the capture file
        parts += [Content.assemble((f"{entry.source_line(n - 1) or n:>4} ", "dim"),
                                   mask(text)) for n, text in result.not_understood[:50]]
    for number, record in enumerate(result.records[:200], start=1):
        parts += ["", heading(f"Record {number}")]
        for key, value in record.items():
            if value in ("", [], None):
                continue
            shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            parts.append(Content.assemble((f"{key}: ", "dim"), mask(shown)))
    if len(result.records) > 200:
        parts.append(Content.styled(f"… {len(result.records) - 200} more records", "dim"))
    return lines(parts)


class CommandList(OptionList):
    HELP = """
## Captured commands

Every command of every device, in capture order: ✓ parsed, ~ partly parsed, ✗ not parsed,
· not a show command or a filtered output. The output and its parsed records show beside.
"""


class RawScreen(BaseScreen):
    ACTIONS = (
        Act("search", "slash", "Search", "Search every output (and the command names)",
            key_display="/"),
        Act("next_match", "n", "Next match", "Jump to the next match in this output"),
        Act("previous_match", "p", "Prev match", "Jump to the previous match"),
        Act("back", "escape", "Back", "Clear the search, or go back", show=False),
    )
    BINDINGS = bindings(ACTIONS)
    AUTO_FOCUS = "#commands"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    def __init__(self, hostname: str = "", command: str = "") -> None:
        super().__init__()
        self.initial = (hostname, command)
        self.entries: list[tuple[str, Entry]] = []
        self.query_text = ""
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        yield from self.frame_top()
        search = Input(placeholder="/ search outputs and commands", id="search")
        search.cursor_blink = False
        yield search
        with Horizontal(id="raw-body"):
            yield CommandList(id="commands")
            with Horizontal(id="raw-right"):
                yield OutputView(id="output")
                with VerticalScroll(id="records"):
                    yield Static(id="records-text")
        yield from self.frame_bottom()

    def on_mount(self) -> None:
        self.sub_title = "Raw output"
        self.query_one("#records").border_title = "Parsed records"
        self.entries = [(item.device.hostname, entry) for item in self.workspace.analysis.devices
                        for entry in item.device.entries]
        self.fill()

    def workspace_changed(self) -> None:
        self.on_mount()

    def _result(self, hostname: str, entry: Entry) -> ParseResult | None:
        if entry.filtered or not is_show_like(entry.typed or entry.command):
            return None
        facts = self.workspace.device(hostname).facts
        if self.workspace.device(hostname).device.find(entry.command) is entry:
            return facts.result(entry.command)
        return parse_output(entry.output, entry.command, facts.family)

    def fill(self) -> None:
        wanted = self.query_text.lower()
        commands = self.query_one("#commands", CommandList)
        commands.clear_options()
        options: list[Option] = []
        host_now = None
        for index, (hostname, entry) in enumerate(self.entries):
            if wanted and wanted not in entry.command.lower() and (
                    wanted not in entry.output.lower()):
                continue
            if hostname != host_now:
                options.append(Option(Content.styled(hostname, "bold"), disabled=True))
                host_now = hostname
            result = self._result(hostname, entry)
            mark, style = STATUS_MARK.get(result.status, ("·", "dim")) if result else ("·", "dim")
            name = self.workspace.mask.typed(entry)
            options.append(Option(Content.assemble(
                (mark, style), f" {name}", (f" {self.workspace.mask.text(entry.filter)}", "dim")),
                id=str(index)))
        commands.add_options(options)
        commands.border_title = f"Commands: {sum(1 for o in options if not o.disabled)}"
        entries = [(i, self.entries[int(o.id)]) for i, o in enumerate(options) if o.id]
        wanted_entry = next((i for i, (host, e) in entries if (host, e.command) == self.initial
                             or (not self.initial[1] and is_show_like(e.typed or e.command)
                                 and not e.filtered)), None)
        first = entries[0][0] if entries else None
        commands.highlighted = wanted_entry if wanted_entry is not None else first
        if first is None:
            self.query_one("#output", OutputView).show("(no command matches the search)")
            self.query_one("#records-text", Static).update("")

    @on(OptionList.OptionHighlighted, "#commands")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        hostname, entry = self.entries[int(event.option.id or 0)]
        result = self._result(hostname, entry)
        view = self.query_one("#output", OutputView)
        where = f"{Path(entry.source).name}:{entry.line}" if entry.line else entry.source
        name = self.workspace.mask.typed(entry)
        view.border_title = f"{hostname} · {name} · {where}"
        marked = {n - 1 for n, _text in result.not_understood} if result else set()
        view.show(self.workspace.mask.output(entry) or "(no output)",
                  first_number=entry.output_line_offset or 1,
                  number_of=entry.source_line if entry.line_map else None,
                  marked=marked)
        count = view.search(self.query_text)
        if count:
            view.next_match()
        self.query_one("#records-text", Static).update(
            records_content(entry, result, self.workspace.mask.text))
        self.query_one("#records").scroll_home(animate=False)

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(0.25, lambda: self._apply(event.value))

    def _apply(self, text: str) -> None:
        self.query_text = text.strip()
        self.fill()

    @on(Input.Submitted, "#search")
    def _submitted(self, event: Input.Submitted) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._apply(event.value)
        self.query_one("#output").focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_next_match(self) -> None:
        if not self.query_one("#output", OutputView).next_match():
            self.notify("No match here: / starts a search.", timeout=3)

    def action_previous_match(self) -> None:
        self.query_one("#output", OutputView).next_match(-1)

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if search.value and not self.netriage.cancel_job():
            search.value = ""
            self._apply("")
            self.query_one("#commands").focus()
            return
        super().action_back()
