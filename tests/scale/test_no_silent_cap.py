"""Issue 13, goal 1: nothing silently cut.

A headend's SA table is read whole (no bound of its own per output); where a bound is
crossed (set low here through the environment, as a user can), the output ends in a cut mark,
its parse is partial, the checks reading it are undecided with the bound as reason, and
`netriage analyze` exits 3, never "no finding" and 0. A line too long to keep is cut with a
mark, never squeezed into a shorter line that reads as whole.
"""

from __future__ import annotations

from netriage.capture import load_paths
from netriage.capture.reader import CUT_LINE_MARK, MAX_LINE_CHARS
from netriage.capture.terminal import Budget
from netriage.parsing import PARTIAL, parse_output
from tests.scale.helpers import analyze, headend

ONE_WAY = "crypto.encaps-no-decaps"


def test_one_output_may_use_the_whole_file_bound():
    budget = Budget()
    assert budget.output_chars == budget.file_chars >= 256 * 2**20


def test_the_one_way_sa_near_the_end_is_found(tmp_path):
    path = tmp_path / "headend.log"
    one_way = headend(path, 400, one_way_at=397)
    code, report, _stderr = analyze(path)
    assert code == 1
    [finding] = [f for f in report["findings"] if f["id"] == ONE_WAY]
    assert one_way.peer in finding["title"]
    assert report["incomplete"] == []
    [command] = report["devices"][0]["commands"]
    assert (command["parsed"], command["records"]) == (True, 400)


def test_an_output_over_the_bound_is_undecided_and_exits_3(tmp_path):
    path = tmp_path / "headend.log"
    headend(path, 400, one_way_at=397)  # ~880 KB; the bound below keeps ~100 KB of it
    code, report, stderr = analyze(path, env={"NETRIAGE_MAX_OUTPUT_MB": "0.1"})
    assert code == 3
    assert not [f for f in report["findings"] if f["id"] == ONE_WAY]  # never read, not healthy
    assert "netriage: incomplete:" in stderr and "NETRIAGE_MAX_OUTPUT_MB" in stderr
    assert any("of one output" in what for what in report["incomplete"])
    [command] = report["devices"][0]["commands"]
    assert command["parsed"] == "partial"
    assert command["not_understood"][-1]["text"].startswith("! netriage: output cut short")
    reasons = [u["reason"] for u in report["undecided"]]
    assert any("`show crypto ipsec sa` was cut short: netriage keeps at most 104,857 "
               "characters of one output" in r for r in reasons), reasons


def test_a_file_over_its_bound_is_undecided_and_exits_3(tmp_path):
    path = tmp_path / "headend.log"
    headend(path, 400, one_way_at=397)
    code, report, _stderr = analyze(path, env={"NETRIAGE_MAX_FILE_MB": "0.2",
                                               "NETRIAGE_MAX_OUTPUT_MB": "10"})
    assert code == 3
    assert any("of one file" in what for what in report["incomplete"])
    assert not [f for f in report["findings"] if f["id"] == ONE_WAY]


SHOW_VERSION = ("fw1# show version\n\nCisco Adaptive Security Appliance Software Version "
                "9.16(4)\nfw1 up 41 days 3 hours\n")


def test_a_line_of_spaces_is_not_squeezed(tmp_path):
    """`a`, 80,000 spaces, `x`: kept whole (it is under the reader's cut), and too long for
    any template, so the output is partial, not the single word `a`."""
    path = tmp_path / "spaces.log"
    line = "a" + " " * 80_000 + "x"
    path.write_text(SHOW_VERSION + line + "\nfw1# show clock\n12:00:00 UTC Mon Dec 7 2026\n")
    capture = load_paths([path])
    output = capture.devices[0].find("show version").output
    assert line in output.split("\n")
    result = parse_output(output, "show version", "cisco_asa")
    assert result.status == PARTIAL
    assert any("80,002 characters" in text for _n, text in result.not_understood)


def test_a_line_over_the_reader_bound_is_cut_with_a_mark(tmp_path):
    path = tmp_path / "long.log"
    line = "a" + " " * (MAX_LINE_CHARS + 10) + "x"
    path.write_text(SHOW_VERSION + line + "\nfw1# show clock\n12:00:00 UTC Mon Dec 7 2026\n")
    capture = load_paths([path])
    output = capture.devices[0].find("show version").output
    kept = output.split("\n")[-1]
    assert kept.startswith("a ") and kept.endswith(CUT_LINE_MARK.strip())
    assert capture.cut and "line 5" in capture.cut[0]
    assert capture.devices[0].find("show clock").output.startswith("12:00:00")
    result = parse_output(output, "show version", "cisco_asa")
    assert result.status == PARTIAL
    code, report, _stderr = analyze(path)
    assert code == 3 and report["incomplete"] == capture.cut
