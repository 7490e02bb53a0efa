"""No planted secret leaves netriage in clear, on any path that writes or shows text.

`secrets_plant` writes captures holding a distinct secret for every kind (70 kinds in
`secrets_kinds`, IOS, ASA and PIX 6 syntax, capitalised ordinary words as secrets, bare `key`
at a sub-mode prompt, PEM private key bodies, PKCS#12 passwords typed at a `Password:`
question) in every form: running-config, typed at config and sub-mode prompts, in CAPS,
abbreviated, a forum paste that lost its indentation, a mail whose client capitalised every
line, `show tech-support`, `more system:running-config`.
Each path runs for real on the files:
reports (text through the installed command, Markdown and JSON), `netriage save` (body and
header), `netriage parse` (text and JSON), the TUI's Markdown export and live-output log,
and live collection's per-line writer. Where a path can also run unredacted, that run must
show secrets (else the check proves nothing); the redacted run must show none.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from netriage.analysis import analyze_capture
from netriage.capture import load_paths
from netriage.cli import main
from tests.secrets_plant import planted, write_captures

SECRETS = planted()


def _leaks(text: str) -> list[str]:
    return sorted(SECRETS[s] for s in SECRETS if s in text)


@pytest.fixture(scope="module")
def captures(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    folder = tmp_path_factory.mktemp("planted")
    return folder, write_captures(folder)


def test_every_planted_secret_is_loaded(captures):
    """The captures really carry every secret into netriage (so no leak is a proof)."""
    folder, _paths = captures
    capture = load_paths([str(folder)])
    texts = "\n".join(text for device in capture.devices for entry in device.entries
                      for text in (entry.typed, entry.output))
    missing = sorted(SECRETS[s] for s in SECRETS if s not in texts)
    assert not missing
    assert len({where.split("/")[0] for where in SECRETS.values()}) >= 40


def test_reports_in_every_format(captures, tmp_path, capsys):
    folder, _paths = captures
    # text through the installed command, in its own process, as an engineer runs it
    run = subprocess.run([sys.executable, "-m", "netriage", "analyze", str(folder)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode in (0, 1), run.stderr
    assert not _leaks(run.stdout + run.stderr)
    clear = tmp_path / "clear.md"
    main(["analyze", str(folder), "--format", "markdown", "--no-redact", "-o", str(clear)])
    assert len(_leaks(clear.read_text())) > 10  # reports do quote secrets when unmasked
    for fmt in ("markdown", "json", "html"):
        out = tmp_path / f"report.{fmt}"
        # --merge: one report of every capture (a folder is otherwise one report per file)
        assert main(["analyze", "--merge", str(folder), "--format", fmt, "-o", str(out)]) \
            in (0, 1)
        assert not _leaks(out.read_text()), fmt
    report = json.loads((tmp_path / "report.json").read_text())
    kinds = {row["kind"] for row in report["redaction"]["masked"]}
    assert {"psk", "failover-key", "private-key", "wpa-psk", "radius-key"} <= kinds
    assert not _leaks(capsys.readouterr().out)


def test_saved_capture_body_and_header(captures, tmp_path, capsys):
    folder, _paths = captures
    clear = tmp_path / "clear.ncap"
    assert main(["save", str(folder), "-o", str(clear), "--no-redact"]) == 0
    assert len(_leaks(clear.read_text())) == len(SECRETS)
    header = clear.read_text().split("\n...\n", 1)[0]
    assert _leaks(header), "typed secrets reach the header of an unredacted file"
    saved = tmp_path / "masked.ncap"
    assert main(["save", str(folder), "-o", str(saved)]) == 0
    text = saved.read_text()
    assert not _leaks(text)
    assert "<private-key-" in text and "-----BEGIN RSA PRIVATE KEY-----" in text
    assert not _leaks(capsys.readouterr().out)
    # the saved file analyses again, still masked
    again = tmp_path / "again.json"
    main(["analyze", str(saved), "--format", "json", "-o", str(again)])
    assert not _leaks(again.read_text())


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_parse_records(captures, capsys, fmt):
    _folder, paths = captures
    exposed, leaked = set(), set()
    for path in paths:
        main(["parse", str(path), "--format", fmt, "--no-redact"])
        exposed |= set(_leaks(capsys.readouterr().out))
        main(["parse", str(path), "--format", fmt])
        leaked |= set(_leaks(capsys.readouterr().out))
    assert exposed, "parse shows no secret even unredacted: this check proves nothing"
    assert not sorted(leaked)


def test_parse_of_a_bare_output(captures, capsys):
    folder, _paths = captures
    config = folder / "bare-running-config.txt"
    text = (folder / "ios-run.log").read_text()
    config.write_text(text.split("#show running-config\n", 1)[1].split("\nend\n")[0])
    main(["parse", str(config), "--command", "show run", "--platform", "cisco_ios",
          "--format", "json"])
    assert not _leaks(capsys.readouterr().out)


def test_tui_markdown_export_and_live_log(captures, tmp_path):
    from netriage.tui.fixtext import fix_markdown
    from netriage.tui.workspace import Workspace

    folder, _paths = captures
    capture = load_paths([str(folder)])
    analysis = analyze_capture(capture)
    evidence = "\n".join(e.text for f in analysis.findings for e in f.evidence)
    markdown = fix_markdown(analysis.findings, [str(folder)], capture=capture)
    assert analysis.findings and not _leaks(markdown)
    assert not _leaks(fix_markdown(analysis.findings, [str(folder)]))  # rules alone, too
    if not _leaks(evidence):
        pytest.fail("no finding quotes a secret: the export check would prove nothing")

    workspace = Workspace.from_capture(load_paths([str(folder / "ios-run.log")]),
                                       [str(folder / "ios-run.log")])
    hostname = workspace.capture.devices[0].hostname
    entry = workspace.capture.devices[0].find("show running-config")
    assert entry is not None and _leaks(entry.output)
    live = workspace.with_output(hostname, "show running-config", entry.output)
    written = live.write_live_log(tmp_path / "live.log")
    assert written is not None and "show running-config" in written.read_text()
    assert not _leaks(written.read_text())


def test_live_collection_writer_line_by_line(captures, tmp_path):
    """What a live session writes, driven line by line as the channel delivers it."""
    from netriage.live.redaction import Redactor
    from netriage.live.writer import DeviceLog

    folder, _paths = captures
    capture = load_paths([str(folder)])
    redactor = Redactor(["Zk88LoginPw", "Zk89EnablePw"])
    exposed = set()
    for device in capture.devices:
        log = DeviceLog(tmp_path / f"{device.hostname.replace('/', '_')}.log", redactor,
                        ["collected by netriage (test)", "login Zk88LoginPw"])
        for entry in device.entries:
            if entry.config_mode:
                continue  # live collection only sends show commands
            exposed |= set(_leaks(entry.output))
            log.begin(entry.prompt or f"{device.hostname}#", entry.command)
            for line in entry.output.split("\n"):
                log.line(line + "\r")
            log.end(True)
        log.close()
    assert len(exposed) > 100
    for path in tmp_path.glob("*.log"):
        text = path.read_text()
        assert not _leaks(text), path.name
        assert "Zk88LoginPw" not in text and "Zk89EnablePw" not in text


def test_live_collection_tokens_are_shared_by_the_devices_of_a_run(tmp_path):
    """Two ends collected in one run: the same PSK has the same token in both files."""
    from netriage.live.redaction import Redactor
    from netriage.live.writer import DeviceLog, LogNames

    names = LogNames(tmp_path)
    texts = []
    for host, line in (("hub", "crypto isakmp key Shared-Psk-77 address 192.0.2.2"),
                       ("fw", " ikev1 pre-shared-key Shared-Psk-77")):
        log = DeviceLog(names.claim(host, host), Redactor([], tokens=names.tokens), [])
        log.begin(f"{host}#", "show running-config")
        for text in ("!", line, "!", "end", ""):
            log.line(text)
        log.end(True)
        log.close()
        texts.append((tmp_path / f"{host}.log").read_text())
    assert all("Shared-Psk-77" not in t and "<psk-1>" in t for t in texts)
