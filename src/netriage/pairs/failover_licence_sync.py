"""Two more things the units of a pair must agree on: licences and configuration sync.

Licences from each unit's own `show version` (before 8.3 they must match line for line; from
8.3 the units' licences combine, and only encryption and contexts must match). Sync from each
unit's own `show failover state` (`====Configuration State=== Sync Done`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netriage.pairs.read import evidence, fact

if TYPE_CHECKING:
    from netriage.pairs.failover_match import Unit
    from netriage.pairs.model import Pair

# Licence lines that must match even where the units' licences combine (8.3+).
MUST_MATCH = ("Encryption-3DES-AES", "Security Contexts")


def licence_differences(a: Unit, b: Unit) -> list[str]:
    """`name: ours / theirs` for licence lines that must match and do not."""
    pa, pb = fact(a.facts, "failover_platform"), fact(b.facts, "failover_platform")
    if pa is None or pb is None or pa.this is None or pb.this is None:
        return []
    ours, theirs = pa.this.features, pb.this.features
    if not ours or not theirs:
        return []
    names = sorted(set(ours) | set(theirs))
    if pa.this.licences_combine and pb.this.licences_combine:
        names = [n for n in names if n in MUST_MATCH]
    return [f"{n}: {ours.get(n, '-')} / {theirs.get(n, '-')}" for n in names
            if ours.get(n) != theirs.get(n)]


def check_licences(pair: Pair, a: Unit, b: Unit) -> bool:
    differences = licence_differences(a, b)
    if not differences:
        return False
    pair.differences.append(f"licences differ ({a.name} / {b.name}): " + "; ".join(differences))
    for unit in (a, b):
        for line in differences:
            pair.evidence += evidence(unit.facts, "show version", rf"^{line.split(':')[0]}\s*:")
    return True


def sync_difference(a: Unit, b: Unit) -> str:
    """One unit says its configuration sync is done and the other does not."""
    sa, sb = fact(a.facts, "failover_state"), fact(b.facts, "failover_state")
    if sa is None or sb is None or sa.sync_done == sb.sync_done:
        return ""
    done, not_done = (a, b) if sa.sync_done else (b, a)
    return (f"{done.name} reports configuration sync done; {not_done.name} does not "
            "(its `show failover state` lists no Sync Done)")
