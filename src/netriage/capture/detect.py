"""Which platform a device is: from `show version` when present, else prompts and output shapes."""

from __future__ import annotations

import re

from netriage.capture.model import Device

_VERSION_BANNERS = [
    (re.compile(r"Cisco Firepower Threat Defense|Cisco Fire Linux OS", re.I), "cisco_ftd"),
    (re.compile(r"Cisco Adaptive Security Appliance Software", re.I), "cisco_asa"),
    (re.compile(r"Cisco PIX (Security Appliance|Firewall)|PIX Firewall Version", re.I),
     "cisco_pix"),
    (re.compile(r"Cisco IOS[ -]XE Software|IOS-XE", re.I), "cisco_xe"),
    (re.compile(r"Cisco IOS Software|Cisco Internetwork Operating System", re.I), "cisco_ios"),
]
_VERSION_NUMBER = re.compile(r"(?:Software Version|Version)\s+([\w.()\-]+)")
# Commands and output lines that only one family has.
_ASA_SHAPES = re.compile(
    r"^(Failover (On|Off)|ASA Version \S+|: Saved|nameif \S+|Type help or '\?')", re.M)
_PIX_SHAPES = re.compile(r"^PIX Version \S+", re.M)
_IOS_SHAPES = re.compile(r"^(Building configuration\.\.\.|version 1[0-9]\.\d+|"
                         r"\S+ is (up|down|administratively down), line protocol is)", re.M)
_ASA_COMMANDS = ("show failover", "show nameif", "show monitor-interface", "terminal pager",
                 "show crypto ikev1", "show running-config tunnel-group", "show vpn-sessiondb")
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
    text = "\n".join(e.output for e in device.entries)
    if _PIX_SHAPES.search(text):
        return "cisco_pix", "output shape"
    typed = [e.typed.lower() for e in device.entries] + device.commands
    if any(c.startswith(_ASA_COMMANDS) for c in typed) or _ASA_SHAPES.search(text):
        return "cisco_asa", "commands and output shape"
    if any(c.startswith(_IOS_COMMANDS) for c in typed) or _IOS_SHAPES.search(text):
        return "cisco_ios", "commands and output shape"
    return "", ""


def detect_version(device: Device) -> str:
    entry = device.find("show version")
    if entry is None:
        return ""
    match = _VERSION_NUMBER.search(entry.output)
    return match.group(1).rstrip(",") if match else ""
