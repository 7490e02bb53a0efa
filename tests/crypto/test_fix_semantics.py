"""Crypto fixes built from the device's configuration (issue 11's semantics cases).

Each test reads a capture, takes the rendered fix and checks what an engineer would check
before pasting it: the IKE policy number is free, the rollback removes only what the fix
added, a transform-set list is extended rather than replaced, a lifetime is set on the
tunnel's own map entry, each platform and release gets its own syntax, FTD gets manager steps,
and an idle tunnel is not called a failure.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netriage.analysis import analyze_paths
from netriage.engine.findings import Finding
from netriage.facts.crypto.config import CryptoConfig, IkePolicy, TransformSet
from netriage.facts.crypto.fix_values import free_policy, free_set_name
from tests.conftest import FIXTURES

CRYPTO, FIXES = FIXTURES / "crypto", FIXTURES / "crypto-fixes"


def finding(path: Path, finding_id: str, answers: dict[str, str] | None = None) -> Finding:
    found = [f for f in analyze_paths([path], answers=answers).findings if f.id == finding_id]
    assert len(found) == 1, [f.id for f in analyze_paths([path]).findings]
    return found[0]


def config_lines(path: Path) -> str:
    return path.read_text()


def policies_in(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"^(?:crypto (?:isakmp|ikev1) )?(?:isakmp )?policy (\d+)",
                                        text, re.MULTILINE)}


def new_policy(lines: list[str]) -> int:
    numbers = {int(m.group(1)) for line in lines
               if (m := re.match(r"(?:crypto (?:isakmp|ikev1|ikev2) |isakmp )policy (\d+)",
                                 line.strip()))}
    assert len(numbers) == 1, lines
    return numbers.pop()


# -- free numbers and set names -------------------------------------------------------------
def test_free_policy_is_unused_and_below_the_lowest():
    config = CryptoConfig(family="cisco_asa", policies=[
        IkePolicy("ikev1", 10), IkePolicy("ikev1", 20), IkePolicy("ikev2", 1)])
    assert free_policy(config, "ikev1") == "5"
    assert free_policy(config, "ikev2") == "11"  # nothing below 1: above them all
    crowded = CryptoConfig(family="cisco_ios", policies=[IkePolicy("ikev1", n)
                                                         for n in (1, 2, 3, 4)])
    assert free_policy(crowded, "ikev1") == "14"
    assert free_policy(CryptoConfig(family="cisco_ios"), "ikev1") == "10"
    gap = CryptoConfig(family="cisco_ios", policies=[IkePolicy("ikev1", 3)])
    assert free_policy(gap, "ikev1") == "2"


def test_new_transform_set_name_is_not_in_use():
    config = CryptoConfig(family="cisco_asa", transform_sets=[
        TransformSet("NR-AES256", "ikev1")])
    assert free_set_name(config) == "NR-AES256-2"


# -- proposal mismatch: a new policy, never an existing one -----------------------------------
@pytest.mark.parametrize(("path", "keyword"), [
    (CRYPTO / "asa-p1-proposal-mismatch.log", "crypto ikev1 policy"),
    (CRYPTO / "ios-p1-proposal-mismatch.log", "crypto isakmp policy"),
    (FIXES / "asa82-weak-policy-proposal-mismatch.log", "crypto isakmp policy"),
])
def test_proposal_mismatch_adds_a_free_policy_and_rolls_back_only_it(path, keyword):
    existing = policies_in(config_lines(path))
    assert existing, "the capture has policies"
    [fix] = finding(path, "crypto.ike-p1-proposal-mismatch").fix
    number = new_policy(fix.commands)
    assert number not in existing
    assert f"{keyword} {number}" in fix.commands
    removed = [line for line in fix.rollback if line.startswith("no ")]
    assert removed == [f"no {keyword} {number}"]
    assert fix.impact


# -- weak policy: add a stronger one ahead of it, remove the weak one later ------------------
# (asa-weak-ike-policy.log and ios-weak-ike-policy.log already hold the policy this fix would
# add: their fix removes the weak one instead, tests/crypto/test_weak_by_release.py)
@pytest.mark.parametrize(("path", "weak", "release_lines"), [
    (FIXES / "ios124-weak-policy-only.log", 10, (" hash sha", " group 5")),
    (FIXES / "asa82-weak-policy-proposal-mismatch.log", 10, (" hash sha", " group 5")),
])
def test_weak_policy_is_not_edited_in_place(path, weak, release_lines):
    [fix] = finding(path, "crypto.weak-ike-policy").fix
    number = new_policy([c for c in fix.commands if not c.startswith("!")])
    assert number < weak and number not in policies_in(config_lines(path))
    for line in release_lines:
        assert line in fix.commands
    # the weak policy goes only after the peers moved: a comment, not a command
    [later] = [c for c in fix.commands if c.startswith("!")]
    assert f"policy {weak}" in later and "no " in later
    assert [r for r in fix.rollback if r.startswith("no ")] == [
        next(c for c in fix.commands if f"policy {number}" in c and not c.startswith("!"))
        .replace("crypto", "no crypto", 1)]


def test_ios_12_4_gets_no_sha256_group14_or_ikev2():
    path = FIXES / "ios124-weak-policy-only.log"
    lines = [line for f in analyze_paths([path]).findings for fix in f.fix
             for line in fix.commands + fix.rollback]
    assert lines
    assert not [line for line in lines if re.search(r"sha256|group ?1[4-9]|ikev2|scrypt", line)]


def test_pix6_uses_flat_isakmp_policy_lines():
    path = FIXTURES / "config" / "pix-config.log"
    [fix] = finding(path, "crypto.weak-ike-policy").fix
    assert fix.platform == "pix"
    assert all(c.startswith(("isakmp policy 5 ", "configure", "end", "write", "!"))
               for c in fix.commands), fix.commands
    [weak_set] = finding(path, "crypto.weak-transform").fix
    assert "crypto map VPN 10 set transform-set NR-AES256 TS" in weak_set.commands


# -- transform sets: prepend to the entry's list ---------------------------------------------
# (ios-weak-transform.log already holds the set this fix would define: it is put first instead,
# tests/crypto/test_weak_by_release.py)
@pytest.mark.parametrize(("path", "added", "restored"), [
    (CRYPTO / "asa-weak-transform.log",
     "crypto map OUTSIDE-MAP 10 set ikev1 transform-set NR-AES256 TS-3DES-MD5",
     "crypto map OUTSIDE-MAP 10 set ikev1 transform-set TS-3DES-MD5"),
    (FIXES / "ios124-weak-policy-only.log", " set transform-set NR-AES256 ESP-3DES-MD5",
     " set transform-set ESP-3DES-MD5"),
])
def test_weak_transform_is_prepended_and_the_list_put_back(path, added, restored):
    [fix] = finding(path, "crypto.weak-transform").fix
    assert added in fix.commands
    assert restored in fix.rollback
    assert any("NR-AES256" in r and r.startswith("no ") for r in fix.rollback)


def test_ftd_entry_with_two_sets_keeps_both():
    [fix] = finding(CRYPTO / "ftd-weak-crypto.log", "crypto.weak-transform").fix
    assert fix.platform == "ftd" and fix.manager and not fix.commands
    assert all(line.startswith(("FMC", "FDM")) for line in fix.manager)


# -- lifetime: the tunnel's own entry, never the global lifetime -----------------------------
@pytest.mark.parametrize(("path", "answers", "entry"), [
    (CRYPTO / "ios-lifetime-mismatch.log", None, "crypto map VPN-MAP 10 ipsec-isakmp"),
    (CRYPTO / "asa-ikev2-delete.log", {"crypto-q-peer.peer-lifetime": "yes"},
     "crypto map OUTSIDE-MAP 20 set security-association lifetime seconds"),
])
def test_lifetime_is_set_on_the_map_entry(path, answers, entry):
    [fix] = finding(path, "crypto.lifetime-mismatch", answers).fix
    assert not [c for c in fix.commands + fix.rollback
                if c.strip().startswith(("crypto ipsec security-association lifetime",
                                         "no crypto ipsec security-association lifetime"))]
    assert any(c.startswith(entry) for c in fix.commands)
    # the entry had no lifetime of its own: the rollback removes the one the fix set
    assert any("no " in r and "security-association lifetime seconds" in r
               for r in fix.rollback), fix.rollback


# -- FTD: manager steps, never LINA configuration ---------------------------------------------
@pytest.mark.parametrize(("recording", "finding_id"), [
    ("ftd-weak-crypto", "crypto.weak-ike-policy"),
    ("ftd-weak-crypto", "crypto.weak-transform"),
    ("ftd-p1-proposal-mismatch", "crypto.ike-p1-proposal-mismatch"),
])
def test_ftd_gets_manager_steps(recording, finding_id):
    [fix] = finding(CRYPTO / f"{recording}.log", finding_id).fix
    assert fix.platform == "ftd"
    assert fix.manager and fix.manager[0].startswith("FMC: Devices > VPN > Site To Site")
    assert "configure terminal" not in fix.commands + fix.rollback
    assert all(v.startswith("show ") for v in fix.verify)


# -- an idle tunnel is not a failing one -----------------------------------------------------
def test_phase1_up_without_ipsec_sa_is_medium_and_claims_no_fault():
    found = finding(CRYPTO / "asa-p1-up-no-p2.log", "crypto.ike-p1-up-no-p2")
    assert found.severity == "medium"
    assert "idle" in found.explanation
    assert not re.search(r"\bfails\b|\bfailing\b|\bbroken\b", found.explanation.split(";")[0])
