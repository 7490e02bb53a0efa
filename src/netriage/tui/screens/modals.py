"""Small typed modals: pick a file, confirm, type a value, override a check with a reason."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    DirectoryTree,
    Input,
    Label,
    OptionList,
    RadioButton,
    RadioSet,
    Static,
)
from textual.widgets.option_list import Option

from netriage.tui.actions import Act, bindings

T = TypeVar("T")


class _Modal(ModalScreen[T]):
    ACTIONS: ClassVar[tuple[Act, ...]] = (
        Act("cancel", "escape", "Cancel", "Close without doing anything"),
    )
    BINDINGS = bindings(ACTIONS)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CaptureTree(DirectoryTree):
    HELP = """
## Pick a capture

Up/Down move, Enter opens a folder or picks a file, Backspace goes to the parent folder.
Hidden files are not shown.
"""

    def filter_paths(self, paths):  # type: ignore[override]
        return [p for p in paths if not p.name.startswith(".")]


class FilePickerScreen(_Modal[Path | None]):
    ACTIONS = (
        Act("parent", "backspace", "Parent folder", "Browse the folder above"),
        Act("cancel", "escape", "Cancel", "Close without opening anything"),
    )
    BINDINGS = bindings(ACTIONS)

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root.resolve()

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog"):
            yield Label(str(self.root), id="picker-root")
            yield CaptureTree(self.root, id="picker-tree")
            yield Static("Enter picks a file · Backspace: parent folder · Escape cancels",
                         classes="hint")

    def on_mount(self) -> None:
        self.query_one("#picker").border_title = "Open a capture"

    @on(DirectoryTree.FileSelected)
    def _picked(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(Path(event.path))

    def action_parent(self) -> None:
        self.root = self.root.parent
        self.query_one(CaptureTree).path = self.root
        self.query_one("#picker-root", Label).update(str(self.root))


class ConfirmScreen(_Modal[bool | None]):
    ACTIONS = (
        Act("yes", "y,enter", "Yes", "Go ahead"),
        Act("cancel", "n,escape", "No", "Do not do it"),
    )
    BINDINGS = bindings(ACTIONS)

    def __init__(self, question: Content | str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Static(self.question, id="confirm-question")
            if self.detail:
                yield Static(self.detail, classes="hint")
            yield Static("y / Enter: yes · n / Escape: no", classes="hint")

    def action_yes(self) -> None:
        self.dismiss(True)


class PickList(OptionList):
    HELP = """
## Pick one

Up/Down move, Enter picks, Escape closes without picking.
"""


class PickScreen(_Modal[str | None]):
    """Pick one of `choices` (id, label); returns its id."""

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(id="pick", classes="dialog"):
            yield PickList(*[Option(label, id=key) for key, label in self.choices],
                           id="pick-list")
            yield Static("Enter picks · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#pick").border_title = self.title_text

    @on(OptionList.OptionSelected, "#pick-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class PromptScreen(_Modal[str | None]):
    """Ask for one line of text (a file name)."""

    def __init__(self, title: str, value: str = "", hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt", classes="dialog"):
            yield Label(self.title_text)
            field = Input(self.value, id="prompt-input")
            field.cursor_blink = False
            yield field
            yield Static(self.hint or "Enter accepts · Escape cancels", classes="hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())


class OverrideScreen(_Modal[tuple[str, str] | None]):
    """Force a check's outcome; a reason is required (it is recorded in the session)."""

    ACTIONS = (
        Act("apply", "ctrl+s", "Apply", "Apply the override (Enter in the reason does too)"),
        Act("cancel", "escape", "Cancel", "Keep the engine's answer"),
    )
    BINDINGS = bindings(ACTIONS)

    def __init__(self, title: str, engine_outcome: str) -> None:
        super().__init__()
        self.check_title = title
        self.engine_outcome = engine_outcome

    def compose(self) -> ComposeResult:
        engine = {"true": "yes", "false": "no"}.get(self.engine_outcome, "unknown")
        flip = self.engine_outcome != "false"  # default to the other answer
        with Vertical(id="override", classes="dialog"):
            yield Static(Content.assemble(("Override: ", "bold"), self.check_title))
            yield Static(f"The engine says: {engine}. What is true on this device?",
                         classes="hint")
            with RadioSet(id="override-outcome"):
                yield RadioButton("yes (true)", value=not flip, id="outcome-true")
                yield RadioButton("no (false)", value=flip, id="outcome-false")
            reason = Input(placeholder="why? (required, recorded with the session)",
                           id="override-reason")
            reason.cursor_blink = False
            yield reason
            yield Static("", id="override-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Apply", variant="primary", id="override-apply")
                yield Button("Cancel", id="override-cancel")

    def on_mount(self) -> None:
        self.query_one("#override").border_title = "Override a check"
        self.query_one("#override-reason").focus()

    @on(Input.Submitted, "#override-reason")
    @on(Button.Pressed, "#override-apply")
    def action_apply(self) -> None:
        reason = self.query_one("#override-reason", Input).value.strip()
        if not reason:
            self.query_one("#override-error", Static).update(
                "A reason is required: it goes into the saved session and the report.")
            self.query_one("#override-reason").focus()
            return
        outcome = "true" if self.query_one("#outcome-true", RadioButton).value else "false"
        self.dismiss((outcome, reason))

    @on(Button.Pressed, "#override-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
