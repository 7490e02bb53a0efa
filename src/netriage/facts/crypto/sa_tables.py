"""The IKE and IPsec SA tables of the `crypto` fact: which captured command to read per family,
and Unknown when it is cut short, filtered or not understood.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from netriage.engine.expr import Unknown

if TYPE_CHECKING:
    # Types only: the SA readers and models, the configuration model and the issues are
    # imported once a table is there to read, not by every device's crypto fact.
    from netriage.facts import DeviceFacts
    from netriage.facts.crypto.config import CryptoConfig
    from netriage.facts.crypto.issues import Issue
    from netriage.facts.crypto.sa import IkeSa, IpsecSa


# What tells, per family: the first captured, usable output of each group is read.
# IOS `isakmp sa detail` names local and remote (the brief table only dst/src), so it comes first.
IKEV1_COMMANDS = {"cisco_asa": ("show crypto isakmp sa", "show crypto isakmp sa detail",
                                "show crypto ikev1 sa", "show crypto ikev1 sa detail"),
                  "cisco_ios": ("show crypto isakmp sa detail", "show crypto isakmp sa")}
IKEV2_COMMANDS = {"cisco_asa": ("show crypto isakmp sa", "show crypto isakmp sa detail",
                                "show crypto ikev2 sa detail", "show crypto ikev2 sa"),
                  "cisco_ios": ("show crypto ikev2 sa detail", "show crypto ikev2 sa")}
SESSION_COMMANDS = ("show crypto session detail", "show crypto session")
IPSEC_COMMANDS = ("show crypto ipsec sa detail", "show crypto ipsec sa")


def _table(facts: DeviceFacts, commands: tuple[str, ...]) -> tuple[Any, str] | None:
    """(parse result, command) of the first captured command; Unknown if it is not usable."""
    from netriage.facts import usable_result

    for command in commands:
        entry = facts.device.find(command)
        if entry is not None or facts.device.find(command, unfiltered=False) is not None:
            result = usable_result(facts, command)
            if entry is not None and entry.truncated:  # the capture ended mid-output
                raise Unknown(f"`{command}` was cut short: {entry.cut_why}", (command,))
            return result, command
    return None


def _ike(facts: DeviceFacts, config: CryptoConfig | Unknown) -> list[IkeSa] | Unknown:
    family = facts.family
    sas: list[IkeSa] = []
    found = False
    local = local_addresses(facts, config)
    for version, groups in (("ikev1", IKEV1_COMMANDS), ("ikev2", IKEV2_COMMANDS)):
        try:
            table = _table(facts, groups.get(family, ()))
        except Unknown as unknown:
            return Unknown(unknown.reason, unknown.commands)
        if table is None:
            continue
        found = True
        result, _command = table
        from netriage.facts.crypto.sa import (
            ike_from_asa,
            ike_from_ios,
            ike_from_ios_detail,
            ikev2_from_ios,
        )

        if family == "cisco_ios" and version == "ikev1":
            if "detail" in _command:
                parsed = ike_from_ios_detail(result)
            else:
                parsed = ike_from_ios(result, local)
                if any(not sa.peer for sa in parsed):
                    return Unknown(
                        "which address of `show crypto isakmp sa` is the peer (dst or src, "
                        "depending on who initiated) is not known: nothing captured names "
                        "this router's own addresses", _OWN_ADDRESS_COMMANDS)
        elif family == "cisco_ios":
            parsed = ikev2_from_ios(result)
        else:
            parsed = [s for s in ike_from_asa(result) if s.version == version]
        sas += parsed
    if not found and family == "cisco_ios":
        try:  # `show crypto session` knows only up or not, but that is still an IKE table
            table = _table(facts, SESSION_COMMANDS)
        except Unknown as unknown:
            return Unknown(unknown.reason, unknown.commands)
        if table is not None:
            from netriage.facts.crypto.sa import ike_from_ios_session

            return ike_from_ios_session(table[0])
    if not found:
        return Unknown("no IKE SA table was captured", (IKEV1_COMMANDS[family][0],))
    return sas


# What names this router's own addresses, when `show crypto isakmp sa` cannot tell.
_OWN_ADDRESS_COMMANDS = ("show crypto ipsec sa", "show ip interface brief", "show running-config")
_ADDRESS_KEYS = ("ip_address", "ipaddr", "ip", "address")


def local_addresses(facts: DeviceFacts, config: CryptoConfig | Unknown) -> set[str]:
    """This router's own addresses, from every output that names them: the configuration's
    interfaces, the `local crypto endpt.` / `local addr` of `show crypto ipsec sa`, and the
    addresses of `show ip interface brief` / `show interfaces`. Each source is optional."""
    own: set[str] = set()
    if not isinstance(config, Unknown):
        own |= {i.address for i in config.interfaces if i.address}
    for command in ("show crypto ipsec sa", "show crypto ipsec sa detail",
                    "show ip interface brief", "show interfaces"):
        result = facts.result(command)
        if result is None:
            continue
        if command.startswith("show crypto ipsec sa") and "detail" in command:
            entry = facts.device.find(command)
            if entry is None:
                continue
            from netriage.parsing import parse_output  # our template, as `_ios_ipsec` reads it

            result = parse_output(entry.output, "show crypto ipsec sa", facts.family,
                                  facts.device.platform)
        keys = ("local_crypto_endpt", "local_addr", *_ADDRESS_KEYS)
        for record in result.records:
            # a compact record names the keys it keeps: an ASA SA keeps none of these, and
            # 5,000 of them asked six times each cost ~20 ms for nothing
            kept = getattr(record.__class__, "FIELDS", None)
            for key in keys if kept is None else _kept(keys, kept):
                value = str(record.get(key) or "").split("/")[0].strip().rstrip(",")
                # "unassigned", "0.0.0.0" and the like name no address
                if value and value[0].isalnum() and value.lower() != "unassigned" \
                        and not set(value) <= {"0", ".", ":"}:
                    own.add(value)
    return own


@cache
def _kept(keys: tuple[str, ...], fields: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(key for key in keys if key in fields)


def _ipsec(facts: DeviceFacts, config: CryptoConfig | Unknown) -> list[IpsecSa] | Unknown:
    try:
        table = _table(facts, IPSEC_COMMANDS) if facts.family != "cisco_ios" else _ios_ipsec(
            facts)
    except Unknown as unknown:
        return Unknown(unknown.reason, unknown.commands)
    if table is None:
        return Unknown("`show crypto ipsec sa` was not captured", ("show crypto ipsec sa",))
    result, _command = table
    from netriage.facts.crypto.sa import ipsec_from_asa, ipsec_from_ios

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
    from netriage.facts import readable, unreadable_reason, usable_result
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
        if not readable(result):
            raise unreadable_reason(command, result)
        facts.note_partial(result, command, entry)
        if entry.truncated:
            raise Unknown(f"`{command}` was cut short: {entry.cut_why}", (command,))
        return result, command
    return None


def maps_shown_incomplete(facts: DeviceFacts) -> list[Issue] | Unknown:
    """Entries IOS `show crypto map` calls incomplete; Unknown when it was not captured or
    not read (ASA prints no such warning: an empty list)."""
    if facts.family != "cisco_ios":
        return []
    from netriage.facts import usable_result

    try:
        result = usable_result(facts, "show crypto map")
    except Unknown as unknown:
        return unknown
    from netriage.facts.crypto.issues_maps import maps_incomplete_shown

    return maps_incomplete_shown(result.records)
