"""A DES-only licence caps the cipher, whatever the release offers (issue 11 follow-up).

A PIX 6.3 whose `show version` says `VPN-3DES-AES: Disabled` (ASA 7.x-8.2 `VPN-3DES-AES :
Disabled`, ASA 8.3+ `Encryption-3DES-AES : Disabled`) refuses `encryption aes-256`,
`esp-aes-256` and 3DES: the weak-crypto fixes there use DES with the stronger hash and DH group
the release has, the finding names the licence, and where only the cipher is weak the fix is
the activation key. The same capture with the licence enabled gets the AES fix as before, and
a licence that was not read changes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netriage.analysis import analyze_paths
from netriage.capture.load import load_paths
from netriage.engine.findings import Finding
from netriage.facts.crypto.licence import des_only_line
from tests.conftest import RECORDINGS

DES_ONLY = RECORDINGS / "realistic" / "vpn-des-only"
PIX = DES_ONLY / "pix515e-6.3-nancy-partner-vpn-des-only-licence-session.log"
ASA = DES_ONLY / "asa5510-8.2-metz-partner-vpn-k8-des-only-licence-session.log"
ASA84 = RECORDINGS / "realistic" / "firewalls" / \
    "asa5520-8.4-mfg-pair-primary-failover-lan-removed-session.log"
WEAK = ("crypto.weak-ike-policy", "crypto.weak-transform")
# a cipher the licence refuses, as any fix line would type it (isakmp / ikev1 / ikev2 /
# transform sets / IOS `esp-aes 256`)
_STRONG_CIPHER = re.compile(r"\b(esp-)?(3des|aes(-gcm)?(-\d+)?)\b", re.IGNORECASE)


def _weak(path: Path) -> list[Finding]:
    return [f for f in analyze_paths([path]).findings if f.id in WEAK]


def _typed_lines(finding: Finding) -> list[str]:
    """Every line of every rendered fix an engineer would type (comments are not typed)."""
    return [line for fix in finding.fix for line in (*fix.commands, *fix.verify, *fix.rollback)
            if not line.lstrip().startswith("!")]


def _twin(path: Path, tmp_path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text
    twin = tmp_path / path.name
    twin.write_text(text.replace(old, new), encoding="utf-8")
    return twin


@pytest.mark.parametrize("path", [PIX, ASA], ids=["pix-6.3", "asa-8.2"])
def test_no_fix_on_a_des_only_unit_types_3des_or_aes(path):
    findings = _weak(path)
    assert sorted(f.id for f in findings) == sorted(WEAK)  # both weaknesses still reported
    for finding in findings:
        assert finding.fix, finding.title
        typed = _typed_lines(finding)
        assert typed
        assert [line for line in typed if _STRONG_CIPHER.search(line)] == []


@pytest.mark.parametrize("path", [PIX, ASA], ids=["pix-6.3", "asa-8.2"])
def test_the_licence_is_named_in_the_explanation_and_shown_as_evidence(path):
    for finding in _weak(path):
        assert "VPN-3DES-AES: Disabled" in finding.explanation
        assert "capped by the licence, not by the release" in finding.explanation
        assert "VPN-3DES-AES: Disabled" in finding.title
        shown = [e.text for e in finding.evidence if e.command == "show version"]
        assert [t for t in shown if re.match(r"VPN-3DES-AES\s*:\s*Disabled", t)], shown


def _by_id(path: Path) -> dict[str, Finding]:
    return {f.id: f for f in _weak(path)}


def test_pix_hash_and_group_still_rise_and_the_cipher_only_set_gets_the_licence():
    findings = _by_id(PIX)
    policy = findings["crypto.weak-ike-policy"]  # des, md5, group 1: hash and group can rise
    assert "md5, group 1" in policy.title
    [fix] = policy.fix
    assert fix.versions == ">=6.3 <7.0"
    assert [c for c in fix.commands if c.startswith("isakmp policy 5 ")] == [
        "isakmp policy 5 authentication pre-share", "isakmp policy 5 encryption des",
        "isakmp policy 5 hash sha", "isakmp policy 5 group 5"]
    transform = findings["crypto.weak-transform"]  # esp-des esp-sha-hmac: only the cipher
    [fix] = transform.fix
    assert "activation-key <strong-crypto-activation-key>" in fix.commands
    assert "reload" in fix.commands
    assert fix.verify[0] == "show version"
    # the rollback re-enters the key `show version` says is running
    assert fix.rollback[0] == "activation-key 0x5d0e8a21 0x3b7c94f6 0xa2e15c08 0x6f4d31b7"


def test_asa_cipher_only_policy_gets_the_licence_and_the_md5_set_a_des_sha_set():
    findings = _by_id(ASA)
    policy = findings["crypto.weak-ike-policy"]  # des sha group 5: group 5 is 8.2's best
    [fix] = policy.fix
    assert fix.commands[1] == "activation-key <strong-crypto-activation-key>"
    assert fix.rollback[0] == ("activation-key 0x4e2c1b07 0xd8f05a33 0x1c9e7d42 0xa7b36f15 "
                               "0x02d4c8e9")
    assert not [c for c in fix.commands if "isakmp policy" in c]  # nothing to re-create
    transform = findings["crypto.weak-transform"]  # esp-des esp-md5-hmac: the hash can rise
    [fix] = transform.fix
    assert "crypto ipsec transform-set NR-DES-SHA esp-des esp-sha-hmac" in fix.commands
    assert "crypto map outside_map 10 set transform-set NR-DES-SHA ESP-DES-MD5" in fix.commands
    assert "crypto map outside_map 10 set pfs group5" in fix.commands
    assert "activation-key <strong-crypto-activation-key>" not in fix.commands


@pytest.mark.parametrize(("path", "old", "new", "aes_line"), [
    (PIX, "VPN-3DES-AES:                Disabled", "VPN-3DES-AES:                Enabled",
     "isakmp policy 5 encryption aes-256"),
    (ASA, "VPN-3DES-AES                   : Disabled",
     "VPN-3DES-AES                   : Enabled", " encryption aes-256"),
], ids=["pix-6.3", "asa-8.2"])
def test_a_3des_aes_twin_still_gets_the_aes_fix(path, old, new, aes_line, tmp_path):
    findings = _by_id(_twin(path, tmp_path, old, new))
    assert set(findings) == set(WEAK)
    policy = findings["crypto.weak-ike-policy"]
    assert "licence" not in policy.title and "licence" not in policy.explanation
    [fix] = policy.fix
    assert aes_line in fix.commands
    assert not [c for f in findings.values() for x in f.fix for c in x.commands
                if c.startswith("activation-key")]
    [fix] = findings["crypto.weak-transform"].fix
    assert [c for c in fix.commands if "esp-aes-256" in c]


def test_without_show_version_the_licence_is_unknown_and_nothing_changes(tmp_path):
    text = PIX.read_text(encoding="utf-8")
    start, end = text.index("pix-nancy# show version"), text.index("pix-nancy# write terminal")
    cut = tmp_path / "pix-nancy-no-show-version.log"
    cut.write_text(text[:start] + text[end:], encoding="utf-8")
    findings = _by_id(cut)
    assert set(findings) == set(WEAK)
    for finding in findings.values():
        assert "licence" not in finding.title and "licence" not in finding.explanation
        assert [line for line in _typed_lines(finding) if _STRONG_CIPHER.search(line)]


def _device(path: Path):
    [device] = load_paths([path]).devices
    return device


def test_the_licence_line_is_read_in_each_form(tmp_path):
    assert des_only_line(_device(PIX)) == ("VPN-3DES-AES: Disabled",
                                           "0x5d0e8a21 0x3b7c94f6 0xa2e15c08 0x6f4d31b7")
    line, key = des_only_line(_device(ASA))
    assert line == "VPN-3DES-AES: Disabled" and key.startswith("0x4e2c1b07 ")
    # ASA 8.3+: `Encryption-3DES-AES : Disabled perpetual`, `Running Permanent Activation Key`
    twin = _twin(ASA84, tmp_path, "Encryption-3DES-AES               : Enabled ",
                 "Encryption-3DES-AES               : Disabled")
    devices = [d for d in load_paths([twin]).devices if d.find("show version")]
    assert [des_only_line(d) for d in devices] == [
        ("Encryption-3DES-AES: Disabled",
         "0x1e2a4d09 0xb8d41f62 0x29e07d1c 0xc1a0c458 0x4d13e0a7")]
    assert [des_only_line(d) for d in load_paths([ASA84]).devices] == [("", "")]


def test_an_ftd_clish_show_version_is_never_des_only():
    ftd = RECORDINGS / "realistic" / "ftd" / "ftd1120-7.2-nyc-branch-hub-vpn-clish-session.log"
    devices = load_paths([ftd]).devices
    assert [d for d in devices if d.find("show version")]
    assert {des_only_line(d) for d in devices} == {("", "")}


def test_a_weak_policy_beside_the_best_the_licence_allows_is_removed_not_raised(tmp_path):
    # policy 5 (des, sha, group 5) is as strong as a DES-only PIX 6.3 allows: policy 10 is
    # moved to it (no new policy), and policy 5 itself is left to the licence
    twin = _twin(PIX, tmp_path, "isakmp policy 10 authentication pre-share\n",
                 "isakmp policy 5 authentication pre-share\nisakmp policy 5 encryption des\n"
                 "isakmp policy 5 hash sha\nisakmp policy 5 group 5\n"
                 "isakmp policy 10 authentication pre-share\n")
    [policy] = [f for f in _weak(twin) if f.id == "crypto.weak-ike-policy"]  # one, merged
    assert "isakmp policy 5 (group 5 is the most PIX 6.3(5) offers; des: the licence " \
        "(VPN-3DES-AES: Disabled) allows no stronger cipher)" in policy.title
    assert "VPN-3DES-AES: Disabled" in policy.explanation
    assert [line for line in _typed_lines(policy) if _STRONG_CIPHER.search(line)] == []
    commands = [c for fix in policy.fix for c in fix.commands]
    assert "activation-key <strong-crypto-activation-key>" in commands
    assert "no isakmp policy 10 hash md5" in commands  # 10 goes: 5 is the best allowed
    assert not [c for c in commands if re.match(r"isakmp policy \d+ encryption", c)]
