"""Which devices are two ends of a pair, decided from a few strings per device, not its facts.

`find_pairs` needs every device's facts, to compare the two ends it matched. Deciding WHICH
devices pair needs far less: what the matchers read (serials, failover link, pair addresses;
crypto addresses and peers). A batch worker reduces each capture to these keys (hundreds of
bytes, where its facts pickle to ~50 KB), the parent matches the keys of a whole folder, and
only the few captures that pair are analysed again together, with their facts.

    keys = device_keys(facts_of_one_capture)        # in the worker
    matched_ends([*keys_a, *keys_b, ...])           # in the parent: find_pairs' two-ended pairs

The matchers are the ones `find_pairs` runs (`match_keys`, `match_ends`), in the same order,
so the pairs are the same (tests/pairs/test_keys.py proves it on every pair recording).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from netriage.pairs.failover_match import UnitKey, failover_units, match_keys, unit_key
from netriage.pairs.ipsec_match import EndKey, crypto_end, end_key, match_ends, owners_of
from netriage.pairs.model import FAILOVER, IPSEC
from netriage.pairs.read import fact

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts


@dataclass(frozen=True)
class DeviceKey:
    """One device as pair matching sees it (small and picklable)."""

    name: str
    unit: UnitKey | None  # a failover unit (failover on, this unit read), else None
    end: EndKey | None  # an IPsec end (crypto captured, an address or a peer), else None
    # `show failover`'s configured unit as printed ("Primary"/"Secondary"), "" when not read:
    # two captures whose units are both Primary are one unit captured twice
    failover_unit: str = ""

    @property
    def may_pair(self) -> bool:
        return self.unit is not None or self.end is not None


def device_key(facts: DeviceFacts) -> DeviceKey:
    units = failover_units([facts])
    end = crypto_end(facts)
    failover = fact(facts, "failover")
    return DeviceKey(facts.device.hostname, unit_key(units[0]) if units else None,
                     end_key(end) if end is not None else None,
                     str(getattr(failover, "unit", "") or ""))


def device_keys(all_facts: list[DeviceFacts]) -> list[DeviceKey]:
    return [device_key(f) for f in all_facts]


def matched_ends(keys: list[DeviceKey]) -> list[tuple[str, str, str]]:
    """(kind, device, device) of every two-ended pair `find_pairs` gives for these devices,
    in its order (its `missing end` entries, one device each, left out)."""
    if len(keys) < 2:
        return []  # as find_pairs: one device loaded, nothing two-ended to match
    units = [k.unit for k in keys if k.unit is not None]
    matched, _alone = match_keys(units)
    pairs = [(FAILOVER, units[a].name, units[b].name) for a, b, _how in matched]
    ends = [k.end for k in keys if k.end is not None]
    shared = owners_of(ends, [(units[a], units[b]) for a, b, _how in matched])
    return pairs + [(IPSEC, m.a.name, m.b.name) for m in match_ends(ends, shared)]
