"""A whole training run in the real TUI at 80×24, driven by keys: read the story, predict
right, take a hint, predict wrong, choose with Enter, reach the end; the score, the path
beside the expert's and the post-mortem show, and the run is saved to the user's history."""

from __future__ import annotations

import json

from textual.widgets import Static

from netriage.training import find_scenario
from netriage.training.progress import progress_path
from netriage.tui.screens.training import TrainingOptions, TrainingScreen
from netriage.tui.training_app import TrainingApp
from tests.tui.helpers import options, text, until

SIZE = (80, 24)


def shown(app: TrainingApp) -> str:
    return text(app.screen.query_one("#training-text", Static))


async def opened(pilot) -> TrainingScreen:
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, TrainingScreen)
                and app.screen.state == "intro", "the scenario's story")
    return app.screen


def option_number(app: TrainingApp, starts: str) -> str:
    for number, label in enumerate(options(app, "#training-options"), 1):
        if label.split(" ", 1)[1].startswith(starts):
            return str(number)
    raise AssertionError(f"no option starting {starts!r} in {options(app, '#training-options')}")


async def test_a_whole_training_run_at_80x24():
    scenario = find_scenario("failover-standby-ip-missing")
    app = TrainingApp(scenario)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        intro = shown(app)
        assert scenario.title in intro and "monitoring team" in intro  # the story
        assert "Read the per-interface lines" in intro  # a goal
        # findings stay hidden: neither the fault nor the finding's words show yet
        assert "standby-ip-missing" not in intro and "Interfaces without a standby" not in intro

        await pilot.press("n")
        assert screen.state == "predict"
        assert "Which command?" in shown(app) and "Is failover switched on?" in shown(app)
        listed = app.screen.query_one(TrainingOptions)
        assert listed.display and listed.region.bottom <= SIZE[1] - 1  # above the footer
        # predict right: the output that decides it is show failover
        await pilot.press(option_number(app, "show failover"))
        assert screen.state == "revealed"
        assert "✓ Right: show failover" in shown(app)
        assert "Failover On" in shown(app)  # the line it read
        assert not listed.display  # options hidden while the answer shows

        await pilot.press("n")  # which branch? take a hint, then predict wrong
        assert "Which branch?" in shown(app)
        right = screen.session.prediction.correct
        await pilot.press("h")
        assert "Hint (−5)" in shown(app)
        wrong = 2 if right != 1 else 1  # any option but the right one (numbers start at 1)
        await pilot.press(str(wrong))
        assert "✗ Not quite" in shown(app) and "the answer is" in shown(app)
        assert "Why:" in shown(app)  # the node's explanation

        # the rest right; one with Up/Down and Enter instead of a number key
        used_enter = went_on_with_enter = False
        while screen.state != "finished":
            if used_enter and not went_on_with_enter:
                await pilot.press("enter")  # Enter goes on too, once the answer shows
                went_on_with_enter = True
                assert screen.state in ("predict", "finished")
            else:
                await pilot.press("n")
            if screen.state != "predict":
                continue
            correct = screen.session.prediction.correct
            if "Does every interface have a standby address?" in shown(app) \
                    and "Which branch?" in shown(app):
                # the deciding lines are in the finding: the trainee reads the output itself
                assert "o shows the output of `show failover`" in shown(app)
                await pilot.press("o")
                assert "── show failover ──" in shown(app)
                assert "Interface guest (0.0.0.0): Normal (Waiting)" in shown(app)
            if not used_enter and correct is not None and correct > 0:
                for _ in range(correct):
                    await pilot.press("down")
                await pilot.press("enter")
                used_enter = True
            else:
                await pilot.press(str((correct or 0) + 1))
            assert "✓ Right" in shown(app)
        assert used_enter and went_on_with_enter

        end = shown(app)
        answers = screen.session.answers
        assert len(answers) == 9 and sum(a.right for a in answers) == 8
        assert "Score 75/90 (83%)" in end  # 8 right × 10 − 1 hint × 5
        assert "1 wrong, 1 hint(s)" in end
        assert "failover.standby-ip-missing ✓ found" in end
        assert "Your path beside the expert's" in end and "Expert path" in end
        assert "Post-mortem" in end
        assert "Interfaces without a standby address: guest" in end  # now revealed
        assert "✗ Branch: you chose" in end and "(hint taken)" in end
        assert "Read (show failover): Interface guest (0.0.0.0): Normal (Waiting)" in end

        await until(pilot, lambda: screen.saved is not None, "the progress saved")
        data = json.loads(progress_path().read_text())
        assert data["format"] == 1
        [run] = data["history"]
        assert (run["scenario"], run["points"], run["maximum"], run["percent"],
                run["hints"]) == (scenario.id, 75, 90, 83, 1)
        assert any("saved to your training history" in m for _s, m in app.notices)


async def test_escape_does_not_leave_training_for_the_findings():
    app = TrainingApp(find_scenario("failover-version-mismatch"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(pilot)
        await pilot.press("n", "escape")
        assert app.screen is screen and screen.state == "predict"
        assert not screen.check_action("next", ())  # predict first: no skipping ahead
        await pilot.press("9")  # no such option: nothing happens
        assert screen.state == "predict" and not screen.session.answers


async def test_a_scenario_whose_captures_lack_its_fault_says_so_on_screen(tmp_path):
    import shutil

    from netriage.training import load_scenario
    from tests.conftest import FIXTURES

    folder = tmp_path / "healthy-pair"
    folder.mkdir()
    shutil.copy(FIXTURES / "failover" / "healthy-asa-pair.log", folder / "fw.log")
    (folder / "scenario.yaml").write_text(
        "id: healthy-pair\ntitle: T\nlevel: beginner\ngoals: [g]\nstory: s\n"
        "faults: [failover.version-mismatch]\ncaptures: [fw.log]\n")
    app = TrainingApp(load_scenario(folder))
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: getattr(app.screen, "state", "") == "failed", "the refusal")
        said = shown(app)
        assert "cannot be trained on" in said
        assert "do not give failover.version-mismatch" in said
        await pilot.press("n", "1")  # nothing to start or choose
        assert app.screen.state == "failed"
