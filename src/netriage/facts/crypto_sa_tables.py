"""The IKE and IPsec SA tables of the `crypto` fact: which captured command to read per family,
and Unknown when it is cut short, filtered or not understood.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netriage.engine.expr import Unknown
from netriage.facts.crypto_config import CryptoConfig
from netriage.facts.crypto_sa import (
    IkeSa,
    IpsecSa,
    ike_from_asa,
    ike_from_ios,
    ike_from_ios_session,
    ikev2_from_ios,
    ipsec_from_asa,
    ipsec_from_ios,
)

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts


# What tells, per family: the first captured, usable output of each group is read.
IKEV1_COMMANDS = {"cisco_asa": ("show crypto isakmp sa", "show crypto ikev1 sa"),
                  "cisco_ios": ("show crypto isakmp sa",)}
IKEV2_COMMANDS = {"cisco_asa": ("show crypto isakmp sa", "show crypto ikev2 sa detail",
                                "show crypto ikev2 sa"),
                  "cisco_ios": ("show crypto ikev2 sa",)}
IPSEC_COMMANDS = ("show crypto ipsec sa detail", "show crypto ipsec sa")


def _table(facts: DeviceFacts, commands: tuple[str, ...]) -> tuple[Any, str] | None:
    """(parse result, command) of the first captured command; Unknown if it is not usable."""
    from netriage.facts import usable_result

    for command in commands:
        entry = facts.device.find(command)
        if entry is not None or facts.device.find(command, unfiltered=False) is not None:
            result = usable_result(facts, command)
            if entry is not None and entry.truncated:  # the capture ended mid-output
                raise Unknown(f"`{command}` was cut short", (command,))
            return result, command
    return None


def _ike(facts: DeviceFacts, config: CryptoConfig | Unknown) -> list[IkeSa] | Unknown:
    family = facts.family
    sas: list[IkeSa] = []
    found = False
    local = _local_addresses(config)
    for version, groups in (("ikev1", IKEV1_COMMANDS), ("ikev2", IKEV2_COMMANDS)):
        try:
            table = _table(facts, groups.get(family, ()))
        except Unknown as unknown:
            return Unknown(unknown.reason, unknown.commands)
        if table is None:
            continue
        found = True
        result, _command = table
        if family == "cisco_ios":
            parsed = ike_from_ios(result, local) if version == "ikev1" else ikev2_from_ios(result)
        else:
            parsed = [s for s in ike_from_asa(result) if s.version == version]
        sas += parsed
    if not found and family == "cisco_ios":
        try:  # `show crypto session` knows only up or not, but that is still an IKE table
            table = _table(facts, ("show crypto session",))
        except Unknown as unknown:
            return Unknown(unknown.reason, unknown.commands)
        if table is not None:
            return ike_from_ios_session(table[0])
    if not found:
        return Unknown("no IKE SA table was captured", (IKEV1_COMMANDS[family][0],))
    return sas


def _local_addresses(config: CryptoConfig | Unknown) -> set[str]:
    if isinstance(config, Unknown):
        return set()
    return {i.address for i in config.interfaces if i.address}


def _ipsec(facts: DeviceFacts, config: CryptoConfig | Unknown) -> list[IpsecSa] | Unknown:
    try:
        table = _table(facts, IPSEC_COMMANDS) if facts.family != "cisco_ios" else _ios_ipsec(
            facts)
    except Unknown as unknown:
        return Unknown(unknown.reason, unknown.commands)
    if table is None:
        return Unknown("`show crypto ipsec sa` was not captured", ("show crypto ipsec sa",))
    result, _command = table
    if facts.family == "cisco_ios":
        return ipsec_from_ios(result)
    names = {} if isinstance(config, Unknown) else config.names
    return ipsec_from_asa(result, names)


def _ios_ipsec(facts: DeviceFacts) -> tuple[Any, str] | None:
    """IOS SA blocks in one shape, from `show crypto ipsec sa` or its `detail` form.

    ntc-templates' `detail` template gives one row per SPI, drops peers without an SA and
    rejects lines of some releases; our template (run natively) reads both forms whole, so the
    `detail` output is parsed with it, as the plain command.
    """
    from netriage.facts import usable_result
    from netriage.parsing import parse_output

    for command in IPSEC_COMMANDS:
        entry = facts.device.find(command)
        if entry is None:
            if facts.device.find(command, unfiltered=False) is not None:
                raise Unknown(f"only a filtered `{command}` was captured", (command,))
            continue
        if command == "show crypto ipsec sa":
            return usable_result(facts, command), command
        result = parse_output(entry.output, "show crypto ipsec sa", facts.family,
                              facts.device.platform)
        if not result.usable:
            detail = result.reason or f"{len(result.not_understood)} line(s) not understood"
            raise Unknown(f"`{command}` is {result.status}: {detail}", (command,))
        if entry.truncated:
            raise Unknown(f"`{command}` was cut short", (command,))
        return result, command
    return None
