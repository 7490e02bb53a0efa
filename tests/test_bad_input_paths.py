"""Bad input beside the common path: one sentence and its documented exit code, never a
traceback, never a hang, never a damaged output read as a whole one.

Every case runs the real command line (`netriage.cli.main`) on real files written here.
"""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netriage.capture import load_paths
from netriage.cli import main
from netriage.errors import NetriageError
from netriage.parsing.runner import MAX_LINE, PARTIAL, parse_output
from tests.conftest import RECORDINGS

IOS = RECORDINGS / "lab" / "ios-router.log"
ASA = RECORDINGS / "lab" / "asa-pair.log"


def _one_sentence(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.startswith("netriage: "), err
    assert err.count("\n") == 1, err  # one line
    return err


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A saved capture made by `netriage save` from a lab recording: the text to edit."""
    path = tmp_path_factory.mktemp("saved") / "pair.ncap"
    assert main(["save", str(ASA), "-o", str(path)]) == 0
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "says"), [
    (r"^devices:", "devices: {a: 1}\nwas_devices:", "devices: is not a list"),
    (r"^  entries:", "  entries: 5\n  was_entries:", "entries: is not a list"),
    (r"^    lines: \d+", "    lines: x", "lines: 'x' is not a line count"),
    (r"^  - line: \d+", "  - line: -4", "line: -4 is not a line count"),
    (r"^- \{source: .*", "- 17", "redaction row 1 is not a mapping"),
    (r"^- hostname: .*", "- hostname: [a, b]", "holds a list or mapping"),
    (r"^sources:", "sources: 7\nwas_sources:", "sources: is not a list"),
])
def test_a_hand_edited_saved_header_is_one_sentence(saved, tmp_path, capsys, old, new, says):
    edited, count = re.subn(old, new, saved, count=1, flags=re.MULTILINE)
    assert count == 1, old
    path = tmp_path / "edited.ncap"
    path.write_text(edited, encoding="utf-8")
    assert main(["analyze", str(path)]) == 2
    err = _one_sentence(capsys)
    assert str(path) in err and says in err


@pytest.mark.parametrize("where", ["missing/report.txt", "."])
def test_analyze_output_into_a_missing_folder_or_onto_a_folder(tmp_path, capsys, where):
    target = tmp_path / where
    assert main(["analyze", str(IOS), "-o", str(target)]) == 2
    err = _one_sentence(capsys)
    assert "does not exist" in err or "is a folder" in err


@pytest.mark.parametrize("argv", [
    ["lab", str(IOS), "--port", "99999", "--username", "u", "--password", "p"],
    ["lab", str(IOS), "--port", "-1", "--username", "u", "--password", "p"],
])
def test_lab_on_an_impossible_port(capsys, argv):
    assert main(argv) == 2
    assert "--port" in _one_sentence(capsys)


def test_binary_inventory(tmp_path, capsys):
    inventory = tmp_path / "inv.yml"
    inventory.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe" * 20)
    assert main(["collect", "--inventory", str(inventory), "-o", str(tmp_path / "o")]) == 2
    assert "not a text file" in _one_sentence(capsys)


@pytest.mark.parametrize(("config", "code", "says"), [
    ("Host fw-a\n  HostName 127.0.0.1\n  Port notanumber\n", 2, "'notanumber'"),
    ("Host fw-a\n  HostName 127.0.0.1\n  ServerAliveInterval soon\n", 2, "'soon'"),
    ("Host fw-a\n  ProxyCommand /nonexistent/netriage-proxy %h %p\n", 19, "cannot run"),
])
def test_ssh_config_faults(tmp_path, capsys, monkeypatch, config, code, says):
    monkeypatch.setenv("NETRIAGE_PASSWORD", "x")
    ssh_config = tmp_path / "ssh_config"
    ssh_config.write_text(config, encoding="utf-8")
    assert main(["collect", "fw-a", "-u", "netops", "--ssh-config", str(ssh_config),
                 "--known-hosts", str(tmp_path / "kh"), "--connect-timeout", "2",
                 "-o", str(tmp_path / "o")]) == code
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err


@pytest.mark.parametrize("case", ["known_hosts", "ssh_config_folder", "output_under_a_file"])
def test_collect_files_that_cannot_be_used(tmp_path, capsys, monkeypatch, case):
    monkeypatch.setenv("NETRIAGE_PASSWORD", "x")
    blob = tmp_path / "blob"
    blob.write_bytes(b"\xff\xfe\x00garbage" * 30)
    argv = ["collect", "127.0.0.1", "--port", "1", "-u", "netops", "--connect-timeout", "1",
            "--known-hosts", str(blob if case == "known_hosts" else tmp_path / "kh"),
            "-o", str(blob / "out" if case == "output_under_a_file" else tmp_path / "out")]
    if case == "ssh_config_folder":
        argv += ["--ssh-config", str(tmp_path)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert {"known_hosts": "known_hosts file cannot be read",
            "ssh_config_folder": "not an ssh config file",
            "output_under_a_file": "cannot create the folder"}[case] in err


def test_resume_on_a_binary_file(tmp_path, capsys):
    session = tmp_path / "walk.json"
    session.write_bytes(b"\xff\xfe\x00\x01" * 100)
    assert main(["--resume", str(session)]) == 2
    assert "not a netriage session" in _one_sentence(capsys)


def test_a_port_that_answers_without_an_ssh_banner_is_a_timeout(tmp_path, capsys, monkeypatch):
    """Something listens but never speaks SSH (a web server, a terminal server's menu)."""
    monkeypatch.setenv("NETRIAGE_PASSWORD", "x")
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        client, _ = listener.accept()
        client.sendall(b"Welcome to the console server\r\nline 5 busy\r\n")
        stop.wait(10)
        client.close()

    threading.Thread(target=serve, daemon=True).start()
    try:
        code = main(["collect", "127.0.0.1", "--port", str(listener.getsockname()[1]), "-u", "u",
                     "--known-hosts", str(tmp_path / "kh"), "--connect-timeout", "1",
                     "-o", str(tmp_path / "o")])
    finally:
        stop.set()
        listener.close()
    assert code == 12  # docs/live.md: 12 = timeout, including no SSH banner
    assert "banner" in capsys.readouterr().err


def test_a_60000_character_line_cannot_make_a_template_quadratic(tmp_path, capsys):
    """`^.*\\s+...` rules in a stock template took 100 s on 80,000 such characters."""
    lines = IOS.read_text(encoding="utf-8").split("\n")
    end = next(i for i, line in enumerate(lines[1:], 1) if line.startswith("rtr-lab#"))
    output = lines[1:end]
    output.insert(2, " " * 60_000 + "x")  # under the reader's 64K cut: the template sees it
    path = tmp_path / "show_version.txt"
    path.write_text("\n".join(output), encoding="utf-8")
    started = time.process_time()  # CPU time: other jobs on the machine do not count
    assert main(["parse", str(path), "--command", "show version", "--platform", "cisco_ios",
                 "--format", "json"]) == 0
    assert time.process_time() - started < 5
    result = json.loads(capsys.readouterr().out)[0]
    assert result["status"] == PARTIAL  # the rest of the output still gave its values
    assert result["records"][0]["version"] == "17.9.4a"
    [note] = result["not_understood"]
    assert note["line"] == 3 and "60,001 characters" in note["text"]
    assert len(note["text"]) < MAX_LINE


def test_a_long_line_is_listed_as_not_understood_never_parsed():
    text = "x" * (MAX_LINE + 10)
    result = parse_output(f"Failover On\n{text}\nFailover unit Primary", "show failover",
                          "cisco_asa")
    assert result.status == PARTIAL and result.not_understood[0][0] == 2


def test_100000_repeated_prompts_in_under_5_seconds(tmp_path):
    from netriage.analysis import analyze_paths

    capture = tmp_path / "prompts.log"
    capture.write_text("fw1/pri/act# show version\nCisco Adaptive Security Appliance Software "
                       "Version 9.16(4)\nHardware:   ASA5516, 8192 MB RAM\n"
                       + "fw1/pri/act# \n" * 100_000, encoding="utf-8")
    started = time.process_time()  # CPU time: other jobs on the machine do not count
    analysis = analyze_paths([str(capture)])
    assert time.process_time() - started < 5
    assert analysis.devices[0].device.find("show version") is not None


# -- a few hundred damaged captures: the loader never raises anything but a NetriageError --

def _damage(text: str, data: st.DataObject) -> str:
    lines = text.split("\n")
    kind = data.draw(st.sampled_from(["truncate", "duplicate", "shuffle", "bytes", "huge",
                                      "header"]))
    if kind == "truncate":
        return text[:data.draw(st.integers(0, len(text)))]
    if kind == "duplicate":
        i = data.draw(st.integers(0, len(lines) - 1))
        return "\n".join(lines[:i] + [lines[i]] * data.draw(st.integers(2, 50)) + lines[i:])
    if kind == "shuffle":
        i = data.draw(st.integers(0, max(len(lines) - 10, 0)))
        window = lines[i:i + 10]
        return "\n".join(lines[:i] + data.draw(st.permutations(window)) + lines[i + 10:])
    if kind == "bytes":
        i = data.draw(st.integers(0, len(text)))
        noise = data.draw(st.text(min_size=1, max_size=40))
        return text[:i] + noise + text[i:]
    if kind == "huge":
        i = data.draw(st.integers(0, len(lines) - 1))
        return "\n".join(lines[:i] + ["x " * data.draw(st.integers(1000, 20000))] + lines[i:])
    # header: replace one header value with another YAML value
    header = [i for i, line in enumerate(lines[:200]) if re.match(r"^\s*-?\s*\w+: ", line)]
    i = data.draw(st.sampled_from(header))
    value = data.draw(st.sampled_from(["x", "-1", "[1, 2]", "{a: 1}", "''", "null", "99999999",
                                       "true", "1.5", "'<psk-1>'"]))
    lines[i] = re.sub(r"(:\s).*$", lambda m: m.group(1) + value, lines[i], count=1)
    return "\n".join(lines)


# A few hundred cases in the default run; `NETRIAGE_FUZZ_EXAMPLES=10000 pytest
# tests/test_bad_input_paths.py -k damaged` for the long proof (each test runs that many).
_EXAMPLES = int(os.environ.get("NETRIAGE_FUZZ_EXAMPLES", "0") or 0)
_HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


def _write_damaged(saved: str, tmp_path: Path, data: st.DataObject, which: str) -> Path:
    original = {"saved": saved, "ios": IOS.read_text(encoding="utf-8"),
                "asa": ASA.read_text(encoding="utf-8")}[which]
    path = tmp_path / f"damaged.{'ncap' if which == 'saved' else 'log'}"
    path.write_text(_damage(original, data), encoding="utf-8", errors="surrogatepass")
    return path


@settings(max_examples=_EXAMPLES or 150, deadline=None, suppress_health_check=_HEALTH)
@given(data=st.data(), which=st.sampled_from(["saved", "ios", "asa"]))
def test_damaged_captures_load_or_fail_in_one_sentence(saved, tmp_path, data, which):
    path = _write_damaged(saved, tmp_path, data, which)
    try:
        capture = load_paths([path])
    except NetriageError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    for device in capture.devices:  # every output parses to an honest status
        for entry in device.entries[:20]:
            assert parse_output(entry.output, entry.command, "cisco_ios").status in (
                "parsed", "partial", "unparsed")


@settings(max_examples=_EXAMPLES or 40, deadline=None, suppress_health_check=_HEALTH)
@given(data=st.data(), which=st.sampled_from(["saved", "ios", "asa"]))
def test_damaged_captures_analyse_and_report_without_a_traceback(saved, tmp_path, data, which):
    """Loader, parsers, facts, trees and every report format on one damaged capture."""
    from netriage.analysis import analyze_paths
    from netriage.report import render_report

    path = _write_damaged(saved, tmp_path, data, which)
    try:
        analysis = analyze_paths([str(path)])
    except NetriageError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    for form in ("text", "markdown", "json"):
        assert render_report(analysis, form, redact=True)
