"""IOS / IOS-XE / Catalyst configuration: interfaces, con/aux/vty lines, routes."""

from __future__ import annotations

import ipaddress
import re

from netriage.facts.config.model import CfgInterface, Hit, Route, TermLine
from netriage.facts.config.tree import Block, ConfigLine, RunningConfig, iface_key

_DYNAMIC_ADDRESS = ("dhcp", "negotiated", "pool", "pppoe")


def _mask_problem(address: str, mask: str) -> str:
    try:
        ipaddress.IPv4Address(address)
    except ValueError:
        return f"`{address}` is not an IPv4 address"
    try:
        ipaddress.IPv4Network(f"0.0.0.0/{mask}")
    except ValueError:
        return f"`{mask}` is not a valid subnet mask"
    return ""


def ios_interfaces(config: RunningConfig) -> tuple[list[CfgInterface], list[Hit]]:
    """Interfaces, and `ip address` lines IOS would reject (bare, or without a mask)."""
    interfaces: list[CfgInterface] = []
    problems: list[Hit] = []
    for block in config.blocks(r"interface \S"):
        name = block.head.text.split(None, 1)[1]
        values: dict[str, str] = {}
        shutdown = False
        nat_outside = False
        for child in block.children:
            words = child.words
            text = child.text
            if text == "shutdown":
                shutdown = True
            elif text == "no shutdown":
                shutdown = False
            elif words[0] == "description":
                values["description"] = text.split(None, 1)[1] if len(words) > 1 else ""
            elif words[:2] == ["ip", "address"]:
                args = words[2:]
                if args and args[0] in _DYNAMIC_ADDRESS:
                    values["ip"] = args[0]
                elif len(args) >= 2 and "secondary" not in args[2:3]:
                    problem = _mask_problem(args[0], args[1])
                    if problem:
                        problems.append(_address_hit(child, block, name, problem))
                    else:
                        values["ip"], values["mask"] = args[0], args[1]
                elif len(args) < 2:
                    detail = ("`ip address` has no address and no mask" if not args else
                              f"`ip address {args[0]}` has no mask; IOS rejects it "
                              "(`% Incomplete command.`)")
                    problems.append(_address_hit(child, block, name, detail))
            elif words[0] in ("speed", "duplex") and len(words) == 2:
                values[words[0]] = words[1]
            elif words[:2] == ["crypto", "map"] and len(words) >= 3:
                values["crypto_map"] = words[2]
            elif words[:2] == ["ip", "access-group"] and len(words) >= 4:
                values["acl_" + words[3]] = words[2]
            elif words[:3] == ["ip", "nat", "outside"]:
                nat_outside = True
            elif words[0] == "channel-group" and len(words) >= 2:
                values["channel_group"] = words[1]
            elif words[0] == "mtu" and len(words) == 2:
                values["mtu"] = words[1]
            elif words[:2] == ["switchport", "mode"] and len(words) >= 3:
                values["switchport_mode"] = words[2]
            elif words[:3] == ["switchport", "access", "vlan"] and len(words) >= 4:
                values["access_vlan"] = words[3]
        interfaces.append(CfgInterface(
            name=name, key=iface_key(name), line=block.head.line, shutdown=shutdown,
            description=values.get("description", ""), ip=values.get("ip", ""),
            mask=values.get("mask", ""), speed=values.get("speed", ""),
            duplex=values.get("duplex", ""), crypto_map=values.get("crypto_map", ""),
            acl_in=values.get("acl_in", ""), acl_out=values.get("acl_out", ""),
            nat_outside=nat_outside, channel_group=values.get("channel_group", ""),
            mtu=values.get("mtu", ""), switchport_mode=values.get("switchport_mode", ""),
            access_vlan=values.get("access_vlan", "")))
    return interfaces, problems


def _address_hit(child: ConfigLine, block: Block, name: str, detail: str) -> Hit:
    return Hit(child.text, child.line, child.command, block.head.text, name, detail,
               mode=block.head.text, set=" ip address <ip-address> <subnet-mask>",
               back=block.head.text, undo=" no ip address")


# -- con / aux / vty ------------------------------------------------------------------------
def _login_lists(config: RunningConfig) -> dict[str, list[str]]:
    """`aaa authentication login <list> <methods>`: list → methods."""
    lists: dict[str, list[str]] = {}
    for line in config.find(r"^aaa authentication login \S+ ", top=True):
        words = line.words
        lists[words[3]] = [w.lower() for w in words[4:]]
    return lists


def release_major(version: str) -> int | None:
    match = re.match(r"(\d+)\.", version)
    return int(match.group(1)) if match else None


def _login(block: Block, kind: str, aaa: bool, lists: dict[str, list[str]]) -> str:
    """How a line authenticates: none, line (its password), local (users), aaa."""
    if aaa:
        default_ok = "default" in lists and lists["default"] != ["none"]
        method = block.child(r"login authentication \S+")
        if method is not None:
            return "aaa" if lists.get(method.words[2], ["none"]) != ["none"] else "none"
        return "aaa" if default_ok else "none"
    login_line = block.child(r"(no )?login\b")
    text = login_line.text if login_line else ""
    if text == "no login":
        return "none"
    if text == "login local":
        return "local"
    if text == "login" or kind == "vty":
        return "line"  # vty lines default to `login`; console and aux to no login
    return "none"


def _stored(block: Block) -> str:
    """How the line password is kept: "" none, "clear", "7", "secret"."""
    if block.child(r"secret\b") is not None:
        return "secret"
    password_line = block.child(r"password\b")
    if password_line is None:
        return ""
    return "7" if password_line.words[1:2] == ["7"] and len(password_line.words) > 2 else "clear"


def _transport(block: Block, major: int | None) -> tuple[bool | None, bool | None]:
    """(telnet accepted, ssh accepted); None where the release's default cannot be told."""
    transport = block.child(r"transport input\b")
    if transport is not None:
        methods = set(transport.words[2:])
        return bool(methods & {"telnet", "all"}), bool(methods & {"ssh", "all"})
    if major is not None and major < 16:
        return True, None  # classic IOS accepts telnet on vty unless told otherwise
    return None, None


def _timeout(block: Block) -> tuple[int | None, str | None]:
    """(idle minutes, 0 = never, None = the default 10; the line as printed)."""
    line = block.child(r"(no )?exec-timeout\b")
    if line is None:
        return None, None
    if line.text.startswith("no "):
        return 0, line.text
    args = [int(w) for w in line.words[1:3] if w.isdigit()]
    minutes = args[0] if args else 10
    seconds = args[1] if len(args) > 1 else 0
    return (0 if minutes == 0 and seconds == 0 else minutes), line.text


def term_lines(config: RunningConfig, aaa: bool, version: str) -> list[TermLine]:
    lists = _login_lists(config)
    default_ok = "default" in lists and lists["default"] != ["none"]
    major = release_major(version)
    out: list[TermLine] = []
    for block in config.blocks(r"line (con|aux|vty|tty|\d)"):
        words = block.head.words
        kind = words[1] if not words[1].isdigit() else "tty"
        numbers = [int(w) for w in words[1:] if w.isdigit()]
        login_line = block.child(r"(no )?login\b")
        telnet, ssh = _transport(block, major)
        exec_timeout, timeout_text = _timeout(block)
        access = block.child(r"access-class \S+ in\b")
        transport = block.child(r"transport input\b")
        out.append(TermLine(
            kind=kind, header=block.head.text, text=block.head.text, line=block.head.line,
            first=numbers[0] if numbers else 0,
            last=numbers[1] if len(numbers) > 1 else (numbers[0] if numbers else 0),
            login=_login(block, kind, aaa, lists), password=_stored(block),
            access_class=access.words[1] if access else "", telnet=telnet, ssh=ssh,
            exec_enabled=block.child(r"no exec$") is None, exec_timeout=exec_timeout,
            timeout_text=timeout_text, login_line=login_line.text if login_line else None,
            login_fix=" login authentication default" if aaa and default_ok
            else " login local",
            login_undo=" no login authentication" if aaa and default_ok
            else " " + (login_line.text if login_line else "no login"),
            transport_undo=" " + transport.text if transport else " default transport input"))
    return out


# -- routes ---------------------------------------------------------------------------------
def _route_problem(network: str, mask: str) -> str:
    try:
        ipaddress.IPv4Address(network)
        ipaddress.IPv4Network(f"0.0.0.0/{mask}")
    except ValueError:
        return f"`{network} {mask}` is not an address and a mask"
    try:
        ipaddress.IPv4Network(f"{network}/{mask}")
    except ValueError:
        net = ipaddress.IPv4Network(f"{network}/{mask}", strict=False)
        return (f"`{network}` has host bits set for mask `{mask}` (the network is "
                f"{net.network_address}); IOS rejects it: `%Inconsistent address and mask`")
    return ""


def ios_routes(config: RunningConfig) -> list[Route]:
    routes: list[Route] = []
    for line in config.find(r"^ip route\b", top=True):
        words = line.words[2:]
        if words[:1] == ["vrf"]:
            words = words[2:]
        if words[:1] == ["static"]:  # `ip route static bfd ...` is not a route
            continue
        if len(words) < 2:
            routes.append(Route(line.text, line.line, line.command, "", *(words + ["", ""])[:2],
                                "", "the line stops before the mask: no network and mask "
                                "(`% Incomplete command.`)"))
            continue
        network, mask, rest = words[0], words[1], words[2:]
        problem = _route_problem(network, mask)
        interface, next_hop = "", ""
        if rest and not rest[0][0].isdigit():
            interface, rest = rest[0], rest[1:]
        if rest and re.match(r"\d+\.\d+\.\d+\.\d+$", rest[0]):
            next_hop = rest[0]
        if not problem and not interface and not next_hop:
            problem = ("no next hop and no exit interface: IOS rejects it "
                       "(`% Incomplete command.`) and the route is never installed")
        routes.append(Route(line.text, line.line, line.command, interface, network, mask,
                            next_hop, problem))
    return routes


def asa_routes(config: RunningConfig) -> list[Route]:
    """`route <nameif> <network> <mask> <gateway> [distance]` (ASA and PIX 6.x alike)."""
    routes: list[Route] = []
    for line in config.find(r"^route\s", top=True):
        words = line.words[1:]
        interface = words[0] if words else ""
        network = words[1] if len(words) > 1 else ""
        mask = words[2] if len(words) > 2 else ""
        gateway = words[3] if len(words) > 3 else ""
        problem = ""
        if len(words) < 3:
            problem = "the line stops before the network and mask"
        else:
            problem = _route_problem(network, mask).replace(
                "IOS rejects it: `%Inconsistent address and mask`",
                "the ASA rejects it")
            if not problem and not gateway:
                problem = "no gateway: the ASA rejects it and the route is never installed"
        routes.append(Route(line.text, line.line, line.command, interface, network, mask,
                            gateway, problem))
    return routes
