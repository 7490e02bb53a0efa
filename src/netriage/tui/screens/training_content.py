"""What the training screen says (pure: a session or its result in, Content out).

Texts come from the training session, already masked; Content is built plainly (never parsed
as markup), so an output line with brackets shows as it was captured.
"""

from __future__ import annotations

from textual.content import Content

from netriage.training.postmortem import path_lines, post_mortem_lines, summary_lines
from netriage.training.scenario import Scenario
from netriage.training.scoring import HINT_COST
from netriage.training.session import TrainingSession

_KIND = {"command": "Which command?", "branch": "Which branch?", "answer": "Which answer?",
         "fault": "What does it mean?"}


def _join(parts: list[Content | str]) -> Content:
    return Content("\n").join([p if isinstance(p, Content) else Content(p) for p in parts])


def intro_content(scenario: Scenario) -> Content:
    parts: list[Content | str] = [
        Content.assemble(("Training · ", "dim"), (scenario.title, "bold")),
        Content.styled(f"Level: {scenario.level}", "dim"), "",
        scenario.story.strip(), "",
        Content.styled("You will learn to", "bold"),
        *[f"• {goal}" for goal in scenario.goals], "",
        Content.styled("At each step predict first, then see the answer and why. Keys 1-4 "
                       f"choose, h shows a hint (−{HINT_COST} points), o the whole output, "
                       "n goes on; Tab moves between the text and the choices.", "dim"),
        Content.assemble(("Press ", "dim"), (" n ", "reverse bold"), (" to start.", "dim")),
    ]
    return _join(parts)


def output_parts(outputs: list[tuple[str, str]]) -> list[Content | str]:
    parts: list[Content | str] = []
    for command, text in outputs:
        parts += ["", Content.styled(f"── {command} ──", "bold"), text.rstrip("\n")]
    return parts or ["", Content.styled("(this step reads no captured output)", "dim")]


def prediction_content(session: TrainingSession, hint: str = "",
                       outputs: list[tuple[str, str]] | None = None) -> Content:
    prediction = session.prediction
    assert prediction is not None
    number = len(session.answers) + 1
    title, _, rest = prediction.prompt.partition("\n")
    parts: list[Content | str] = [
        Content.assemble((f"Step {number} · {_KIND[prediction.kind]} · ", "dim"),
                         (title, "bold")),
    ]
    if rest:
        parts.append(rest)
    if session.walk_label:
        parts.insert(0, Content.styled(session.walk_label, "dim"))
    if hint:
        parts += ["", Content.assemble((f"Hint (−{HINT_COST}): ", "bold"), hint)]
    if outputs is not None:
        parts += output_parts(outputs)
    return _join(parts)


def reveal_content(session: TrainingSession) -> Content:
    answer = session.revealed
    assert answer is not None
    title, _, _rest = answer.prompt.partition("\n")
    if not answer.scored:
        verdict = Content.assemble(("· ", "bold"), f"You answered: {answer.chosen_text}")
    elif answer.right:
        verdict = Content.assemble(("✓ Right: ", "bold green"), answer.chosen_text)
    else:
        verdict = Content.assemble(("✗ Not quite: ", "bold red"),
                                   f"you chose {answer.chosen_text}; the answer is "
                                   f"{answer.correct_text}")
    return _join([Content.styled(title, "bold"), verdict, "", session.reveal_text(), "",
                  Content.assemble(("Press ", "dim"), (" n ", "reverse bold"),
                                   (" to go on.", "dim"))])


def result_content(session: TrainingSession) -> Content:
    result = session.result()
    parts: list[Content | str] = [
        Content.assemble(("Training finished · ", "dim"), (session.scenario.title, "bold")),
        *summary_lines(result), "",
        Content.styled("Your path beside the expert's", "bold"),
        *path_lines(result), "",
        Content.styled("Post-mortem: the walk again, every decision explained", "bold"),
        *post_mortem_lines(result),
    ]
    return _join(parts)
