"""Every catalog id fires on at least two recordings, one of them a realistic full capture.

A minimal file written to trigger one finding proves the check can fire; a fault inside a
whole session or `show tech` of an otherwise healthy device (`recordings/realistic/`) proves
it still fires among everything else a real capture holds. Findings come from
`tests.recordings_index`, which analyses every recording once per session.
"""

from __future__ import annotations

import pytest

from netriage.engine.lint import load_catalog
from tests.recordings_index import Fired, recording_findings  # noqa: F401  (fixture)

REALISTIC = "recordings/realistic/"
MIN_RECORDINGS = 2


def firing_recordings(findings: dict[str, tuple[Fired, ...]], finding_id: str) -> list[str]:
    return sorted(path for path, fired in findings.items()
                  if any(item.finding == finding_id for item in fired))


def coverage_problem(findings: dict[str, tuple[Fired, ...]], finding_id: str) -> str:
    """Why `finding_id` falls short, or "" when it fires often enough and in a real capture."""
    where = firing_recordings(findings, finding_id)
    problems = []
    if len(where) < MIN_RECORDINGS:
        problems.append(f"fires on {len(where)} recording(s), needs {MIN_RECORDINGS}")
    if not any(path.startswith(REALISTIC) for path in where):
        problems.append(f"never inside a capture under {REALISTIC}")
    return "; ".join(problems) + (f" (fires on: {', '.join(where)})" if problems and where
                                  else "")


@pytest.mark.parametrize("finding_id", sorted(load_catalog()))
def test_id_fires_on_two_recordings_one_realistic(recording_findings, finding_id):  # noqa: F811
    problem = coverage_problem(recording_findings, finding_id)
    assert not problem, f"{finding_id}: {problem}"


def test_every_catalog_id_is_covered(recording_findings):  # noqa: F811
    """One list of every id that falls short, to read at a glance."""
    short = {i: p for i in sorted(load_catalog())
             if (p := coverage_problem(recording_findings, i))}
    assert not short, f"{len(short)} catalog id(s) fall short:\n" + "\n".join(
        f"  {i}: {p}" for i, p in short.items())


def test_no_recording_fires_an_id_outside_the_catalog(recording_findings):  # noqa: F811
    catalog = load_catalog()
    unknown = sorted({(path, item.finding) for path, fired in recording_findings.items()
                      for item in fired if item.finding not in catalog})
    assert not unknown, unknown


def test_recordings_are_listed_once_and_exist(recording_findings):  # noqa: F811
    from tests.conftest import ROOT

    assert recording_findings, "no recording found under recordings/"
    for path in recording_findings:
        assert (ROOT / path).exists(), path
        assert not path.endswith((".md", ".yml", ".yaml")), path
