"""Fixes that add to a list keep the list, put the new item first and roll back only it;
fixes that write a crypto ACL name the networks the configuration holds (issue 11, item 2).
"""

from __future__ import annotations

from netriage.engine.findings import Fix
from tests.conftest import FIXTURES
from tests.crypto.test_fix_semantics import finding

CRYPTO = FIXTURES / "crypto"


def _only(fixes: list[Fix]) -> Fix:
    assert len(fixes) == 1, [f.heading for f in fixes]
    return fixes[0]


def test_ios_weak_ikev2_proposal_gets_an_ikev2_proposal_first_in_its_policy():
    found = finding(CRYPTO / "ios-weak-ikev2-proposal.log", "crypto.weak-ike-policy")
    assert "crypto ikev2 proposal PROP-3DES in policy POL-AES256" in found.title
    fix = _only(found.fix)
    assert fix.versions == ">=15.1"  # IOS 12.x (12.2SX included) has no IKEv2
    assert not [line for line in fix.commands + fix.rollback if "isakmp" in line]
    policy = fix.commands.index("crypto ikev2 policy POL-AES256")
    # the strong proposal first, then the policy's own proposals re-entered in their order
    assert fix.commands[policy + 1:policy + 6] == [
        " proposal NR-PROP-AES256", " no proposal PROP-3DES", " proposal PROP-3DES",
        " no proposal PROP-AES256", " proposal PROP-AES256"]
    assert fix.commands[1:5] == ["crypto ikev2 proposal NR-PROP-AES256", " encryption aes-cbc-256",
                                 " integrity sha256", " group 14"]
    # the rollback takes away only what the fix added: the list is as it was
    assert fix.rollback == ["configure terminal", "crypto ikev2 policy POL-AES256",
                            " no proposal NR-PROP-AES256", "exit",
                            "no crypto ikev2 proposal NR-PROP-AES256", "end"]


def test_asa_ikev2_ipsec_proposal_is_prepended_with_ikev2_syntax():
    found = finding(CRYPTO / "asa-weak-ikev2-ipsec-proposal.log", "crypto.weak-transform")
    fix = _only(found.fix)
    lines = fix.commands + fix.rollback
    assert not [line for line in lines if "ikev1" in line or "transform-set" in line]
    # PROP-AES256 is the AES-256 / SHA-256 proposal the fix would define: put first, not
    # defined again (issue 11: a fix never repeats what is configured)
    assert ("crypto map OUTSIDE-MAP 20 set ikev2 ipsec-proposal PROP-AES256 PROP-3DES"
            in fix.commands)
    assert not [c for c in fix.commands if c.startswith("crypto ipsec ikev2 ipsec-proposal")]
    assert fix.rollback == ["configure terminal",
                            "crypto map OUTSIDE-MAP 20 set ikev2 ipsec-proposal PROP-3DES "
                            "PROP-AES256",
                            "crypto map OUTSIDE-MAP 20 set pfs group14", "end"]


def test_asa_ikev1_transform_set_fix_is_unchanged_by_the_ikev2_split():
    fix = _only(finding(CRYPTO / "asa-weak-transform.log", "crypto.weak-transform").fix)
    assert "crypto map OUTSIDE-MAP 10 set ikev1 transform-set NR-AES256 TS-3DES-MD5" in fix.commands


def test_broad_crypto_acl_is_replaced_by_the_networks_the_config_holds():
    # ASA: the broad line's own source, the remote network of the exemption that no other
    # entry's ACL selects (LAN-VPN-BRANCH-B belongs to entry 20)
    asa = _only(finding(CRYPTO / "asa-acl-too-broad.log", "crypto.acl-too-broad").fix)
    assert ("access-list VPN-BRANCH-A extended permit ip 10.1.0.0 255.255.255.0 10.20.0.0 "
            "255.255.255.0") in asa.commands
    # IOS: the exemption is the deny line of the NAT list
    ios = _only(finding(CRYPTO / "ios-acl-too-broad.log", "crypto.acl-too-broad").fix)
    assert " permit ip 10.20.0.0 0.0.0.255 10.1.0.0 0.0.0.255" in ios.commands
    for fix in (asa, ios):
        assert not [line for line in fix.commands + fix.rollback if "<" in line]


def test_missing_crypto_acl_is_written_from_the_nat_exemption():
    asa = _only(finding(CRYPTO / "asa-map-acl-missing.log", "crypto.map-acl-missing").fix)
    assert ("access-list VPN-BRANCH-A extended permit ip 10.1.0.0 255.255.255.0 10.20.0.0 "
            "255.255.255.0") in asa.commands
    assert asa.rollback[1].startswith("no access-list VPN-BRANCH-A extended permit ip 10.1.0.0")
    ios = _only(finding(CRYPTO / "ios-map-acl-missing.log", "crypto.map-acl-missing").fix)
    assert " permit ip 10.20.0.0 0.0.0.255 10.40.0.0 0.0.255.255" in ios.commands
