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
from netriage.pairs.ipsec_match import Owners, crypto_end, match_ends, owners_of, unmatched_peers
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
    told: set[int] = set()
    for ids in shared_ids(keys):
        if set(ids.indexes) & set(alone_at):  # it left a unit unpaired: say why
            pairs.append(_shared_failover(ids, [units[i] for i in ids.indexes]))
            told |= set(ids.indexes)
    for unit in (units[i] for i in alone_at if i not in told):
        if (unit.failover.mate is not None and unit.failover.mate.detected) or unit.serial_mate:
            pairs.append(_missing_mate(unit))
    pairs += [_shared_address(o, ends) for o in shared.values() if not o.end]
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


def _shared_failover(ids: Shared, units: list) -> Pair:
    names = [u.name for u in units]
    pair = Pair(FAILOVER, names, "", verdict=MISSING_END,
                summary=f"The {ids.what} {'are' if ids.what.startswith('pair addresses') else 'is'}"
                        f" claimed by {_names(names)}: a failover pair has "
                        "two units, so no pair can be told from it and none of them was "
                        "paired by it.",
                fix=["Load the two units of one pair together (their captures name each "
                     "other's serial number in `show failover`)."])
    for unit in units:
        pair.evidence += evidence(unit.facts, "show failover", r"^Serial Number:")
        pair.evidence += evidence(unit.facts, "show running-config",
                                  r"^failover interface ip ")
    return pair


def _shared_address(owners: Owners, ends: list) -> Pair:
    namers = list(owners.namers)
    devices = namers + [n for n in owners.owners if n not in namers]
    whose = (f"{_names(namers)}'s tunnel" if len(namers) == 1 else
             f"the tunnels of {_names(namers)}")
    mates = (f", the two units of one failover pair, and {owners.why}" if owners.pair else "")
    pair = Pair(IPSEC, devices, "", verdict=MISSING_END,
                summary=f"{owners.address} is owned by {_names(list(owners.owners))}{mates}: "
                        f"no tunnel end can be told from it, so {whose} to it "
                        f"{'was' if len(namers) == 1 else 'were'} judged from "
                        f"{'that end' if len(namers) == 1 else 'those ends'} only.",
                fix=["Capture `show failover` on both units at the same time to tell which "
                     "holds the address." if owners.pair else
                     "Load only the captures of one site together: devices of different "
                     "sites reusing an address cannot be told apart by it."])
    address = owners.address.replace(".", "[.]")
    for end in ends:
        if len(pair.evidence) >= MISSING_SHOWN:
            break
        if end.name in devices:
            pair.evidence += evidence(end.facts, "show running-config",
                                      rf"(ip address|set peer|tunnel-group) {address}\b")
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
