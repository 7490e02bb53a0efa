"""IPsec configuration compared end to end: proxy identities entry by entry, transform sets,
PFS, lifetimes, IKE versions, proposals and pre-shared keys, and manual session keys.

Each comparison returns `Fault`s naming the end to fix when the configuration tells which
(the end whose crypto ACL does not describe its own and its peer's networks, the end without
a key); None when either end could be changed.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netriage.pairs.ipsec_match import End
from netriage.pairs.model import KEY_MISMATCH, PHASE1_FAILED, PHASE2_FAILED, PairEvidence
from netriage.pairs.read import evidence
from netriage.pairs.secrets import compare_secrets

if TYPE_CHECKING:
    from netriage.facts.crypto.config import MapEntry

CONFIG = "show running-config"


@dataclass
class Fault:
    finding: str
    verdict: str
    difference: str
    fix_at: End | None = None
    evidence: list[PairEvidence] = field(default_factory=list)
    fix: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)  # `{name}`s of its CLI blocks


def _entry_lines(end: End, entry: MapEntry, word: str) -> list[PairEvidence]:
    """The `crypto map NAME SEQ <word>` line (ASA/PIX one-liners, IOS sub-mode lines)."""
    one_line = evidence(end.facts, CONFIG, rf"crypto map {entry.map} {entry.seq} .*{word}", 4)
    return one_line or evidence(end.facts, CONFIG, rf"^\s+(set )?{word}", 4)


def _nets(end: End, entry: MapEntry) -> list[tuple[str, str]]:
    if end.config is None or not entry.acl or entry.acl not in end.config.acls:
        return []
    return [(str(a.source_net), str(a.destination_net))
            for a in end.config.acls[entry.acl].permits
            if a.source_net is not None and a.destination_net is not None]


def _own_networks(end: End) -> set[str]:
    if end.config is None:
        return set()
    out = set()
    for item in end.config.interfaces:
        try:
            out.add(str(ipaddress.ip_network(f"{item.address}/{item.mask}", strict=False)))
        except ValueError:
            continue
    return out


def proxy_faults(a: End, b: End, ea: MapEntry, eb: MapEntry) -> list[Fault]:
    """Each ACE of one end must have its mirror on the other (local = the peer's remote)."""
    na, nb = _nets(a, ea), _nets(b, eb)
    if not na or not nb:
        return []
    missing_a = [(s, d) for s, d in na if (d, s) not in nb]
    missing_b = [(s, d) for s, d in nb if (d, s) not in na]
    if not missing_a and not missing_b:
        return []
    # The end at fault: its ACL names a network that is neither its own nor its peer's
    # (connected networks only; behind a router neither end can be told, and None says so).
    own_a, own_b = _own_networks(a), _own_networks(b)
    wrong = [end for end, rows, own, far in ((a, na, own_a, own_b), (b, nb, own_b, own_a))
             if own and far and any(s not in own or d not in far for s, d in rows)]
    fix_at = wrong[0] if len(wrong) == 1 else None
    shown = "; ".join(f"{a.name} {s} -> {d}" for s, d in missing_a[:3])
    shown_b = "; ".join(f"{b.name} {s} -> {d}" for s, d in missing_b[:3])
    difference = ("proxy identities are not mirrored: " + " / ".join(
        x for x in (shown, shown_b) if x) + " (each needs the other's mirror)")
    fault = Fault("crypto.proxy-id-mismatch", PHASE2_FAILED, difference, fix_at)
    if fix_at is not None:
        fault.values["acl"] = (ea if fix_at is a else eb).acl
    for end, entry in ((a, ea), (b, eb)):
        fault.evidence += evidence(end.facts, CONFIG, rf"access-list {re.escape(entry.acl)}\b"
                                   rf".*permit|^\s+permit", 2)
        # IKEv2: the initiator's log says the responder refused its selectors
        fault.evidence += evidence(end.facts, "show logging",
                                   r"TS_UNACCEPTABLE|traffic selectors? (are )?unacceptable")
    if fix_at is not None:
        peer = b if fix_at is a else a
        entry = ea if fix_at is a else eb
        rows = _nets(peer, eb if peer is b else ea)
        fault.fix = [f"On {fix_at.name}, make crypto ACL {entry.acl} the mirror of "
                     f"{peer.name}'s: " + "; ".join(f"permit {d} -> {s}" for s, d in rows)]
    return [fault]


def _transforms(end: End, entry: MapEntry) -> set[str]:
    if end.config is None:
        return set()
    out = set()
    for name in entry.transform_sets:
        found = end.config.transform_set(name)
        if found is not None:
            out.add(" ".join(sorted(t.replace(" ", "-") for t in found.transforms)))
    return out


def transform_faults(a: End, b: End, ea: MapEntry, eb: MapEntry) -> list[Fault]:
    ta, tb = _transforms(a, ea), _transforms(b, eb)
    faults = []
    if ta and tb and not ta & tb:
        fault = Fault("crypto.transform-mismatch", PHASE2_FAILED,
                      f"no transform set in common: {a.name} offers {sorted(ta)}; {b.name} "
                      f"offers {sorted(tb)}")
        for end in (a, b):
            fault.evidence += evidence(end.facts, CONFIG, r"transform-set \S+ esp", 2)
        faults.append(fault)
    pa, pb = _pfs(ea), _pfs(eb)
    if pa != pb:
        fault = Fault("crypto.pfs-mismatch", PHASE2_FAILED,
                      f"PFS differs: {a.name} {pa}; {b.name} {pb}")
        for end, entry in ((a, ea), (b, eb)):
            fault.evidence += _entry_lines(end, entry, "pfs")[:1]
        faults.append(fault)
    return faults


def _pfs(entry: MapEntry) -> str:
    if entry.manual:
        return "n/a"
    pfs = entry.pfs or "none"
    return "group2" if pfs in ("yes", "pfs") else pfs  # ASA `set pfs` alone is group 2


def lifetime_difference(a: End, b: End, ea: MapEntry, eb: MapEntry) -> str:
    la, lb = ea.lifetime_seconds, eb.lifetime_seconds
    if la and lb and la != lb:
        return (f"IPsec lifetimes differ ({a.name} {la} s; {b.name} {lb} s): the lower is "
                "used, a rekey may come from either end")
    return ""


def ike_faults(a: End, b: End, entries: tuple[list[MapEntry], list[MapEntry]],
               addresses: tuple[str, str]) -> list[Fault]:
    """IKE versions the two ends' entries allow, IKEv1 proposals in common, and the keys."""
    (ea, eb), (address_a, address_b) = entries, addresses
    faults = []
    va = set().union(*(e.ike_versions or {"ikev1"} for e in ea if not e.manual)) if ea else set()
    vb = set().union(*(e.ike_versions or {"ikev1"} for e in eb if not e.manual)) if eb else set()
    if va and vb and not va & vb:
        faults.append(Fault("crypto.ikev1-ikev2-mismatch", PHASE1_FAILED,
                            f"IKE versions differ: {a.name} {sorted(va)}; {b.name} {sorted(vb)}"))
    pa, pb = _proposals(a), _proposals(b)
    if pa and pb and not pa & pb:
        faults.append(Fault("crypto.ike-p1-proposal-mismatch", PHASE1_FAILED,
                            f"no IKEv1 proposal in common: {a.name} {sorted(pa)}; {b.name} "
                            f"{sorted(pb)}"))
    key_a, key_b = psk_for(a, address_b), psk_for(b, address_a)
    if key_a is not None and key_b is not None:
        same = compare_secrets(key_a, key_b)
        if same is False:
            missing = a if not key_a else b if not key_b else None
            faults.append(Fault(
                "crypto.ike-p1-psk-mismatch", KEY_MISMATCH,
                f"{missing.name} has no pre-shared key for its peer" if missing else
                "the pre-shared keys differ (see the tokens each end shows)", missing))
            for end, address in ((a, address_b), (b, address_a)):
                faults[-1].evidence += evidence(end.facts, CONFIG, rf"(isakmp key|pre-shared-key"
                                                rf"|address {re.escape(address)})", 1)
    return faults


def _proposals(end: End) -> set[tuple[str, ...]]:
    if end.config is None:
        return set()
    # defaults a policy does not print (IOS: des, sha, group 1; ASA: 3des, sha, group 2)
    ios = end.config.family == "cisco_ios"
    return {(e, i, g) for p in end.config.policies if p.version == "ikev1"
            for e in p.encryption or ["des" if ios else "3des"]
            for i in p.integrity or ["sha"] for g in p.groups or ["1" if ios else "2"]}


def psk_for(end: End, peer: str) -> str | None:
    """The key `end` uses for `peer` ("" none configured), None when nothing captured says."""
    config = end.config
    if config is None:
        return None
    group = config.tunnel_group(peer)
    if group is not None:
        return group.ikev1_psk or group.ikev2_remote_psk
    for key in config.keys:
        if key.covers(peer):
            return f"6 {key.key}" if key.encrypted else key.key  # type 6: not comparable
    if config.family == "cisco_ios" or config.pix6:
        return ""
    return "" if config.tunnel_groups else None


# Key material a manual SA needs, in hex digits: cipher by transform, authenticator by hash.
_CIPHER_HEX = {"esp-des": 16, "esp-3des": 48, "esp-aes": 32, "esp-aes-128": 32,
               "esp-aes-192": 48, "esp-aes-256": 64}
_AUTH_HEX = {"esp-md5-hmac": 32, "esp-sha-hmac": 40, "ah-md5-hmac": 32, "ah-sha-hmac": 40}


def manual_faults(a: End, b: End, ea: MapEntry, eb: MapEntry) -> list[Fault]:
    """Inbound on one = outbound on the other (SPI and keys), and key lengths that fit."""
    keys_a = {k.direction: k for k in ea.session_keys}
    keys_b = {k.direction: k for k in eb.session_keys}
    faults: list[Fault] = []
    wrong = []
    for here, there, direction, other in ((a, b, "inbound", "outbound"),
                                          (a, b, "outbound", "inbound")):
        mine, theirs = keys_a.get(direction), keys_b.get(other)
        if mine is None or theirs is None:
            continue
        spi_ok = mine.spi == theirs.spi
        cipher = compare_secrets(mine.cipher, theirs.cipher)
        auth = compare_secrets(mine.authenticator, theirs.authenticator)
        if spi_ok and cipher is not False and auth is not False:
            continue
        parts = [] if spi_ok else [f"SPI {mine.spi} on {here.name} ≠ {theirs.spi} on "
                                   f"{there.name}"]
        parts += [] if cipher is not False else ["cipher keys differ"]
        parts += [] if auth is not False else ["authenticators differ"]
        wrong.append(f"{here.name} {direction} / {there.name} {other}: " + ", ".join(parts))
    if wrong:
        fault = Fault("crypto.manual-key-not-mirrored", KEY_MISMATCH,
                      "manual keys are not mirrored: " + "; ".join(wrong))
        for end in (a, b):
            fault.evidence += evidence(end.facts, CONFIG, r"session-key (inbound|outbound)", 2)
        faults.append(fault)
    problems = [(end, problem) for end, entry in ((a, ea), (b, eb))
                if (problem := _length_problem(end, entry))]
    if problems:
        # one end with keys too short or long is the end to fix; both ends: no single one
        fault = Fault("crypto.manual-key-length", KEY_MISMATCH,
                      "; ".join(problem for _end, problem in problems),
                      problems[0][0] if len(problems) == 1 else None)
        for end, _problem in problems:
            fault.evidence += evidence(end.facts, CONFIG, r"session-key", 2)
        fault.fix = [f"On {' and '.join(end.name for end, _p in problems)}: session keys as "
                     "long as the transform needs (cipher and authenticator), the same "
                     "on both ends, mirrored."]
        faults.append(fault)
    return faults


def _length_problem(end: End, entry: MapEntry) -> str:
    transforms = [t.replace(" ", "-") for name in entry.transform_sets
                  for t in (end.config.transform_set(name).transforms
                            if end.config and end.config.transform_set(name) else [])]
    cipher = next((_CIPHER_HEX[t] for t in transforms if t in _CIPHER_HEX), None)
    auth = next((_AUTH_HEX[t] for t in transforms if t in _AUTH_HEX), None)
    for key in entry.session_keys:
        for what, value, wanted in (("cipher", key.cipher, cipher),
                                    ("authenticator", key.authenticator, auth)):
            if wanted and value and re.fullmatch(r"[0-9a-fA-F]+", value) \
                    and len(value) != wanted:
                return (f"{end.name}: the {key.direction} {what} key has {len(value)} hex "
                        f"digits; {' '.join(transforms)} needs {wanted}")
    return ""
