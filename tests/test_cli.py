"""`netriage analyze` as a user runs it: a real subprocess, real files, exit codes."""

import json
import subprocess
import sys

import pytest

from tests.conftest import DEMO, FIXTURES, RECORDINGS, SHARED

ROOT_REALISTIC = RECORDINGS / "realistic" / "firewalls"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "netriage", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def test_demo_has_a_medium_finding_so_exit_1():
    result = run("analyze", str(DEMO))
    assert result.returncode == 1
    assert "failover.standby-ip-missing" in result.stdout
    assert result.stderr == ""


def test_healthy_capture_exits_0():
    result = run("analyze", str(FIXTURES / "failover" / "healthy-pair.log"))
    assert result.returncode == 0, result.stderr
    assert "No findings" in result.stdout
    # only `show failover` was captured: the checks of other outputs stay open, never "healthy"
    assert "does not show the devices healthy" in result.stdout


def test_json_contract(tmp_path):
    out = tmp_path / "report.json"
    result = run("analyze", str(DEMO), "--format", "json", "--output", str(out))
    assert result.returncode == 1
    assert result.stdout == ""
    report = json.loads(out.read_text())
    assert set(report) >= {"netriage", "sources", "devices", "findings", "pairs"}
    assert report["pairs"] == []
    [device] = report["devices"]
    assert {"hostname", "platform", "commands"} <= set(device)
    failover = next(c for c in device["commands"] if c["command"] == "show failover")
    assert failover == {**failover, "parsed": True, "records": 1,
                        "template": "netriage:cisco_asa_show_failover.textfsm"}
    [finding] = report["findings"]
    assert set(finding) >= {"id", "severity", "title", "device", "evidence", "explanation",
                            "fix"}
    assert finding["severity"] in ("info", "low", "medium", "high", "critical")
    assert {"command", "line", "text"} <= set(finding["evidence"][0])
    assert {"platform", "commands", "verify", "rollback"} <= set(finding["fix"][0])


def test_markdown_report():
    result = run("analyze", str(FIXTURES / "failover" / "disabled.log"), "--format", "markdown")
    assert result.returncode == 1
    assert result.stdout.startswith("# netriage report")
    assert "### HIGH: Failover is configured but switched off" in result.stdout


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", "is empty"), (b"\x00\x01\x02" * 100, "binary"),
     (b"dear team, the firewall is broken\n", "no command after a device prompt")],
)
def test_bad_input_exit_2_with_one_sentence(tmp_path, content, words):
    path = tmp_path / "input.log"
    path.write_bytes(content)
    result = run("analyze", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert str(path) in line and words in line
    assert "Traceback" not in result.stderr


def test_capture_of_unknown_commands_is_nothing_i_can_analyse(tmp_path):
    path = tmp_path / "unknown.log"
    path.write_text("box# show widgets\nwidget 1 ok\nbox#\n")
    result = run("analyze", str(path))
    assert result.returncode == 2
    assert "nothing I can analyse" in result.stderr


def test_unknown_platform_is_a_clear_error():
    result = run("analyze", str(DEMO), "--platform", "juniper")
    assert result.returncode == 2
    assert "unknown platform 'juniper'" in result.stderr


def test_platform_override():
    result = run("analyze", str(FIXTURES / "failover" / "disabled.log"), "--platform",
                 "cisco_ftd", "--format", "json")
    assert json.loads(result.stdout)["devices"][0]["platform"] == "cisco_ftd"


def test_catalog_ids_exist_in_shared_catalog(shared_dir):
    catalog = (SHARED / "fault-catalog.md").read_text()
    result = run("analyze", str(DEMO), "--format", "json")
    for finding in json.loads(result.stdout)["findings"]:
        assert f"| {finding['id']} |" in catalog


def test_parse_shows_records_and_status():
    result = run("parse", str(FIXTURES / "failover" / "disabled.log"), "--format", "json")
    assert result.returncode == 0, result.stderr
    [item] = json.loads(result.stdout)
    assert item["command"] == "show failover" and item["status"] == "parsed"
    assert item["records"][0]["state"] == "Off"


def test_parse_bare_output_with_command(tmp_path):
    raw = tmp_path / "out.txt"
    raw.write_text("Failover On\nFailover unit Secondary\nmystery line\n")
    result = run("parse", str(raw), "--command", "sh fail", "--platform", "asa",
                 "--format", "json")
    [item] = json.loads(result.stdout)
    assert item["command"] == "show failover"
    assert item["status"] == "partial"
    assert item["not_understood"] == [{"line": 3, "text": "mystery line"}]


def test_parse_bare_output_needs_a_platform(tmp_path):
    raw = tmp_path / "out.txt"
    raw.write_text("Failover On\n")
    result = run("parse", str(raw), "--command", "show failover")
    assert result.returncode == 2
    assert "--command needs --platform" in result.stderr


def test_a_guessed_platform_names_the_line_that_told_it():
    # a PIX 6.3 `show failover` pasted without `show version`: the PIX-only line decides
    paste = FIXTURES.parent / "pasted" / "pix63-failover-no-show-version-post.txt"
    result = run("analyze", str(paste))
    assert "Device pix-lyon: cisco_pix" in result.stdout
    assert "platform guessed from output shape: PIX 6.x output (show failover: 'Cable status:" \
        in result.stdout
    # `show version` tells outright: nothing to explain
    assert "guessed" not in run("analyze", str(DEMO)).stdout


def test_reports_keep_the_deciding_evidence_and_count_the_rest():
    from netriage.analysis import analyze_paths
    from netriage.engine.findings import Evidence
    from netriage.report.model import EVIDENCE_SHOWN, report_dict
    from netriage.report.render import render_report

    analysis = analyze_paths([DEMO])
    finding = analysis.findings[0]
    deciding = finding.evidence[0]
    finding.evidence += [Evidence("show logging", 100 + n, f"line {n}") for n in range(40)]
    total = len(finding.evidence)
    [kept] = [f for f in report_dict(analysis)["findings"] if f["id"] == finding.id]
    assert len(kept["evidence"]) == EVIDENCE_SHOWN and kept["evidence_total"] == total
    assert kept["evidence"][0]["text"] == deciding.text  # the deciding line stays first
    text = render_report(analysis, "text")
    assert f"... and {total - EVIDENCE_SHOWN} more line(s)" in text


def test_undecided_checks_are_grouped_by_what_would_decide_them():
    # only `show failover`: the config checks wait for one command, said once with a count
    result = run("analyze", str(FIXTURES / "failover" / "disabled.log"))
    assert "capture `show running-config` to decide 6 more checks: management access" \
        in result.stdout
    assert result.stdout.count("show running-config` was not captured") == 0
    # a question is printed with the --answer that settles it
    standalone = run("analyze", str(ROOT_REALISTIC /
                                    "asa5506x-9.12-shop-base-licence-no-failover-session.log"))
    assert "--answer failover.meant-to-be-a-pair=ANSWER   (ANSWER is one of: yes, no)" \
        in standalone.stdout


def test_help_describes_the_tui_and_its_options():
    result = run("--help")
    assert result.returncode == 0
    for words in ("netriage [PATH...]", "--demo", "--resume FILE", "the TUI (interactive)",
                  "analyze (analyse)", "2 bad input"):
        assert words in result.stdout, words
    analyze = " ".join(run("analyze", "--help").stdout.split())
    assert "exit codes:" in analyze
    assert "an --answer that answers no question" in analyze
    assert "--format {text,markdown,html,json}" in analyze


def test_analyse_is_an_alias_of_analyze():
    british, american = run("analyse", str(DEMO)), run("analyze", str(DEMO))
    assert british.returncode == american.returncode == 1
    assert british.stdout == american.stdout and "does not exist" not in british.stderr
