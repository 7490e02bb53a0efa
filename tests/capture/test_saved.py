"""netriage's own saved capture: human-readable, and load → save → load gives the same model."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest
import yaml

from netriage.capture import load_paths, saved
from netriage.capture.model import Capture, Device, Entry
from tests.capture.helpers import CAPTURES, model

RECORDINGS = sorted(p.name for p in CAPTURES.iterdir() if p.name != "README.md")


def save_and_load(capture: Capture, path):
    saved.write(capture, path, redacted=False)
    return load_paths([path])


@pytest.mark.parametrize("name", RECORDINGS)
def test_round_trip_gives_the_same_model(tmp_path, name):
    first = load_paths([CAPTURES / name])
    second = save_and_load(first, tmp_path / "one.ncap")
    assert model(second) == model(first)
    assert [f.format for f in second.files] == ["netriage"]
    first_recorded = "terminal-asa-pair.log:" if name.endswith(".ncap") else str(CAPTURES)
    for device in second.devices:
        for entry in device.entries:
            assert entry.origin.startswith(first_recorded)  # kept through every save
    third = save_and_load(second, tmp_path / "two.ncap")
    assert model(third) == model(first)
    body = (tmp_path / "one.ncap").read_text().split("\n...\n", 1)[1]
    assert (tmp_path / "two.ncap").read_text().split("\n...\n", 1)[1] == body


def test_the_file_is_a_yaml_header_then_the_plain_capture(tmp_path):
    path = tmp_path / "pair.ncap"
    capture = load_paths([CAPTURES / "terminal-asa-pair.log"])
    saved.write(capture, path, redacted=False)
    text = path.read_text()
    assert text.startswith("# netriage capture")
    header = yaml.safe_load(text.split("\n---\n", 1)[1].split("\n...\n", 1)[0])
    assert header["format"] == "netriage-capture/1"
    assert header["netriage"] and header["saved"] and header["redacted"] is False
    [pri, _sec] = header["devices"]
    assert (pri["hostname"], pri["platform"], pri["version"], pri["failover_role"]) == (
        "fw-dc1/pri", "cisco_asa", "9.18(3)56", "pri/act")
    lines = text.split("\n")
    for device, meta in zip(capture.devices, header["devices"], strict=True):
        for entry, row in zip(device.entries, meta["entries"], strict=True):
            assert lines[row["line"] - 1] == f"{entry.prompt} {entry.typed}"
            body = "\n".join(lines[row["line"]:row["line"] + row["lines"]])
            assert body == entry.output
            assert row["sha256"] == hashlib.sha256(body.encode()).hexdigest()


def test_output_that_looks_like_a_prompt_survives_the_round_trip(tmp_path):
    capture = Capture(devices=[Device("fw1", platform="cisco_asa", entries=[
        Entry("show history", "fw1# show failover\nfw1# conf t", typed="show history",
              prompt="fw1#"),
        Entry("show clock", "12:00:00.000 UTC Mon Nov 23 2026", typed="sh clock",
              prompt="fw1#")])])
    again = save_and_load(capture, tmp_path / "tricky.ncap")
    assert model(again) == model(capture)


def test_an_edited_body_is_still_read_as_a_terminal_capture(tmp_path):
    path = tmp_path / "edited.ncap"
    saved.write(load_paths([CAPTURES / "terminal-asa-pair.log"]), path, redacted=False)
    text = path.read_text().replace("Failover unit Primary\n",
                                    "Failover unit Primary\nan engineer's note\n", 1)
    path.write_text(text)
    capture = load_paths([path])
    assert "no longer match the header" in capture.skipped[0]
    pri = capture.devices[0]
    assert "an engineer's note" in pri.find("show failover").output
    assert pri.platform == "cisco_asa" and pri.version == "9.18(3)56"  # metadata still used


def test_a_broken_header_is_one_clear_sentence(tmp_path):
    path = tmp_path / "broken.ncap"
    path.write_text("---\nformat: netriage-capture/1\ndevices: [unclosed\n...\nfw1# show clock\n")
    result = subprocess.run([sys.executable, "-m", "netriage", "analyze", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "looks like a netriage capture but its header is not valid YAML" in line
