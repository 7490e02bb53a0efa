"""Failover pair checks: both units' own views compared, and one verdict for the pair.

What must match (software, hardware, modes, failover configuration and key), what each unit
says of itself and of its mate (states, monitored interfaces, standby addresses), and the one
fault only the two views together prove: both units Active (split brain).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from netriage.pairs.catalog import severity_of
from netriage.pairs.failover_gaps import gaps, healthy_summary, model, who
from netriage.pairs.failover_groups import split_brain_fix, stand_downs
from netriage.pairs.failover_licence_sync import check_licences, sync_difference
from netriage.pairs.failover_match import Unit
from netriage.pairs.fixes import apply as apply_fix
from netriage.pairs.model import (
    DEGRADED,
    FAILOVER,
    HEALTHY,
    MISMATCH,
    SPLIT_BRAIN,
    Pair,
    Row,
)
from netriage.pairs.read import evidence, fact
from netriage.pairs.secrets import comparable, compare_secrets

if TYPE_CHECKING:
    from netriage.facts.failover import FailoverPlatform

SHOW = "show failover"
# One-ended findings a pair verdict explains (folded into it when the pair carries the id).
FOLDS = {
    "failover.split-brain": ("failover.split-brain", "failover.mate-failed",
                             "failover.history-no-active-found",
                             "failover.history-detected-active-mate"),
    "failover.version-mismatch": ("failover.version-mismatch",),
    "failover.hardware-mismatch": ("failover.hardware-mismatch",),
    "failover.mode-mismatch": ("failover.mode-mismatch",),
    "failover.key-mismatch": ("failover.key-mismatch",),
    "failover.standby-ip-missing": ("failover.standby-ip-missing", "failover.if-waiting"),
    "failover.both-primary-or-secondary": ("failover.both-primary-or-secondary",),
    "failover.license-mismatch": ("failover.license-mismatch",),
}


def failover_pair(a: Unit, b: Unit, matched_by: str) -> Pair:
    pair = Pair(FAILOVER, [a.name, b.name], matched_by, verdict=HEALTHY)
    pa, pb = fact(a.facts, "failover_platform"), fact(b.facts, "failover_platform")
    _rows(pair, a, b, pa, pb)
    _split_brain(pair, a, b)
    _key(pair, a, b)
    _roles(pair, a, b)
    _versions(pair, a, b)
    _hardware(pair, a, b, pa, pb)
    _modes(pair, a, b, pa, pb)
    if check_licences(pair, a, b):
        _flag(pair, "failover.license-mismatch", MISMATCH)
    if sync := sync_difference(a, b):
        pair.differences.append(sync)
    _standby_addresses(pair, a, b)
    _views(pair, a, b)
    _timers(pair, a, b)
    gaps(pair, a, b, pa, pb)
    if not pair.summary:
        grouped = bool(a.failover.this and a.failover.this.groups)
        pair.summary = (healthy_summary(pair, grouped) if not pair.differences else
                        "The units differ where a pair should agree: " + pair.differences[0])
        if pair.differences and pair.verdict == HEALTHY:
            pair.verdict, pair.severity = MISMATCH, "low"
    pair.folds = [(name, folded) for finding in pair.findings
                  for folded in FOLDS.get(finding, (finding,)) for name in pair.devices]
    return pair


def _label(unit: Unit) -> str:
    """`the primary (fw-hq/pri)`: what differences say of a unit."""
    return f"the {unit.role.lower() or 'unit'} ({unit.name})"


def _state(unit: Unit) -> str:
    this = unit.failover.this
    if this is not None and this.groups:  # Active/Active: each group's state, named
        return ", ".join(f"group {g.group} {g.state}" for g in this.groups)
    return ", ".join(this.states) if this else ""


def _rows(pair: Pair, a: Unit, b: Unit, pa: FailoverPlatform | None,
          pb: FailoverPlatform | None) -> None:
    def row(label: str, left: str, right: str, differs: bool | None = None) -> None:
        if not left and not right:
            return  # neither unit showed it: nothing to put side by side
        known = left not in ("", "-") and right not in ("", "-")
        pair.rows.append(Row(label, left or "-", right or "-",
                             known and left != right if differs is None else differs))

    # role, state and serials are meant to be opposite: flagged when they are not
    row("role", a.role, b.role, bool(a.role) and a.role == b.role)
    both_active = bool(a.failover.this and b.failover.this and a.failover.this.active
                       and b.failover.this.active and not a.failover.this.groups)
    row("state", _state(a), _state(b), both_active)
    row("version", a.failover.version or "", b.failover.version or "")
    row("model", model(a, pa), model(b, pb))
    row("serial", a.serial, b.serial, False)
    row("mate serial seen", a.serial_mate, b.serial_mate,
        bool(a.serial_mate and b.serial and a.serial_mate != b.serial))
    row("failover link", _lan(a), _lan(b))
    row("unit poll/hold", _timer(a.failover.unit_poll, a.failover.unit_hold),
        _timer(b.failover.unit_poll, b.failover.unit_hold))
    row("interface poll/hold", _timer(a.failover.interface_poll, a.failover.interface_hold),
        _timer(b.failover.interface_poll, b.failover.interface_hold))
    if pa is not None and pb is not None:
        row("firewall mode", pa.firewall_mode or "", pb.firewall_mode or "")
        row("context mode", pa.context_mode or "", pb.context_mode or "")
    ours = {i.name: i for i in (a.failover.this.interfaces if a.failover.this else [])}
    theirs = {i.name: i for i in (b.failover.this.interfaces if b.failover.this else [])}
    for name in dict.fromkeys([*ours, *theirs]):
        left, right = ours.get(name), theirs.get(name)
        row(f"interface {name}",
            f"{left.ip} {left.status} ({left.monitor})" if left else "",
            f"{right.ip} {right.status} ({right.monitor})" if right else "")
        if left and right:
            pair.rows[-1].differs = (left.status, left.monitor) != (right.status, right.monitor) \
                or left.ip_missing != right.ip_missing


def _lan(unit: Unit) -> str:
    f = unit.failover
    if not f.lan_name:
        return ""
    return f"{f.lan_name} {f.lan_interface or ''} ({f.lan_state or '?'})".replace("  ", " ")


def _timer(poll: str | None, hold: str | None) -> str:
    return f"{poll}/{hold}" if poll or hold else ""


_RANK = {HEALTHY: 0, DEGRADED: 1, MISMATCH: 2, SPLIT_BRAIN: 3}


def _flag(pair: Pair, finding: str, verdict: str) -> None:
    """The pair carries `finding`; the verdict is the worst said so far."""
    pair.add_finding(finding)
    pair.raise_to(severity_of(finding))
    if _RANK.get(verdict, 0) > _RANK.get(pair.verdict, 0):
        pair.verdict = verdict


def _split_brain(pair: Pair, a: Unit, b: Unit) -> None:
    ta, tb = a.failover.this, b.failover.this
    if ta is None or tb is None:
        return
    if ta.groups and tb.groups:  # Active/Active: a group Active on both units
        both = [g.group for g in ta.groups for h in tb.groups
                if g.group == h.group and g.state == h.state == "Active"]
    else:
        both = [0] if ta.state == tb.state == "Active" else []
    if not both:
        return
    _flag(pair, "failover.split-brain", SPLIT_BRAIN)
    downs = stand_downs(a, b, both)
    groups = "" if both == [0] else f" for failover group {', '.join(map(str, both))}"
    if len({d.unit.name for d in downs}) == 1:
        pair.fix_at = downs[0].unit.name
        who_stands = f"{pair.fix_at} should stand down ({downs[0].why})"
    else:  # Active/Active: each unit stands down for the group that is not its own
        pair.fix_ends = list(dict.fromkeys(d.unit.name for d in downs))
        who_stands = "; ".join(f"{d.unit.name} should stand down for group {d.group} "
                               f"({d.why})" for d in downs)
    pair.summary = (f"Split brain: both units are Active{groups}, each from its own `show "
                    f"failover`; {who_stands}.")
    for unit in (a, b):
        pair.evidence += evidence(unit.facts, SHOW, r"^\s*This host:.*Active")
        pair.evidence += evidence(unit.facts, SHOW, r"^\s*Group \d+ State:\s*Active", 2)
        pair.evidence += evidence(unit.facts, SHOW, r"^\s*Other host:")
        pair.evidence += evidence(unit.facts, SHOW, r"^Failover LAN Interface:")
        pair.evidence += evidence(unit.facts, "show failover state", r"Comm Failure")
    split_brain_fix(pair, downs)
    pair.differences.append(
        f"{_label(a)} says {a.failover.this and a.failover.this.state} and sees its mate "
        f"{_mate_state(a)}; {_label(b)} says {tb.state} and sees its mate {_mate_state(b)}")


def _mate_state(unit: Unit) -> str:
    mate = unit.failover.mate
    return mate.state if mate is not None else "(not shown)"


def _key(pair: Pair, a: Unit, b: Unit) -> None:
    ca, cb = a.config, b.config
    if ca is None or cb is None:
        missing = [u for u, c in ((a, ca), (b, cb)) if c is None]
        pair.undecided.append("the failover key: `show running-config failover` was not "
                              f"captured on {who(missing, (a, b))}")
        pair.gaps.append(f"failover key not compared: its configuration was not captured on "
                         f"{who(missing, (a, b))}")
        return
    ka, kb = ca.key_text or ("set" if ca.key or ca.ipsec_key else ""), \
        cb.key_text or ("set" if cb.key or cb.ipsec_key else "")
    same = compare_secrets(ka, kb)
    pair.rows.append(Row("failover key", "present" if ka else "none",
                         "present" if kb else "none", same is False))
    if same is None:
        if ka and kb:
            masked = [u for u, k in ((a, ka), (b, kb)) if not comparable(k)]
            pair.undecided.append("whether the failover keys are equal: the running-config "
                                  "shows them masked (`more system:running-config` shows them)")
            pair.gaps.append(f"failover key not compared: masked on {who(masked, (a, b))}")
        return
    if same:
        return
    missing = a if not ka else b if not kb else None
    fix_at = missing or b
    _flag(pair, "failover.key-mismatch", MISMATCH)
    pair.fix_at = pair.fix_at or fix_at.name
    what = (f"{_label(fix_at)} has no failover key" if missing else
            "the failover keys differ")
    pair.differences.append(what)
    for unit in (a, b):
        pair.evidence += evidence(unit.facts, "show running-config", r"^failover (lan )?key")
    if not pair.fix:
        mate = a if fix_at is b else b
        apply_fix(pair, "failover.key-mismatch", fix_at.facts,
                  [f"On {fix_at.name}, set the same failover key as {mate.name}."],
                  mate=mate.name)


def _roles(pair: Pair, a: Unit, b: Unit) -> None:
    if a.role and a.role == b.role:
        _flag(pair, "failover.both-primary-or-secondary", MISMATCH)
        pair.differences.append(f"both units are configured {a.role}")
        pair.fix_at = pair.fix_at or b.name
        if not pair.fix:
            role = "secondary" if a.role == "Primary" else "primary"
            apply_fix(pair, "failover.both-primary-or-secondary", b.facts,
                      [f"On {b.name}, configure the role its mate does not have ({role})."],
                      role=role)


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", version))


def _versions(pair: Pair, a: Unit, b: Unit) -> None:
    va = a.failover.version or b.failover.version_mate or ""
    vb = b.failover.version or a.failover.version_mate or ""
    if not va or not vb or "unknown" in (va.lower(), vb.lower()) or va == vb:
        return
    _flag(pair, "failover.version-mismatch", MISMATCH)
    older, newer = (a, vb) if _release(va) < _release(vb) else (b, va)
    pair.fix_at = pair.fix_at or older.name
    pair.differences.append(f"{_label(a)} runs {va}; {_label(b)} runs {vb}")
    for unit in (a, b):
        pair.evidence += evidence(unit.facts, SHOW, r"^Version: Ours")
    if not pair.summary:
        pair.summary = (f"Software differs ({va} / {vb}): configuration sync and stateful "
                        f"replication are not guaranteed; upgrade {older.name} to {newer}.")
        other = b if older is a else a
        this = older.failover.this
        first = (f"Make {other.name} active (`failover active` on it), then upgrade "
                 f"{older.name} to {newer}" if this is not None and this.active else
                 f"Upgrade {older.name} (not active) to {newer}")
        apply_fix(pair, "failover.version-mismatch", older.facts,
                  [f"{first}, so both units run one release."], newer=newer, other=other.name)


def _hardware(pair: Pair, a: Unit, b: Unit, pa: FailoverPlatform | None,
              pb: FailoverPlatform | None) -> None:
    ma, mb = model(a, pa), model(b, pb)
    if not ma or not mb or ma == mb:
        return
    _flag(pair, "failover.hardware-mismatch", MISMATCH)
    pair.differences.append(f"{_label(a)} is a {ma}; {_label(b)} is a {mb}")
    for unit in (a, b):
        pair.evidence += evidence(unit.facts, "show version", r"^Hardware:")
    if not pair.summary:
        pair.summary = (f"The units are different models ({ma} / {mb}): failover needs "
                        "identical hardware; no configuration fixes it.")


def _modes(pair: Pair, a: Unit, b: Unit, pa: FailoverPlatform | None,
           pb: FailoverPlatform | None) -> None:
    if pa is None or pb is None:
        return
    for what, left, right in (("firewall mode", pa.firewall_mode, pb.firewall_mode),
                              ("context mode", pa.context_mode, pb.context_mode)):
        if left and right and left != right:
            _flag(pair, "failover.mode-mismatch", MISMATCH)
            pair.differences.append(f"{_label(a)} is in {left} {what}; {_label(b)} in {right}")
            pair.fix_at = pair.fix_at or b.name


def _standby_addresses(pair: Pair, a: Unit, b: Unit) -> None:
    """An interface whose own line is 0.0.0.0 on one unit and an address on the other."""
    ta, tb = a.failover.this, b.failover.this
    if ta is None or tb is None:
        return
    theirs = {i.name: i for i in tb.interfaces}
    for left in ta.interfaces:
        right = theirs.get(left.name)
        if right is None or left.ip_missing == right.ip_missing:
            continue
        has, lacks = (a, b) if right.ip_missing else (b, a)
        with_ip = left if has is a else right
        without = right if has is a else left
        _flag(pair, "failover.standby-ip-missing", DEGRADED)
        pair.differences.append(
            f"{_label(has)} sees {with_ip.name} {with_ip.status} ({with_ip.monitor}); "
            f"{_label(lacks)} has no standby address on {with_ip.name}")
        for unit, item in ((has, with_ip), (lacks, without)):
            pair.evidence += evidence(unit.facts, SHOW,
                                      rf"Interface {re.escape(item.name)} \({re.escape(item.ip)}\)")
        active = a if ta.active else b if tb.active else has
        pair.fix_at = pair.fix_at or active.name
        if not pair.summary:
            pair.summary = (f"{lacks.name} has no standby address on {with_ip.name}: the "
                            "interface is not monitored and cannot take over cleanly.")
        if not pair.fix:
            apply_fix(pair, "failover.standby-ip-missing", active.facts,
                      [f"On the active unit ({active.name}), give {with_ip.name} a standby "
                       "address (it replicates to the mate):"],
                      nameif=with_ip.name, physical=with_ip.physical_hint,
                      address=with_ip.address or with_ip.ip, mask=with_ip.mask_hint)


def _views(pair: Pair, a: Unit, b: Unit) -> None:
    """Each unit's own interface states against what its mate says of them."""
    for unit, other in ((a, b), (b, a)):
        this, seen = unit.failover.this, other.failover.mate
        if this is None or seen is None or not seen.detected or seen.failed:
            continue  # a mate seen Failed is not heard: its view of us is stale
        view = {i.name: i for i in seen.interfaces}
        for item in this.interfaces:
            there = view.get(item.name)
            if there is not None and there.status != "Unknown" \
                    and (there.status, there.monitor) != (item.status, item.monitor):
                pair.differences.append(
                    f"{_label(unit)} sees its {item.name} {item.status} ({item.monitor}); "
                    f"{_label(other)} sees it {there.status} ({there.monitor})")


def _timers(pair: Pair, a: Unit, b: Unit) -> None:
    fa, fb = a.failover, b.failover
    for what, left, right in (
            ("unit poll/hold", _timer(fa.unit_poll, fa.unit_hold),
             _timer(fb.unit_poll, fb.unit_hold)),
            ("interface poll/hold", _timer(fa.interface_poll, fa.interface_hold),
             _timer(fb.interface_poll, fb.interface_hold)),
            ("failover link", _lan(a).split(" (")[0], _lan(b).split(" (")[0])):
        if left and right and left != right:
            pair.differences.append(f"{_label(a)} has {what} {left}; {_label(b)} has {right}")
