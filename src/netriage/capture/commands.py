"""Resolve what an engineer typed (`sh fail`, `sho cry isa sa`) to the full command.

Resolution walks a word trie built from every command we know for the platform family,
as the device's own parser does: a word that is a prefix of exactly one known next word is
expanded; the first word we do not know starts the arguments, which stay as typed.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from netriage.capture.typed_words import added_words, drop_annotation, interface_args
from netriage.parsing.registry import canonical, known_commands

# Commands the checks ask for or engineers type that no template serves (yet).
_COMMON = [
    "show version", "show running-config", "show startup-config", "show tech-support",
    "show logging", "show clock", "show inventory", "show module", "enable", "disable",
    "configure terminal", "exit", "end", "write memory", "write terminal",
    "copy running-config startup-config",
    # aliases people type; `canonical` maps them to the command netriage reads
    "show isakmp sa", "show isakmp sa detail", "show crypto isakmp",
]
_EXTRA = {
    "cisco_asa": _COMMON + [
        "show failover", "show failover state", "show failover history",
        "show failover history details", "show failover interface", "show failover descriptor",
        "show failover exec mate", "show monitor-interface", "show nameif",
        "show running-config failover", "show running-config all failover",
        "show running-config crypto", "show running-config crypto map",
        "show running-config crypto ikev1", "show running-config crypto ikev2",
        "show running-config crypto ipsec", "show running-config tunnel-group",
        "show running-config interface", "show running-config nat",
        "show running-config access-list", "show running-config route",
        "show running-config passwd", "show running-config enable", "show running-config telnet",
        "show running-config ssh", "show running-config http", "show running-config aaa",
        "show running-config snmp-server", "show interface", "show interface ip brief",
        "show interface detail", "show crypto isakmp sa", "show crypto isakmp sa detail",
        "show crypto isakmp stats", "show crypto ikev1 sa", "show crypto ikev1 sa detail",
        "show crypto ikev2 sa", "show crypto ikev2 sa detail", "show crypto ikev2 stats",
        "show crypto ipsec sa", "show crypto ipsec sa detail", "show crypto ipsec sa peer",
        "show crypto protocol statistics all", "show crypto ca certificates",
        "show vpn-sessiondb l2l", "show vpn-sessiondb detail l2l", "show route", "show asp drop",
        "show cpu usage", "show conn count", "show access-list", "more system:running-config",
        "terminal pager 0", "changeto context", "changeto system", "failover exec mate",
        "show passwd", "show isakmp", "show isakmp policy", "show crypto map", "write terminal",
    ],
    "cisco_ios": _COMMON + [
        "show interfaces", "show interfaces status", "show interfaces status err-disabled",
        "show interfaces counters errors", "show interfaces trunk", "show interfaces transceiver",
        "show interfaces transceiver detail", "show interfaces description",
        "show ip interface brief", "show errdisable recovery", "show crypto isakmp sa",
        "show crypto isakmp sa detail", "show crypto isakmp policy", "show crypto isakmp key",
        "show crypto ikev2 sa", "show crypto ikev2 sa detailed", "show crypto ikev2 proposal",
        "show crypto ikev2 policy", "show crypto ikev2 profile", "show crypto ipsec sa",
        "show crypto ipsec sa detail", "show crypto ipsec sa peer",
        "show crypto ipsec transform-set", "show crypto session", "show crypto session detail",
        "show crypto map", "show crypto engine connections active", "show ip route",
        "show ip access-lists", "show access-lists", "show ip nat translations",
        "show ip nat statistics", "show cdp neighbors detail", "show spanning-tree",
        "show spanning-tree interface", "show vlan brief", "show mac address-table",
        "show controllers", "show line", "show users", "show ip ssh", "show port-security",
        "show running-config interface", "terminal length 0",
    ],
}
_FILTER_WORDS = {"include": "include", "exclude": "exclude", "begin": "begin",
                 "section": "section", "grep": "grep", "count": "count", "redirect": "redirect",
                 "append": "append", "tee": "tee", "format": "format"}


class ResolvedCommand(NamedTuple):  # a record, not a fact: made ~5x faster than a dataclass
    """A typed command in its canonical form, with its output filter apart."""

    command: str
    filter: str  # normalised `| include x`, or ""


_END = "\0"  # trie key marking that the words so far are a whole command


@cache
def _trie(family: str) -> dict:
    families = [family] if family in _EXTRA else list(_EXTRA)
    trie: dict = {}
    for fam in families:
        for command in set(_EXTRA[fam]) | set(known_commands(fam)):
            # both spellings: `sh isa sa` must expand to the alias before it is mapped
            for spelling in {command, canonical(fam, command)}:
                node = trie
                for word in spelling.split():
                    node = node.setdefault(word, {})
                node[_END] = {}
    return trie


# At an exec prompt `end` does not exist, so the device reads `en` as `enable`.
_EXEC_PREFERRED = {"en": "enable"}


def _expand(word: str, choices: dict) -> str | None:
    if word in choices:
        return word
    lowered = word.lower()
    if lowered in choices:
        return lowered
    matches = [c for c in choices if c.startswith(lowered) and c != _END]
    if len(matches) > 1 and _EXEC_PREFERRED.get(lowered) in matches:
        return _EXEC_PREFERRED[lowered]
    return matches[0] if len(matches) == 1 else None


def _split_filter(typed: str) -> tuple[str, str]:
    head, sep, tail = typed.partition("|")
    if not sep:
        return typed.strip(), ""
    words = tail.split(None, 1)
    if not words:
        return head.strip(), ""
    keyword = next((full for full in _FILTER_WORDS if full.startswith(words[0].lower())),
                   words[0])
    rest = words[1] if len(words) > 1 else ""
    return head.strip(), f"| {keyword} {rest}".strip()


def resolve(typed: str, family: str = "", output: str = "") -> ResolvedCommand:
    """Full form of a typed command for a family (cisco_asa, cisco_ios, or "" if unknown).

    `output` (its first lines are enough) lets words a person added after a whole command
    (`show running-config continues`) be told from arguments the device took.
    """
    text, filter_ = _split_filter(" ".join(typed.split()))
    if text.lower().startswith("do "):  # `do show ...` from config mode
        text = text[3:]
    words = drop_annotation(text.split())
    out: list[str] = []
    node = _trie(family)
    rest: list[str] = []
    for index, word in enumerate(words):
        full = _expand(word, node)
        if full is None:
            rest = words[index:]
            break
        out.append(full)
        node = node[full]
    if rest and _END in node and added_words(canonical(family, " ".join(out)), rest, output):
        rest = []
    full = canonical(family, " ".join(out + rest)).split()
    name_at = _interface_name_at(full)
    if name_at and name_at >= len(out):  # not a keyword the trie expanded (`status`)
        full = full[:name_at] + interface_args(full[name_at:])
    return ResolvedCommand(" ".join(full), filter_)


_NAMED = (["show", "interface"], ["show", "interfaces"], ["show", "ip", "interface"],
          ["show", "running-config", "interface"])


def _interface_name_at(words: list[str]) -> int:
    """Index of the interface name in `show interfaces <name> ...` and the like, or 0."""
    for head in _NAMED:
        if words[:len(head)] == head and len(words) > len(head):
            return len(head)
    return 0


_SHOW_VERB = re.compile(r"^(sh|sho|show|more|wr|wri|writ|write)$", re.IGNORECASE)


def is_show_like(typed: str) -> bool:
    words = typed.split()
    return bool(words) and bool(_SHOW_VERB.match(words[0]))
