"""Overview: devices at a glance on top; findings (worst first), what could not be decided,
the walkthroughs on offer and what the capture holds on the left; details on the right."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from netriage.engine.findings import severity_rank
from netriage.tui.actions import Act, bindings
from netriage.tui.render import finding_detail, finding_option, lines
from netriage.tui.screens.base import BaseScreen
from netriage.tui.screens.overview_content import (
    COMPACT_FROM,
    devices_content,
    interfaces_content,
    no_finding_content,
    tunnels_content,
    undecided_content,
    unparsed_content,
)
from netriage.tui.screens.pair import pair_option, verdict_content
from netriage.tui.summary import BAD
from netriage.tui.workspace import WalkTarget

LIST_EACH_WALK = 12  # above this many walkthroughs, list one entry per device instead


def _header(text: str) -> Option:
    return Option(Content.styled(text, "bold dim"), disabled=True)


class OverviewList(OptionList):
    HELP = """
## What was found

Findings come first, worst first, then checks the capture could not decide, the
walkthroughs on offer, and what the capture holds. Up/Down (or `j`/`k`) show details on the
right; Enter (or `w`) walks the decision path that leads to the highlighted finding.
"""


class OverviewScreen(BaseScreen):
    ACTIONS = (
        Act("walk", "w", "Walk", "Walk the decision path of the highlighted entry"),
        Act("fix", "f", "Fix", "Fixes of every finding: copy or export them"),
        Act("raw", "v", "Raw output", "Every captured command, searchable, with its records"),
        Act("open", "o", "Open…", "Open another capture or connect to a device"),
        Act("pairs", "b", "Pairs", "Failover pairs and IPsec peers side by side"),
        Act("back", "escape", "Start", "Back to the start screen", show=False),
        Act("cursor('down')", "j", "Next entry", show=False, palette=False),
        Act("cursor('up')", "k", "Previous entry", show=False, palette=False),
    )
    BINDINGS = bindings(ACTIONS)
    AUTO_FOCUS = "#items"

    def compose(self) -> ComposeResult:
        yield from self.frame_top()
        with VerticalScroll(id="devices"):
            yield Static(id="devices-text")
        with Horizontal(id="overview-body"):
            yield OverviewList(id="items")
            with VerticalScroll(id="detail"):
                yield Static(id="detail-text")
        yield from self.frame_bottom()

    def on_mount(self) -> None:
        self.query_one("#devices").border_title = "Devices"
        self.query_one("#detail").border_title = "Details"
        self.fill()

    def workspace_changed(self) -> None:
        self.fill()

    def fill(self) -> None:
        workspace = self.workspace
        overview, analysis = workspace.overview, workspace.analysis
        devices = self.query_one("#devices-text", Static)
        devices.set_class(len(overview.devices) >= COMPACT_FROM, "-compact")
        devices.update(devices_content(overview))
        items = self.query_one("#items", OverviewList)
        items.clear_options()
        worst = analysis.worst
        findings = workspace.findings  # worst first, device named, secrets masked
        items.border_title = (f"Findings: {len(findings)}"
                              + (f", worst {worst}" if worst else ""))
        options: list[Option | None] = [Option(finding_option(f), id=f"finding:{i}")
                                        for i, f in enumerate(findings)]
        pairs = analysis.pairs
        if not findings and not any(severity_rank(p.severity) >= severity_rank("medium")
                                    for p in pairs):  # a pair may hold every finding
            # unknown is never healthy: say what was (not) read
            options.append(Option(no_finding_content(overview, analysis.undecided)[0],
                                  id="nothing"))
        if pairs:  # both ends judged together: each pair's verdict, Enter opens it
            options += [None, _header("Pairs (both ends)")]
            options += [Option(pair_option(p), id=f"pair:{i}") for i, p in enumerate(pairs)]
        if analysis.undecided:
            options += [None, Option(Content.assemble(
                ("?       ", "bold $warning"), f"{len(analysis.undecided)} check(s) undecided"),
                id="undecided")]
        options += [None, _header("Walkthroughs")]
        targets = workspace.targets()
        if len(targets) <= LIST_EACH_WALK:
            options += [Option(f"▸ {t.label}", id=f"walk:{i}") for i, t in enumerate(targets)]
        else:
            hosts = list(dict.fromkeys(t.hostname for t in targets))
            options += [Option(Content.assemble(f"▸ {host}", (
                f"  {sum(1 for t in targets if t.hostname == host)} walkthroughs", "dim")),
                id=f"device:{host}") for host in hosts]
        if not targets:
            options.append(Option(Content.styled("none for this platform", "dim"),
                                  disabled=True))
        tunnels_bad = sum(1 for t in overview.tunnels if t.state == BAD)
        tunnel_text = (f"{len(overview.tunnels)}" + (f", {tunnels_bad} down" if tunnels_bad
                                                     else "")) if overview.tunnels else (
            "none read" if overview.crypto_captured else "none captured")
        options += [
            None, _header("Capture"),
            Option(Content.assemble("▸ Tunnels      ", (tunnel_text, "dim")), id="tunnels"),
            Option(Content.assemble("▸ Interfaces   ", (f"{len(overview.interfaces)} with "
                                                        "problems", "dim")), id="interfaces"),
            Option(Content.assemble("▸ Not parsed   ", (f"{len(overview.unparsed)} command(s)",
                                                        "dim")), id="unparsed"),
        ]
        items.add_options(options)
        items.highlighted = next(i for i in range(items.option_count)
                                 if not items.get_option_at_index(i).disabled)

    @on(OptionList.OptionHighlighted, "#items")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#detail-text", Static).update(self.detail(event.option.id or ""))
        self.query_one("#detail").scroll_home(animate=False)

    def detail(self, choice: str) -> Content:
        workspace = self.workspace
        analysis, overview = workspace.analysis, workspace.overview
        kind, _sep, index = choice.partition(":")
        hint = Content.styled
        if kind == "finding":
            return lines([finding_detail(workspace.findings[int(index)]), "",
                          hint("Enter walks the path to this finding, from the check "
                               "that decided it; f shows every fix.", "dim")])
        if kind == "nothing":
            return no_finding_content(overview, analysis.undecided)[1]
        if kind == "pair":
            return lines([verdict_content(analysis.pairs[int(index)], workspace.mask), "",
                          hint("Enter (or b) opens both ends side by side.", "dim")])
        if kind == "undecided":
            return lines([undecided_content(analysis.undecided), "",
                          hint("Enter walks the first of them.", "dim")])
        if kind in ("walk", "device"):
            targets = workspace.targets()
            targets = [targets[int(index)]] if kind == "walk" else [
                t for t in targets if t.hostname == index]
            parts: list[Content | str] = []
            for target in targets:
                checks = sum(1 for n in target.tree.nodes.values() if n.kind != "finding")
                parts.append(Content.assemble((target.label, "bold"),
                                              (f"  {checks} checks and questions", "dim")))
            return lines([*parts, "", hint("Enter starts the walkthrough" + (
                "; pick which one first." if kind == "device" else "."), "dim")])
        return {"tunnels": tunnels_content, "interfaces": interfaces_content,
                "unparsed": unparsed_content}.get(kind, unparsed_content)(overview)

    def _selected_target(self) -> WalkTarget | str | None:
        """The walkthrough the highlighted entry leads to; a hostname when one must be
        picked among that device's walkthroughs."""
        option = self.query_one("#items", OverviewList).highlighted_option
        kind, _sep, index = (option.id or "").partition(":") if option else ("", "", "")
        analysis, targets = self.workspace.analysis, self.workspace.targets()
        if kind == "walk":
            return targets[int(index)]
        if kind == "device":
            return index
        item = (self.workspace.findings[int(index)] if kind == "finding" else
                analysis.undecided[0] if kind == "undecided" else None)
        if item is not None:
            for target in targets:
                if target.hostname == item.device and target.tree.id == item.tree:
                    return target
        return targets[0] if len(targets) == 1 else None

    def _selected_finding(self) -> str:
        option = self.query_one("#items", OverviewList).highlighted_option
        kind, _sep, index = (option.id or "").partition(":") if option else ("", "", "")
        return self.workspace.findings[int(index)].id if kind == "finding" else ""

    @on(OptionList.OptionSelected, "#items")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        kind, _sep, index = (event.option.id or "").partition(":")
        if kind == "pair":
            self.open_pair(int(index))
            return
        self.action_walk()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.netriage.workspace is None:
            return action == "back"
        if action == "fix":
            return bool(self.workspace.analysis.findings)
        if action == "walk":
            return bool(self.workspace.targets())
        if action == "pairs":
            return bool(self.workspace.analysis.pairs)
        return True

    def action_walk(self) -> None:
        target = self._selected_target()
        if isinstance(target, WalkTarget):
            finding = self._selected_finding()  # a finding opens at its deciding check
            position = self.workspace.deciding_position(target, finding) if finding else 0
            self.netriage.open_walk(target, position=position)
        elif isinstance(target, str):
            self.pick_walk(target)
        elif self.workspace.targets():
            self.pick_walk("")
        else:
            self.notify("No decision tree applies to this capture's platform.",
                        severity="warning")

    def pick_walk(self, hostname: str) -> None:
        from netriage.tui.screens.modals import PickScreen

        targets = [t for t in self.workspace.targets() if not hostname or t.hostname == hostname]

        def picked(index: str | None) -> None:
            if index is not None:
                self.netriage.open_walk(targets[int(index)])

        self.app.push_screen(PickScreen("Which walkthrough?", [
            (str(i), t.label) for i, t in enumerate(targets)]), picked)

    def action_fix(self) -> None:
        from netriage.tui.screens.fix import FixScreen

        self.app.push_screen(FixScreen(self.workspace.findings))

    def action_pairs(self) -> None:
        option = self.query_one("#items", OverviewList).highlighted_option
        kind, _sep, index = (option.id or "").partition(":") if option else ("", "", "")
        if kind == "pair":  # the highlighted pair, else the first with both ends loaded
            self.open_pair(int(index))
            return
        pairs = self.workspace.analysis.pairs
        self.open_pair(next((i for i, p in enumerate(pairs) if len(p.devices) == 2), 0))

    def open_pair(self, index: int) -> None:
        from netriage.tui.screens.pair import PairScreen

        self.app.push_screen(PairScreen(index))

    def action_raw(self) -> None:
        from netriage.tui.screens.raw import RawScreen

        self.app.push_screen(RawScreen())

    def action_open(self) -> None:
        while len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def action_cursor(self, direction: str) -> None:
        items = self.query_one("#items", OverviewList)
        if direction == "down":
            items.action_cursor_down()
        else:
            items.action_cursor_up()
