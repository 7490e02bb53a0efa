"""Failover pairs through the real CLI: matched by serial, one verdict from both views."""

from __future__ import annotations

from tests.pairs.helpers import PAIRS, analyze, finding_ids, the_pair, two_ended

HEALTHY = PAIRS / "failover-healthy"
SPLIT = PAIRS / "failover-split-brain"
STANDBY = PAIRS / "failover-standby-address-missing"


def test_healthy_pair_two_files_matched_by_serial_and_quiet():
    code, report, _ = analyze(HEALTHY / "fw-hq-primary.log", HEALTHY / "fw-hq-secondary.log")
    pair = the_pair(report, "failover")
    assert pair["devices"] == ["fw-hq/pri", "fw-hq/sec"]
    assert pair["verdict"] == "healthy" and pair["fix_at"] is None
    assert pair["findings"] == [] and pair["severity"] in ("info", "low")
    assert "FCH2103J0QF" in pair["matched_by"] and "FCH2103J0QA" in pair["matched_by"]
    # a healthy pair raises nothing above low, and the exit code says so
    assert not [f for f in report["findings"] if f["severity"] not in ("info", "low")]
    assert code == 0
    # the masked keys are not called equal: unknown is never healthy
    assert any("failover key" in u for u in pair["undecided"])


def test_split_brain_across_two_files_is_one_verdict_naming_the_unit_to_stand_down():
    code, report, _ = analyze(SPLIT / "fw-hq-primary-console.log",
                              SPLIT / "fw-hq-secondary-console.log")
    pair = the_pair(report, "failover")
    assert pair["verdict"] == "split brain"
    assert pair["findings"] == ["failover.split-brain"]
    assert pair["severity"] == "critical" and code == 1
    # the secondary took over last (1933 s active against 41 days): it stands down
    assert pair["fix_at"] == "fw-hq/sec"
    assert "no failover active" in pair["fix"]
    both = {(e["device"], e["text"].strip()) for e in pair["evidence"]}
    assert ("fw-hq/pri", "This host: Primary - Active") in both
    assert ("fw-hq/sec", "This host: Secondary - Active") in both
    # matched by serial even though both claim Active: roles never match a pair
    assert "serial" in pair["matched_by"]
    # the one-ended split brain / mate failed findings are folded into the pair
    assert not finding_ids(report) & {"failover.split-brain", "failover.mate-failed"}


def test_split_brain_in_one_file_and_in_a_folder_give_the_same_verdict():
    _, one_file, _ = analyze(PAIRS / "failover-split-brain-one-file.log")
    _, folder, _ = analyze(SPLIT)
    for report in (one_file, folder):
        pair = the_pair(report, "failover")
        assert (pair["verdict"], pair["fix_at"]) == ("split brain", "fw-hq/sec")


def test_version_mismatch_folds_both_one_ended_findings_and_names_the_older_unit(tmp_path):
    path = PAIRS / "failover-version-mismatch-one-file.log"
    _, report, _ = analyze(path)
    pair = the_pair(report, "failover")
    assert pair["findings"] == ["failover.version-mismatch"]
    assert pair["fix_at"] == "fw-hq/pri"  # 9.16(4) against 9.18(3)
    assert any("9.16(4)" in d and "9.18(3)" in d for d in pair["differences"])
    assert "failover.version-mismatch" not in finding_ids(report)
    # the primary's half alone still says it: what the pair folded was really there
    text = path.read_text()
    half = tmp_path / "primary-half.log"
    half.write_text(text[:text.index("fw-hq/sec/stby> enable")])
    _, alone, _ = analyze(half)
    assert alone["pairs"] == []
    assert "failover.version-mismatch" in finding_ids(alone, "fw-hq/pri")


def test_standby_address_missing_says_what_each_unit_sees():
    _, report, _ = analyze(STANDBY)
    pair = the_pair(report, "failover")
    assert pair["findings"] == ["failover.standby-ip-missing"]
    assert pair["fix_at"] == "fw-hq/pri"  # the active unit: the address is typed there
    assert ("the primary (fw-hq/pri) sees dmz Normal (Waiting); the secondary (fw-hq/sec) "
            "has no standby address on dmz") in pair["differences"]
    assert any("standby" in line for line in pair["fix"])
    lines = {(e["device"], e["text"].strip()) for e in pair["evidence"]}
    assert ("fw-hq/sec", "Interface dmz (0.0.0.0): Normal (Waiting)") in lines
    assert "failover.standby-ip-missing" not in finding_ids(report)


def test_one_unit_alone_gives_no_pair():
    _, report, _ = analyze(HEALTHY / "fw-hq-primary.log")
    assert report["pairs"] == []


def test_a_unit_whose_mate_is_not_loaded_is_a_missing_end_beside_other_devices():
    _, report, _ = analyze(HEALTHY / "fw-hq-primary.log",
                           PAIRS / "ipsec-asa-asa-healthy" / "branch-b-fw.log")
    assert two_ended(report) == []
    [missing] = [p for p in report["pairs"] if p["kind"] == "failover"]
    assert missing["verdict"] == "missing end" and missing["fix_at"] is None
    assert missing["devices"] == ["fw-hq/pri"] and missing["findings"] == []
    assert "FCH2103J0QF" in missing["summary"]
