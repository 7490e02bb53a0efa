"""The `interfaces` fact: what the interface trees (checks/interfaces*.yaml) read.

Built from every interface output captured (IOS `show interfaces`, `show interfaces status`,
`show interfaces status err-disabled`, `show ip interface brief`, `show interfaces counters
errors`, `show errdisable recovery`, `show interfaces description`, `show interfaces
switchport` and `trunk` (which ports are trunks); ASA `show interface`, `show nameif`, `show
interface ip brief`; `show logging` on both) and, when it was captured, the running-config
(hard-coded speed and duplex, crypto maps, the failover link).

Which interfaces matter: a named one (nameif), one with an address, a crypto-bearing one, a
trunk, the failover link, the parent of named subinterfaces. An unused shut port is no
problem, and a port that only has a description is a question for the engineer. Each list
below is what one finding reports, or an `Unknown` naming the output that would tell.

The outputs are read and merged per interface (`interfaces_ios`, `interfaces_asa`); the
configuration, the log and `show failover` add to each one and settle what it is for
(`interfaces_role`, `interfaces_logs`); then the lists are judged (`interfaces_judge`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netriage.engine.expr import Unknown
from netriage.facts.interfaces.asa import asa_sources
from netriage.facts.interfaces.commands import INTERFACE_COMMANDS
from netriage.facts.interfaces.ios import Merger, ios_sources
from netriage.facts.syslog_lines import DeviceSyslog
from netriage.platforms import get_platform

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts
    from netriage.facts.interfaces.model import InterfaceFacts

def _first_unknown(states: dict[str, Unknown | None], *labels: str) -> Unknown | None:
    """None when any of the outputs was usable, else the Unknown of the first one."""
    unknowns = [states.get(label, Unknown(f"{label} not read")) for label in labels]
    if any(u is None for u in unknowns):
        return None
    return next(u for u in unknowns if u is not None)


def _seeded_from_log(device_facts: DeviceFacts, merge: Merger) -> bool:
    """`logs.seed_from_log`; a device whose syslog holds no line has no port to seed, and is
    told so without importing the log reader."""
    syslog = device_facts.resolve("syslog")[0]
    if not isinstance(syslog, DeviceSyslog) or not syslog.lines:
        return False
    from netriage.facts.interfaces.logs import seed_from_log

    return seed_from_log(device_facts, merge)


def interface_facts(device_facts: DeviceFacts) -> InterfaceFacts:
    """The `interfaces` fact of one device."""
    family = device_facts.family
    if family not in INTERFACE_COMMANDS:
        raise Unknown("the platform is not known", ("show version",))
    platform = get_platform(device_facts.device.platform).tag
    asa = family == "cisco_asa"
    merge = Merger()
    states: dict[str, Unknown | None] = {}
    interval = None
    if asa:
        asa_sources(device_facts, merge, states)
        state = _first_unknown(states, "state", "brief")
        counters = states["counters"]
    else:
        _causes, interval = ios_sources(device_facts, merge, states)
        state = _first_unknown(states, "state", "switch", "brief", "description")
        counters = _first_unknown(states, "state", "counters_errors")
    if state is not None and not merge.by_key and not _seeded_from_log(device_facts, merge):
        raise state  # (a log naming ports still says what happened to them)
    # imported once there are interfaces to judge: a capture without any pays nothing for
    # the judges, the models (~100 dataclass fields) or the configuration's facts
    from netriage.facts.config import ConfigFacts
    from netriage.facts.interfaces.judge import asa_lists, counter_lists, err_lists, state_lists
    from netriage.facts.interfaces.logs import apply_logs
    from netriage.facts.interfaces.model import InterfaceFacts
    from netriage.facts.interfaces.role import apply_config, failover_view, purpose

    config_value, _ = device_facts.resolve("config")
    config = config_value if isinstance(config_value, ConfigFacts) else None
    apply_config(merge.by_key, config, asa)
    apply_logs(device_facts, merge.by_key, states)
    if asa:
        failover_view(device_facts, merge.by_key)
    interfaces = list(merge.by_key.values())
    purpose(interfaces, device_facts.device.find("show failover") is not None)
    facts = InterfaceFacts(platform, interfaces, interval)
    if config is not None and asa:
        facts.transparent = config.transparent
    state_lists(facts, interfaces, state)
    errors_known = state if asa else _first_unknown(states, "state", "switch")
    err_lists(facts, interfaces, errors_known)
    counter_lists(facts, interfaces, counters, states.get("logs"))
    if asa:
        asa_lists(facts, interfaces, config, names=_first_unknown(states, "state", "nameif"),
                  # security levels: show nameif or the configuration, nothing else
                  levels=None if config is not None else states.get("nameif"),
                  addresses=state)
    else:
        for name in ("asa_no_nameif", "asa_no_ip", "asa_subif_no_vlan", "asa_same_security"):
            setattr(facts, name, [])
    return facts

