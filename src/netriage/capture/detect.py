"""Which platform a device is: from `show version` when present, else prompts and output shapes."""

from __future__ import annotations

import re

from netriage.capture.model import Device

_VERSION_BANNERS = [
    (re.compile(r"Cisco Firepower (\d+ )?Threat Defense|Cisco Fire Linux OS|"
                r"Cisco Secure Firewall Threat Defense", re.I), "cisco_ftd"),
    (re.compile(r"Cisco Adaptive Security Appliance Software", re.I), "cisco_asa"),
    (re.compile(r"Cisco PIX (Security Appliance|Firewall)|PIX Firewall Version", re.I),
     "cisco_pix"),
    (re.compile(r"Cisco IOS[ -]XE Software|IOS-XE", re.I), "cisco_xe"),
    (re.compile(r"Cisco IOS Software|Cisco Internetwork Operating System", re.I), "cisco_ios"),
]
_VERSION_NUMBER = re.compile(r"(?:Software Version|Version)\s+([\w.()\-]+)")
# Commands and output lines that only one family has.
_ASA_SHAPES = re.compile(
    r"^(Failover (On|Off)|ASA Version \S+|: Saved|\s*nameif \S+|Type help or '\?'|"
    r"IKEv1 SAs:|There are no IKEv[12] SAs|\d+\s+IKE Peer: |crypto map \S+ \d+ set ikev[12] |"
    r"tunnel-group \S+ (type|ipsec-attributes)|\s*ikev1 pre-shared-key |"
    r"\s*Crypto map tag: \S+, seq num: \d+, local addr: )", re.M)
_FTD_SHAPES = re.compile(r"^(NGFW Version \S+|Cisco Firepower (\d+ )?Threat Defense)", re.M)
_PIX_SHAPES = re.compile(r"^PIX Version \S+", re.M)
_IOS_SHAPES = re.compile(r"^(Building configuration\.\.\.|version 1[0-9]\.\d+|"
                         r"\S+ is (up|down|administratively down), line protocol is|"
                         r"\s*Crypto map tag: \S+, local addr \d)", re.M)
_ASA_COMMANDS = ("show failover", "show nameif", "show monitor-interface", "terminal pager",
                 "show crypto ikev1", "show running-config tunnel-group", "show vpn-sessiondb",
                 "show interface ip brief", "more system:", "show asp ", "show xlate",
                 "show conn", "changeto ", "failover exec")
_IOS_COMMANDS = ("show ip interface brief", "terminal length", "show interfaces",
                 "show crypto session", "show spanning-tree")


def detect_platform(device: Device, prompts_without_host: bool = False) -> tuple[str, str]:
    """(platform, reason) for a device; ("", "") when nothing tells."""
    for entry in device.entries:
        if entry.command == "show version" and not entry.filtered:
            for pattern, platform in _VERSION_BANNERS:
                if pattern.search(entry.output):
                    return platform, "show version"
    if device.failover_role:
        return "cisco_asa", "failover prompt"
    if prompts_without_host:
        return "cisco_ftd", "FTD '>' prompt"
    typed = [e.typed.lower() for e in device.entries] + device.commands
    for pattern, platform in ((_PIX_SHAPES, "cisco_pix"), (_FTD_SHAPES, "cisco_ftd")):
        if _shape(device, pattern):
            return platform, "output shape"
    if any(c.startswith(_ASA_COMMANDS) for c in typed) or _shape(device, _ASA_SHAPES):
        return "cisco_asa", "commands and output shape"
    if any(c.startswith(_IOS_COMMANDS) for c in typed) or _shape(device, _IOS_SHAPES):
        return "cisco_ios", "commands and output shape"
    return "", ""


_SHAPE_CHARS = 64 * 1024  # the telling lines head an output; a 15 MB SA table need not be read


def _shape(device: Device, pattern: re.Pattern[str]) -> bool:
    return any(pattern.search(e.output[:_SHAPE_CHARS]) for e in device.entries)


_CONFIG_VERSION = re.compile(r"^(?:ASA|PIX|NGFW) Version (\S+)|^version (\d\S*)", re.M)


def detect_version(device: Device) -> str:
    """Software version from `show version`, else from a running-config's version line."""
    entry = device.find("show version")
    if entry is not None:
        match = _VERSION_NUMBER.search(entry.output)
        return match.group(1).rstrip(",") if match else ""
    config = device.find("show running-config")
    match = _CONFIG_VERSION.search(config.output[:4000]) if config else None
    return (match.group(1) or match.group(2)) if match else ""
