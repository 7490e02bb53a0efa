"""`netriage analyze DIR`: one report per capture, an index, skipped files named, the worst
exit code — through the real CLI on real and generated captures."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netriage.cli import main
from tests.conftest import DEMO, FIXTURES, RECORDINGS
from tests.report.generate import generate

PAIRS = RECORDINGS / "pairs"
HEALTHY = FIXTURES / "failover" / "healthy-pair.log"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    paths = generate(folder, 8)
    (folder / "notes.txt").write_text("dear team, the firewall is broken\n")
    (folder / "dump.bin").write_bytes(b"\x00\x01\x02" * 100)
    return folder, paths


def test_each_capture_its_own_report_then_an_index(generated, capsys):
    folder, paths = generated
    code = main(["analyze", str(folder)])
    out = capsys.readouterr().out
    headers = re.findall(r"^=== (\S+) \((\d+) of (\d+)\) ===$", out, re.MULTILINE)
    assert [h[0] for h in headers] == [p.name for p in paths]
    assert {h[2] for h in headers} == {str(len(paths))}
    index = out[out.index("\nIndex\n"):]
    for path in paths:
        assert f"  {path.name} — " in index
    # the folder's two other files are named, each with its reason
    assert re.search(r"notes\.txt: is not a capture netriage recognises", index)
    assert re.search(r"dump\.bin: .*binary", index)
    assert code == 1  # the worst over the captures: the demo's medium finding


def test_output_dir_writes_one_report_per_capture_and_an_index(generated, tmp_path, capsys):
    folder, paths = generated
    out = tmp_path / "reports"
    code = main(["analyze", str(folder), "--output-dir", str(out), "--format", "json"])
    printed = capsys.readouterr().out
    assert code == 1
    assert f"{len(paths)} report(s) and index.json written to {out}" in printed
    assert "skipped: " in printed and "notes.txt" in printed
    index = json.loads((out / "index.json").read_text())
    assert [row["file"] for row in index["index"]] == [p.name for p in paths]
    assert len(index["skipped"]) == 2
    for row, path in zip(index["index"], paths, strict=True):
        report = json.loads((out / row["report"]).read_text())
        assert report["sources"] == [str(path)]
        assert row["devices"] == [d["hostname"] for d in report["devices"]]
        assert row["findings"] == len(report["findings"])
        assert sum(row["counts"].values()) == len(report["findings"]) + len(report["pairs"])
    first = index["index"][0]  # the demo: one medium finding
    assert (first["platforms"], first["versions"], first["worst"], first["counts"]) == \
        (["cisco_asa"], ["9.16(4)"], "medium", {"medium": 1})


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_the_index_in_each_format_links_its_reports(generated, tmp_path, capsys, fmt):
    folder, paths = generated
    out = tmp_path / fmt
    main(["analyze", str(folder), "--output-dir", str(out), "--format", fmt])
    capsys.readouterr()
    ext = {"markdown": "md", "html": "html", "text": "txt"}[fmt]
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted([f"index.{ext}", *(f"{p.name}.{ext}" for p in paths)])
    index = (out / f"index.{ext}").read_text()
    for path in paths:
        link = f"{path.name}.{ext}"
        assert {"markdown": f"]({link})", "html": f'href="{link}"', "text": link}[fmt] in index


def test_same_hostnames_in_two_files_stay_two_devices(tmp_path, capsys):
    for name in ("monday.log", "tuesday.log"):
        shutil.copy(DEMO, tmp_path / name)
    main(["analyze", str(tmp_path), "--format", "json"])
    batch = json.loads(capsys.readouterr().out)
    assert [[d["hostname"] for d in r["report"]["devices"]] for r in batch["batch"]] == \
        [["fw-edge/pri"], ["fw-edge/pri"]]
    assert [len(r["report"]["findings"]) for r in batch["batch"]] == [1, 1]
    assert any("monday.log and tuesday.log all name fw-edge/pri" in n for n in batch["notes"])
    # --merge: the old behaviour, one capture, one device
    main(["analyze", "--merge", str(tmp_path), "--format", "json"])
    merged = json.loads(capsys.readouterr().out)
    assert [d["hostname"] for d in merged["devices"]] == ["fw-edge/pri"]


def test_the_two_units_of_a_pair_in_one_folder_are_analysed_together(capsys):
    code = main(["analyze", str(PAIRS / "failover-split-brain"), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert [d["hostname"] for d in report["devices"]] == ["fw-hq/pri", "fw-hq/sec"]
    assert [p["verdict"] for p in report["pairs"]] == ["split brain"]
    assert code == 1
    main(["analyze", str(PAIRS), "--format", "json"])
    batch = json.loads(capsys.readouterr().out)
    files = [row["file"] for row in batch["index"]]
    assert "failover-split-brain/fw-hq-primary-console.log + " \
           "failover-split-brain/fw-hq-secondary-console.log" in files
    assert "failover-split-brain-one-file.log" in files  # a file holding both stays one


def test_exit_code_is_the_worst_over_the_files(tmp_path, capsys):
    shutil.copy(HEALTHY, tmp_path / "a.log")
    shutil.copy(FIXTURES / "failover" / "healthy-asa-pair.log", tmp_path / "b.log")
    assert main(["analyze", str(tmp_path)]) == 0
    shutil.copy(FIXTURES / "failover" / "disabled.log", tmp_path / "c.log")
    assert main(["analyze", str(tmp_path)]) == 1
    capsys.readouterr()


def test_a_folder_with_nothing_usable_is_exit_2_in_one_sentence(tmp_path):
    (tmp_path / "a.txt").write_text("hello\n")
    (tmp_path / "b.txt").write_text("world\n")
    result = subprocess.run([sys.executable, "-m", "netriage", "analyze", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert "nothing I can analyse (2 capture(s) tried; the first: " in line
    assert "a.txt" in line


def test_output_dir_onto_a_file_is_exit_2(tmp_path):
    target = tmp_path / "taken"
    target.write_text("")
    result = subprocess.run([sys.executable, "-m", "netriage", "analyze", str(DEMO),
                             "--output-dir", str(target)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip() == f"netriage: {target}: is a file; --output-dir needs a folder"


def test_a_file_skipped_in_a_folder_of_one_capture_is_named(tmp_path, capsys):
    folder = tmp_path / "rtr-branch5"
    shutil.copytree(RECORDINGS / "captures" / "netmiko-flat", folder)
    (folder / "README.md").write_text("collected by the night job\n")
    main(["analyze", str(folder)])
    out = capsys.readouterr().out
    assert "=== " not in out  # one capture: one report, no batch
    lines = out.splitlines()
    start = lines.index("Not loaded:")
    assert "README.md: is not a capture netriage recognises" in lines[start + 1]


def test_batch_output_folder_in_processes_equals_in_process(generated, tmp_path, capsys):
    """--jobs 2 (worker processes) and --jobs 1 (this process) write the same reports."""
    folder, paths = generated
    written = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        code = main(["analyze", str(folder), "--batch", "--output", str(out), "--format",
                     "markdown", "--jobs", jobs])
        capsys.readouterr()
        assert code == 1
        written[jobs] = {p.name: p.read_text() for p in out.iterdir()}
    assert written["1"] == written["2"]
    assert len(written["1"]) == len(paths) + 1  # a report each and the index


def test_batch_with_files_named_gives_each_its_own_report(tmp_path, capsys):
    shutil.copy(DEMO, tmp_path / "a.log")
    shutil.copy(HEALTHY, tmp_path / "b.log")
    out = tmp_path / "out"
    code = main(["analyze", str(tmp_path / "a.log"), str(tmp_path / "b.log"), "--batch",
                 "-o", str(out), "--format", "json"])
    capsys.readouterr()
    index = json.loads((out / "index.json").read_text())
    assert [row["file"] for row in index["index"]] == [str(tmp_path / "a.log"),
                                                       str(tmp_path / "b.log")]
    assert code == 1


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netriage", "analyze", *args],
                          capture_output=True, text=True, timeout=120)


def _one_sentence(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("netriage: ") and "Traceback" not in result.stderr
    return line


def test_output_problems_are_exit_2_in_one_sentence(tmp_path):
    file = tmp_path / "taken"
    file.write_text("")
    assert _one_sentence(_cli(str(DEMO), "--batch", "-o", str(file))) == \
        f"netriage: {file}: is a file; --batch --output needs a folder"
    missing = tmp_path / "no" / "such"
    assert _one_sentence(_cli(str(DEMO), "--batch", "-o", str(missing))) == \
        f"netriage: {missing}: the folder {missing.parent} does not exist"
    assert _one_sentence(_cli(str(DEMO), "-o", str(missing / "r.txt"))).endswith(
        f"the folder {missing} does not exist")
    under_file = file / "r.txt"
    assert _one_sentence(_cli(str(DEMO), "-o", str(under_file))) == \
        f"netriage: {under_file}: {file} is a file, not a folder"
    assert "is a folder; give a file name" in _one_sentence(_cli(str(DEMO), "-o",
                                                                 str(tmp_path)))
    assert "is not a number of processes" in _cli(str(DEMO), "--jobs", "0").stderr
    assert not missing.parent.exists()  # nothing was made on the way


@pytest.mark.skipif(not Path("/sys").is_dir(), reason="no /sys: not Linux")
def test_an_unwritable_output_is_exit_2_before_any_analysis(tmp_path):
    import tempfile

    try:  # /sys refuses new files even to root; skip where it does not (another kernel)
        tempfile.TemporaryFile(dir="/sys").close()
        pytest.skip("/sys is writable here")
    except OSError:
        pass
    line = _one_sentence(_cli(str(DEMO), "-o", "/sys/report.txt"))
    assert line.startswith("netriage: /sys: cannot write into this folder (")
    line = _one_sentence(_cli(str(DEMO), "--batch", "-o", "/sys/reports"))
    assert line.startswith("netriage: /sys/reports: cannot create the folder (")
