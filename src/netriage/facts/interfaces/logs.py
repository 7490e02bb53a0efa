"""Interface events in the device's syslog messages (`show logging`, console lines between
commands or inside outputs, see `syslog_lines`): link flaps, err-disable causes, duplex
mismatch (CDP), unsupported transceivers, port-channel members that cannot bundle."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netriage.facts.config import iface_key
from netriage.facts.syslog_event import SyslogLine
from netriage.facts.syslog_lines import DeviceSyslog
from netriage.lazyre import lazy

if TYPE_CHECKING:
    from netriage.engine.expr import Unknown
    from netriage.facts import DeviceFacts
    from netriage.facts.interfaces.ios import Merger
    from netriage.facts.interfaces.model import Interface

_UPDOWN = lazy(r"^(?:Line protocol on )?Interface (\S+?),? changed state to "
               r"(up|down|administratively down|administratively up)", re.IGNORECASE)
_ERR_DISABLE = lazy(r"^(\S+) error detected on (\S+?),? putting", re.IGNORECASE)
_BPDUGUARD = lazy(r"Received BPDU on port (\S+?)\s+with BPDU Guard", re.IGNORECASE)
_PSECURE = lazy(r"Security violation occurred.* on port (\S+?)\.?$", re.IGNORECASE)
_SFP = lazy(r"(?:Unsupported|not supported).* (?:transceiver|GBIC|SFP).* (?:in|on) "
            r"(?:port |interface )?(\S+?)\.?$", re.IGNORECASE)
# "... on Gi0/9 (not half duplex), with dist-1 Gi1/0/23 (half duplex)." (and the reverse)
_CDP_DUPLEX = lazy(r"duplex mismatch discovered on (\S+) \((?:\S+ )?half duplex\), "
                   r"with (\S+) (\S+) \(((?:\S+ )?half duplex)\)", re.IGNORECASE)
_BUNDLE = lazy(r"^(\S+) is not compatible with (\S+) and will be suspended(.*)$",
               re.IGNORECASE)

# Messages that carry interface state, by facility-mnemonic (IOS) or message id (ASA; PIX 7.x
# logs the same ids as %PIX-4-4110xx).
_STATE_IDS = {"LINK-UPDOWN", "LINEPROTO-UPDOWN", "LINK-CHANGED", "ASA-411001", "ASA-411002",
              "ASA-411003", "ASA-411004", "FTD-411001", "FTD-411002", "PIX-411001",
              "PIX-411002", "PIX-411003", "PIX-411004"}


@dataclass
class InterfaceLog:
    """What the log buffer says about one interface."""

    link_downs: int = 0  # "Interface X, changed state to down" (the physical link)
    proto_downs: int = 0  # "Line protocol on Interface X, changed state to down"
    ups: int = 0
    name: str = ""  # the name as the state messages print it
    mentioned: str = ""  # the name the first message about it printed (any message)
    err_reasons: list[str] = field(default_factory=list)
    cdp_mismatch: str = ""  # "SW2 FastEthernet0/2 (half duplex)" when CDP saw one
    far_device: str = ""  # the CDP neighbour that reported it, and its port
    far_port: str = ""
    unsupported_sfp: bool = False
    cannot_bundle: str = ""  # the port-channel it cannot join, and why

    @property
    def downs(self) -> int:
        """Times it went down: one flap logs the link and the line protocol, count it once."""
        return max(self.link_downs, self.proto_downs)


def read_log(lines: list[SyslogLine], nameifs: dict[str, str]) -> dict[str, InterfaceLog]:
    """Per interface key, the events of the log (one per event, however often printed). ASA
    messages may name the nameif: `nameifs` maps nameif → interface key."""
    logs: dict[str, InterfaceLog] = {}

    def entry(name: str) -> InterfaceLog:
        key = nameifs.get(name) or iface_key(name)
        log = logs.setdefault(key, InterfaceLog())
        log.mentioned = log.mentioned or name
        return log

    for line in lines:
        mnemonic = line.mnemonic
        text = line.body
        ident = line.ident
        if ident in _STATE_IDS:
            match = _UPDOWN.search(text)
            if match:
                state = entry(match.group(1))
                state.name = state.name or match.group(1)
                if match.group(2).lower() == "down" and text.lower().startswith("line"):
                    state.proto_downs += 1
                elif match.group(2).lower() == "down":
                    state.link_downs += 1
                elif match.group(2).lower() == "up":
                    state.ups += 1
            continue
        if ident == "PM-ERR_DISABLE":
            match = _ERR_DISABLE.search(text)
            if match:
                entry(match.group(2)).err_reasons.append(match.group(1).lower())
        elif ident == "SPANTREE-BLOCK_BPDUGUARD":
            match = _BPDUGUARD.search(text)
            if match:
                entry(match.group(1)).err_reasons.append("bpduguard")
        elif ident == "PORT_SECURITY-PSECURE_VIOLATION":
            match = _PSECURE.search(text)
            if match:
                entry(match.group(1)).err_reasons.append("psecure-violation")
        elif ident == "CDP-DUPLEX_MISMATCH":
            match = _CDP_DUPLEX.search(text)
            if match:
                ours = entry(match.group(1))
                ours.cdp_mismatch = f"{match.group(2)} {match.group(3)} ({match.group(4)})"
                ours.far_device, ours.far_port = match.group(2), match.group(3).rstrip(".,")
        elif "TRANSCEIVER" in mnemonic or mnemonic in ("UNSUPPORTED_TRANSCEIVER",
                                                       "GBIC_NOT_SUPPORTED"):
            match = _SFP.search(text)
            if match:
                entry(match.group(1)).unsupported_sfp = True
        elif ident in ("EC-CANNOT_BUNDLE2", "EC-CANNOT_BUNDLE1", "EC-CANNOT_BUNDLE_LACP"):
            match = _BUNDLE.search(text)
            if match:
                entry(match.group(1)).cannot_bundle = f"{match.group(2)}{match.group(3)}"
    return logs


def apply_logs(facts: DeviceFacts, interfaces: dict[str, Interface],
               states: dict[str, Unknown | None]) -> None:
    """What the device's syslog messages add to each interface, wherever they were printed
    (`show logging`, console messages between commands or inside another output). Only a
    complete log makes "no down logged" a 0; otherwise the count stays unknown."""
    syslog = facts.resolve("syslog")[0]
    if not isinstance(syslog, DeviceSyslog):
        states.setdefault("logs", syslog)
        return
    states["logs"] = None if syslog.complete else syslog.absence()
    nameifs = {i.nameif: i.key for i in interfaces.values() if i.nameif}
    for key, log in read_log(syslog.lines, nameifs).items():
        interface = interfaces.get(key)
        if interface is None:
            continue
        interface.log_downs = log.downs if (log.downs or syslog.complete) else None
        interface.log_name = log.name
        interface.cdp_mismatch = log.cdp_mismatch
        if log.far_port:
            interface.far_device, interface.far_port = log.far_device, log.far_port
        interface.unsupported_sfp = log.unsupported_sfp
        interface.cannot_bundle = log.cannot_bundle
        if log.err_reasons and not interface.err_reason:
            interface.err_reason = log.err_reasons[-1]
        if log.cannot_bundle and not interface.channel:
            interface.channel = log.cannot_bundle.split()[0]
    if not syslog.complete:
        return
    for interface in interfaces.values():
        if interface.log_downs is None:
            interface.log_downs = 0


# An interface name as messages print it (`Gi1/0/7`, `GigabitEthernet0/0/1`), not a nameif.
_PORT_NAME = lazy(r"^[A-Za-z][A-Za-z-]*\d+(?:/\d+)*(?:\.\d+)?$")


def seed_from_log(facts: DeviceFacts, merge: Merger) -> bool:
    """With no interface output at all, the interfaces the log names (by port name; an ASA
    nameif needs `show nameif` to be placed): what the log says of them still counts (a flap,
    a CDP duplex mismatch), their state stays unknown. False when the log names none."""
    syslog = facts.resolve("syslog")[0]
    if not isinstance(syslog, DeviceSyslog):
        return False
    for log in read_log(syslog.lines, {}).values():
        name = log.name or log.mentioned
        if _PORT_NAME.match(name):
            merge.get(name, long_name=False)
    return bool(merge.by_key)
