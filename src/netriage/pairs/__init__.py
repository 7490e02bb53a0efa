"""Two ends analysed together: failover pairs and IPsec peers among the loaded devices.

    from netriage.pairs import find_pairs, fold
    pairs = find_pairs([facts for each loaded device])
    findings = fold(findings, pairs)  # one-ended findings a pair explains leave the list

Which devices pair can be decided from a few strings per device (`device_keys`, then
`matched_ends`: the same matchers), as a batch does without moving every capture's facts.

A failover pair is matched by serial numbers, failover link addresses or the pair's own
addresses (never by Active/Standby, which flips); IPsec peers by crypto endpoints. Each pair
gets a verdict naming the end to fix. When several devices are loaded, a device whose mate or
peer is not among them gets a `missing end` entry: stated, never guessed. So does an
identifier several loaded devices share (documentation addresses, a lab's failover link, a
placeholder serial): it pairs none of them, and the entry names it and the devices sharing it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from netriage.pairs.failover import failover_pair
from netriage.pairs.failover_match import (
    Shared,
    failover_units,
    match_keys,
    shared_ids,
    unit_key,
)
from netriage.pairs.fixes import templates as fix_templates
from netriage.pairs.fixes import vocabulary_problems as fix_vocabulary_problems
from netriage.pairs.fold import fold
from netriage.pairs.ipsec import ipsec_pair
from netriage.pairs.ipsec_match import (
    Owners,
    crypto_end,
    match_ends,
    owners_of,
    refused,
    unmatched_peers,
)
from netriage.pairs.keys import DeviceKey, device_keys, matched_ends
from netriage.pairs.model import (
    FAILOVER,
    IPSEC,
    MISSING_END,
    UNDECIDED,
    Pair,
    PairEvidence,
    Row,
)
from netriage.pairs.read import evidence

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts

# Missing-end evidence lines kept per device (a headend names hundreds of peers).
MISSING_SHOWN = 25


# What a pair check meeting an output shape it does not expect raises: a bug to fix, but
# one pair must not take the analysis down (as `DeviceFacts` guards a fact builder).
_BUGS = (TypeError, ValueError, KeyError, IndexError, AttributeError)


def _guarded(kind: str, devices: list[str], check: Callable[[], Pair]) -> Pair:
    try:
        return check()
    except _BUGS as exc:
        return Pair(kind, devices, "", verdict=UNDECIDED,
                    summary=f"The two ends could not be compared ({type(exc).__name__}: "
                            f"{exc}); each end's own findings stand.")


def find_pairs(all_facts: list[DeviceFacts]) -> list[Pair]:
    if len(all_facts) < 2:
        return []  # one device loaded: nothing two-ended to match
    pairs: list[Pair] = []
    units = failover_units(all_facts)
    keys = [unit_key(u) for u in units]
    matched, alone_at = match_keys(keys)
    pairs += [_guarded(FAILOVER, [units[a].name, units[b].name],
                       partial(failover_pair, units[a], units[b], how))
              for a, b, how in matched]
    ends = [end for facts in all_facts if (end := crypto_end(facts)) is not None]
    shared = owners_of(ends, [(keys[a], keys[b]) for a, b, _how in matched])
    pairs += [_guarded(IPSEC, [m.a.name, m.b.name], partial(ipsec_pair, m))
              for m in match_ends(ends, shared)]
    ids = shared_ids(keys)
    told = {i for i in alone_at if any(i in shared_id.indexes for shared_id in ids)}
    # one entry per unit an identifier left unpaired, as for a missing mate (a report's pair
    # entry names one or two devices: the sentence names the others)
    pairs += [_shared_failover(i, units, ids) for i in sorted(told)]
    for unit in (units[i] for i in alone_at if i not in told):
        if (unit.failover.mate is not None and unit.failover.mate.detected) or unit.serial_mate:
            pairs.append(_missing_mate(unit))
    pairs += [_shared_address(end, owners, ends) for owners in shared.values() if not owners.end
              for end in ends if end.name in owners.namers and end.name not in owners.owners]
    pairs += [_refused(a, b, named, back, shared[back])
              for a, b, named, back in refused(ends, shared)]
    for end in ends:
        missing = unmatched_peers(end, ends)
        if missing:
            pairs.append(_missing_peers(end, missing))
    return pairs


def _names(names: list[str]) -> str:
    """"a, b and c"; a name several loaded devices carry once, with their count."""
    shown = [name + (f" ({names.count(name)} devices of that name)" if names.count(name) > 1
                     else "") for name in dict.fromkeys(names)]
    return ", ".join(shown[:-1]) + f" and {shown[-1]}" if len(shown) > 1 else "".join(shown)


def _shared_failover(index: int, units: list, ids: list[Shared]) -> Pair:
    unit = units[index]
    mine = [i for i in ids if index in i.indexes]
    said = [f"its {i.what} with {_names([units[j].name for j in i.indexes if j != index])}"
            for i in mine]
    it = "it" if len(mine) == 1 else "them"
    pair = Pair(FAILOVER, [unit.name], "", verdict=MISSING_END,
                summary=f"{unit.name} shares {', and '.join(said)}: a failover pair has two "
                        f"units, so no mate can be told from {it}, and {unit.name} was not "
                        "paired.",
                fix=["Load the two units of one pair together, without other sites' captures "
                     "(each unit's `show failover` names its mate's serial number)."])
    pair.evidence += evidence(unit.facts, "show failover", r"^Serial Number:")
    pair.evidence += evidence(unit.facts, "show running-config", r"^failover interface ip ")
    return pair


def _shared_address(end, owners: Owners, ends: list) -> Pair:
    names = list(owners.owners)
    held = (f", owned by {_names(names)}, the two units of one failover pair, and {owners.why}"
            if owners.pair else
            f", but {_names(names)} {'both' if len(names) == 2 else 'all'} own it")
    pair = Pair(IPSEC, [end.name], "", verdict=MISSING_END,
                summary=f"{end.name} names {owners.address} as a peer{held}: no tunnel end can "
                        f"be told from it, so that tunnel was judged from {end.name}'s end "
                        "only.",
                fix=["Capture `show failover` on both units at the same time to tell which "
                     "holds the address." if owners.pair else
                     "Load only the captures of one site together: devices of different "
                     "sites reusing an address cannot be told apart by it."])
    address = owners.address.replace(".", "[.]")
    pair.evidence += evidence(end.facts, "show running-config",
                              rf"(set peer|isakmp key .*address|tunnel-group) {address}\b")
    for other in ends:
        if len(pair.evidence) >= MISSING_SHOWN:
            break
        if other.name in names:
            pair.evidence += evidence(other.facts, "show running-config",
                                      rf"ip address {address}\b")
    return pair


def _refused(a, b, named: str, back: str, owners: Owners) -> Pair:
    pair = Pair(IPSEC, [a.name], "", verdict=MISSING_END,
                summary=f"{a.name} names {named}, which {b.name} owns, but {b.name}'s peer "
                        f"{back} is owned by {_names(list(owners.owners))}: which of them is "
                        f"its end cannot be told, so {a.name}'s tunnel to {named} was judged "
                        "from its end only.",
                fix=["Load only the captures of one site together: devices of different "
                     "sites reusing an address cannot be told apart by it."])
    pair.evidence += evidence(a.facts, "show running-config",
                              rf"(set peer|isakmp key .*address|tunnel-group) "
                              rf"{named.replace('.', '[.]')}\b")
    return pair


def _missing_mate(unit) -> Pair:
    mate = unit.serial_mate or "its mate"
    pair = Pair(FAILOVER, [unit.name], "", verdict=MISSING_END,
                summary=f"{unit.name} is one unit of a failover pair; its mate ({mate}) was "
                        "not loaded, so nothing two-ended was checked.",
                fix=["Load the mate's capture with this one to compare both units."])
    pair.evidence += evidence(unit.facts, "show failover", r"^Serial Number:")
    pair.evidence += evidence(unit.facts, "show failover", r"^\s*Other host:")
    return pair


def _missing_peers(end, missing: list[str]) -> Pair:
    shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10
                                       else "")
    pair = Pair(IPSEC, [end.name], "", verdict=MISSING_END,
                summary=f"{end.name} has tunnels to {shown}; no loaded device owns "
                        f"{'that address' if len(missing) == 1 else 'those addresses'}, so "
                        "those tunnels were judged from this end only.",
                fix=["Load the other end's capture with this one to compare both ends."])
    for peer in missing:
        if len(pair.evidence) >= MISSING_SHOWN:
            break
        pair.evidence += evidence(end.facts, "show running-config",
                                  rf"(set peer|isakmp key .*address|tunnel-group) "
                                  rf"{peer.replace('.', r'[.]')}\b")
    return pair


__all__ = ["FAILOVER", "IPSEC", "MISSING_END", "DeviceKey", "Pair", "PairEvidence", "Row",
           "device_keys", "find_pairs", "fix_templates", "fix_vocabulary_problems", "fold",
           "matched_ends"]
