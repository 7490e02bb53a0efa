"""Failover faults planted in an Active/Standby pair, always on the standby unit.

Each one changes, in every output of the pair that shows it (both units' `show failover` and
`show monitor-interface`, their `failover exec mate` forms, the configuration displays, `show
version`), exactly what the fault changes on a real pair, so the trees find it wherever a
trainee looks. What a fault would also change but is left as recorded is said in a note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from netriage.capture.model import Device, Entry
from netriage.training.inject.base import InjectError, Plan, entries, fault
from netriage.training.inject.failover_text import (
    HOST,
    IFACE,
    LAN_LINK,
    MATE,
    NO_ADDRESS,
    POLICY,
    STATE_LINK,
    VERSION,
    Pair,
    edit_interface,
    find_pair,
    interfaces_of,
    is_failover_output,
    is_management,
    pick_interface,
    rewrite,
    runner_role,
    section_roles,
)

_CONFIGS = ("show running-config", "show startup-config", "more system:running-config",
            "write terminal")
_ADDRESS = re.compile(r"^(?P<head>\s*ip address\s+(?P<ip>\S+)\s+(?P<mask>\S+))"
                      r"\s+standby\s+(?P<standby>\S+)(?P<tail>.*)$")


def _pair(plan: Plan) -> Pair:
    return find_pair(plan.capture.devices)


def _address(pair: Pair, role: str, name: str) -> str:
    for _device, entry in pair.outputs():
        lines = entry.output.split("\n")
        for line, owner in zip(lines, section_roles(lines), strict=True):
            match = IFACE.match(line)
            if match and owner == role and match.group("name") == name:
                return match.group("ip")
    return ""


def _configs(pair: Pair) -> Iterator[tuple[Device, Entry]]:
    for device in pair.devices:
        for entry in entries(device, *_CONFIGS, prefix=True):
            yield device, entry
        for entry in entries(device, *(MATE + c for c in _CONFIGS), prefix=True):
            yield device, entry


@fault("failover.standby-ip-missing", ("asa", "ftd"),
       "an interface loses its standby address: 0.0.0.0 and Waiting on the standby unit, "
       "Waiting on the active, no `standby` in the configuration")
def standby_ip_missing(plan: Plan, interface: str = "") -> None:
    pair = _pair(plan)
    views = {runner_role(d, e) for d, e in pair.outputs() if not e.filter}
    if pair.active not in views:
        raise InjectError(f"only the standby unit's ({pair.standby}) view of the pair was "
                          "captured, and a missing standby address is read from the active "
                          "unit's show failover (its Other host line shows 0.0.0.0)")
    name = pick_interface(pair, interface)
    addresses = {_address(pair, pair.active, name), _address(pair, pair.standby, name)}
    active_ip = _address(pair, pair.active, name)
    nameif = name.split("/")[-1]
    def waiting(line: str, owner: str | None) -> str:
        match = IFACE.match(line)
        if not (match and match.group("name") == name and owner):
            return line
        # No standby address: the standby unit has none, and no hellos cross the interface,
        # so both units keep it Waiting.
        return edit_interface(line, ip=NO_ADDRESS if owner == pair.standby else None,
                              monitor="Waiting")

    for device, entry in pair.outputs():
        plan.edit(device, entry, rewrite(entry.output, waiting),
                  f"{nameif}: {NO_ADDRESS} on the {pair.standby} unit, Waiting")

    def no_standby(line: str, _owner: str | None) -> str:
        match = _ADDRESS.match(line)
        if match and {match.group("ip"), match.group("standby")} == addresses:
            return match.group("head") + match.group("tail")
        return line

    found = False
    for device, entry in _configs(pair):
        before = len(plan.changes)
        plan.edit(device, entry, rewrite(entry.output, no_standby),
                  f"`standby` removed from {nameif}'s ip address")
        found = found or len(plan.changes) > before
    if not found:
        plan.notes.append(f"no configuration display holds {nameif}'s `ip address "
                          f"{active_ip or '<address>'} … standby …` line; only the failover "
                          "outputs were changed")


def _older(version: str) -> str:
    """Another release of the same train: one maintenance release back (or on, from 1)."""
    match = re.fullmatch(r"(\d+)\.(\d+)\((\d+)\)(\d*)", version)
    if match is None:
        raise InjectError(f"the software version {version!r} in show failover is not an "
                          "ASA/PIX release like 9.16(4) or 9.18(3)56")
    major, minor, maintenance = (int(x) for x in match.groups()[:3])
    other = maintenance - 1 if maintenance > 1 else maintenance + 1
    return f"{major}.{minor}({other})"


def _image(version: str) -> str:
    """9.18(3)56 → 9-18-3-56, as image file names spell it."""
    return "-".join(re.findall(r"\d+", version))


@fault("failover.version-mismatch", ("asa", "ftd", "pix"),
       "the standby unit runs another release of the same train (show failover's Version "
       "line and slot line, the standby's show version and configuration header)")
def version_mismatch(plan: Plan) -> None:
    pair = _pair(plan)
    current = ""
    for _device, entry in pair.outputs():
        for line in entry.output.split("\n"):
            match = VERSION.match(line)
            current = current or (match.group("ours") if match else "")
    if not current:
        raise InjectError("no `Version: Ours …, Mate …` line in the captured show failover")
    new = _older(current)
    for device, entry in pair.outputs():
        runner = runner_role(device, entry)

        def renumber(line: str, owner: str | None, runner: str = runner) -> str:
            match = VERSION.match(line)
            if match and runner:
                ours, mate = match.group("ours"), match.group("mate")
                if runner == pair.standby:
                    ours = new
                else:
                    mate = new
                return match.group("head") + ours + match.group("mid") + mate + match.group("tail")
            if owner == pair.standby and "hw/sw rev" in line:
                return line.replace(f"/{current})", f"/{new})")
            return line

        plan.edit(device, entry, rewrite(entry.output, renumber),
                  f"the {pair.standby} unit runs {new}")
    standby = pair.device_of(pair.standby)
    active = pair.device_of(pair.active)
    own = [(standby, e) for e in standby.entries] if standby else []
    mate = [(active, e) for e in active.entries if e.command.startswith(MATE)] if active else []
    for device, entry in own + mate:
        if is_failover_output(entry):
            continue
        out = [_renumber(line, current, new) for line in entry.output.split("\n")]
        plan.edit(device, entry, out, f"{current} → {new}")
    if standby is None and not mate:
        plan.notes.append(f"the {pair.standby} unit's own outputs were not captured: only "
                          "show failover says which release it runs")


def _renumber(line: str, current: str, new: str) -> str:
    if current in line and re.search(r"Version|version", line):
        return line.replace(current, new)
    if re.search(r"image|boot system", line, re.IGNORECASE) and _image(current) in line:
        return line.replace(_image(current), _image(new))
    return line


def _raise_policy(plan: Plan, pair: Pair, failed: int) -> None:
    """A unit with fewer failed interfaces than its policy stays up: the fault is then the
    interface, not the unit (the default policy 1 would fail the whole standby unit)."""
    wanted = failed + 1
    raised = False

    def policy(line: str, _owner: str | None) -> str:
        nonlocal raised
        match = POLICY.match(line)
        if match and not match.group("value").endswith("%") \
                and int(match.group("value")) <= failed:
            raised = True
            return f"{match.group('head')}{wanted}{match.group('tail')}"
        return line

    for device, entry in pair.outputs():
        plan.edit(device, entry, rewrite(entry.output, policy), f"Interface Policy {wanted}")
    if not raised:
        return
    for device in pair.devices:
        for entry in entries(device, *_CONFIGS, prefix=True):
            lines = entry.output.split("\n")
            at = max((i for i, x in enumerate(lines) if x.startswith("failover ")), default=-1)
            if at < 0 or any(x.startswith("failover interface-policy") for x in lines):
                continue
            lines.insert(at + 1, f"failover interface-policy {wanted}")
            plan.edit(device, entry, lines, f"failover interface-policy {wanted}")
    plan.notes.append(f"the interface policy was raised to {wanted} so the standby unit "
                      "stays up with one failed interface (policy 1 would fail the whole unit: "
                      "that is failover.mate-failed)")


def _fail(plan: Plan, pair: Pair, names: list[str], *, unit_failed: bool, what: str) -> None:
    """The standby's lines for `names` become Failed in every failover output (and, with
    `unit_failed`, its `This host` / `Other host` line `- Failed`)."""
    def failed(line: str, owner: str | None) -> str:
        host = HOST.match(line)
        if unit_failed and host and host.group("role") == pair.standby:
            return f"{host.group('lead')}{host.group('which')} host: {pair.standby} - Failed"
        match = IFACE.match(line)
        if owner == pair.standby and match and match.group("name") in names:
            return edit_interface(line, status="Failed")
        return line

    for device, entry in pair.outputs():
        plan.edit(device, entry, rewrite(entry.output, failed), what)


@fault("failover.if-failed", ("asa", "ftd", "pix"),
       "an interface of the standby unit fails its tests (Failed) while the unit stays up")
def if_failed(plan: Plan, interface: str = "") -> None:
    pair = _pair(plan)
    name = pick_interface(pair, interface)
    _raise_policy(plan, pair, 1)
    _fail(plan, pair, [name], unit_failed=False, what=f"{name}: Failed on the {pair.standby} unit")
    plan.notes.append("the standby's syslog (105009 Testing on interface … Failed) is not "
                      "added: a log is history, the trainee reads the state")


def _policy(pair: Pair) -> int:
    """How many failed interfaces fail a unit: the `Interface Policy` of show failover (1, the
    default, when it is not printed). A percentage is refused: which interfaces count toward
    it (monitored ones only, and how each release rounds) is not read here."""
    for _device, entry in pair.outputs():
        for line in entry.output.split("\n"):
            match = POLICY.match(line)
            if match is None:
                continue
            value = match.group("value")
            if value.endswith("%"):
                raise InjectError(f"the interface policy is {value}: how many failed "
                                  "interfaces fail the unit depends on which are monitored; "
                                  "inject into a pair with a numeric policy")
            return max(int(value), 1)
    return 1


@fault("failover.mate-failed", ("asa", "ftd", "pix"),
       "the standby unit fails: as many of its monitored interfaces as the interface policy "
       "counts fail their tests, and both units' show failover mark it Failed")
def mate_failed(plan: Plan, interface: str = "") -> None:
    pair = _pair(plan)
    wanted = _policy(pair)
    names = [pick_interface(pair, interface)] if interface else []
    shown: list[tuple[str, str, str, str]] = []
    for _device, entry in pair.outputs():
        shown = shown or interfaces_of(entry.output, pair.standby)
    names += [name for name, ip, status, monitor in reversed(shown)
              if name not in names and status == "Normal" and monitor in ("Monitored", "")
              and ip not in ("", NO_ADDRESS) and not is_management(name)]
    names = names[:wanted]
    if len(names) < wanted:
        raise InjectError(f"the interface policy is {wanted}: the standby unit's lines of show "
                          f"failover list only {len(names)} monitored data interface(s) in "
                          "state Normal with an address to fail")

    _fail(plan, pair, names, unit_failed=True,
          what=f"the {pair.standby} unit Failed: {', '.join(names)} Failed")
    plan.notes.append("show failover history's `Standby Ready → Failed  Interface check` row "
                      "and the 105009 syslog messages are not added: the trainee reads the "
                      "state, and history is what the trees read as past events")


def _state_link(pair: Pair) -> tuple[str, str]:
    lan = ""
    for _device, entry in pair.outputs():
        for line in entry.output.split("\n"):
            lan = lan or (m.group("phys") if (m := LAN_LINK.match(line)) else "")
            match = STATE_LINK.match(line)
            if match:
                if match.group("phys") == lan:
                    raise InjectError("the stateful link shares the LAN failover link "
                                      f"({lan}): its loss would be failover.lan-if-down")
                return match.group("name"), match.group("phys")
    raise InjectError("show failover names no stateful failover link (`Link : <name> "
                      "<interface> (up)`; a stateless pair prints `Link : Unconfigured.`)")


@fault("failover.state-link-down", ("asa", "ftd", "pix"),
       "the dedicated stateful failover link goes down on both units")
def state_link_down(plan: Plan) -> None:
    pair = _pair(plan)
    name, phys = _state_link(pair)
    def down(line: str, _owner: str | None) -> str:
        match = STATE_LINK.match(line)
        if match and match.group("phys") == phys:
            return match.group("head") + "down" + match.group("tail")
        return line

    for device, entry in pair.outputs():
        plan.edit(device, entry, rewrite(entry.output, down), f"Link : {name} {phys} (down)")
    plan.notes.append(f"show interface {phys} is left as recorded: a state link can be down "
                      "for its peer while the port keeps its carrier (a VLAN, a switch port)")


_COUNTER = re.compile(r"^(?P<head>\s*(?P<name>General|TCP conn|tcp conn)\s+)(?P<xmit>\d+)"
                      r"(?P<gap>\s+)(?P<xerr>\d+)(?P<tail>\s.*)?$")


@fault("failover.state-xerr", ("asa", "ftd", "pix"),
       "the active unit counts transmit errors on its stateful updates (xerr)")
def state_xerr(plan: Plan) -> None:
    pair = _pair(plan)
    changed = False

    def errors(line: str, _owner: str | None) -> str:
        nonlocal changed
        match = _COUNTER.match(line)
        if not (match and int(match.group("xmit")) > 0):
            return line
        count = str(max(int(match.group("xmit")) // 500, 12))
        # keep the columns: the number takes its width from the gap after it
        tail = match.group("tail") or ""
        pad = max(len(match.group("xerr")) + len(tail) - len(tail.lstrip()) - len(count), 1)
        changed = True
        return (match.group("head") + match.group("xmit") + match.group("gap") + count
                + " " * pad + tail.lstrip())

    for device, entry in pair.outputs():
        if entry.command.removeprefix(MATE) == "show failover" \
                and runner_role(device, entry) == pair.active:
            plan.edit(device, entry, rewrite(entry.output, errors), "xerr on General and TCP conn")
    if not changed:
        raise InjectError("no stateful update table (`General … xmit xerr rcv rerr`) of the "
                          "active unit with traffic in the captured show failover")
