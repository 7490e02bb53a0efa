"""Two ends analysed together: failover pairs and IPsec peers among the loaded devices.

    from netriage.pairs import find_pairs, fold
    pairs = find_pairs([facts for each loaded device])
    findings = fold(findings, pairs)  # one-ended findings a pair explains leave the list

Which devices pair can be decided from a few strings per device (`device_keys`, then
`matched_ends`: the same matchers), as a batch does without moving every capture's facts.

A failover pair is matched by serial numbers, failover link addresses or the pair's own
addresses (never by Active/Standby, which flips); IPsec peers by crypto endpoints. Each pair
gets a verdict naming the end to fix. When several devices are loaded, a device whose mate or
peer is not among them gets a `missing end` entry: stated, never guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from netriage.pairs.failover import failover_pair
from netriage.pairs.failover_match import failover_units, match_units
from netriage.pairs.fixes import templates as fix_templates
from netriage.pairs.fixes import vocabulary_problems as fix_vocabulary_problems
from netriage.pairs.fold import fold
from netriage.pairs.ipsec import ipsec_pair
from netriage.pairs.ipsec_match import crypto_end, match_ends, unmatched_peers
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
    matched, alone = match_units(units)
    pairs += [_guarded(FAILOVER, [a.name, b.name], partial(failover_pair, a, b, how))
              for a, b, how in matched]
    ends = [end for facts in all_facts if (end := crypto_end(facts)) is not None]
    pairs += [_guarded(IPSEC, [m.a.name, m.b.name], partial(ipsec_pair, m))
              for m in match_ends(ends)]
    for unit in alone:
        if (unit.failover.mate is not None and unit.failover.mate.detected) or unit.serial_mate:
            pairs.append(_missing_mate(unit))
    for end in ends:
        missing = unmatched_peers(end, ends)
        if missing:
            pairs.append(_missing_peers(end, missing))
    return pairs


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
