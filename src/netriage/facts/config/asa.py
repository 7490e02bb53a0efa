"""ASA / FTD / PIX configuration: interfaces (7.x+ blocks and PIX 6.x one-liners)."""

from __future__ import annotations

import re

from netriage.facts.config.ios import _mask_problem
from netriage.facts.config.model import CfgInterface, Hit
from netriage.facts.config.tree import RunningConfig, iface_key

# PIX 6.x `interface ethernet0 100full shutdown`: hardware speed/duplex on one line.
_PIX_HW = re.compile(r"^(auto|1000auto|1000full|1000sxfull|100full|100basetx|10full|10baset|"
                     r"aui|bnc|1000basesx|1000auto)$")


def _address(words: list[str]) -> tuple[str, str, str, str]:
    """(ip, mask, standby, problem) of the words after `ip address`."""
    if not words:
        return "", "", "", "`ip address` has no address and no mask"
    if words[0] == "dhcp" or words[0] == "pppoe":
        return words[0], "", "", ""
    if len(words) == 1:
        return words[0], "", "", (f"`ip address {words[0]}` has no mask: the ASA accepts it "
                                  "and applies the classful mask, which is rarely what was "
                                  "meant")
    problem = _mask_problem(words[0], words[1])
    standby = words[3] if len(words) >= 4 and words[2] == "standby" else ""
    return words[0], words[1], standby, problem


def asa_interfaces(config: RunningConfig) -> tuple[list[CfgInterface], list[Hit]]:
    interfaces: list[CfgInterface] = []
    problems: list[Hit] = []
    crypto = {line.words[4]: line.words[2]
              for line in config.find(r"^crypto map \S+ interface \S+", top=True)}
    groups: dict[str, tuple[str, str]] = {}
    for line in config.find(r"^access-group \S+ (in|out) interface \S+", top=True):
        groups[line.words[4] + line.words[2]] = (line.words[1], line.words[2])
    for block in config.blocks(r"interface \S"):
        if len(block.head.words) != 2:
            continue  # PIX 6.x `interface ethernet0 auto`: see _pix6_interfaces
        name = block.head.text.split(None, 1)[1]
        words_of = {c.words[0]: c for c in block.children}
        nameif = words_of["nameif"].words[1] if "nameif" in words_of and len(
            words_of["nameif"].words) > 1 else ""
        level = None
        if "security-level" in words_of and words_of["security-level"].words[1:2]:
            text = words_of["security-level"].words[1]
            level = int(text) if text.isdigit() else None
        ip = mask = standby = ""
        address = block.child(r"ip address\b")
        if address is not None:
            ip, mask, standby, problem = _address(address.words[2:])
            if problem:
                problems.append(Hit(address.text, address.line, address.command,
                                    block.head.text, name, problem, mode=block.head.text,
                                    set=" ip address <ip-address> <subnet-mask> standby "
                                        "<standby-ip>",
                                    back=block.head.text, undo=" no ip address"))
                ip = mask = standby = ""
        speed = block.child(r"speed \S+")
        duplex = block.child(r"duplex \S+")
        vlan = block.child(r"vlan \d+")
        description = block.child(r"description\b")
        channel = block.child(r"channel-group \S+")
        interfaces.append(CfgInterface(
            name=name, key=iface_key(name), line=block.head.line,
            shutdown=block.child(r"shutdown$") is not None, nameif=nameif, security_level=level,
            ip=ip, mask=mask, standby=standby,
            speed=speed.words[1] if speed else "", duplex=duplex.words[1] if duplex else "",
            crypto_map=crypto.get(nameif, "") if nameif else "",
            acl_in=groups.get(nameif + "in", ("", ""))[0] if nameif else "",
            acl_out=groups.get(nameif + "out", ("", ""))[0] if nameif else "",
            vlan=vlan.words[1] if vlan else "",
            description=description.text.split(None, 1)[1] if description and len(
                description.words) > 1 else "",
            channel_group=channel.words[1] if channel else "",
            management_only=block.child(r"management-only$") is not None))
    interfaces += _pix6_interfaces(config, crypto, problems)
    return interfaces, problems


def _pix6_interfaces(config: RunningConfig, crypto: dict[str, str],
                     problems: list[Hit]) -> list[CfgInterface]:
    """PIX 6.x: `interface ethernet0 auto`, `nameif ethernet0 outside security0`,
    `ip address outside 192.0.2.1 255.255.255.0` are all top-level lines."""
    hardware = [line for line in config.find(r"^interface \S+ \S+", top=True)
                if _PIX_HW.match(line.words[2])]
    if not hardware:
        return []
    names = {line.words[1]: (line.words[2], line.words[3])
             for line in config.find(r"^nameif \S+ \S+ security\d+", top=True)}
    addresses: dict[str, tuple[str, str]] = {}
    for line in config.find(r"^ip address \S+", top=True):
        words = line.words[2:]
        if words and not words[0][0].isdigit():  # PIX 6.x names the interface first
            ip, mask, _standby, problem = _address(words[1:])
            if problem:
                problems.append(Hit(line.text, line.line, line.command, None, words[0], problem,
                                    mode="!", set=f"ip address {words[0]} <ip-address> "
                                                  "<subnet-mask>",
                                    # the rejected line never ran: the interface still has
                                    # PIX 6's "no address", which is what a rollback restores
                                    undo=f"ip address {words[0]} 127.0.0.1 255.255.255.255"))
            else:
                addresses[words[0]] = (ip, mask)
    out: list[CfgInterface] = []
    for line in hardware:
        name = line.words[1]
        nameif, level = names.get(name, ("", "security0"))
        ip, mask = addresses.get(nameif, ("", ""))
        if (ip, mask) == ("127.0.0.1", "255.255.255.255"):
            ip = mask = ""  # PIX 6.x prints this for an interface that has no address
        out.append(CfgInterface(
            name=name, key=iface_key(name), line=line.line,
            shutdown="shutdown" in line.words[3:], nameif=nameif,
            security_level=int(level.removeprefix("security") or 0), ip=ip, mask=mask,
            speed=line.words[2], crypto_map=crypto.get(nameif, "")))
    return out
