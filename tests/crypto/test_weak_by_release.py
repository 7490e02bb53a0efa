"""Weak crypto judged against what the release offers (issue 11: "a fix is for one platform and
version"; "valid designs reported as faults").

DH group 5 is the strongest group PIX 6.3 and PIX/ASA 7.x-8.3 have: a policy already using it
is not told to "add a stronger policy" (that fix re-created the policy in place). And no
rendered fix of the weak-crypto findings may define an IKE policy or a transform set equal to
one the device already has: where a strong one exists, the fix uses it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netriage.capture.model import Device
from netriage.facts.crypto.config import CryptoConfig
from netriage.facts.crypto.config_asa import _parse_asa
from netriage.facts.crypto.config_sources import blocks
from netriage.facts.crypto.issues_hardening import weak_policies, weak_transforms
from netriage.facts.crypto.strength import offers
from tests.conftest import RECORDINGS
from tests.recordings_index import analysis_of, list_recordings

PIX = RECORDINGS / "realistic" / "pix"
WEAK = ("crypto.weak-ike-policy", "crypto.weak-transform")


# -- the data ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("tag", "version", "capped", "open_"), [
    ("pix", "6.3(5)", ["group 5"], ["3des", "group 2", "md5"]),
    ("pix", "6.2(2)", ["3des", "group 2"], ["des", "group 1", "md5"]),
    ("pix", "7.2(4)", ["group 5"], ["3des", "des", "group 2"]),
    ("asa", "8.2(5)", ["group 5"], ["3des", "group 1"]),
    ("ios", "12.4(24)T8", ["group 5"], ["group 2"]),
])
def test_the_release_caps_only_its_strongest(tag, version, capped, open_):
    release = offers(tag, version)
    assert release is not None
    assert [w for w in capped if release.ike_capped("ikev1", w)] == capped
    assert [w for w in open_ if release.ike_capped("ikev1", w)] == []


@pytest.mark.parametrize(("tag", "version"), [
    ("asa", "9.8(4)"), ("asa", "8.4(7)"), ("ios", "15.5(3)M"), ("ios", "17.6.4")])
def test_newer_releases_cap_nothing(tag, version):
    release = offers(tag, version)
    assert release is not None and release.targets  # what the fix defines there
    assert not [w for w in ("3des", "md5", "group 5", "group 2", "des")
                if release.ike_capped("ikev1", w)]
    assert not [w for w in ("group5", "esp-3des", "esp-md5-hmac")
                if release.ipsec_capped(w)]


@pytest.mark.parametrize(("tag", "version"), [("ftd", "7.2.5"), ("pix", ""), ("", "7.2(4)")])
def test_a_release_not_listed_or_not_read_caps_nothing(tag, version):
    assert offers(tag, version) is None


def test_pfs_and_transforms_are_capped_the_same_way():
    pix7 = offers("pix", "7.2(4)")
    assert pix7 is not None and pix7.ipsec_capped("group5")
    assert not pix7.ipsec_capped("group2") and not pix7.ipsec_capped("esp-3des")
    pix62 = offers("pix", "6.2(2)")
    assert pix62 is not None and pix62.ipsec_capped("esp-3des")


# -- the facts, on a configuration (no release: unknown is never healthy) ---------------------
_PIX7 = """crypto ipsec transform-set TS-3DES esp-3des esp-md5-hmac
crypto map M 10 match address A
crypto map M 10 set peer 192.0.2.1
crypto map M 10 set transform-set TS-3DES
crypto map M 10 set pfs group5
crypto isakmp policy 10
 authentication pre-share
 encryption 3des
 hash sha
 group 5
"""


def _asa(text: str) -> CryptoConfig:
    config = CryptoConfig("cisco_asa", covered={"all"})
    _parse_asa(config, blocks(text))
    return config


def test_release_decides_what_is_counted():
    config = _asa(_PIX7)
    pix7 = Device("fw", platform="cisco_pix", version="7.2(4)")
    [policy] = weak_policies(config, pix7)
    assert policy.detail == "3des; group 5 is the most PIX 7.2(4) offers"
    [transform] = weak_transforms(config, pix7)  # PFS group 5 is capped: only the set
    assert transform.transform == "TS-3DES" and transform.detail == "esp-3des, esp-md5-hmac"
    unknown = Device("fw", platform="cisco_pix")  # release not read: everything counts
    assert weak_policies(config, unknown)[0].detail == "3des, group 5"
    assert {i.detail for i in weak_transforms(config, unknown)} == {
        "esp-3des, esp-md5-hmac", "set pfs group5"}


def test_a_strong_policy_or_set_already_there_is_used_not_repeated():
    config = _asa(_PIX7 + """crypto ipsec transform-set TS-AES esp-aes-256 esp-sha-hmac
crypto isakmp policy 5
 authentication pre-share
 encryption aes-256
 hash sha
 group 5
 lifetime 86400
""")
    pix7 = Device("fw", platform="cisco_pix", version="7.2(4)")
    [policy] = weak_policies(config, pix7)
    assert (policy.seq, policy.existing) == ("10", "5")
    assert policy.requeue == "no crypto isakmp policy 10"
    assert policy.undo.split("\n") == [
        "crypto isakmp policy 10", " authentication pre-share", " encryption 3des",
        " hash sha", " group 5"]
    [transform] = weak_transforms(config, pix7)
    assert (transform.existing, transform.requeue) == ("TS-AES", "TS-AES TS-3DES")


# -- the recordings ---------------------------------------------------------------------------
def _ids(path: Path) -> dict[str, list]:
    out: dict[str, list] = {}
    for finding in analysis_of(path).findings:
        out.setdefault(finding.id, []).append(finding)
    return out


@pytest.mark.parametrize("name", [
    "pix515e-6.3-nantes-branch-consultant-template-forum-post.txt",
    "pix525-7.2-nyc-branch-hub-vpn-config-session.log",
    "pix525-7.2-lyon-wan-hub-branch-isp-changed-session.log",
    "pix515e-7.2-bordeaux-vpn-7-peers-session.log",
])
def test_group_5_on_pix_is_not_a_weak_policy(name):
    ids = _ids(PIX / name)
    assert "crypto.weak-ike-policy" not in ids
    assert "crypto.weak-transform" not in ids  # bordeaux: `set pfs group5`, the best there is


def test_pix7_weak_policy_beside_a_strong_one_is_removed_not_repeated():
    ids = _ids(PIX / "pix535-7.2-dc-vpn-hub-7-peers-session.log")
    [policy] = ids["crypto.weak-ike-policy"]
    assert policy.severity == "medium"
    assert "crypto isakmp policy 30 (3des, group 2; policy 10 is strong)" in policy.title
    [fix] = policy.fix
    assert "no crypto isakmp policy 30" in fix.commands
    assert not [c for c in fix.commands if re.match(r"crypto isakmp policy \d+$", c)]
    assert fix.rollback[1:4] == ["crypto isakmp policy 30", " authentication pre-share",
                                 " encryption 3des"]
    [transform] = ids["crypto.weak-transform"]
    [fix] = transform.fix
    assert "crypto map CMAP-OUTSIDE 60 set transform-set TS-AES256-SHA TS-3DES-SHA" in \
        fix.commands
    assert not [c for c in fix.commands if c.startswith("crypto ipsec transform-set")]
    assert "crypto map CMAP-OUTSIDE 60 set transform-set TS-3DES-SHA" in fix.rollback


# -- no fix defines what the device already has -----------------------------------------------
_HEAD = re.compile(r"^crypto (?:isakmp|ikev1|ikev2) policy (\S+)\s*$", re.IGNORECASE)
_PIX6 = re.compile(r"^isakmp policy (\d+) (authentication|encryption|hash|group) (.+?)\s*$")
_SET = re.compile(r"^crypto ipsec (?:ikev1 )?transform-set (\S+) (.+?)\s*$")
_PROPOSAL = re.compile(r"^crypto ipsec ikev2 ipsec-proposal (\S+)\s*$")
_KEYS = {"encr": "encryption", "integrity": "hash", "authentication": "authentication",
         "encryption": "encryption", "hash": "hash", "group": "group"}


def _value(words: list[str]) -> str:
    return "-".join(words) if len(words) == 2 and words[1].isdigit() else " ".join(words)


def policies(lines: list[str]) -> dict[str, dict[str, str]]:
    """IKE policies (ASA/IOS block form and PIX 6 one-liners) as {key: value}."""
    out: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in lines:
        if (head := _HEAD.match(line.strip())) and not line[:1].isspace():
            current = out.setdefault(head.group(1), {})
        elif (pix := _PIX6.match(line.strip())) is not None:
            out.setdefault(pix.group(1), {})[pix.group(2)] = _value(pix.group(3).split())
            current = None
        elif current is not None and line[:1].isspace() and line.split():
            words = line.split()
            if words[0].lower() in _KEYS:
                current[_KEYS[words[0].lower()]] = _value(words[1:])
        else:
            current = None
    return out


def sets(lines: list[str]) -> dict[str, tuple[str, ...]]:
    """Transform sets and ASA IKEv2 IPsec proposals as their algorithms."""
    out: dict[str, tuple[str, ...]] = {}
    current = ""
    for line in lines:
        text = line.strip()
        if (match := _SET.match(text)) is not None and not line[:1].isspace():
            out[match.group(1)] = tuple(sorted(match.group(2).split()))
            current = ""
        elif (match := _PROPOSAL.match(text)) is not None and not line[:1].isspace():
            current, out[match.group(1)] = match.group(1), ()
        elif current and line[:1].isspace() and text.startswith("protocol esp "):
            out[current] = tuple(sorted((*out[current], *text.split()[2:])))
        else:
            current = ""
    return out


def _equal_policy(new: dict[str, str], old: dict[str, str]) -> bool:
    old = {"hash": "sha", **old}  # the one default every platform here shares
    return bool(new) and all(old.get(k) == v for k, v in new.items())


def _capture_lines(path: Path) -> list[str]:
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return [line for f in files for line in f.read_text(errors="replace").splitlines()]


def _with_crypto_config(path: Path) -> bool:
    text = "\n".join(_capture_lines(path)).lower()
    return "isakmp policy" in text or "ikev1 policy" in text or "transform-set" in text


CANDIDATES = [p for p in list_recordings() if _with_crypto_config(p)]


def test_the_parsers_of_this_test_read_what_they_compare():
    lines = ["crypto isakmp policy 10", " encr aes 256", " authentication pre-share",
             " group 5", "isakmp policy 20 encryption 3des", "isakmp policy 20 group 2",
             "crypto ipsec ikev2 ipsec-proposal P", " protocol esp encryption aes-256",
             " protocol esp integrity sha-256",
             "crypto ipsec transform-set T esp-3des esp-sha-hmac"]
    assert policies(lines) == {"10": {"encryption": "aes-256", "authentication": "pre-share",
                                      "group": "5"},
                               "20": {"encryption": "3des", "group": "2"}}
    assert sets(lines) == {"P": ("aes-256", "encryption", "integrity", "sha-256"),
                           "T": ("esp-3des", "esp-sha-hmac")}
    assert _equal_policy({"encryption": "aes-256", "hash": "sha", "group": "5",
                          "authentication": "pre-share"}, policies(lines)["10"])


@pytest.mark.parametrize("path", CANDIDATES, ids=lambda p: p.name)
def test_no_weak_crypto_fix_defines_an_equal_policy_or_set(path):
    lines = _capture_lines(path)
    have_policies, have_sets = policies(lines), sets(lines)
    for finding in analysis_of(path).findings:
        if finding.id not in WEAK:
            continue
        for fix in finding.fix:
            for number, new in policies(fix.commands).items():
                equal = [n for n, old in have_policies.items() if _equal_policy(new, old)]
                assert equal == [], (f"{finding.device}: the fix defines policy {number} "
                                     f"{new}, equal to policy {equal} already configured")
            for name, algorithms in sets(fix.commands).items():
                equal = [n for n, old in have_sets.items() if old == algorithms]
                assert equal == [], (f"{finding.device}: the fix defines {name} {algorithms}, "
                                     f"equal to {equal} already configured")


# -- the ASA 9 / IOS 15 fixtures that already hold what the fix would add --------------------
@pytest.mark.parametrize(("path", "keyword"), [
    (RECORDINGS / "fixtures" / "crypto" / "asa-weak-ike-policy.log", "crypto ikev1 policy"),
    (RECORDINGS / "fixtures" / "crypto" / "ios-weak-ike-policy.log", "crypto isakmp policy"),
])
def test_weak_policy_beside_the_policy_a_fix_would_add_is_removed_later(path, keyword):
    [policy] = _ids(path)["crypto.weak-ike-policy"]
    [fix] = policy.fix
    assert "policy 10 is strong" in policy.title
    assert [c for c in fix.commands if not c.startswith("!")][1] == f"no {keyword} 20"
    assert fix.commands[0].startswith("! first: every peer negotiates policy 10")
    assert fix.rollback[1] == f"{keyword} 20" and fix.rollback[-1] == "end"
    assert not [c for c in fix.commands if re.match(rf"{keyword} \d+$", c)]


def test_ios_strong_set_already_configured_is_put_first():
    path = RECORDINGS / "fixtures" / "crypto" / "ios-weak-transform.log"
    [transform] = _ids(path)["crypto.weak-transform"]
    [fix] = transform.fix
    assert " set transform-set TS-AES256 TS-3DES" in fix.commands
    assert " set transform-set TS-3DES" in fix.rollback
    assert not [c for c in fix.commands + fix.rollback if "transform-set NR-" in c]


# -- PIX before 6.3: no AES, no group 5 in the fix either ---------------------------------------
def _pix_62(tmp_path: Path, *edits: tuple[str, str]) -> list:
    from netriage.analysis import analyze_paths

    text = (RECORDINGS / "fixtures" / "config" / "pix-config.log").read_text()
    text = text.replace("PIX Version 6.3(5)", "PIX Version 6.2(2)")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "pix62.log"
    path.write_text(text)
    return [f for f in analyze_paths([str(path)]).findings if f.id in WEAK]


def test_pix_62_at_its_best_is_not_weak(tmp_path):
    # 3des / sha / group 2 is all PIX 6.2 has: nothing to propose
    assert _pix_62(tmp_path) == []


def test_pix_62_fix_uses_only_what_62_has(tmp_path):
    found = _pix_62(tmp_path,
                    ("policy 10 encryption 3des", "policy 10 encryption des"),
                    ("TS esp-3des esp-sha-hmac", "TS esp-des esp-md5-hmac"))
    assert {f.id for f in found} == set(WEAK)
    lines = [line for f in found for fix in f.fix for line in fix.commands + fix.rollback]
    assert any("encryption 3des" in line for line in lines)
    assert any("esp-3des esp-sha-hmac" in line for line in lines)
    assert not any(re.search(r"aes|group ?5|group14|sha256", line) for line in lines), lines


def test_the_stronger_policy_authenticates_as_the_weak_one_did(tmp_path):
    # a certificate-authenticated policy must not be "fixed" with a pre-shared-key policy
    found = _pix_62(tmp_path,
                    ("policy 10 encryption 3des", "policy 10 encryption des"),
                    ("policy 10 authentication pre-share", "policy 10 authentication rsa-sig"))
    lines = [line for f in found if f.id == "crypto.weak-ike-policy"
             for fix in f.fix for line in fix.commands + fix.rollback]
    assert any(line.endswith("authentication rsa-sig") for line in lines), lines
    assert not any("pre-share" in line for line in lines), lines
