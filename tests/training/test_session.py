"""The training session on real scenarios: predictions before reveals, a hint costs once,
a question the story answers is scored, the clock, and no secret in any text it shows."""

from __future__ import annotations

import pytest

from netriage.training import ScenarioError, find_scenario
from netriage.training.postmortem import path_rows, post_mortem_lines, summary_lines
from netriage.training.session import UNDECIDED, TrainingSession


def finish(session: TrainingSession, texts: list[str] | None = None) -> None:
    while not session.finished:
        prediction = session.prediction
        if texts is not None:
            texts += [prediction.prompt, *prediction.options, session.take_hint()]
            texts += [t for _c, t in session.outputs(prediction.node)]
        session.choose(prediction.correct if prediction.correct is not None else 0)
        if texts is not None:
            texts.append(session.reveal_text())
        session.next()


def test_predict_before_reveal_and_a_hint_costs_once():
    ticks = iter(range(0, 10_000, 7))
    session = TrainingSession.open(find_scenario("failover-version-mismatch"),
                                   clock=lambda: next(ticks))
    session.begin()
    first = session.prediction
    assert first.kind == "command" and session.reveal_text() == ""  # nothing shown yet
    assert session.take_hint() and session.take_hint()  # asked twice, paid once
    with pytest.raises(ScenarioError, match="choose an option from 1 to"):
        session.choose(len(first.options))
    session.choose(first.correct)
    assert session.prediction is None and "decides it" in session.reveal_text()
    with pytest.raises(ScenarioError, match="nothing to predict"):
        session.choose(0)  # the answer shows until next()
    session.next()
    branch = session.prediction
    assert branch.kind == "branch" and branch.options[-1] == UNDECIDED
    finish(session)
    result = session.result()
    assert result.score.hints == 1 and result.score.points == result.score.maximum - 5
    assert result.seconds > 0
    assert [f.id for f in result.found] == ["failover.version-mismatch"]
    rows = path_rows(result)
    assert rows and all(row.right for row in rows)
    assert any("Software versions differ" in row.expert for row in rows)


def test_the_story_answers_the_question_and_a_valid_design_finds_nothing():
    session = TrainingSession.open(find_scenario("failover-stateless-by-design"))
    questions = []
    while not session.finished:
        prediction = session.prediction
        if prediction.kind == "answer":
            questions.append(prediction)
        # always the wrong branch at the question: scored as wrong, the walk is not changed
        pick = 0 if prediction.kind == "answer" else prediction.correct
        session.choose(pick)
        session.next()
    [question] = questions
    assert question.options == ("yes", "no") and question.correct == 1  # the story: "no"
    result = session.result()
    assert result.score.wrong == 1 and not result.found
    assert "nothing is wrong here" in "\n".join(summary_lines(result))


def test_no_secret_of_a_pasted_config_in_anything_training_shows():
    session = TrainingSession.open(find_scenario("forum-pasted-config"))
    texts: list[str] = []
    finish(session, texts)
    result = session.result()
    texts += post_mortem_lines(result) + summary_lines(result)
    shown = "\n".join(texts)
    assert "session-key" in shown  # the lines are shown ...
    for secret in ("B4nkSecr3t", "c0mpanyA!", "t3lnet", "0123456789abcdef0123456789abcdef01",
                   "fedcba9876543210fedcba98"):
        assert secret not in shown  # ... their keys masked


def test_a_scenario_with_two_walks_follows_the_fault_to_the_switch():
    session = TrainingSession.open(find_scenario("failover-link-bpduguard"))
    assert session.walk_label.startswith("Walk 1 of 2:") and "fw-branch/sec" in session.walk_label
    labels = set()
    while not session.finished:
        labels.add(session.walk_label)
        session.choose(session.prediction.correct)
        session.next()
    assert any(label.startswith("Walk 2 of 2:") and "sw-access-3" in label for label in labels)
    result = session.result()
    assert [(device, tree.id) for device, tree in result.walked] == [
        ("fw-branch/sec", "failover"), ("sw-access-3", "interfaces-errdisable")]
    assert {(f.id, f.device) for f in result.found} == {
        ("failover.lan-if-down", "fw-branch/sec"), ("iface.err-disabled-bpduguard", "sw-access-3")}
    text = "\n".join(post_mortem_lines(result))
    assert "on fw-branch/sec ──" in text and "on sw-access-3 ──" in text
    assert "Read (show interfaces status err-disabled): Gi0/6     fw-branch FOLINK" in text
