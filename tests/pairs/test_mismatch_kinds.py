"""More mismatch kinds, each made from a pair recording by changing the one line that differs
between the ends (real files through the real CLI)."""

from __future__ import annotations

import json

from tests.pairs.helpers import PAIRS, analyze, the_pair

HEALTHY = PAIRS / "failover-healthy"
PROXY = PAIRS / "ipsec-proxy-id-mismatch"
ASA_ASA = PAIRS / "ipsec-asa-asa-healthy"


def _changed(tmp_path, source, name, *edits):
    text = source.read_text()
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text)
    return path


def test_hardware_mismatch_from_each_units_own_show_version(tmp_path):
    secondary = _changed(tmp_path, HEALTHY / "fw-hq-secondary.log", "sec.log",
                         ("Hardware:   ASA5525", "Hardware:   ASA5545"))
    _, report, _ = analyze(HEALTHY / "fw-hq-primary.log", secondary)
    pair = the_pair(report, "failover")
    assert "failover.hardware-mismatch" in pair["findings"]
    assert any("ASA5525" in d and "ASA5545" in d for d in pair["differences"])
    [model] = [r for r in pair["rows"] if r["label"] == "model"]
    assert (model["left"], model["right"], model["differs"]) == ("ASA5525", "ASA5545", True)


def test_failover_keys_compared_by_token_never_shown(tmp_path):
    primary = _changed(tmp_path, HEALTHY / "fw-hq-primary.log", "pri.log",
                       ("failover key *****", "failover key Fo-Key-0ne"))
    secondary = _changed(tmp_path, HEALTHY / "fw-hq-secondary.log", "sec.log",
                         ("failover key *****", "failover key Fo-Key-Tw0"))
    code, report, _ = analyze(primary, secondary)
    pair = the_pair(report, "failover")
    assert pair["findings"] == ["failover.key-mismatch"] and code == 1
    assert pair["fix_at"] == "fw-hq/sec"
    cited = [e["text"] for e in pair["evidence"] if "failover key" in e["text"]]
    assert len(cited) == 2 and cited[0] != cited[1]  # two different tokens
    assert all("<" in line for line in cited)
    assert "Fo-Key" not in json.dumps(report)
    # the same key on both: equal, and nothing left uncompared about it
    same = _changed(tmp_path, HEALTHY / "fw-hq-secondary.log", "same.log",
                    ("failover key *****", "failover key Fo-Key-0ne"))
    _, report, _ = analyze(primary, same)
    pair = the_pair(report, "failover")
    assert pair["verdict"] == "healthy"
    assert not any("failover key" in u for u in pair["undecided"])


def test_pfs_mismatch_decides_when_no_sa_says_otherwise(tmp_path):
    branch = _changed(tmp_path, PROXY / "branch-b-fw.log", "branch-b-fw.log",
                      (" subnet 10.1.0.0 255.255.0.0", " subnet 10.1.0.0 255.255.255.0"),
                      ("crypto map OUTSIDE-MAP 10 set pfs group14\n", ""))
    _, report, _ = analyze(PROXY / "vpn-fw-hq.log", branch)
    pair = the_pair(report, "ipsec")
    assert pair["verdict"] == "phase 2 failed"
    assert pair["findings"] == ["crypto.pfs-mismatch"]
    assert any("PFS differs" in d for d in pair["differences"])


def test_a_configuration_difference_on_a_working_tunnel_is_only_a_difference(tmp_path):
    """Live state outranks configuration: SAs up both ways mean the ends did agree."""
    branch = _changed(tmp_path, ASA_ASA / "branch-b-fw.log", "branch-b-fw.log",
                      ("crypto map OUTSIDE-MAP 10 set pfs group14\n", ""))
    _, report, _ = analyze(ASA_ASA / "vpn-fw-hq.log", branch)
    pair = the_pair(report, "ipsec")
    assert pair["verdict"] == "established" and pair["findings"] == []
    assert any("PFS differs" in d and "negotiated" in d for d in pair["differences"])


def test_licence_that_must_match_differs(tmp_path):
    secondary = _changed(tmp_path, HEALTHY / "fw-hq-secondary.log", "sec.log",
                         ("Security Contexts                 : 2",
                          "Security Contexts                 : 5"))
    _, report, _ = analyze(HEALTHY / "fw-hq-primary.log", secondary)
    pair = the_pair(report, "failover")
    assert pair["findings"] == ["failover.license-mismatch"]
    assert any("Security Contexts: 2 / 5" in d for d in pair["differences"])
    assert {e["device"] for e in pair["evidence"] if "Security Contexts" in e["text"]} == {
        "fw-hq/pri", "fw-hq/sec"}
