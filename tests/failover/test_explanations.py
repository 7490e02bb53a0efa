"""Explanations claim only what their checks tested (issue 11, item 7)."""

from __future__ import annotations

from netriage.analysis import analyze_paths
from tests.conftest import RECORDINGS

PIX535 = (RECORDINGS / "realistic/firewalls"
          / "pix535-7.2-hq-pair-primary-replaced-secondary-session.log")


def test_link_down_and_back_does_not_quote_a_105042_the_log_may_not_hold(tmp_path):
    """The check reads 105043 in the log and the link up in `show failover`; it never looked
    for `105042 Failover interface OK`, so the explanation must not say the log shows it."""
    text = "\n".join(line for line in PIX535.read_text().splitlines() if "-105042:" not in line)
    path = tmp_path / "no-105042.log"
    path.write_text(text + "\n")
    [found] = [f for f in analyze_paths([path]).findings
               if f.id == "failover.syslog-fo-if-status"]
    assert "105042" not in found.explanation
    assert "`show failover` shows it up now" in found.explanation
    assert not [e for e in found.evidence if "105042" in e.text]
