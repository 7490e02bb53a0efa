"""Bad input: one clear sentence, never a traceback; big files streamed in bounded memory."""

from __future__ import annotations

import gzip
import subprocess
import sys
import time
import tracemalloc

import pytest

from netriage.capture import load_paths
from netriage.capture.terminal import Budget
from netriage.errors import CaptureError

CAPTURE = "fw1# show failover\nFailover On\nFailover unit Primary\nfw1#\n"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"\n  \r\n\t\n", "is empty"),
        (b"\x00\x01\x02binary\x00" * 50, "is binary data"),
        (bytes(range(128, 256)) * 40, "is binary data"),
        (gzip.compress(CAPTURE.encode()), "is gzip-compressed: unpack it first"),
        (b"PK\x03\x04" + b"\x00" * 60, "is a zip archive"),
        (b"\xd4\xc3\xb2\xa1\x02\x00\x04\x00" + b"\x00" * 40, "is a packet capture (pcap)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "is a PDF document"),
        (b"Hi team,\nthe VPN to Berlin is down again since this morning.\nThanks, Kim\n",
         "no command after a device prompt"),
    ],
)
def test_unusable_file_is_one_sentence(tmp_path, content, problem):
    path = tmp_path / "input.log"
    path.write_bytes(content)
    with pytest.raises(CaptureError) as error:
        load_paths([path])
    assert problem in str(error.value) and str(path) in str(error.value)
    result = subprocess.run([sys.executable, "-m", "netriage", "analyze", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert problem in line and "Traceback" not in result.stderr


def test_partly_understood_file_loads_what_it_can_and_says_what_it_skipped(tmp_path):
    path = tmp_path / "mixed.log"
    path.write_text("notes from the call:\n- customer says VPN flaps\n\n" + CAPTURE
                    + "fw1#\nsome text typed after the last command\n")
    capture = load_paths([path])
    assert capture.devices[0].find("show failover").output.endswith("Failover unit Primary")
    assert capture.skipped == [
        f"{path} lines 1–2: text before the first device prompt, not loaded",
        f"{path} line 9: output after a prompt with no command, not loaded"]


def test_a_folder_loads_what_it_can_and_lists_the_rest(tmp_path):
    (tmp_path / "fw1.log").write_text(CAPTURE)
    (tmp_path / "diagram.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    (tmp_path / "notes.txt").write_text("call the ISP on Monday\n")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    capture = load_paths([tmp_path])
    assert [d.hostname for d in capture.devices] == ["fw1"]
    assert len(capture.skipped) == 2
    assert any("diagram.png: is binary data" in s for s in capture.skipped)
    assert any("notes.txt: is not a capture netriage recognises" in s for s in capture.skipped)


def test_a_folder_of_nothing_usable_is_one_sentence(tmp_path):
    (tmp_path / "notes.txt").write_text("nothing here\n")
    with pytest.raises(CaptureError, match="holds no file netriage recognises"):
        load_paths([tmp_path])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CaptureError, match="is an empty folder"):
        load_paths([empty])


def test_windows_utf16_utf8_bom_and_old_mac_line_endings(tmp_path):
    utf16 = tmp_path / "powershell.txt"
    utf16.write_bytes(CAPTURE.replace("\n", "\r\n").encode("utf-16"))
    carriage = tmp_path / "cr-only.log"
    carriage.write_bytes(CAPTURE.replace("\n", "\r").encode())
    notepad = tmp_path / "notepad-bom.txt"
    notepad.write_bytes(CAPTURE.encode("utf-8-sig"))
    for path in (utf16, carriage, notepad):
        [device] = load_paths([path]).devices
        assert device.find("show failover").output == "Failover On\nFailover unit Primary"


def test_a_line_with_no_end_is_cut_not_kept(tmp_path):
    path = tmp_path / "one-line.log"
    path.write_bytes(CAPTURE.encode() + b"A" * 3_000_000 + b"\nfw1# show clock\n12:00\n")
    capture = load_paths([path])
    [device] = capture.devices
    assert device.find("show clock").output == "12:00"
    assert any("line 5: a line too long to be terminal output, cut" in s
               for s in capture.skipped)


def test_an_output_over_the_budget_is_cut_and_marked(tmp_path):
    path = tmp_path / "big-output.log"
    path.write_text("fw1# show logging\n" + "".join(f"log line {i}\n" for i in range(5000))
                    + "fw1# show clock\n12:00\n")
    capture = load_paths([path], budget=Budget(output_chars=10_000))
    [device] = capture.devices
    logging = device.find("show logging")
    kept, mark = logging.output.rsplit("\n", 1)
    assert logging.truncated and len(kept) <= 10_000
    assert mark.startswith("! netriage: output cut short here (netriage keeps at most 10,000 ")
    assert device.find("show clock").output == "12:00"  # the next command is still read
    assert any("was cut there" in s for s in capture.skipped)


def test_a_file_over_the_budget_stops_keeping_output(tmp_path):
    path = tmp_path / "huge.log"
    path.write_text("".join(f"fw1# show clock\n12:00:{i:02d}\n" for i in range(60)))
    capture = load_paths([path], budget=Budget(file_chars=200))
    assert len(capture.devices[0].entries) < 60
    assert any("not loaded, this file already gave more output" in s for s in capture.skipped)


def test_a_big_file_is_streamed_in_bounded_memory(tmp_path):
    """~60 MB of console noise before the capture: read line by line, none of it kept."""
    path = tmp_path / "console.log"
    noise = ("%ASA-6-302013: Built inbound TCP connection 1234567 for outside:198.51.100.7/443 "
             "(198.51.100.7/443) to inside:10.0.0.5/51234 (203.0.113.5/51234) " + "x" * 340
             + "\n").encode()
    with path.open("wb") as out:
        for _ in range(60):
            out.write(noise * 2500)  # ~1 MB
        out.write(CAPTURE.encode())
    assert path.stat().st_size > 60_000_000
    started = time.monotonic()
    tracemalloc.start()
    try:
        capture = load_paths([path])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 10
    size = path.stat().st_size / 1e6
    assert peak < 12_000_000, f"peak {peak / 1e6:.1f} MB for a {size:.0f} MB file"
    [device] = capture.devices
    assert device.find("show failover").output.startswith("Failover On")
    assert capture.skipped == [f"{path} lines 1–150000: text before the first device prompt, "
                               "not loaded"]
