"""`netriage save` as a user runs it: a real subprocess, real files, exit codes."""

from __future__ import annotations

import subprocess
import sys

from netriage.capture import load_paths
from tests.capture.helpers import CAPTURES, model


def run(*args):
    return subprocess.run([sys.executable, "-m", "netriage", *args], capture_output=True,
                          text=True, timeout=120)


def test_save_a_folder_of_every_format_and_analyse_the_result(tmp_path):
    out = tmp_path / "all.ncap"
    result = run("save", str(CAPTURES), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert f"to {out};" in result.stdout and "secret(s) masked" in result.stdout
    assert "README.md: is not a capture netriage recognises" in result.stdout  # skipped, said
    reloaded = load_paths([out])
    assert {d.hostname for d in reloaded.devices} >= {"fw-dc1/pri", "rtr-branch3", "fw-hq",
                                                      "FW-EDGE-01", "rtr-legacy2"}
    analysed = run("analyze", str(out), "--format", "json")
    assert analysed.returncode in (0, 1), analysed.stderr


def test_save_platform_override(tmp_path):
    out = tmp_path / "forced.ncap"
    assert run("save", str(CAPTURES / "email-ios-config.txt"), "-o", str(out), "--platform",
               "cisco_xe").returncode == 0
    [router] = load_paths([out]).devices
    assert (router.platform, router.platform_reason) == ("cisco_xe", "--platform")


def test_save_keeps_the_model_of_what_it_read(tmp_path):
    out = tmp_path / "debris.ncap"
    source = CAPTURES / "terminal-debris.log"
    assert run("save", str(source), "-o", str(out)).returncode == 0
    assert model(load_paths([out])) == model(load_paths([source]))  # nothing secret in it


def test_save_bad_input_and_missing_output(tmp_path):
    empty = tmp_path / "empty.log"
    empty.write_bytes(b"")
    result = run("save", str(empty), "-o", str(tmp_path / "x.ncap"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"netriage: {empty}: is empty"
    assert not (tmp_path / "x.ncap").exists()
    missing = run("save", str(CAPTURES / "terminal-debris.log"))
    assert missing.returncode == 2 and "required: --output/-o" in missing.stderr
    unwritable = run("save", str(CAPTURES / "terminal-debris.log"), "-o",
                     str(tmp_path / "no" / "such" / "dir" / "x.ncap"))
    assert unwritable.returncode == 2
    [line] = unwritable.stderr.strip().splitlines()
    assert "cannot be written" in line
