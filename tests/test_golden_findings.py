"""Every recording's complete findings, compared with a reviewed golden file.

A test that a case's id is present and on top says nothing of the other findings the same
capture raises; most findings across the recordings were checked by no case. The golden file
(`tests/golden_findings.tsv`: recording, device, finding id, severity, one row each) holds all
of them, reviewed: a finding that appears, vanishes or changes severity anywhere fails here
until someone looks at it and regenerates the file on purpose:

    .venv/bin/python -m tests.test_golden_findings --update

then reads the diff (`git diff tests/golden_findings.tsv`) before committing it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.recordings_index import Fired, findings_by_recording, recording_findings  # noqa: F401

GOLDEN = Path(__file__).with_name("golden_findings.tsv")
HEADER = "# recording\tdevice\tfinding\tseverity"


def rows(findings: dict[str, tuple[Fired, ...]]) -> list[str]:
    return sorted({f"{path}\t{f.device}\t{f.finding}\t{f.severity}"
                   for path, fired in findings.items() for f in fired})


def _golden() -> list[str]:
    return [line for line in GOLDEN.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def test_every_recording_finds_what_was_reviewed(recording_findings):  # noqa: F811
    now, golden = set(rows(recording_findings)), set(_golden())
    appeared = sorted(now - golden)
    vanished = sorted(golden - now)
    assert (appeared, vanished) == ([], []), (
        "findings differ from the reviewed golden file; review, then run "
        "`python -m tests.test_golden_findings --update`:\n"
        + "".join(f"  + {r}\n" for r in appeared) + "".join(f"  - {r}\n" for r in vanished))


def test_the_golden_file_is_not_empty_and_names_real_recordings():
    golden = _golden()
    assert len(golden) > 300
    root = Path(__file__).resolve().parents[1]
    paths = {row.split("\t")[0] for row in golden}
    assert sorted(p for p in paths if not (root / p).exists()) == []


if __name__ == "__main__" and "--update" in sys.argv:
    GOLDEN.write_text("\n".join([HEADER, *rows(findings_by_recording())]) + "\n",
                      encoding="utf-8")
    print(f"wrote {GOLDEN}")
