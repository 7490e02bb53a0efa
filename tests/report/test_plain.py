"""`report.plain.plain` gives exactly what `dataclasses.asdict` gives (keys, order, values,
lists copied) for every evidence line, fix block and undecided check of real recordings."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from netriage.engine.findings import Evidence, Fix
from netriage.report.plain import plain
from tests.conftest import DEMO, RECORDINGS
from tests.recordings_index import analysis_of

SOME = [DEMO, RECORDINGS / "pairs" / "failover-split-brain",
        RECORDINGS / "realistic" / "routers-switches" / "c6509e-core-sup720-session.log"]


@pytest.mark.parametrize("path", SOME, ids=lambda p: p.name)
def test_plain_is_asdict(path):
    analysis = analysis_of(path)
    records = [*analysis.undecided]
    for finding in analysis.findings:
        records += [*finding.evidence, *finding.fix]
    assert len(records) > 10
    for record in records:
        converted = plain(record)
        assert converted == asdict(record) and list(converted) == list(asdict(record))


def test_lists_are_copied_and_nested_records_fall_back():
    fix = Fix("asa", commands=["configure terminal"])
    converted = plain(fix)
    converted["commands"].append("end")
    assert fix.commands == ["configure terminal"]
    from netriage.engine.findings import Step

    step = Step("n1", "a check", "true", evidence=[Evidence("show failover", 3, "Failover On")])
    assert plain(step) == asdict(step)  # a list of records: asdict's way
