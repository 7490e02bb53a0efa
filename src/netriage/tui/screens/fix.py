"""Fix view: exact commands per platform, verify and rollback; copy (OSC 52) and export."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from netriage.engine.findings import Finding
from netriage.tui.actions import Act, bindings
from netriage.tui.fixtext import fix_commands, fix_markdown, fix_script
from netriage.tui.render import finding_option, fix_detail
from netriage.tui.screens.base import BaseScreen


class FixList(OptionList):
    HELP = """
## Findings

Pick a finding to see its fix. `c` copies the commands, `a` copies them with verify and
rollback as comments, `x` exports every fix to a file.
"""


class FixScreen(BaseScreen):
    ACTIONS = (
        Act("copy", "c", "Copy", "Copy the configuration commands to the clipboard"),
        Act("copy_all", "a", "Copy all",
            "Copy commands with verify and rollback as ! comments"),
        Act("export", "x", "Export", "Write every fix (with evidence) to a Markdown file"),
        Act("back", "escape", "Back", "Back to where you came from", show=False),
    )
    BINDINGS = bindings(ACTIONS)
    AUTO_FOCUS = "#fix-list"

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__()
        self.findings = findings

    def compose(self) -> ComposeResult:
        yield from self.frame_top()
        yield FixList(*[Option(finding_option(f), id=str(i))
                        for i, f in enumerate(self.findings)], id="fix-list")
        with VerticalScroll(id="fix"):
            yield Static(id="fix-text")
        yield from self.frame_bottom()

    def on_mount(self) -> None:
        self.sub_title = "Fix"
        fix_list = self.query_one("#fix-list", FixList)
        fix_list.border_title = f"Findings: {len(self.findings)}"
        fix_list.display = len(self.findings) > 1
        self.query_one("#fix").border_title = "Fix"
        if self.findings:
            fix_list.highlighted = 0
            self.show(0)
        else:
            self.query_one("#fix-text", Static).update("No finding, so nothing to fix.")

    @on(OptionList.OptionHighlighted, "#fix-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show(int(event.option.id or 0))

    def show(self, index: int) -> None:
        self.query_one("#fix-text", Static).update(fix_detail(self.findings[index]))
        self.query_one("#fix").scroll_home(animate=False)

    @property
    def current(self) -> Finding | None:
        if not self.findings:
            return None
        index = self.query_one("#fix-list", FixList).highlighted
        return self.findings[index or 0]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("copy", "copy_all"):
            finding = self.current
            return bool(finding and finding.fix)
        if action == "export":
            return bool(self.findings)
        return True

    def _copy(self, text: str, what: str) -> None:
        workspace = self.netriage.workspace  # the findings are masked; a last pass is cheap
        self.app.copy_to_clipboard("\n".join(workspace.mask.text(line) for line in text.split(
            "\n")) if workspace else text)
        self.notify(f"Copied {what} to the clipboard (through the terminal, OSC 52).",
                    title="Copied")

    def action_copy(self) -> None:
        finding = self.current
        if finding is not None:
            text = fix_commands(finding)
            self._copy(text, f"{len(text.splitlines())} command line(s)")

    def action_copy_all(self) -> None:
        finding = self.current
        if finding is not None:
            self._copy(fix_script(finding), "the fix with verify and rollback")

    def action_export(self) -> None:
        from netriage.tui.screens.modals import PromptScreen

        device = self.findings[0].device.replace("/", "-") if self.findings else "capture"
        default = str(Path.cwd() / f"netriage-fix-{device}.md")

        def chosen(name: str | None) -> None:
            if name is None:
                return
            path = Path(name).expanduser()
            workspace = self.netriage.workspace
            sources = workspace.sources if workspace else []
            try:
                path.write_text(fix_markdown(self.findings, sources, workspace.capture if (
                    workspace) else None, workspace.mask.text if workspace else None))
            except OSError as error:
                self.notify(f"Cannot write {path}: {error.strerror or error}",
                            severity="error")
                return
            self.notify(f"Exported to {path}", title="Exported")

        self.app.push_screen(PromptScreen("Export every fix to (Markdown):", default), chosen)
