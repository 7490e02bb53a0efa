"""Partial is not nothing: an output with a line no template understood still gives every
fact it holds; only what the unread line could change is undecided, and every view says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from netriage.analysis import analyze_paths
from netriage.engine.expr import Namespace, PartialUnknown, Unknown, evaluate, evaluate_as_read
from netriage.engine.findings import PartialSource
from netriage.report import render_report

PROMPT = "edge-fw/pri/act# "


def show_failover(mate_state: str = "Standby Ready", mate_inside: str = "Normal",
                  extra: str = "", state_link: str = "folink GigabitEthernet0/3 (up)",
                  failover_line: str = "Failover On", mate_dmz: str = "") -> str:
    """A `show failover` as an ASA 9.x prints it (written here, not copied), with `extra`
    inserted after the timers and `mate_dmz` replacing the mate's dmz line."""
    dmz = mate_dmz or "                  Interface dmz (192.0.2.130): Normal (Monitored)"
    lines = [
        f"{PROMPT}show failover", failover_line, "Failover unit Primary",
        "Failover LAN Interface: folink GigabitEthernet0/3 (up)",
        "Reconnect timeout 0:00:00",
        "Unit Poll frequency 1 seconds, holdtime 15 seconds",
        "Interface Poll frequency 5 seconds, holdtime 25 seconds",
        "Interface Policy 1", "Monitored Interfaces 3 of 1049 maximum",
        *([extra] if extra else []),
        "Version: Ours 9.18(3)56, Mate 9.18(3)56",
        "Serial Number: Ours JAD2219001A, Mate JAD2219001B",
        "Last Failover at: 09:12:44 UTC Mar 3 2026",
        "        This host: Primary - Active",
        "                Active time: 5040 (sec)",
        "                slot 0: FPR-2130 hw/sw rev (1.2/9.18(3)56) status (Up Sys)",
        "                  Interface outside (198.51.100.10): Normal (Monitored)",
        "                  Interface inside (10.20.0.1): Normal (Monitored)",
        "                  Interface dmz (192.0.2.129): Normal (Monitored)",
        f"        Other host: Secondary - {mate_state}",
        "                Active time: 0 (sec)",
        "                slot 0: FPR-2130 hw/sw rev (1.2/9.18(3)56) status (Up Sys)",
        "                  Interface outside (198.51.100.11): Normal (Monitored)",
        f"                  Interface inside (10.20.0.2): {mate_inside} (Monitored)",
        dmz,
        "",
        "Stateful Failover Logical Update Statistics",
        f"        Link : {state_link}",
        "        Stateful Obj    xmit       xerr       rcv        rerr",
        "        General         81233      0          80120      0",
        "        sys cmd         80120      0          80120      0",
        "",
        "        Logical Update Queue Information",
        "                        Cur     Max     Total",
        "        Recv Q:         0       12      80120",
        "        Xmit Q:         0       9       161353",
        PROMPT.rstrip(),
    ]
    return "\n".join(lines) + "\n"


def write(tmp_path: Path, text: str, name: str = "fw.log") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().split("\n"), 1) if text in line)


FOREIGN = "Failover replication quantum: 7 frames per burst (experimental)"
# a mate interface line in a shape no release prints: it could be the Failed one
GARBLED = "                  Intf dmz (192.0.2.130) = Normal, Monitored"


def test_a_foreign_line_in_show_failover_still_gives_mate_failed_and_says_so(tmp_path):
    path = write(tmp_path, show_failover("Failed", "Failed", extra=FOREIGN))
    analysis = analyze_paths([path], platform="cisco_asa")
    [finding] = [f for f in analysis.findings if f.id == "failover.mate-failed"]
    [partial] = finding.partial
    assert (partial.command, partial.count) == ("show failover", 1)
    assert partial.lines == ((line_of(path, FOREIGN), FOREIGN),)
    assert partial.note == "a partial `show failover`: 1 line not understood"
    # the finding's own evidence still points at the lines that were read
    assert any(e.line == line_of(path, "Other host: Secondary - Failed")
               for e in finding.evidence)


def test_a_state_link_line_not_understood_leaves_only_its_check_undecided(tmp_path):
    state_link = "folink GigabitEthernet0/3 (up) [peer unreachable since 09:12]"
    path = write(tmp_path, show_failover("Failed", "Failed", state_link=state_link))
    analysis = analyze_paths([path], platform="cisco_asa")
    assert "failover.mate-failed" in [f.id for f in analysis.findings]
    undecided = {u.node: u for u in analysis.undecided if u.tree == "failover-sync"}
    state = [u for u in undecided.values() if "state_link" in u.reason]
    assert state and "partial `show failover`" in state[0].reason
    assert "failover.state-link-down" not in [f.id for f in analysis.findings]


def test_an_interface_list_with_an_unread_line_is_unknown_not_healthy(tmp_path):
    # the mate's dmz line is not understood: it could be the Failed or No Link one
    healthy = analyze_paths([write(tmp_path, show_failover(), "healthy.log")],
                            platform="cisco_asa")
    partial = analyze_paths([write(tmp_path, show_failover(mate_dmz=GARBLED), "partial.log")],
                            platform="cisco_asa")
    assert not [f for f in healthy.findings if f.tree.startswith("failover")]
    assert not [u for u in healthy.undecided if u.tree == "failover-interfaces"]
    assert not [f for f in partial.findings if f.tree.startswith("failover")]
    nodes = {u.node for u in partial.undecided if u.tree == "failover-interfaces"}
    assert {"no-link", "if-failed-check"} <= nodes
    text = render_report(partial)
    assert "No findings.\n" not in text
    assert "could not be decided" in text


def test_a_failed_interface_that_was_read_still_concludes(tmp_path):
    # this unit's inside line fails while the mate's dmz line was not understood
    text = show_failover(mate_dmz=GARBLED).replace(
        "Interface inside (10.20.0.1): Normal", "Interface inside (10.20.0.1): Failed")
    analysis = analyze_paths([write(tmp_path, text)], platform="cisco_asa")
    [finding] = [f for f in analysis.findings if f.id == "failover.if-failed"]
    assert [p.command for p in finding.partial] == ["show failover"]


def test_a_boolean_from_an_unread_line_is_unknown(tmp_path):
    path = write(tmp_path, show_failover(failover_line="Failover state = On"))
    analysis = analyze_paths([path], platform="cisco_asa")
    [main] = [u for u in analysis.undecided if u.tree == "failover"]
    assert main.node == "failover-on"
    assert "failover.enabled was not read" in main.reason
    assert "partial `show failover`" in main.reason
    assert not [f for f in analysis.findings if f.tree.startswith("failover")]


def test_reports_show_the_partial_note_and_the_lines_not_understood(tmp_path):
    path = write(tmp_path, show_failover("Failed", "Failed", extra=FOREIGN))
    analysis = analyze_paths([path], platform="cisco_asa")
    number = line_of(path, FOREIGN)
    text = render_report(analysis, "text")
    assert f"    not understood, line {number}: {FOREIGN}" in text
    assert "Drawn from a partial `show failover`: 1 line not understood" in text
    markdown = render_report(analysis, "markdown")
    assert f"  - not understood, line {number}: `{FOREIGN}`" in markdown
    assert "> Drawn from a partial `show failover`: 1 line not understood" in markdown
    report = json.loads(render_report(analysis, "json"))
    [command] = [c for d in report["devices"] for c in d["commands"]
                 if c["command"] == "show failover"]
    assert command["parsed"] == "partial"
    [line] = command["not_understood"]
    assert line["source_line"] == number and line["text"] == FOREIGN
    assert line["line"] == number - 1  # in the output: the command sits on line 1
    [finding] = [f for f in report["findings"] if f["id"] == "failover.mate-failed"]
    assert finding["partial"] == [{
        "command": "show failover", "not_understood": 1, "source": str(path),
        "note": "drawn from a partial `show failover`: 1 line not understood",
        "lines": [{"line": number, "text": FOREIGN}]}]
    assert report["devices"][0]["undecided"] == len(
        [u for u in report["undecided"] if u["device"] == report["devices"][0]["hostname"]])


def test_many_lines_not_understood_are_capped_with_a_count(tmp_path):
    extra = "\n".join(f"Failover widget {n}: enabled (experimental)" for n in range(14))
    analysis = analyze_paths([write(tmp_path, show_failover(extra=extra))],
                             platform="cisco_asa")
    text = render_report(analysis, "text")
    assert text.count("    not understood, line ") == 10
    assert "... and 4 more line(s) not understood" in text


# -- the logic over lists of a partial output ----------------------------------------------

SOURCE = PartialSource("show thing", 2, "cap.log", ((7, "??"),))


@dataclass
class Row:
    name: str
    bad: bool


@dataclass
class Thing:
    rows: list[Row] = field(default_factory=list)
    flag: bool | None = None
    config_rows: list[Row] = field(default_factory=list)
    PARTIAL_READS = {"config_rows": ("show running-config",)}


def partial_namespace(thing: Thing) -> Namespace:
    return Namespace(lambda name: (thing, ("show thing",)), partial=lambda name: (SOURCE,))


@pytest.mark.parametrize(("source", "rows"), [
    ("len(t.rows) > 0", []), ("len(t.rows) == 0", []), ("any(r.bad for r in t.rows)", []),
    ("any(r.bad for r in t.rows)", [Row("a", False)]), ("all(not r.bad for r in t.rows)", []),
    ("not t.rows", []), ("len(t.rows) + len(t.rows) > 0", []), ("len(t.rows) > 1", [Row("a", 1)]),
])
def test_no_row_qualifies_is_not_certain_over_a_partial_list(source, rows):
    namespace = partial_namespace(Thing(rows))
    with pytest.raises(PartialUnknown, match="partial `show thing`: 2 lines not understood"):
        evaluate(source, namespace)
    evaluate_as_read(source, namespace)  # as read, it has a value: walking goes on


@pytest.mark.parametrize(("source", "expected"), [
    ("len(t.rows) > 0", True), ("len(t.rows) == 0", False), ("len(t.rows) != 0", True),
    ("any(r.bad for r in t.rows)", True), ("all(not r.bad for r in t.rows)", False),
    ("0 < len(t.rows)", True), ("len([r for r in t.rows if r.bad]) > 0", True),
    ("len(t.config_rows) == 0", True),  # the partial output does not feed this list
])
def test_a_row_that_was_read_still_concludes(source, expected):
    rows = [Row("a", False), Row("b", True)]
    assert evaluate(source, partial_namespace(Thing(rows))) is expected


def test_a_field_not_read_from_a_partial_output_is_unknown_naming_it():
    with pytest.raises(Unknown, match=r"t.flag was not read: drawn from a partial `show thing`"):
        evaluate("t.flag", partial_namespace(Thing()))


def test_without_partial_outputs_lists_are_certain():
    namespace = Namespace(lambda name: (Thing([]), ("show thing",)))
    assert evaluate("len(t.rows) == 0 and not any(r.bad for r in t.rows)", namespace) is True
