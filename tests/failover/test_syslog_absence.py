"""A filtered log cannot show that a message was not logged (issue 11, item 3).

`syslog-switching-active` is reported only when no silent mate (103001) and no failed unit
(104003) explains the takeover. With the whole `show logging` read, their absence is
read; with `show logging | include 104001` it is not, so the check stays undecided and says
why, instead of concluding from what the filter hid.
"""

from __future__ import annotations

from pathlib import Path

from netriage.analysis import analyze_paths
from tests.failover.conftest import FAILOVER

SOURCE = FAILOVER / "syslog-switching-active.log"


def _filtered(tmp_path: Path) -> Path:
    """The same session with the log typed through a filter that keeps only 104001."""
    lines = SOURCE.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.endswith("# show logging"))
    end = next(i for i in range(start + 1, len(lines)) if "# " in lines[i]
               and lines[i].split("# ", 1)[0].endswith(("act", "stby", "fw")))
    kept = [line for line in lines[start + 1:end] if "-104001:" in line]
    assert kept, "the fixture logs a takeover"
    out = tmp_path / "switching-active-filtered.log"
    out.write_text("\n".join(lines[:start] + [lines[start] + " | include 104001"] + kept
                             + lines[end:]) + "\n")
    return out


def test_whole_log_shows_the_absence_and_reports_the_takeover():
    ids = {f.id for f in analyze_paths([SOURCE]).findings}
    assert "failover.syslog-switching-active" in ids


def test_filtered_log_leaves_the_takeover_undecided_with_the_reason(tmp_path):
    analysis = analyze_paths([_filtered(tmp_path)])
    assert "failover.syslog-switching-active" not in {f.id for f in analysis.findings}
    open_checks = [u for u in analysis.undecided
                   if u.node == "switch-active-explained-check"]
    assert len(open_checks) == 1, [(u.node, u.reason) for u in analysis.undecided]
    assert "complete, unfiltered `show logging`" in open_checks[0].reason
    assert "show logging" in open_checks[0].commands


def test_a_logged_cause_still_decides_through_a_filter(tmp_path):
    """A 103001 that is shown needs no complete log: the takeover is explained, not open."""
    text = _filtered(tmp_path).read_text().replace(
        " | include 104001\n", " | include 10400[1]|103001\n", 1)
    takeover = next(line for line in text.splitlines() if "-104001:" in line)
    silent = takeover.split("%ASA")[0] + "%ASA-1-103001: (Secondary) No response from other " \
                                         "firewall (reason code = 1)."
    path = tmp_path / "with-103001.log"
    path.write_text(text.replace(takeover, silent + "\n" + takeover, 1))
    analysis = analyze_paths([path])
    assert "failover.syslog-switching-active" not in {f.id for f in analysis.findings}
    assert not [u for u in analysis.undecided if u.node == "switch-active-explained-check"]
