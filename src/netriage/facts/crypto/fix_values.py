"""Values a crypto fix is built from, read from the device's own configuration.

A fix that re-enters `crypto ikev1 policy 10` when 10 exists edits the policy every tunnel
uses, and its rollback (`no crypto ikev1 policy 10`) deletes it; `set transform-set NEW`
replaces the entry's list instead of adding to it. So each issue a fix renders gets:
- `free_policy`: a policy number not in use, below the lowest in use (tried first), for the
  IKE version of the issue;
- `sets`: the entry's transform sets (IKEv2 proposals) in order, so `set … NEW {sets}` adds;
- `new_set`: a transform-set name nobody uses yet;
- `pfs` and `lifetime`: what the entry says now, so a rollback can put it back.
When the configuration was not captured the value stays a named <placeholder>.
"""

from __future__ import annotations

from netriage.engine.expr import Unknown
from netriage.facts.crypto.config import CryptoConfig, MapEntry
from netriage.facts.crypto.issues import Issue

# IKE policy numbers: ASA 1-65535, IOS 1-10000; a fix's number must fit both
_MAX_POLICY = 10000
_STRONG_SET = "NR-AES256"

_PLACEHOLDERS = {"free_policy": "<free-policy-number>", "sets": "<existing-sets>",
                 "new_set": _STRONG_SET, "keyring": "<ikev2-keyring>",
                 "lifetime_undo": "! put back the entry's lifetime",
                 "pfs_undo": "! put back the entry's PFS"}


def free_policy(config: CryptoConfig, version: str) -> str:
    """A number no policy of `version` uses: the highest multiple of 5 below the lowest in
    use (so it is tried first), else any free number below it, else one above them all."""
    used = {p.priority for p in config.policies if p.version == version}
    if not used:
        return "10"
    lowest = min(used)
    below = [n for n in range(lowest - 1, 0, -1) if n not in used]
    fives = [n for n in below if n % 5 == 0]
    if fives or below:
        return str((fives or below)[0])
    above = next(n for n in range(max(used) + 10, _MAX_POLICY + 1) if n not in used)
    return str(above)


def free_set_name(config: CryptoConfig) -> str:
    names = {t.name for t in config.transform_sets}
    name, n = _STRONG_SET, 2
    while name in names:
        name, n = f"{_STRONG_SET}-{n}", n + 1
    return name


def _entry_of(issue: Issue, config: CryptoConfig) -> MapEntry | None:
    for crypto_map in config.maps + config.dynamic_maps:
        if crypto_map.name == issue.map:
            entry = crypto_map.entry(int(issue.seq)) if issue.seq.isdigit() else None
            if entry is not None:
                return entry
    return None


def fill(issues: list[Issue], config: CryptoConfig | Unknown, version: str = "") -> None:
    """Give each issue the values above; `version` (ikev1/ikev2) picks the policy space,
    else the issue's own version (default IKEv1)."""
    for issue in issues:
        if not isinstance(config, Unknown):
            kind = version or (issue.version if issue.version in ("ikev1", "ikev2") else "ikev1")
            issue.free_policy = issue.free_policy or free_policy(config, kind)
            issue.new_set = issue.new_set or free_set_name(config)
            entry = _entry_of(issue, config)
            if entry is not None:
                # an IKEv2 issue adds to the entry's ipsec-proposal list, not its
                # transform sets (an ASA entry may list both)
                listed = (entry.ikev2_proposals if issue.version == "ikev2" else
                          entry.transform_sets) or entry.transform_sets or entry.ikev2_proposals
                issue.sets = issue.sets or " ".join(listed)
                issue.pfs = issue.pfs or entry.pfs
                issue.lifetime = issue.lifetime or entry.lifetime_seconds
                profile = next((p for p in config.ikev2_profiles
                                if p.name == entry.ikev2_profile), None)
                issue.keyring = issue.keyring or (profile.keyring if profile else "")
            _undo_lines(issue, config.family)
        for name, placeholder in _PLACEHOLDERS.items():
            if not getattr(issue, name):
                setattr(issue, name, placeholder)


def _undo_lines(issue: Issue, family: str) -> None:
    """The rollback lines for the entry's lifetime and PFS: its old value, or `no` when the
    entry had none. ASA/PIX name the entry on the line; IOS sets it inside the entry."""
    if not (issue.map and issue.seq.isdigit()):
        return
    head = "" if family == "cisco_ios" else f"crypto map {issue.map} {issue.seq} "
    pad = " " if family == "cisco_ios" else ""
    lifetime = "set security-association lifetime seconds"
    issue.lifetime_undo = (f"{pad}{head}{lifetime} {issue.lifetime}" if issue.lifetime
                           else f"{pad}no {head}{lifetime}")
    issue.pfs_undo = (f"{pad}{head}set pfs {issue.pfs}" if issue.pfs
                      else f"{pad}no {head}set pfs")
