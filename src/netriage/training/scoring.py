"""Scoring a training walk: points for each prediction, hints cost points.

Kept apart from the walk so the rules are one small table a trainer can read and a unit test
can pin: a right prediction earns POINTS_RIGHT, a wrong one nothing, and each hint taken costs
HINT_COST whether or not the prediction then comes out right (the hint was the help). A
prediction with no right option (a question only the trainee's site can answer) is not scored.
The score never goes below zero, so one bad run cannot make the history meaningless.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

POINTS_RIGHT = 10
HINT_COST = 5


@dataclass(frozen=True)
class Answer:
    """One prediction the trainee made and whether it was right."""

    node: str  # tree node id
    kind: str  # command | branch | answer | fault
    prompt: str
    options: tuple[str, ...]
    correct: int | None  # index of the right option; None when no option is right or wrong
    chosen: int
    hinted: bool = False

    @property
    def scored(self) -> bool:
        return self.correct is not None

    @property
    def right(self) -> bool:
        return self.correct is not None and self.chosen == self.correct

    @property
    def chosen_text(self) -> str:
        return self.options[self.chosen]

    @property
    def correct_text(self) -> str:
        return self.options[self.correct] if self.correct is not None else ""


@dataclass(frozen=True)
class Score:
    points: int
    maximum: int
    right: int
    wrong: int
    hints: int

    @property
    def percent(self) -> int:
        return round(100 * self.points / self.maximum) if self.maximum else 0


def score(answers: Iterable[Answer]) -> Score:
    answers = list(answers)
    scored = [a for a in answers if a.scored]
    right = sum(1 for a in scored if a.right)
    hints = sum(1 for a in answers if a.hinted)
    points = max(0, right * POINTS_RIGHT - hints * HINT_COST)
    return Score(points, len(scored) * POINTS_RIGHT, right, len(scored) - right, hints)
