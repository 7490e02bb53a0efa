"""Explanations claim only what their checks tested (issue 11, item 7)."""

from __future__ import annotations

from netriage.analysis import analyze_paths
from tests.conftest import RECORDINGS

PIX535 = (RECORDINGS / "realistic/firewalls"
          / "pix535-7.2-hq-pair-primary-replaced-secondary-session.log")


def _finding(path, finding_id: str, answers: dict[str, str] | None = None):
    """The one finding of `finding_id` an analysis of `path` gives."""
    [found] = [f for f in analyze_paths([path], answers=answers).findings
               if f.id == finding_id]
    return found


def test_link_down_and_back_does_not_quote_a_105042_the_log_may_not_hold(tmp_path):
    """The check reads 105043 in the log and the link up in `show failover`; it never looked
    for `105042 Failover interface OK`, so the explanation must not say the log shows it."""
    text = "\n".join(line for line in PIX535.read_text().splitlines() if "-105042:" not in line)
    path = tmp_path / "no-105042.log"
    path.write_text(text + "\n")
    found = _finding(path, "failover.syslog-fo-if-status")
    assert "105042" not in found.explanation
    assert "`show failover` shows it up now" in found.explanation
    assert not [e for e in found.evidence if "105042" in e.text]


FLAPPING = RECORDINGS / "fixtures/failover/flapping.log"


def _tree_findings(path, tree: str, finding_id: str):
    """The findings one tree raised, before two trees' findings of one id are merged."""
    return [f for item in analyze_paths([path]).devices for walk in item.walks
            if walk.tree.id == tree for f in walk.findings if f.id == finding_id]


def test_flapping_said_from_105037_does_not_claim_the_history_shows_it(tmp_path):
    """flap-check passes on four changes of the active role within an hour, or on 105037 in a
    complete log. With the history cut to one round trip, only the log says the pair flaps:
    the finding must not claim the history shows it, nor quote a count of changes."""
    lines = FLAPPING.read_text().splitlines()
    cut = lines.index("10:19:02 UTC Nov 24 2026")
    text = "\n".join(lines[:cut] + [
        "=" * 74,
        "mall-fw/pri/act# show logging",
        "Syslog logging: enabled",
        "Nov 24 2026 10:19:05: %ASA-1-105037: The primary and standby units are switching back"
        " and forth as the active unit.",
        "mall-fw/pri/act# "])
    path = tmp_path / "flapping-log-only.log"
    path.write_text(text + "\n")
    [found] = _tree_findings(path, "failover-history", "failover.flapping")
    assert found.title == "The active role moves back and forth (105037 in the log)"
    assert "The history shows" not in found.explanation
    assert "changes within an hour" not in found.title
    assert "the history shows fewer than two round trips" in found.explanation
    assert any("105037" in e.text for e in found.evidence)


def test_flapping_from_the_history_quotes_its_count():
    [found] = _tree_findings(FLAPPING, "failover-history", "failover.flapping")
    assert found.title == "The active role moves back and forth (4 changes within an hour)"
    assert found.explanation.startswith("The history shows this unit becoming")


def test_hello_not_heard_quotes_the_row_it_read_and_its_time_once():
    """The check reads the reason of a history row, not where the row went: the explanation
    quotes the transition instead of telling that this unit took over, and the evidence shows
    the row's time (printed once above each row of the burst: cited once)."""
    path = RECORDINGS / "fixtures/failover/history-hello-not-heard.log"
    found = _finding(path, "failover.history-hello-not-heard")
    assert "took over" not in found.explanation
    assert "records `HELLO not heard from mate` (Standby Ready → Just Active)" in (
        found.explanation)
    assert found.title == "HELLO not heard from the mate (02:14:07 UTC Nov 21 2026)"
    times = [e for e in found.evidence if e.text == "02:14:07 UTC Nov 21 2026"]
    assert len(times) == 1
    lines = path.read_text().splitlines()
    assert "HELLO not heard from mate" in lines[times[0].line]  # the row under that time


def test_configuration_mismatch_does_not_say_who_ran_write_standby():
    path = RECORDINGS / "fixtures/failover/history-config-mismatch.log"
    found = _finding(path, "failover.history-config-mismatch")
    assert "someone ran" not in found.explanation
    assert "the history does not say who ran it" in found.explanation
    assert "(Standby Ready → Cold Standby)" in found.explanation


NO_MATE = RECORDINGS / "fixtures/failover/lan-link-no-mate.log"
_MATE_ACTIVE = {"failover-onsite.mate-also-active": "yes", "failover-onsite.through-switch": "no",
                "failover-onsite.same-key": "yes"}


def test_split_brain_says_both_active_only_when_this_unit_is(tmp_path):
    """The question asks whether the mate is active; whether this unit is comes from `show
    failover`. A unit in Cold Standby that does not detect an active mate is not (yet) half of
    a split brain, and the finding must not say that both units are active."""
    found = _finding(NO_MATE, "failover.split-brain", answers=_MATE_ACTIVE)
    assert found.title == "Split brain: both units are active"
    assert "this unit is Active and does not detect it" in found.explanation

    text = NO_MATE.read_text().replace("This host: Primary - Active",
                                       "This host: Primary - Cold Standby")
    assert text != NO_MATE.read_text()
    path = tmp_path / "cold-standby-no-mate.log"
    path.write_text(text)
    found = _finding(path, "failover.split-brain", answers=_MATE_ACTIVE)
    assert found.title == "The mate is active and this unit (Cold Standby) does not detect it"
    assert "both units are active" not in (found.title + found.explanation).lower()
    assert "this unit is Cold Standby" in found.explanation
    assert any(e.text.startswith("This host: Primary - Cold Standby") for e in found.evidence)


def test_tight_timers_quote_the_hello_rows_instead_of_saying_this_unit_failed_over():
    path = RECORDINGS / "fixtures/failover/polltime-aggressive.log"
    found = _finding(path, "failover.polltime-aggressive")
    assert "This unit failed over because" not in found.explanation
    # two rows of the same transition are said once
    assert "records `HELLO not heard from mate` (Standby Ready → Just Active), with timers" in (
        found.explanation)
    assert "unit poll 200 milliseconds, hold 800 milliseconds" in found.explanation
