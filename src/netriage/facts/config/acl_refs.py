"""Where a running-config applies ACLs by name: interfaces, lines, SNMP, the HTTP server."""

from __future__ import annotations

import re

from netriage.facts.config.model import AclRef
from netriage.facts.config.tree import ConfigLine, RunningConfig


def _ref(acl: str, line: ConfigLine, where: str, mode: str, *, interface: str = "",
         direction: str = "") -> AclRef:
    fixed = re.sub(rf"(?<=\s){re.escape(acl)}(?=\s|$)", "<existing-acl>", line.text, count=1)
    return AclRef(acl, line.text, line.line, line.command, where, mode, interface, direction,
                  fixed)


def acl_refs(config: RunningConfig) -> list[AclRef]:
    """Every place an ACL is referenced by name (crypto maps are the crypto checks' business:
    a crypto map matching an undefined ACL is `crypto.map-acl-missing`)."""
    refs: list[AclRef] = []
    if config.family == "cisco_asa":
        for line in config.find(r"^access-group\s", top=True):
            words = line.words
            if len(words) >= 5 and words[3] == "interface":
                refs.append(_ref(words[1], line, f"interface {words[4]} {words[2]}", "!",
                                 interface=words[4], direction=words[2]))
            elif len(words) >= 3 and words[2] == "global":
                refs.append(_ref(words[1], line, "global", "!", direction="in"))
        return refs
    for block in config.blocks(r"interface \S"):
        for child in block.all(r"ip access-group \S+ (in|out)\b"):
            words = child.words
            refs.append(_ref(words[2], child, f"{block.head.text} {words[3]}",
                             block.head.text, interface=block.head.text.split(None, 1)[1],
                             direction=words[3]))
    for block in config.blocks(r"line \S"):
        for child in block.all(r"access-class \S+ (in|out)\b"):
            refs.append(_ref(child.words[1], child, block.head.text, block.head.text))
    for line in config.find(r"^snmp-server community \S+", top=True):
        words = line.words[3:]
        while words and words[0].lower() in ("view", "ro", "rw", "ipv6"):
            words = words[2:] if words[0].lower() in ("view", "ipv6") else words[1:]
        if words:
            refs.append(_ref(words[0], line, "snmp-server", "!"))
    for line in config.find(r"^ip http access-class ", top=True):
        name = line.words[-1]
        refs.append(_ref(name, line, "ip http server", "!"))
    return refs
