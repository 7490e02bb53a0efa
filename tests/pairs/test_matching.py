"""Matching: failover units by serial (then failover link), never by Active/Standby; the
failover key and pre-shared keys compared as the redaction tokens would say."""

from __future__ import annotations

from netriage.analysis import analyze_paths
from netriage.pairs.secrets import compare_secrets
from tests.pairs.helpers import PAIRS

HEALTHY = PAIRS / "failover-healthy"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_units_of_two_different_pairs_are_not_matched(tmp_path):
    """Same addresses, opposite roles, one Active and one Standby, same failover link: but the
    secondary belongs to another pair (its serials say so), so there is no pair."""
    other = (HEALTHY / "fw-hq-secondary.log").read_text().replace(
        "FCH2103J0QF", "FCH2290K1AB").replace("FCH2103J0QA", "FCH2290K1AC")
    analysis = analyze_paths([HEALTHY / "fw-hq-primary.log",
                              _write(tmp_path, "other-secondary.log", other)])
    assert [p for p in analysis.pairs if len(p.devices) == 2] == []
    assert {p.verdict for p in analysis.pairs} == {"missing end"}


def test_mate_serial_unknown_falls_back_to_the_failover_link(tmp_path):
    """`Mate Unknown` on both (a mate never heard since boot): the identical failover link
    configuration with opposite `failover lan unit` still pairs them."""
    files = []
    for name in ("fw-hq-primary.log", "fw-hq-secondary.log"):
        text = (HEALTHY / name).read_text()
        text = text.replace("Mate FCH2103J0QF", "Mate Unknown").replace(
            "Mate FCH2103J0QA", "Mate Unknown")
        files.append(_write(tmp_path, name, text))
    analysis = analyze_paths(files)
    [pair] = analysis.pairs
    assert pair.devices == ["fw-hq/pri", "fw-hq/sec"]
    assert pair.matched_by.startswith("failover link folink 10.255.255.1 standby 10.255.255.2")


def test_primary_is_listed_first_whatever_the_load_order():
    analysis = analyze_paths([HEALTHY / "fw-hq-secondary.log", HEALTHY / "fw-hq-primary.log"])
    [pair] = analysis.pairs
    assert pair.devices == ["fw-hq/pri", "fw-hq/sec"]


def test_secrets_compare_like_their_tokens():
    assert compare_secrets("<psk-3>", "<psk-3>") is True
    assert compare_secrets("<psk-3>", "<psk-4>") is False
    assert compare_secrets("s3cret", "0 s3cret") is True  # IOS type 0 is clear text
    assert compare_secrets("s3cret", "") is False  # one end has no key at all
    assert compare_secrets("*****", "s3cret") is None  # masked by the device: unknown
    assert compare_secrets("6 FJZQbZNHRcVc", "6 FJZQbZNHRcVc") is None  # type 6: not comparable
    assert compare_secrets("", "") is True
