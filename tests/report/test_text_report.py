"""The text report as an engineer reads it, through the real CLI on real recordings."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from netriage.cli import main
from tests.conftest import DEMO, FIXTURES, RECORDINGS

FIREWALLS = RECORDINGS / "realistic" / "firewalls"
CAPTURES = RECORDINGS / "captures"
DIST_PAIR = FIREWALLS / "asa5525x-9.12-dist-pair-primary-both-active-after-power-cut-session.log"


def analyze(capsys, *args: str) -> tuple[int, str]:
    code = main(["analyze", *map(str, args)])
    return code, capsys.readouterr().out


def section(text: str, title: str) -> list[str]:
    """The lines of a report section, up to the next blank line."""
    lines = text.splitlines()
    start = lines.index(title) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


def test_a_header_per_device_with_role_worst_severity_and_counts(capsys):
    code, out = analyze(capsys, DEMO)
    assert code == 1
    assert "Device fw-edge/pri: cisco_asa 9.16(4), primary, active\n  worst MEDIUM: 1 medium\n" \
        in out
    _code, out = analyze(capsys, DIST_PAIR)
    assert "Device fw-dist/pri: cisco_asa 9.12(4)62, primary, active\n" in out
    counts = re.search(r"worst (\w+): (.*)\n", out)
    assert counts is not None and counts.group(1) == "MEDIUM"
    # the counts are the findings listed below it, by severity
    listed = re.findall(r"^\d+\. \[(\w+)\]", out, re.MULTILINE)
    assert counts.group(2) == ", ".join(f"{listed.count(s)} {s.lower()}"
                                        for s in dict.fromkeys(listed))


def test_evidence_opens_with_the_deciding_lines_then_the_rest_in_file_order(capsys):
    _code, out = analyze(capsys, DEMO)
    lines = section(out, "   Evidence (the deciding lines first):")
    lines = lines[:next(i for i, line in enumerate(lines) if not line.startswith("     "))]
    numbers = [int(re.search(r" line (\d+):", line).group(1)) for line in lines]
    # the two `Interface dmz` lines decide; `Failover On`, `Version: Ours` are the path
    assert numbers == [49, 56, 32, 34, 41, 44, 51]
    assert "Interface dmz (0.0.0.0)" in lines[1] and "Failover On" in lines[2]
    report = json.loads(analyze(capsys, DEMO, "--format", "json")[1])
    assert [e["deciding"] for e in report["findings"][0]["evidence"]] == [True] * 2 + [False] * 5


def test_fix_verify_and_rollback_are_lists_and_nothing_to_fix_is_no_fix(capsys):
    _code, out = analyze(capsys, DIST_PAIR)
    assert "! nothing to fix" not in out
    assert "Nothing to fix (asa, ftd): the mate's reasons:\n" in out
    assert "  Verify:\n       show failover\n" in out
    report = json.loads(analyze(capsys, DIST_PAIR, "--format", "json")[1])
    for finding in report["findings"]:
        for fix in finding["fix"]:
            for line in fix["verify"] + fix["rollback"]:
                if line.startswith("!"):  # `! none`: a remark, not a line to type
                    assert f"    {line}\n" not in out
                    continue
                assert f"     {line}\n" in out or f"    {line}\n" in out  # a line of its own
    assert not re.search(r"^\s+(Verify|Rollback):.*;", out, re.MULTILINE)


def test_what_would_decide_more_is_grouped_by_the_command_to_capture(capsys):
    _code, out = analyze(capsys, DEMO)
    groups = section(out, "What would decide more:")
    assert groups == [
        "  - fw-edge/pri: capture `show interface` to decide 7 more checks: interface "
        "configuration, duplex, error counters, hard-coded speeds, link stability, interface "
        "state, ...",
        "  - fw-edge/pri: capture `show running-config` to decide 6 more checks: management "
        "access, ACLs, passwords, keys, services, incomplete lines"]


def test_filtered_and_partial_outputs_are_named_and_a_captured_command_is_not_asked_for(
        capsys):
    _code, out = analyze(capsys, CAPTURES / "securecrt-asa-timestamped.log")
    assert ("capture `more system:running-config` (only `more system:running-config | i "
            "pre-shared-key|snmp-server|enable password|username` (filtered) was captured)"
            in out) or ("capture `show running-config` (only" in out)
    _code, out = analyze(capsys, CAPTURES / "terminal-asa-pair.log")
    # `show failover` was captured on both units: never asked for, said why it did not decide
    assert "capture `show failover`" not in out
    assert "fw-dc1/sec: `show failover` was captured but does not tell (is the stateful " \
        "failover link configured and up)" in out
    assert "(only `more system:running-config | b tunnel-group` (filtered) was captured)" in out


def test_no_internal_names_and_only_the_platforms_own_commands(capsys):
    # every firewall recording in one batch: ASA, FTD and PIX, none told an IOS command
    code, out = analyze(capsys, FIREWALLS)
    assert code == 1
    totals = set(re.findall(r"^=== .* \(\d+ of (\d+)\) ===$", out, re.MULTILINE))
    assert len(totals) == 1 and int(totals.pop()) >= 35  # one report per capture
    assert not re.search(r"\b[a-z_]+\.[a-z_.]+ is not known", out)  # a fact's name
    for wrong in ("failover.state_link", "capture `show interfaces",
                  "capture `show ip interface brief`", "capture `show line",
                  "was not captured"):
        assert wrong not in out, wrong
    # but the ASA's own interface command is asked for
    assert "capture `show interface` to decide" in out


def test_what_would_decide_more_fits_a_screen(capsys):
    _code, out = analyze(capsys, "--merge", FIREWALLS)
    lines = section(out, "What would decide more:")
    assert len(lines) == 21
    more = re.fullmatch(r"  \.\.\. and (\d+) more group\(s\) \(--format json lists every "
                        r"check\)", lines[-1])
    assert more is not None and int(more.group(1)) > 20


def test_every_open_question_with_its_answer_form_and_choices(capsys):
    path = FIREWALLS / "asa5506x-9.12-shop-base-licence-no-failover-session.log"
    report = json.loads(analyze(capsys, path, "--format", "json")[1])
    questions = [u for u in report["undecided"] if u["question"]]
    assert questions
    _code, out = analyze(capsys, path)
    for q in questions:
        choices = ", ".join(q["choices"])
        assert (f"      --answer {q['tree']}.{q['node']}=ANSWER   (ANSWER is one of: "
                f"{choices})") in out
    assert "      --answer failover.meant-to-be-a-pair=ANSWER   (ANSWER is one of: yes, no)" \
        in out


@pytest.mark.parametrize(("answer", "words"), [
    ("nosuch.node=yes", "no tree 'nosuch' asks a question; trees with questions: "),
    ("failover.failover-on=yes", "'failover-on' is not a question of failover; its "
                                 "questions: meant-to-be-a-pair"),
    ("failover.meant-to-be-a-pair=maybe", "'maybe' is not an answer to "
                                          "failover.meant-to-be-a-pair; answer one of: yes, no"),
    ("failover.meant-to-be-a-pair", "must look like TREE.NODE=ANSWER"),
])
def test_a_wrong_answer_is_exit_2_naming_the_valid_ones(answer, words):
    result = subprocess.run([sys.executable, "-m", "netriage", "analyze",
                             str(FIXTURES / "failover" / "not-configured.log"), "--answer",
                             answer], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert words in line and "Traceback" not in result.stderr
    if "trees with questions" in words:
        assert "failover, " in line or "failover-onsite" in line


def test_a_right_answer_settles_the_question(capsys):
    path = FIXTURES / "failover" / "not-configured.log"
    _code, before = analyze(capsys, path)
    assert "--answer failover.meant-to-be-a-pair=ANSWER" in before
    code, after = analyze(capsys, path, "--answer", "failover.meant-to-be-a-pair=yes")
    assert "--answer failover.meant-to-be-a-pair=ANSWER" not in after
    assert code == 1 and "failover.not-configured" in after
