"""Active/Active split brain, group by group: which unit stands down for each failover group.

Each failover group has a home unit in the configuration (`failover group 1` / `primary`,
the default when not printed; `secondary`). When both units are Active for a group, the unit
that is not its home stands down for it, so the pair returns to the layout it was built for;
without the configuration, the unit that took over last (the shorter active time) stands down,
as in Active/Standby. The two units may then each stand down for a different group.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from netriage.engine.findings import Fix
from netriage.pairs.fixes import flat, render

if TYPE_CHECKING:
    from netriage.pairs.failover_match import Unit
    from netriage.pairs.model import Pair


@dataclass
class StandDown:
    group: int  # 0: Active/Standby (no groups)
    unit: Unit  # stands down
    keep: Unit  # keeps carrying the group's traffic
    why: str  # "group 1 belongs to the primary", "took over last"


def _home(a: Unit, b: Unit, group: int) -> str:
    """`Primary` / `Secondary` from either unit's configuration, "" when neither shows it."""
    for unit in (a, b):
        for item in (unit.config.groups if unit.config is not None else []):
            if item.number == group:
                return (item.unit or "primary").capitalize()
    return ""


def _by_time(a: Unit, b: Unit, group: int) -> StandDown:
    ta, tb = a.failover.this, b.failover.this
    times = (ta.active_time if ta else None, tb.active_time if tb else None)
    if None in times:  # no active time shown: nothing says which took over last
        return StandDown(group, b, a, "neither unit's active time is shown: either may "
                                      f"stand down; {b.role.lower() or 'the second unit'} "
                                      "named")
    later = b if times[1] <= times[0] else a  # type: ignore[operator]
    return StandDown(group, later, a if later is b else b, "it took over last")


def stand_downs(a: Unit, b: Unit, groups: list[int]) -> list[StandDown]:
    """One entry per group Active on both units (one entry, group 0, without groups)."""
    out = []
    for group in groups:
        home = _home(a, b, group) if group else ""
        keep = next((u for u in (a, b) if home and u.role == home), None)
        if keep is None:
            out.append(_by_time(a, b, group))
            continue
        out.append(StandDown(group, b if keep is a else a, keep,
                             f"failover group {group} belongs to the {home.lower()}"))
    return out


def split_brain_fix(pair: Pair, downs: list[StandDown]) -> None:
    """The words and blocks: each unit that stands down (per group in Active/Active), from
    its console, then the failover link restored. Blocks of one platform and release are
    merged into one, each unit's lines under a `! on <unit>:` comment when there are two."""
    two = len({d.unit.name for d in downs}) > 1
    words = [f"On {d.unit.name}, from its console (not over the network: both units answer "
             f"for the same addresses), make it stand down"
             + (f" for failover group {d.group}" if d.group else "")
             + f" ({d.why}); {d.keep.name} keeps carrying that traffic." for d in downs]
    lan = downs[0].unit.failover.lan_interface or "<failover-link-interface>"
    words.append(f"Then restore the failover link ({lan} on both units and the switch ports "
                 "between them) and check the failover key.")
    merged: dict[tuple[str, str], Fix] = {}
    notes = []
    for down in downs:
        blocks, note = render("failover.split-brain", down.unit.facts,
                              {"group": f"group {down.group}" if down.group else "",
                               "keep": down.keep.name, "lan": lan})
        notes += [note] if note else []
        for block in blocks:
            head = [f"! on {down.unit.name}:"] if two else []
            into = merged.setdefault((block.platform, block.versions), Fix(
                platform=block.platform, versions=block.versions, device=block.device,
                impact=block.impact, manager=list(block.manager)))
            into.commands += head + block.commands
            into.rollback += head + block.rollback
            into.verify += [v for v in block.verify if v not in into.verify]
    pair.fix_blocks = list(merged.values())
    pair.fix_note = "; ".join(dict.fromkeys(notes))
    pair.fix = flat(words, pair.fix_blocks)
