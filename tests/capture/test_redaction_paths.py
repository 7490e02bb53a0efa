"""No planted secret survives in anything netriage writes, whatever format it came in.

Every kind of secret is planted in a capture of every format; `netriage save` and
`netriage analyze` (text, Markdown, JSON) run for real on the files, and the saved file,
the reports and the manifests are searched for each secret.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from netriage.analysis import analyze_capture
from netriage.capture import load_paths
from netriage.cli import main
from netriage.engine.findings import Evidence, Finding, Fix
from netriage.report import render_report

SECRETS = {
    "psk": ["Psk-Ios-1A", "Psk-Ring-2B", "Psk-Asa-3C", "Psk-Remote-4D"],
    "failover-key": ["Fo-Key-5E", "Fo-Ipsec-6F", "Fo-Typed-20S"],
    "session-key": ["7a7a7a7a7a7a7a7a", "8b8b8b8b8b8b8b8b"],
    "enable": ["En-Pw-9G", "$1$ab$EnSecretHash10"],
    "user-password": ["User-Pw-11H", "$9$UserHash19R"],
    "passwd": ["Passwd-12J"],
    "snmp-community": ["Snmp-Comm-13K", "Snmp-Host-14L"],
    "key-string": ["Key-Str-15M"],
    "tacacs-key": ["Tac-Key-16N"],
    "radius-key": ["Rad-Key-17P"],
    "aaa-key": ["Aaa-Key-18Q"],
}
ALL = [s for group in SECRETS.values() for s in group]

CONFIG = """hostname rtr9
enable password En-Pw-9G
enable secret 5 $1$ab$EnSecretHash10
username admin privilege 15 password 0 User-Pw-11H
username bob secret 9 $9$UserHash19R
passwd Passwd-12J encrypted
crypto isakmp key Psk-Ios-1A address 192.0.2.1
crypto keyring PARTNERS
 pre-shared-key address 192.0.2.2 key Psk-Ring-2B
tunnel-group 192.0.2.3 ipsec-attributes
 ikev1 pre-shared-key Psk-Asa-3C
 ikev2 remote-authentication pre-shared-key Psk-Remote-4D
failover key Fo-Key-5E
failover ipsec pre-shared-key Fo-Ipsec-6F
crypto map LEGACY 20 ipsec-manual
 set peer 192.0.2.4
 set session-key inbound esp 300 cipher 7a7a7a7a7a7a7a7a authenticator 8b8b8b8b8b8b8b8b
snmp-server community Snmp-Comm-13K RO
snmp-server host inside 10.1.1.1 community Snmp-Host-14L version 2c
key chain KC
 key 1
  key-string Key-Str-15M
tacacs-server host 10.1.1.2 key Tac-Key-16N
radius-server key Rad-Key-17P
aaa-server ISE (inside) host 10.1.1.3
 key Aaa-Key-18Q
end"""
SESSION = (["rtr9# show running-config", *CONFIG.split("\n"), "rtr9# conf t",
            "rtr9(config)# failover key Fo-Typed-20S", "rtr9(config)# end",
            "rtr9# show clock", "10:00:00.000 UTC Mon Nov 23 2026", "rtr9#"])


def _terminal(folder: Path) -> Path:
    path = folder / "terminal.log"
    path.write_text("\n".join(SESSION) + "\n")
    return path


def _putty(folder: Path) -> Path:
    path = folder / "putty.log"
    path.write_bytes(("=~=~=~=~=~=~=~=~=~=~=~= PuTTY log 2026.11.23 10:00:00 "
                      "=~=~=~=~=~=~=~=~=~=~=~=\r\n" + "\r\n".join(SESSION) + "\r\n").encode())
    return path


def _securecrt(folder: Path) -> Path:
    path = folder / "securecrt.log"
    path.write_text("".join(f"[2026-11-23 10:00:{i % 60:02d}] {line}\n"
                            for i, line in enumerate(SESSION)))
    return path


def _teraterm(folder: Path) -> Path:
    path = folder / "teraterm.log"
    path.write_text("".join(f"[Mon Nov 23 10:00:{i % 60:02d}.100 2026] {line}\n"
                            for i, line in enumerate(SESSION)))
    return path


def _script(folder: Path) -> Path:
    path = folder / "typescript"
    path.write_text("Script started on 2026-11-23 10:00:00+00:00 [TERM=\"xterm\"]\n"
                    "me@jump:~$ ssh admin@rtr9\n" + "\n".join(SESSION) + "\n"
                    "Connection to rtr9 closed.\nScript done on 2026-11-23 10:05:00+00:00\n")
    return path


def _show_tech(folder: Path) -> Path:
    path = folder / "show-tech.txt"
    path.write_text("Cisco Adaptive Security Appliance Software Version 9.16(4)\n"
                    "rtr9 up 3 days\n"
                    "------------------ show running-config ------------------\n\n"
                    + CONFIG + "\n\n------------------ show history ------------------\n\n"
                    "  conf t\n  failover key Fo-Typed-20S\n")
    return path


def _command_files(folder: Path) -> Path:
    root = folder / "per-command"
    (root / "rtr9").mkdir(parents=True)
    (root / "rtr9" / "show_running-config.txt").write_text(CONFIG + "\n")
    (root / "rtr9" / "show_history.txt").write_text("conf t\nfailover key Fo-Typed-20S\n")
    return root


def _forum_paste(folder: Path) -> Path:
    path = folder / "forum.txt"
    flat = [line.strip() for line in CONFIG.split("\n")] + ["failover key Fo-Typed-20S"]
    path.write_text("RTR 9# sh run\n\n" + "\n\n".join(flat) + "\n")
    return path


def _saved_unredacted(folder: Path) -> Path:
    path = folder / "unredacted.ncap"
    assert main(["save", str(_terminal(folder)), "-o", str(path), "--no-redact"]) == 0
    assert "Psk-Ios-1A" in path.read_text()  # the input really holds the secrets
    return path


FORMATS = {"terminal": _terminal, "putty": _putty, "securecrt": _securecrt,
           "teraterm": _teraterm, "script": _script, "show-tech": _show_tech,
           "command-file": _command_files, "config": _forum_paste,
           "netriage": _saved_unredacted}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_no_planted_secret_survives_any_output(tmp_path, capsys, fmt):
    source = FORMATS[fmt](tmp_path)
    capture = load_paths([source])
    assert fmt in {f.format for f in capture.files}
    texts = "\n".join(e.output + e.typed for d in capture.devices for e in d.entries)
    assert all(secret in texts for secret in ALL)  # planted, and loaded
    capsys.readouterr()

    saved = tmp_path / "out.ncap"
    assert main(["save", str(source), "-o", str(saved)]) == 0
    written = {"saved file": saved.read_text(), "save messages": capsys.readouterr().out}
    for fmt_name in ("text", "markdown", "json"):
        out = tmp_path / f"report.{fmt_name}"
        main(["analyze", str(source), "--platform", "cisco_asa", "--format", fmt_name,
              "-o", str(out)])
        written[f"{fmt_name} report"] = out.read_text()
    main(["analyze", str(saved), "--format", "json", "-o", str(tmp_path / "again.json")])
    written["report of the saved file"] = (tmp_path / "again.json").read_text()
    captured = capsys.readouterr()
    written["stdout"], written["stderr"] = captured.out, captured.err

    for where, text in written.items():
        leaked = [s for s in ALL if s in text]
        assert not leaked, f"{where} leaks {leaked}"

    header = yaml.safe_load(written["saved file"].split("\n---\n", 1)[1].split("\n...\n")[0])
    assert header["redacted"] is True
    assert {row["kind"] for row in header["redaction"]} >= set(SECRETS)
    masked = json.loads(written["json report"])["redaction"]
    assert masked["enabled"] is True and {m["kind"] for m in masked["masked"]} >= set(SECRETS)


def test_no_redact_keeps_secrets_and_warns(tmp_path, capsys):
    source = _terminal(tmp_path)
    out = tmp_path / "report.txt"
    main(["analyze", str(source), "--platform", "cisco_asa", "--no-redact", "-o", str(out)])
    err = capsys.readouterr().err
    assert "warning: --no-redact" in err
    assert "NOT masked" in out.read_text()
    saved = tmp_path / "clear.ncap"
    assert main(["save", str(source), "-o", str(saved), "--no-redact"]) == 0
    assert "warning: --no-redact" in capsys.readouterr().err
    assert all(secret in saved.read_text() for secret in ALL)


def test_a_finding_quoting_secrets_is_masked_in_every_report_format(tmp_path):
    capture = load_paths([_terminal(tmp_path)], platform="cisco_asa")
    analysis = analyze_capture(capture)
    analysis.findings.append(Finding(
        id="failover.key-mismatch", severity="high", device="rtr9",
        title="Failover key Fo-Key-5E differs from the mate's",
        explanation="This unit uses `Fo-Key-5E`; the tunnel uses Psk-Asa-3C and the "
                    "community is Snmp-Comm-13K.",
        evidence=[Evidence("show running-config", 14, "failover key Fo-Key-5E", "t.log")],
        fix=[Fix("asa", ["failover key <same-secret-as-this-unit>"],
                 verify=["show running-config failover"])]))
    for fmt in ("text", "markdown", "json"):
        masked = render_report(analysis, fmt)
        assert not [s for s in ("Fo-Key-5E", "Psk-Asa-3C", "Snmp-Comm-13K") if s in masked]
        assert "<same-secret-as-this-unit>" in masked  # a fix's placeholder is no secret
        assert "failover.key-mismatch" in masked
        clear = render_report(analysis, fmt, redact=False)
        assert "Fo-Key-5E" in clear
    report = json.loads(render_report(analysis, "json"))
    [finding] = [f for f in report["findings"] if f["id"] == "failover.key-mismatch"]
    token = finding["evidence"][0]["text"].split()[-1]
    assert token in finding["title"] and token in finding["explanation"]  # one secret, one token
