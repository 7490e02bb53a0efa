"""Training mode: predict each step of the walk, then see the answer and why; a score, your
path beside the expert's and a post-mortem at the end. Findings stay hidden until their node.

One screen, four states: loading → intro (the story) → predicting / revealed, step after step
→ finished. Keyboard only: 1-4 (or Up/Down and Enter) choose, h a hint, n goes on, q quits;
it fits 80×24 (the text scrolls, the options stay below it).
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from netriage.errors import NetriageError
from netriage.tui.actions import Act, bindings
from netriage.tui.screens.base import BaseScreen
from netriage.tui.screens.training_content import (
    intro_content,
    prediction_content,
    result_content,
    reveal_content,
)

MAX_OPTIONS = 4


class TrainingOptions(OptionList):
    HELP = """
## Your prediction

Pick what you think comes next: 1-4, or Up/Down and Enter. `h` shows a hint (it costs
points). After the answer is shown, `n` goes on.
"""


class TrainingScreen(BaseScreen):
    DEFAULT_CSS = """
    TrainingScreen #training-scroll { height: 1fr; padding: 0 1; }
    TrainingScreen #training-options { height: auto; max-height: 6; border: none;
                                       padding: 0 1; }
    TrainingScreen #training-options.-hidden { display: none; }
    """
    ACTIONS = (
        *(Act(f"choose({i})", str(i), "Choose", "Choose this option", group="Choose")
          for i in range(1, MAX_OPTIONS + 1)),
        Act("hint", "h", "Hint", "Show a hint for this step (costs points)"),
        Act("output", "o", "Output", "Show or hide the captured output this step reads"),
        Act("next", "n,enter", "Next", "Start, or go on after the answer", key_display="n"),
        Act("back", "escape", "Cancel", "Cancel the work that runs", show=False),
    )
    BINDINGS = bindings(ACTIONS)

    def __init__(self, scenario: Any) -> None:
        super().__init__()
        self.scenario = scenario
        self.session: Any = None  # a training.session.TrainingSession once opened
        self.state = "loading"  # loading | intro | predict | revealed | finished | failed
        self.hint_text = ""
        self.show_output = False  # the whole output this step reads, under the prompt
        self.saved: Any = None  # the progress Run written at the end

    def compose(self) -> ComposeResult:
        yield from self.frame_top()
        with VerticalScroll(id="training-scroll"):
            yield Static(Content("Opening the scenario…"), id="training-text")
        yield TrainingOptions(id="training-options", classes="-hidden")
        yield from self.frame_bottom()

    def on_mount(self) -> None:
        self.sub_title = f"Training: {self.scenario.title}"

        def work() -> Any:
            from netriage.training.session import TrainingSession

            try:
                return TrainingSession.open(self.scenario)
            except NetriageError as error:  # said on the screen, not only in a toast
                return error

        self.netriage.start_job(work, f"Opening scenario {self.scenario.id}…", self.opened)

    def opened(self, session: Any) -> None:
        if isinstance(session, NetriageError):
            self.state = "failed"
            self.query_one("#training-text", Static).update(Content.assemble(
                ("This scenario cannot be trained on: ", "bold"), str(session),
                ("\nPress q to quit.", "dim")))
            self.netriage.notify(str(session), title="Training", severity="error")
            self.refresh_bindings()
            return
        self.session = session
        self.state = "intro"
        self.show()

    # -- showing --------------------------------------------------------------------------
    def show(self) -> None:
        text = self.query_one("#training-text", Static)
        options = self.query_one("#training-options", TrainingOptions)
        session = self.session
        if self.state == "intro":
            text.update(intro_content(self.scenario))
        elif self.state == "predict":
            outputs = (session.outputs(session.prediction.node) if self.show_output
                       else None)
            text.update(prediction_content(session, self.hint_text, outputs))
        elif self.state == "revealed":
            text.update(reveal_content(session))
        elif self.state == "finished":
            text.update(result_content(session))
        predicting = self.state == "predict"
        options.set_class(not predicting, "-hidden")
        options.clear_options()
        if predicting:
            options.add_options([Option(Content.assemble((f"{i} ", "bold"), option))
                                 for i, option in enumerate(session.prediction.options, 1)])
            options.highlighted = 0
            options.focus()
        else:
            self.query_one("#training-scroll").focus()
        self.query_one("#training-scroll").scroll_home(animate=False)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # keys that do nothing in this state leave the footer (False), so the footer always
        # says what can be pressed now
        if action == "choose":
            if self.state != "predict":
                return False
            count = len(self.session.prediction.options)
            return bool(parameters) and 1 <= int(str(parameters[0])) <= count
        if action == "hint":
            return self.state == "predict" and not self.hint_text
        if action == "output":
            return self.state == "predict"
        if action == "next":
            return self.state in ("intro", "revealed")
        return True

    # -- moves ----------------------------------------------------------------------------
    def action_choose(self, number: int) -> None:
        if self.state != "predict":
            return
        self.session.choose(int(number) - 1)
        self.state = "revealed"
        self.show()

    @on(OptionList.OptionSelected, "#training-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(event.option_index + 1)

    def action_hint(self) -> None:
        if self.state == "predict" and not self.hint_text:
            self.hint_text = self.session.take_hint()
            self.show()

    def action_output(self) -> None:
        if self.state == "predict":
            self.show_output = not self.show_output
            self.show()

    def action_next(self) -> None:
        if self.state == "intro":
            self.session.begin()
        elif self.state == "revealed":
            self.session.next()
        else:
            return
        self.hint_text = ""
        self.show_output = False
        self.state = "finished" if self.session.finished else "predict"
        self.show()
        if self.state == "finished":
            self.save_progress()

    def action_back(self) -> None:
        """Escape only cancels work: leaving would show the findings training hides."""
        self.netriage.cancel_job()

    def save_progress(self) -> None:
        result = self.session.result()

        def work() -> Any:
            from netriage.training.progress import record_run

            return record_run(result)

        def done(run: Any) -> None:
            self.saved = run
            self.netriage.notify(f"Score {run.percent}% saved to your training history",
                                 title="Training")

        self.netriage.start_job(work, "Saving your training progress…", done)
