"""Which platform a device is: from `show version` when present, else prompts and output shapes.

Without `show version` the outputs still tell: lines only one family prints (PIX 6.x's
`Cable status:` and `nameif ethernet0 outside security0`, the ASA's `Failover On` and
`tunnel-group`, IOS's `Building configuration...` and `line vty 0 4`), prompts only one
family shows (`(config-tunnel-ipsec)#`, `(config-isakmp)#`), and commands only one family
has. The first telling line found is the reason, recorded with the guess.

PIX 6 vs PIX 7: PIX 7.x and later print what the ASA prints, so only PIX 6 lines select the
PIX platform without a version (its templates differ); PIX 7 output reads as the ASA's.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from netriage.capture.model import Device
from netriage.lazyre import LazyRe, lazy

_VERSION_BANNERS = [
    (re.compile(r"Cisco Firepower (\d+ )?Threat Defense|Cisco Fire Linux OS|"
                r"Cisco Secure Firewall (\d+ )?Threat Defense", re.I), "cisco_ftd"),
    (re.compile(r"Cisco Adaptive Security Appliance Software", re.I), "cisco_asa"),
    (lazy(r"Cisco PIX (Security Appliance|Firewall)|PIX Firewall Version", re.I),
     "cisco_pix"),
    (lazy(r"Cisco IOS[ -]XE Software|IOS-XE", re.I), "cisco_xe"),
    (lazy(r"Cisco IOS Software|Cisco Internetwork Operating System", re.I), "cisco_ios"),
]
_VERSION_NUMBER = re.compile(r"(?:Software Version|Version)\s+([\w.()\-]+)")


class Shape(NamedTuple):  # a record, not a fact: made ~5x faster than a dataclass
    """A line only one platform prints, and what it is (for the reason shown)."""

    platform: str
    pattern: LazyRe  # ~60 shapes: a run with a `show version` reads none
    what: str  # what the line is, for the reason shown to the engineer


def _shapes(platform: str, what: str, *patterns: str) -> list[Shape]:
    return [Shape(platform, lazy(p, re.M), what) for p in patterns]


PIX6 = _shapes("cisco_pix", "PIX 6.x output",
               r"^PIX Version 6\.", r"^Cisco PIX Firewall Version 6\.", r"^Cable status: ",
               r"^Poll frequency \d+ seconds",
               r"^LAN-based Failover is ", r"^nameif (ethernet|gb-ethernet)\d+ \S+ security\d+",
               r"^\s*interface \S+ \d+\.\d+\.\d+\.\d+ \"(Normal|Unknown|Waiting|Failed|Link)")
FTD = _shapes("cisco_ftd", "Firepower Threat Defense output",
              r"^NGFW Version \S+", r"Cisco Firepower (\d+ )?Threat Defense",
              r"Cisco Secure Firewall (\d+ )?Threat Defense", r"^Model\s*: Cisco Firepower",
              r"Firepower Extensible Operating System", r"Cisco Fire Linux OS")
ASA = _shapes("cisco_asa", "ASA output",
              r"^ASA Version \S+", r"^PIX Version [7-9]\.", r"^: Saved",
              r"^Failover (On|Off)\s*$", r"^Failover unit (Primary|Secondary)",
              r"^Serial Number: Ours ", r"^Hardware:\s+ASA", r"^Type help or '\?'",
              r"^\s*nameif \S+\s*$", r"^IKEv[12] SAs:", r"^There are no IKEv[12] SAs",
              r"^\s*\d+\s+IKE Peer: ", r"^crypto map \S+ \d+ set ikev[12] ",
              r"^tunnel-group \S+ (type|ipsec-attributes|general-attributes)",
              r"^\s*ikev1 pre-shared-key ",
              r"^\s*Crypto map tag: \S+, seq num: \d+, local addr: ",
              r"^Interface \S+ \"[\w.\-]*\", is (up|down|administratively down)",
              r"^\s*This host: (Primary|Secondary) - ", r"^same-security-traffic ",
              r"^access-list \S+ extended (permit|deny) ")
IOS = _shapes("cisco_ios", "IOS output",
              r"^Building configuration\.\.\.", r"^Current configuration : \d+ bytes",
              r"^version 1[0-9]\.\d+", r"^line vty \d+ \d+", r"^line con 0",
              r"^\S+ is (up|down|administratively down), line protocol is",
              r"^\s*Crypto map tag: \S+, local addr \d", r"^IPv4 Crypto (ISAKMP|IKEv2) +SA",
              r"^dst\s+src\s+state\s+conn-id", r"^Crypto session current status",
              r"^Interface\s+IP-Address\s+OK\? Method Status\s+Protocol",
              r"^Port\s+Name\s+Status\s+Vlan\s+Duplex", r"^\s*Cisco IOS Software",
              r"^ip access-list (extended|standard) ", r"^crypto isakmp policy \d+\s*$")
# Default hostnames and configuration sub-mode prompts only one family has.
_PROMPT_SHAPES = [
    ("cisco_pix", lazy(r"^pixfirewall\W")),
    ("cisco_ftd", lazy(r"^firepower\W")),
    ("cisco_asa", lazy(r"^ciscoasa\W|\(config-(tunnel-\w+|group-policy|ikev1-policy|"
                       r"isakmp-policy|pmap|cmap|network|service)\)")),
    ("cisco_ios", lazy(r"^(Router|Switch)[#>(]|\(config-(isakmp|line|crypto-map|"
                       r"isakmp-group|if-range|keyring|router|ext-nacl|std-nacl)\)")),
]
_ASA_COMMANDS = ("show failover", "show nameif", "show monitor-interface", "terminal pager",
                 "show crypto ikev1", "show running-config tunnel-group", "show vpn-sessiondb",
                 "show interface ip brief", "more system:", "show asp ", "show xlate",
                 "show conn", "changeto ", "failover exec")
_IOS_COMMANDS = ("show ip interface brief", "terminal length", "show interfaces",
                 "show crypto session", "show spanning-tree", "show cdp ")


def detect_platform(device: Device, prompts_without_host: bool = False) -> tuple[str, str]:
    """(platform, reason) for a device; ("", "") when nothing tells."""
    for entry in device.entries:
        # a filtered `show version | i Software` still holds the banner line that tells
        if entry.command == "show version":
            for pattern, platform in _VERSION_BANNERS:
                if pattern.search(entry.output):
                    return platform, "show version"
    pix6 = _shape(device, PIX6)  # before anything else: PIX 6 also prints ASA-like lines
    if pix6:
        return pix6
    if device.failover_role:
        return "cisco_asa", "failover prompt"
    if prompts_without_host:
        return "cisco_ftd", "FTD '>' prompt"
    found = _shape(device, FTD)
    if found:
        return found
    typed = [e.typed.lower() for e in device.entries] + device.commands
    for platform, pattern in _PROMPT_SHAPES:
        prompt = next((e.prompt for e in device.entries if pattern.search(e.prompt)), "")
        if prompt:
            return platform, f"prompt '{prompt}'"
    for platform, shapes, commands in (("cisco_asa", ASA, _ASA_COMMANDS),
                                       ("cisco_ios", IOS, _IOS_COMMANDS)):
        shaped = _shape(device, shapes)
        if shaped:
            return shaped
        command = next((c for c in typed if c.startswith(commands)), "")
        if command:
            return platform, f"command '{command}' ({'ASA' if 'asa' in platform else 'IOS'})"
    return "", ""


_SHAPE_CHARS = 64 * 1024  # the telling lines head an output; a 15 MB SA table need not be read


def _shape(device: Device, shapes: list[Shape]) -> tuple[str, str] | None:
    """(platform, reason) from the first output holding a telling line of `shapes`."""
    for entry in device.entries:
        head = entry.output[:_SHAPE_CHARS]
        for shape in shapes:
            match = shape.pattern.search(head)
            if match:
                line = head[match.start():].split("\n", 1)[0].strip()
                where = entry.command or "output"
                return shape.platform, f"output shape: {shape.what} ({where}: '{line[:60]}')"
    return None


_CONFIG_VERSION = lazy(r"^(?:ASA|PIX|NGFW) Version (\S+)|^version (\d\S*)", re.M)


def detect_version(device: Device) -> str:
    """Software version from `show version`, else from a running-config's version line."""
    entry = device.find("show version")
    if entry is not None:
        match = _VERSION_NUMBER.search(entry.output)
        return match.group(1).rstrip(",") if match else ""
    config = device.find("show running-config") or device.find("write terminal")
    match = _CONFIG_VERSION.search(config.output[:4000]) if config else None
    return (match.group(1) or match.group(2)) if match else ""
