"""What a failover pair's checks could not compare, said in the verdict itself.

Unknown is never healthy: a "healthy" pair whose keys are masked on both units, or whose
licences were not shown, is healthy only as far as both units show, and its summary says
which comparisons are missing ("failover key not compared: masked on both").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netriage.facts.failover import FailoverPlatform
    from netriage.pairs.failover_match import Unit
    from netriage.pairs.model import Pair


def model(unit: Unit, platform: FailoverPlatform | None) -> str:
    """The hardware model: the unit's own `show version`, else its `show failover` line."""
    if platform is not None and platform.this is not None and platform.this.model:
        return platform.this.model
    return unit.failover.this.model if unit.failover.this else ""


def healthy_summary(pair: Pair, groups: bool) -> str:
    """Healthy only as far as both units show: what was not compared is said in the verdict
    itself, not only listed under "not compared"."""
    agree = ("each failover group Active on one unit only" if groups else
             "one Active, one Standby") + ", same software, hardware and failover configuration"
    if not pair.gaps:
        return f"Both units agree: {agree} as far as both show them."
    return f"Healthy as far as both show ({agree}); " + "; ".join(pair.gaps) + "."


def who(units: list[Unit], both: tuple[Unit, Unit]) -> str:
    return "both" if len(units) == len(both) else " and ".join(u.name for u in units)


def gaps(pair: Pair, a: Unit, b: Unit, pa: FailoverPlatform | None,
         pb: FailoverPlatform | None) -> None:
    """What the pair checks could not compare because one unit's output did not say it."""
    units = (a, b)
    no_version = [u for u in units if not u.failover.version]
    if no_version and not (a.failover.version_mate or b.failover.version_mate):
        pair.gaps.append(f"software not compared: not shown on {who(no_version, units)}")
        pair.undecided.append("the software versions: `show failover` printed no `Version:` "
                              f"line on {who(no_version, units)}")
    # licences are read from each unit's own `show version` only (the model also shows in
    # `show failover`, so hardware may still have been compared)
    no_version_output = [u for u, p in ((a, pa), (b, pb)) if p is None or p.this is None]
    if no_version_output:
        what = "licences" if all(model(u, None) for u in no_version_output) else \
            "hardware and licences"
        names = who(no_version_output, units)
        pair.gaps.append(f"{what} not compared: no `show version` on {names}")
        pair.undecided.append(f"the {what}: capture `show version` on {names}")
