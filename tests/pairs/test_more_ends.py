"""More two-ended cases through the real CLI: IOS <-> IOS (15.x and IOS-XE), ASA <-> IOS-XE
over IKEv2 with traffic selectors refused, FTD <-> ASA, and an FTD failover pair."""

from __future__ import annotations

from netriage.analysis import analyze_paths
from tests.pairs.helpers import PAIRS, analyze, finding_ids, the_pair

IOS_OK = PAIRS / "ipsec-ios-ios-healthy"
IOS_PFS = PAIRS / "ipsec-ios-ios-pfs-mismatch"
IKEV2 = PAIRS / "ipsec-asa-xe-ikev2-ts-unacceptable"
FTD_OK = PAIRS / "ipsec-ftd-asa-healthy"
FTD_PSK = PAIRS / "ipsec-ftd-asa-psk-mismatch"
FTD_PAIR = PAIRS / "failover-ftd-healthy"


def _platforms(report):
    return {d["hostname"]: (d["platform"], d["version"]) for d in report["devices"]}


def test_ios_15_and_ios_xe_tunnel_is_established():
    code, report, _ = analyze(IOS_OK / "branch2-rtr.log", IOS_OK / "dc2-rtr.log")
    assert _platforms(report) == {"branch2-rtr": ("cisco_ios", "15.4(3)M5"),
                                  "dc2-rtr": ("cisco_xe", "17.03.04a")}
    pair = the_pair(report, "ipsec")
    assert pair["verdict"] == "established" and pair["fix_at"] is None
    assert pair["findings"] == [] and code == 0
    assert "203.0.113.18" in pair["matched_by"] and "192.0.2.77" in pair["matched_by"]
    [counters] = [r for r in pair["rows"] if r["label"] == "encaps / decaps"]
    assert counters["differs"] is False


def test_ios_pfs_mismatch_is_phase_2_failed_with_no_end_to_blame():
    code, report, _ = analyze(IOS_PFS / "branch2-rtr.log", IOS_PFS / "dc2-rtr.log")
    pair = the_pair(report, "ipsec")
    assert (pair["verdict"], pair["findings"]) == ("phase 2 failed", ["crypto.pfs-mismatch"])
    # either end can be changed to match the other: the evidence does not pick one
    assert pair["fix_at"] is None and pair["fix_blocks"] == []
    assert "PFS differs: branch2-rtr none; dc2-rtr group14" in pair["differences"]
    assert code == 1


def test_ios_transform_mismatch(tmp_path):
    text = (IOS_PFS / "dc2-rtr.log").read_text().replace(
        "TS-AES256 esp-aes 256 esp-sha256-hmac", "TS-AES256 esp-3des esp-sha-hmac").replace(
        " set pfs group14\n", "")
    dc2 = tmp_path / "dc2-rtr.log"
    dc2.write_text(text)
    _, report, _ = analyze(IOS_PFS / "branch2-rtr.log", dc2)
    pair = the_pair(report, "ipsec")
    assert pair["findings"] == ["crypto.transform-mismatch"]
    assert any("no transform set in common" in d for d in pair["differences"])


def test_ikev2_selectors_refused_names_the_ios_xe_end_whose_acl_is_not_its_own():
    code, report, _ = analyze(IKEV2 / "vpn-fw.log", IKEV2 / "branch-b-xe.log")
    assert _platforms(report)["branch-b-xe"] == ("cisco_xe", "17.06.05")
    pair = the_pair(report, "ipsec")
    assert pair["verdict"] == "phase 2 failed"
    assert pair["findings"] == ["crypto.proxy-id-mismatch"]
    # its crypto ACL names 10.31.0.0/24; its LAN is 10.30.0.0/24
    assert pair["fix_at"] == "branch-b-xe"
    assert [r["left"] for r in pair["rows"] if r["label"] == "IKE"] == ["ikev2"]
    assert any("TS_UNACCEPTABLE" in e["text"] and e["device"] == "vpn-fw"
               for e in pair["evidence"])
    assert "show ip access-lists VPN-TO-HQ" in pair["fix"]
    assert code == 1
    # the ASA's one-ended TS_UNACCEPTABLE finding is the pair's now; alone it stands
    assert "crypto.ikev2-ts-unacceptable" not in finding_ids(report)
    _, alone, _ = analyze(IKEV2 / "vpn-fw.log")
    assert "crypto.ikev2-ts-unacceptable" in finding_ids(alone, "vpn-fw")


def test_ftd_asa_tunnel_established():
    code, report, _ = analyze(FTD_OK / "ftd-branch-c.log", FTD_OK / "vpn-fw.log")
    assert _platforms(report)["ftd-branch-c"] == ("cisco_ftd", "7.2.5")
    pair = the_pair(report, "ipsec")
    assert pair["verdict"] == "established" and pair["findings"] == []
    assert "203.0.113.50" in pair["matched_by"] and code == 0


def test_ftd_responder_rejecting_the_key_gets_manager_steps_not_lina_config():
    code, report, _ = analyze(FTD_PSK / "ftd-branch-c.log", FTD_PSK / "vpn-fw.log")
    pair = the_pair(report, "ipsec")
    assert (pair["verdict"], pair["fix_at"]) == ("key mismatch", "ftd-branch-c")
    [block] = pair["fix_blocks"]
    assert block["platform"] == "ftd" and block["commands"] == []
    assert block["manager"][0].startswith("FMC: Devices > VPN > Site To Site")
    assert block["verify"] == ["show crypto ikev1 sa",
                               "show running-config tunnel-group 198.51.100.2"]
    assert not any(line.startswith(("configure", "tunnel-group", " ikev1"))
                   for line in pair["fix"])
    assert code == 1


def test_ftd_failover_pair_healthy_from_clish_show_version_and_lina_outputs():
    # two FTD files loaded as a folder (each bare `>` prompt named by its file)
    analysis = analyze_paths([FTD_PAIR])
    [pair] = analysis.pairs
    assert pair.devices == ["ftd-dc2-a", "ftd-dc2-b"]
    assert {d.facts.device.platform for d in analysis.devices} == {"cisco_ftd"}
    assert pair.verdict == "healthy" and pair.findings == []
    assert "JAD2447R0AB" in pair.matched_by
    [model] = [r for r in pair.rows if r.label == "model"]
    assert model.left == model.right == "Cisco Firepower 2130 Threat Defense"
    assert "failover key not compared: masked on both" in pair.summary
    assert not [f for f in analysis.findings if f.severity not in ("info", "low")]
