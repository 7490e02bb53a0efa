"""The standard command set per platform and troubleshooting area.

Chosen to feed the parsers and checks (failover, IPsec, interfaces) in one pass. `show
version` always runs first: it names the platform when none was given. `config` is opt-in:
a full configuration is large and, even redacted, more than a triage needs.
"""

from __future__ import annotations

from netriage.errors import NetriageError
from netriage.live.allowlist import check

_ASA_AREAS: dict[str, tuple[str, ...]] = {
    "system": ("show version",),
    "failover": ("show failover", "show failover state", "show failover history",
                 "show failover interface", "show monitor-interface",
                 "show running-config failover"),
    "interfaces": ("show interface", "show interface ip brief", "show nameif", "show route"),
    "vpn": ("show crypto isakmp sa", "show crypto ikev1 sa", "show crypto ikev2 sa",
            "show crypto ipsec sa", "show vpn-sessiondb l2l", "show running-config crypto",
            "show running-config tunnel-group"),
    "config": ("more system:running-config",),
}
_IOS_AREAS: dict[str, tuple[str, ...]] = {
    "system": ("show version",),
    "interfaces": ("show ip interface brief", "show interfaces", "show interfaces status",
                   "show interfaces counters errors", "show interfaces trunk",
                   "show errdisable recovery"),
    "vpn": ("show crypto isakmp sa", "show crypto ikev2 sa", "show crypto ipsec sa",
            "show crypto session", "show crypto map"),
    "routing": ("show ip route",),
    "config": ("show running-config",),
}
_FTD_AREAS = {k: v for k, v in _ASA_AREAS.items() if k != "config"}

AREAS: dict[str, dict[str, tuple[str, ...]]] = {
    "cisco_asa": _ASA_AREAS, "cisco_pix": _ASA_AREAS, "cisco_ftd": _FTD_AREAS,
    "cisco_ios": _IOS_AREAS, "cisco_xe": _IOS_AREAS,
}
DEFAULT_OFF = ("config",)

# Run on the failover mate through `failover exec mate` (ASA, and FTD's diagnostic CLI).
MATE_COMMANDS = ("show version", "show failover", "show failover history", "show interface",
                 "show monitor-interface", "show nameif", "show running-config failover")
# In multi-context mode failover lives in the system context, the rest in each context.
SYSTEM_CONTEXT_AREAS = ("system", "failover")


def standard_commands(platform: str, areas: tuple[str, ...] | None = None,
                      extra: tuple[str, ...] = ()) -> list[str]:
    """Commands for `platform` in the given areas (default: all but config), then `extra`."""
    table = AREAS.get(platform, _ASA_AREAS)
    chosen = areas or tuple(a for a in table if a not in DEFAULT_OFF)
    # An area another platform has (failover on an IOS router) is simply empty here: one
    # --area list serves a mixed inventory.
    everywhere = {a for t in AREAS.values() for a in t}
    unknown = [a for a in chosen if a not in everywhere]
    if unknown:
        raise NetriageError(f"unknown area(s) {', '.join(unknown)}; use: "
                            f"{', '.join(sorted(everywhere))}")
    commands = ["show version"]
    for area in table:  # the table's order: system first, then failover, ...
        if area in chosen:
            commands += [c for c in table[area] if c not in commands]
    for command in extra:
        allowed = check(command, platform).command  # a refused extra command stops us early
        if allowed not in commands:
            commands.append(allowed)
    return commands


def split_for_contexts(platform: str, commands: list[str]) -> tuple[list[str], list[str]]:
    """(system-context commands, per-context commands) for a multi-context ASA."""
    table = AREAS.get(platform, _ASA_AREAS)
    system = {c for area in SYSTEM_CONTEXT_AREAS for c in table.get(area, ())}
    return [c for c in commands if c in system], [c for c in commands if c not in system]
