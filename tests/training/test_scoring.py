"""Scoring rules: 10 a right prediction, a hint costs 5 (taken, right or wrong), never below
zero, and a prediction with no right answer is not scored."""

from __future__ import annotations

from netriage.training.scoring import HINT_COST, POINTS_RIGHT, Answer, score


def answer(correct: int | None, chosen: int, hinted: bool = False) -> Answer:
    return Answer("n", "branch", "p?", ("a", "b", "c"), correct, chosen, hinted)


def test_all_right_without_hints_is_full_marks():
    result = score([answer(0, 0), answer(2, 2)])
    assert (result.points, result.maximum, result.percent) == (20, 20, 100)
    assert (result.right, result.wrong, result.hints) == (2, 0, 0)


def test_a_hint_costs_points_even_when_the_prediction_is_right():
    result = score([answer(1, 1, hinted=True), answer(0, 0)])
    assert result.points == 2 * POINTS_RIGHT - HINT_COST == 15
    assert result.percent == 75 and result.hints == 1


def test_a_wrong_prediction_earns_nothing_and_the_score_never_goes_below_zero():
    result = score([answer(0, 1, hinted=True), answer(0, 2, hinted=True)])
    assert (result.points, result.maximum, result.wrong) == (0, 20, 2)


def test_an_unscored_answer_is_neither_right_nor_wrong_nor_counted():
    free = answer(None, 1)
    assert not free.scored and not free.right and free.correct_text == ""
    result = score([free, answer(0, 0)])
    assert (result.points, result.maximum, result.right, result.wrong) == (10, 10, 1, 0)


def test_nothing_answered_is_zero_not_a_division_error():
    result = score([])
    assert (result.points, result.maximum, result.percent) == (0, 0, 0)
