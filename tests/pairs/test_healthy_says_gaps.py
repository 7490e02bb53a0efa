"""A "healthy" failover verdict is only as healthy as what both units showed: what was not
compared is said in the verdict's own sentence, not only listed under "not compared"."""

from __future__ import annotations

from tests.pairs.helpers import PAIRS, analyze, the_pair

HEALTHY = PAIRS / "failover-healthy"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_masked_keys_are_named_in_the_healthy_verdict():
    _, report, _ = analyze(HEALTHY)
    pair = the_pair(report, "failover")
    assert pair["verdict"] == "healthy"
    assert pair["summary"].startswith("Healthy as far as both show")
    assert "failover key not compared: masked on both" in pair["summary"]


def test_a_missing_show_version_is_named_and_licences_are_not_called_equal(tmp_path):
    text = (HEALTHY / "fw-hq-secondary.log").read_text()
    cut = text[:text.index("fw-hq/sec/stby# show version")] + \
        text[text.index("fw-hq/sec/stby# show failover\n"):]
    _, report, _ = analyze(HEALTHY / "fw-hq-primary.log", _write(tmp_path, "sec.log", cut))
    pair = the_pair(report, "failover")
    assert pair["verdict"] == "healthy"
    # the model still shows in `show failover`; the licences only in `show version`
    assert "licences not compared: no `show version` on fw-hq/sec" in pair["summary"]
    assert "the licences: capture `show version` on fw-hq/sec" in pair["undecided"]


def test_clear_equal_keys_leave_a_plain_healthy_sentence(tmp_path):
    files = [_write(tmp_path, name, (HEALTHY / name).read_text().replace(
        "failover key *****", "failover key Same-Key-1")) for name in
        ("fw-hq-primary.log", "fw-hq-secondary.log")]
    _, report, _ = analyze(*files)
    pair = the_pair(report, "failover")
    assert pair["verdict"] == "healthy" and pair["undecided"] == []
    assert pair["summary"] == ("Both units agree: one Active, one Standby, same software, "
                               "hardware and failover configuration as far as both show them.")
