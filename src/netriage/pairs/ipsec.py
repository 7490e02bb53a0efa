"""IPsec peer checks: both ends' configuration and live state, one verdict for the tunnel.

Verdicts after Batfish's IPsec session statuses, but driven by live state as well: missing
end, phase 1 failed, key mismatch, phase 2 failed, one-way, established. The end to fix is
the one the evidence points at: the end with no entry for its peer, the responder rejecting
the initiator's key hash, the end whose crypto ACL does not mirror, the end that receives
but never sends (its NAT exemption, routing back, ACL), the end that cannot decrypt what a
manual SA sends it.
"""

from __future__ import annotations

import re

from netriage.pairs.catalog import severity_of
from netriage.pairs.fixes import apply as apply_fix
from netriage.pairs.ipsec_config import (
    Fault,
    ike_faults,
    lifetime_difference,
    manual_faults,
    proxy_faults,
    psk_for,
    transform_faults,
)
from netriage.pairs.ipsec_match import End, Match
from netriage.pairs.model import (
    ESTABLISHED,
    IPSEC,
    KEY_MISMATCH,
    ONE_WAY,
    PHASE1_FAILED,
    PHASE2_FAILED,
    UNDECIDED,
    Pair,
    PairEvidence,
    Row,
)
from netriage.pairs.read import evidence, evidence_after
from netriage.pairs.secrets import compare_secrets

SA = "show crypto ipsec sa"
# The order verdicts outrank each other: the earliest failing stage is the one to fix.
_ORDER = (PHASE1_FAILED, KEY_MISMATCH, PHASE2_FAILED, ONE_WAY, ESTABLISHED, UNDECIDED)
_PSK_STATES = ("MM_WAIT_MSG5", "MM_WAIT_MSG6", "MM_KEY_EXCH")
# One-ended findings each pair finding explains (folded into the pair).
FOLDS = {
    "crypto.decaps-no-encaps": ("crypto.decaps-no-encaps", "crypto.encaps-no-decaps"),
    "crypto.encaps-no-decaps": ("crypto.encaps-no-decaps", "crypto.decaps-no-encaps"),
    "crypto.ike-p1-psk-mismatch": ("crypto.ike-p1-psk-mismatch", "crypto.ike-p1-no-response"),
    "crypto.proxy-id-mismatch": ("crypto.proxy-id-mismatch", "crypto.ike-p1-up-no-p2",
                                 "crypto.ikev2-ts-unacceptable"),
    "crypto.transform-mismatch": ("crypto.transform-mismatch", "crypto.ike-p1-up-no-p2"),
    "crypto.pfs-mismatch": ("crypto.pfs-mismatch", "crypto.ike-p1-up-no-p2"),
    "crypto.manual-key-not-mirrored": ("crypto.manual-key-not-mirrored", "crypto.invalid-spi",
                                       "crypto.recv-errors", "crypto.decaps-no-encaps",
                                       "crypto.encaps-no-decaps"),
    "crypto.ike-p1-no-response": ("crypto.ike-p1-no-response",),
}


def _bare(address: str) -> str:
    return address.split("/", maxsplit=1)[0].strip()


def ipsec_pair(match: Match) -> Pair:
    a, b = match.a, match.b
    pair = Pair(IPSEC, [a.name, b.name], match.how, verdict=UNDECIDED)
    address_b = match.a_to_b or min(b.addresses, default="")
    address_a = match.b_to_a or min(a.addresses, default="")
    ea, eb = a.peers.get(address_b, []), b.peers.get(address_a, [])
    faults: list[Fault] = []
    for end, entries, other in ((a, ea, b), (b, eb, a)):
        if not entries and end.config is not None and not _sas(end, other, "ike") \
                and not _sas(end, other, "ipsec"):
            faults.append(Fault("crypto.wrong-peer-address", PHASE1_FAILED,
                                f"{end.name} has no crypto map entry for {other.name} "
                                f"({min(other.addresses, default='?')}) and no SA with it",
                                end))
    manual = [(x, y) for x in ea for y in eb if x.manual and y.manual]
    for x, y in manual:
        faults += manual_faults(a, b, x, y)
    if not manual:
        faults += ike_faults(a, b, (ea, eb), (address_a, address_b))
        faults += _ike_state(a, b)
    for x in ea:
        for y in eb:
            if x.manual != y.manual:
                continue
            faults += proxy_faults(a, b, x, y)
            if not x.manual:
                faults += transform_faults(a, b, x, y)
            note = lifetime_difference(a, b, x, y)
            if note:
                pair.differences.append(note)
    faults += _counters(pair, a, b)
    _rows(pair, a, b, (ea, eb), (address_a, address_b))
    _decide(pair, faults, a, b)
    for end, other in ((a, b), (b, a)):
        if len(end.peers) > 1:
            pair.scope[end.name] = set(other.addresses)
    pair.folds += [(name, folded) for finding in pair.findings
                  for folded in FOLDS.get(finding, (finding,)) for name in pair.devices]
    return pair


def _address(end: End, other: End) -> str:
    """The address of `end` that `other` names as its peer."""
    return min((p for p in other.peers if p in end.addresses), default="")


def _sas(end: End, other: End, kind: str) -> list:
    sas = end.ike_sas() if kind == "ike" else end.ipsec_sas()
    return [s for s in sas if _bare(s.peer) in other.addresses]


def _ike_state(a: End, b: End) -> list[Fault]:
    """What the IKE SA tables say of this tunnel, read together."""
    ia, ib = _sas(a, b, "ike"), _sas(b, a, "ike")
    up = any(s.established for s in ia + ib)
    if up:
        return []
    psk = [(end, s) for end, sas in ((a, ia), (b, ib)) for s in sas
           if s.state.upper() in _PSK_STATES]
    if psk:
        # The responder checks the initiator's identity hash and rejects it: set its key.
        responder = next((end for end, s in psk if s.role == "responder"
                          or s.state.upper() == "MM_WAIT_MSG5"), None)
        fault = Fault("crypto.ike-p1-psk-mismatch", KEY_MISMATCH,
                      "IKE stops at the key check: " + "; ".join(
                          f"{end.name} {s.state}" for end, s in psk), responder)
        for end, _sa in psk:
            fault.evidence += evidence(end.facts, "show crypto isakmp sa",
                                       "|".join(_PSK_STATES), 2)
        return [fault]
    waiting = [(end, other) for end, other, sas, theirs in ((a, b, ia, ib), (b, a, ib, ia))
               if any(s.state.upper() in ("MM_WAIT_MSG2", "MM_NO_STATE") for s in sas)
               and not theirs and other.ike_known]
    if waiting:
        end, silent = waiting[0]
        fault = Fault("crypto.ike-p1-no-response", PHASE1_FAILED,
                      f"{end.name} sends IKE to {silent.name}, which has no IKE SA for it: "
                      "it never saw or never answered", silent)
        fault.evidence += evidence(end.facts, "show crypto isakmp sa", r"MM_WAIT_MSG2|MM_NO_STATE")
        fault.fix = [f"On {silent.name}: IKE enabled on the interface facing {end.name}, UDP "
                     "500/4500 allowed to it, and a route back to the initiator."]
        return [fault]
    return []


def _totals(sas: list) -> tuple[int, int]:
    return sum(s.encaps for s in sas), sum(s.decaps for s in sas)


def _counters(pair: Pair, a: End, b: End) -> list[Fault]:
    sa_a, sa_b = _sas(a, b, "ipsec"), _sas(b, a, "ipsec")
    if not sa_a or not sa_b:
        if not (a.ipsec_known and b.ipsec_known):
            pair.undecided.append("the SA counters of both ends: capture `show crypto ipsec "
                                  "sa` on both")
        return []
    (enc_a, dec_a), (enc_b, dec_b) = _totals(sa_a), _totals(sa_b)
    for sender, receiver, enc, dec_far, enc_far, dec in ((a, b, enc_a, dec_b, enc_b, dec_a),
                                                         (b, a, enc_b, dec_a, enc_a, dec_b)):
        if enc > 0 and dec_far > 0 and enc_far == 0 and dec == 0:
            fault = Fault("crypto.decaps-no-encaps", ONE_WAY,
                          f"{sender.name} encrypts ({enc} encaps) and {receiver.name} "
                          f"decrypts ({dec_far} decaps) but never encrypts a reply (0 encaps)",
                          receiver)
            for end, other in ((sender, receiver), (receiver, sender)):
                anchor = "|".join(re.escape(x) for x in sorted(other.addresses)) or "$^"
                fault.evidence += evidence_after(end.facts, SA, rf"current_peer:?\s*({anchor})",
                                                 r"#pkts (encaps|decaps):", 2)
            fault.fix = [
                f"On {receiver.name}: its replies to {sender.name}'s networks never reach the "
                "crypto map. Check, in this order: the NAT exemption (replies translated "
                "before encryption no longer match the crypto ACL), the route back to "
                f"{sender.name}'s networks through the crypto interface, and any ACL on the "
                "inside interface dropping the replies."]
            return [fault]
    if (enc_a > 0 and dec_b == 0) or (enc_b > 0 and dec_a == 0):
        sender, receiver = (a, b) if enc_a > 0 and dec_b == 0 else (b, a)
        return [Fault("crypto.encaps-no-decaps", ONE_WAY,
                      f"{sender.name} encrypts but {receiver.name} decrypts nothing: ESP is "
                      "lost between them (a filter or NAT on the path, NAT-T)", None)]
    nat_a = any(s.nat_t for s in sa_a)
    nat_b = any(s.nat_t for s in sa_b)
    if nat_a != nat_b:
        pair.differences.append(f"NAT-T: {a.name} {'on' if nat_a else 'off'}; {b.name} "
                                f"{'on' if nat_b else 'off'}")
    return []


def _rows(pair: Pair, a: End, b: End, entries: tuple[list, list],
          addresses: tuple[str, str]) -> None:
    (ea, eb), (address_a, address_b) = entries, addresses
    def row(label: str, left: str, right: str, differs: bool | None = None) -> None:
        known = left not in ("", "-") and right not in ("", "-")
        pair.rows.append(Row(label, left or "-", right or "-",
                             known and left != right if differs is None else differs))

    row("endpoint", address_a, address_b, False)
    row("map entries", ", ".join(f"{e.map} {e.seq}" for e in ea),
        ", ".join(f"{e.map} {e.seq}" for e in eb), False)
    row("IKE", ", ".join(sorted({v for e in ea for v in e.ike_versions})),
        ", ".join(sorted({v for e in eb for v in e.ike_versions})))
    row("IKE state", ", ".join(s.state for s in _sas(a, b, "ike")),
        ", ".join(s.state for s in _sas(b, a, "ike")))
    row("transform sets", ", ".join(t for e in ea for t in e.transform_sets),
        ", ".join(t for e in eb for t in e.transform_sets), False)
    row("PFS", ", ".join(e.pfs or "none" for e in ea), ", ".join(e.pfs or "none" for e in eb))
    key_a, key_b = psk_for(a, address_b), psk_for(b, address_a)
    if key_a is not None and key_b is not None and not any(e.manual for e in ea):
        same = compare_secrets(key_a, key_b)
        # "PSK", not "pre-shared key": the redaction model would take the word after it
        # for a secret in every view
        row("PSK", "present" if key_a else "none", "present" if key_b else "none",
            same is False)
    sa_a, sa_b = _sas(a, b, "ipsec"), _sas(b, a, "ipsec")
    if sa_a or sa_b:
        (enc_a, dec_a), (enc_b, dec_b) = _totals(sa_a), _totals(sa_b)
        row("encaps / decaps", f"{enc_a} / {dec_a}", f"{enc_b} / {dec_b}",
            (enc_a > 0) != (dec_b > 0) or (enc_b > 0) != (dec_a > 0))
        row("SPI in / out", ", ".join(f"{s.inbound_spi}/{s.outbound_spi}" for s in sa_a),
            ", ".join(f"{s.inbound_spi}/{s.outbound_spi}" for s in sa_b), False)


# Configuration faults the live state overrules: a stage that is up in the SA tables did
# negotiate, so a difference there is worth saying but is not what breaks the tunnel.
_CONFIG_ONLY = {PHASE1_FAILED: ("crypto.ikev1-ikev2-mismatch", "crypto.ike-p1-proposal-mismatch"),
                PHASE2_FAILED: ("crypto.transform-mismatch", "crypto.pfs-mismatch",
                                "crypto.proxy-id-mismatch")}


def _live(faults: list[Fault], a: End, b: End) -> list[Fault]:
    p1_up = any(s.established for s in _sas(a, b, "ike") + _sas(b, a, "ike"))
    p2_up = any(s.encaps or s.decaps for s in _sas(a, b, "ipsec") + _sas(b, a, "ipsec"))
    up = {PHASE1_FAILED: p1_up or p2_up, PHASE2_FAILED: p2_up}
    return [f for f in faults
            if not (up.get(f.verdict) and f.finding in _CONFIG_ONLY.get(f.verdict, ()))]


def _decide(pair: Pair, faults: list[Fault], a: End, b: End) -> None:
    live = _live(faults, a, b)
    for fault in faults:
        if fault not in live:
            pair.differences.append(f"{fault.difference} (yet the SAs show it negotiated)")
    faults = live
    for fault in faults:
        pair.add_finding(fault.finding)
        pair.raise_to(severity_of(fault.finding))
        pair.differences.append(fault.difference)
        pair.evidence += fault.evidence
    if not faults:
        sa_a, sa_b = _sas(a, b, "ipsec"), _sas(b, a, "ipsec")
        traffic = any(sum(s.encaps for s in sas) and sum(s.decaps for s in sas)
                      for sas in (sa_a, sa_b))
        up = any(s.established for s in _sas(a, b, "ike") + _sas(b, a, "ike"))
        if (sa_a and sa_b) or traffic:
            pair.verdict = ESTABLISHED
            if any(x.manual for x in a.peers.get(_address(b, a), [])):
                # the one-ended guess that the keys may not mirror is settled by both ends
                pair.folds += [(end.name, "crypto.manual-key-not-mirrored") for end in (a, b)]
            pair.summary = ("The tunnel is up and passes traffic both ways." if traffic else
                            "The tunnel is up (IPsec SAs on both ends); no packet has crossed "
                            "it yet.")
            for end, other in ((a, b), (b, a)):
                anchor = "|".join(re.escape(x) for x in sorted(other.addresses)) or "$^"
                pair.evidence += evidence_after(end.facts, SA, rf"current_peer:?\s*({anchor})",
                                                r"#pkts (encaps|decaps):", 2)
        elif up and a.ipsec_known and b.ipsec_known:
            pair.summary = ("Phase 1 is up but neither end has an IPsec SA with the other: an "
                            "idle tunnel, or phase 2 fails; send traffic through it and capture "
                            "both ends again.")
        else:
            pair.summary = ("Both ends are loaded but what would tell whether the tunnel works "
                            "was not captured: " + "; ".join(pair.undecided or ["no SA table"]))
        return
    first = min(faults, key=lambda f: _ORDER.index(f.verdict))
    pair.verdict = first.verdict
    if first.finding == "crypto.manual-key-not-mirrored":
        first.fix_at = _not_decrypting(a, b)
        first.fix, first.values = _mirror_fix(first.fix_at, b if first.fix_at is a else a)
        for end, other in ((a, b), (b, a)):
            pair.evidence += [PairEvidence(end.name, e.command, 0, e.text)
                              for e in _invalid_spi(end, other)[:2]]
    if first.finding == "crypto.ike-p1-psk-mismatch" and first.fix_at is not None:
        first.fix = _psk_fix(first.fix_at, b if first.fix_at is a else a)
    if first.finding == "crypto.decaps-no-encaps" and first.fix_at is not None:
        crypto = first.fix_at.crypto
        if crypto is not None and isinstance(crypto.encaps_zero_nat, list) \
                and crypto.encaps_zero_nat:
            first.fix.append(f"Its own analysis found why: crypto.encaps-zero-nat on "
                             f"{first.fix_at.name} (its NAT rule translates the replies).")
    pair.fix_at = first.fix_at.name if first.fix_at is not None else None
    pair.fix = first.fix or ([f"On {first.fix_at.name}: {first.difference}."]
                             if first.fix_at else
                             [f"Either end: {first.difference}; change one to match the "
                              "other."])
    if first.fix_at is not None:
        other = b if first.fix_at is a else a
        peer = _address(other, first.fix_at) or min(other.addresses, default="<peer>")
        apply_fix(pair, first.finding, first.fix_at.facts, pair.fix,
                  **{"peer": peer, "other": other.name, **first.values})
    where = f"; fix at {pair.fix_at}" if pair.fix_at else "; the evidence does not tell which end"
    pair.summary = f"{first.verdict.capitalize()}: {first.difference}{where}."


def _not_decrypting(a: End, b: End) -> End | None:
    """The end that receives what it cannot decrypt (receive errors, invalid SPIs, or no
    decaps while its peer encrypts): its inbound keys are not its peer's outbound."""
    sa_a, sa_b = _sas(a, b, "ipsec"), _sas(b, a, "ipsec")
    bad = [end for end, own, far, other in ((a, sa_a, sa_b, b), (b, sa_b, sa_a, a))
           if _invalid_spi(end, other) or (own and (
               any(s.recv_errors or s.invalid_sa for s in own)
               or (sum(s.decaps for s in own) == 0 and sum(s.encaps for s in far) > 0)))]
    return bad[0] if len(bad) == 1 else None


def _invalid_spi(end: End, other: End) -> list:
    """Log lines of `end` rejecting ESP from `other` for an SPI it does not know."""
    events = end.crypto.events if end.crypto is not None else []
    return [e for e in events if e.cause == "invalid-spi" and _bare(e.peer) in other.addresses]


def _psk_fix(fix_at: End, other: End) -> list[str]:
    """The responder takes the initiator's key (the two ends' tokens show they differ)."""
    address = min((p for p in fix_at.peers if p in other.addresses), default="<peer>")
    return [f"On {fix_at.name} (the responder: it rejects {other.name}'s identity hash), set "
            f"the pre-shared key for {address} to the one {other.name} uses, or change "
            f"{other.name}'s to match; both ends must hold the same key."]


def _mirror_fix(fix_at: End | None, other: End | None) -> tuple[list[str], dict[str, str]]:
    """(the sentence, the values of the CLI: map entry and the other end's keys swapped)."""
    if fix_at is None or other is None or fix_at.config is None or other.config is None:
        return ["On either end: copy the other end's session keys swapped (its outbound SPI "
                "and keys as this end's inbound, its inbound as this end's outbound)."], {}
    words = [f"On {fix_at.name}: take {other.name}'s keys swapped (its outbound is this end's "
             "inbound, its inbound this end's outbound)."]
    theirs = [e for entries in other.peers.values() for e in entries if e.manual]
    mine = [e for entries in fix_at.peers.values() for e in entries if e.manual]
    if not theirs or not mine:
        return words, {}
    values = {"map": mine[0].map, "seq": str(mine[0].seq)}
    swap = {"inbound": "in", "outbound": "out"}
    for key in theirs[0].session_keys:
        if key.protocol.lower() != "esp":
            continue  # the blocks write ESP keys; an AH key stays a placeholder
        mine_dir = swap["outbound" if key.direction == "inbound" else "inbound"]
        values |= {f"{mine_dir}_{name}": value for name, value in (
            ("spi", str(key.spi)), ("cipher", key.cipher), ("auth", key.authenticator))
            if value}  # a value not configured stays a placeholder
    return words, values
