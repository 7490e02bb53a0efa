"""IPsec peers through the real CLI: matched by crypto endpoints, one verdict per tunnel."""

from __future__ import annotations

from tests.pairs.helpers import PAIRS, analyze, finding_ids, the_pair, two_ended

ASA_ASA = PAIRS / "ipsec-asa-asa-healthy"
ONE_WAY = PAIRS / "ipsec-asa-ios-one-way"
PROXY = PAIRS / "ipsec-proxy-id-mismatch"
MANUAL_BAD = PAIRS / "ipsec-pix-6500-manual-not-mirrored"
MANUAL_OK = PAIRS / "ipsec-pix-6500-manual-mirrored"


def test_asa_asa_healthy_tunnel_is_established_and_raises_nothing_above_low():
    code, report, _ = analyze(ASA_ASA / "vpn-fw-hq.log", ASA_ASA / "branch-b-fw.log")
    pair = the_pair(report, "ipsec")
    assert set(pair["devices"]) == {"vpn-fw", "branch-b-fw"}
    assert pair["verdict"] == "established" and pair["fix_at"] is None
    assert pair["findings"] == [] and pair["severity"] in ("info", "low")
    # matched by endpoints: each names the other's outside address
    assert "198.51.100.2" in pair["matched_by"] and "192.0.2.45" in pair["matched_by"]
    counters = [e["text"].strip() for e in pair["evidence"]]
    assert "#pkts encaps: 99120, #pkts encrypt: 99120, #pkts digest: 99120" in counters
    assert "#pkts decaps: 99120, #pkts decrypt: 99120, #pkts verify: 99120" in counters
    assert not [f for f in report["findings"] if f["severity"] not in ("info", "low")]
    assert code == 0
    # the HQ's other tunnel (to 203.0.113.2) has no end loaded: stated, not judged
    [missing] = [p for p in report["pairs"] if p["verdict"] == "missing end"]
    assert missing["devices"] == ["vpn-fw"] and "203.0.113.2" in missing["summary"]


def test_asa_ios_one_way_names_the_router_that_receives_but_never_sends():
    code, report, _ = analyze(ONE_WAY / "vpn-fw-hq.log", ONE_WAY / "branch-rtr.log")
    pair = the_pair(report, "ipsec")
    assert pair["verdict"] == "one-way"
    assert pair["fix_at"] == "branch-rtr"
    assert pair["findings"] == ["crypto.decaps-no-encaps"]
    by_device = {}
    for e in pair["evidence"]:
        by_device.setdefault(e["device"], []).append(e["text"].strip())
    assert "#pkts encaps: 52114, #pkts encrypt: 52114, #pkts digest: 52114" in by_device["vpn-fw"]
    assert "#pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0" in by_device["branch-rtr"]
    assert any("NAT" in line for line in pair["fix"])
    assert code == 1
    # the ASA's one-ended "encaps, no decaps" is folded; the router's own NAT finding, the
    # cause, stays where it is
    assert "crypto.encaps-no-decaps" not in finding_ids(report, "vpn-fw")
    assert "crypto.encaps-zero-nat" in finding_ids(report, "branch-rtr")


def test_asa_end_alone_gives_no_pair_and_keeps_its_own_finding():
    _, report, _ = analyze(ONE_WAY / "vpn-fw-hq.log")
    assert report["pairs"] == []
    assert "crypto.encaps-no-decaps" in finding_ids(report, "vpn-fw")


def test_psk_mismatch_in_one_file_names_the_responder():
    code, report, _ = analyze(PAIRS / "ipsec-psk-mismatch-one-file.log")
    pair = the_pair(report, "ipsec")
    assert pair["verdict"] == "key mismatch"
    assert pair["findings"] == ["crypto.ike-p1-psk-mismatch"]
    assert pair["fix_at"] == "branch-rtr"  # MM_KEY_EXCH: it rejects the ASA's MM5
    states = {(e["device"], e["text"].split()[-1] if "MM_WAIT" in e["text"] else e["text"]
               .split()[2]) for e in pair["evidence"]}
    assert ("vpn-fw", "MM_WAIT_MSG6") in states and ("branch-rtr", "MM_KEY_EXCH") in states
    assert "crypto isakmp key <the-key-vpn-fw-uses> address 198.51.100.2" in pair["fix"]
    assert code == 1


def test_proxy_id_mismatch_names_the_end_whose_acl_is_not_a_mirror():
    _, report, _ = analyze(PROXY)
    pair = the_pair(report, "ipsec")
    assert pair["verdict"] == "phase 2 failed"
    assert pair["findings"] == ["crypto.proxy-id-mismatch"]
    assert pair["fix_at"] == "branch-b-fw"  # 10.1.0.0/16 where HQ's inside is 10.1.0.0/24
    assert any("10.1.0.0/16" in d for d in pair["differences"])


def test_pix_6500_manual_keys_not_mirrored():
    code, report, _ = analyze(MANUAL_BAD / "pix-branch.log", MANUAL_BAD / "core-6509.log")
    pair = the_pair(report, "ipsec")
    assert pair["verdict"] == "key mismatch"
    assert pair["findings"] == ["crypto.manual-key-not-mirrored"]
    # the Catalyst logs invalid SPIs from the PIX: its inbound is not the PIX's outbound
    assert pair["fix_at"] == "core-6509"
    assert any("300 on core-6509" in d and "301 on pix-branch" in d
               for d in pair["differences"])
    assert any("RECVD_PKT_INV_SPI" in e["text"] for e in pair["evidence"])
    assert code == 1


def test_pix_6500_mirrored_keys_settle_the_one_ended_guess():
    _, report, _ = analyze(MANUAL_OK)
    pair = the_pair(report, "ipsec")
    assert pair["verdict"] == "established"
    assert pair["findings"] == []
    # each end alone cannot see the other's keys and suspects them; both ends settle it
    assert "crypto.manual-key-not-mirrored" not in finding_ids(report)
    _, alone, _ = analyze(MANUAL_OK / "pix-branch.log")
    assert "crypto.manual-key-not-mirrored" in finding_ids(alone)


def test_manual_keys_never_shown_in_clear_in_the_pair():
    _, report, _ = analyze(MANUAL_BAD)
    pair = the_pair(report, "ipsec")
    text = repr(pair)
    for key in ("7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d", "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567"):
        assert key not in text
    assert "<" in " ".join(pair["fix"])  # the tokens stand where the keys were


def test_unrelated_ends_are_not_matched():
    _, report, _ = analyze(ONE_WAY / "vpn-fw-hq.log", MANUAL_BAD / "core-6509.log")
    assert two_ended(report) == []
    missing = {p["devices"][0]: p for p in report["pairs"]}
    assert set(missing) == {"vpn-fw", "core-6509"}
    assert all(p["verdict"] == "missing end" and p["fix_at"] is None
               for p in missing.values())
