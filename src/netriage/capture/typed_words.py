"""Words around a typed command that the device never saw, and interface names typed loosely.

People paste sessions with notes on the command line (`show crypto isakmp sa   <-- here`,
`show running-config continues`), and type interface names the way the device accepts them
(`show interfaces TenGigabitEthernet 0/2/0`, `sh int gigabitethernet 5/ 1 status`). Both
must resolve to the command the device ran, or the output is read as an unknown command.
"""

from __future__ import annotations

import re
from functools import cache

from netriage.lazyre import lazy

# A word that starts a note, never an argument: arrows, brackets, comment signs, quotes.
_NOTE_START = re.compile(r"^(<|«|\(|\[|\{|!|#|\*|=|//|-{2,}|->|—|\"|“|')")
# A word of prose: letters only, perhaps with the punctuation of a sentence after it.
_PROSE = re.compile(r"^[A-Za-z][a-z]*[.,:;!?]*$")
# Keywords real devices take after commands we know, though we have no template for them:
# a tail holding one is an argument, not a note (`show crypto isakmp sa vrf BLUE`).
_REAL_KEYWORDS = ("vrf", "active", "standby", "nat", "peer", "map", "interface", "address",
                  "identity", "entry", "ipv6", "summary", "count", "brief", "group", "detail",
                  "statistics", "stats", "all", "spi", "local", "remote", "fvrf", "ivrf",
                  "username", "user", "tag", "context", "system", "level", "history", "state",
                  "details", "descriptor", "metrics", "exec", "mate", "buffered", "setting",
                  "queue", "asdm", "message", "unacked", "flow", "ipsec", "isakmp", "ikev1",
                  "ikev2", "crypto", "failover", "tunnel", "session", "sa", "ip")
# Commands that take a name or a value (an interface, a peer, a list, a context): any word
# after them may be that argument, so only a marked note is ever dropped.
_FREE_ARGUMENTS = ("show interface", "show ip interface", "show access-list",
                   "show ip access-lists", "show crypto map", "show crypto ipsec sa",
                   "show crypto ca", "show logging", "show vpn-sessiondb", "show route",
                   "show ip route", "changeto", "failover exec", "show tech-support",
                   "show module", "show controllers", "show spanning-tree", "show mac",
                   "show cdp", "show ip nat", "show conn", "show asp", "show nameif",
                   "show running-config", "show startup-config", "write", "more", "copy",
                   "ping", "traceroute", "debug", "show crypto session", "configure",
                   "terminal", "enable", "show inventory", "show vlan", "show users",
                   "show line", "show port-security", "show errdisable")
_CONFIG_DISPLAYS = ("show running-config", "show startup-config", "write terminal")
# How a whole configuration display begins (a keyword such as `show run crypto` prints a
# part of one without these).
_WHOLE_CONFIG = lazy(r"^(Building configuration|Current configuration|: Saved|"
                     r"(ASA|PIX|NGFW) Version \d|version \d+\.\d+|Using \d+ out of)",
                     re.IGNORECASE | re.MULTILINE)
_REFUSED = lazy(r"% ?Invalid input|% ?Incomplete command|% ?Ambiguous command|"
                r"ERROR: % Invalid|Invalid input detected", re.IGNORECASE)


def drop_annotation(words: list[str]) -> list[str]:
    """The words before a note (`<-- here`, `(primary)`, `!! after the change`)."""
    for index, word in enumerate(words):
        if index >= 2 and _NOTE_START.match(word):
            return words[:index]
    return words


def _keyword(word: str) -> bool:
    """A keyword, its plural, or an abbreviation of one (three letters at least)."""
    return any(word in (k, k + "s") or (len(word) >= 3 and k.startswith(word))
               for k in _REAL_KEYWORDS)


def added_words(command: str, rest: list[str], output: str) -> bool:
    """Whether `rest`, typed after the whole command `command`, is prose a person added.

    Only plain words count, none a keyword devices take; and the output must not be the
    device refusing them. A command that takes names (an interface, a map) keeps its words,
    except a configuration display whose output is a whole configuration.
    """
    if not all(_PROSE.match(w) for w in rest):
        return False
    if any(_keyword(w.lower().rstrip(".,:;!?")) for w in rest):
        return False
    head = output[:2000]
    if _REFUSED.search(head):
        return False
    if command.startswith(_CONFIG_DISPLAYS):
        return command in _CONFIG_DISPLAYS and bool(_WHOLE_CONFIG.search(head))
    return bool(command) and not command.startswith(_FREE_ARGUMENTS)


@cache
def _interface_types() -> dict[str, str]:
    """Lower-cased abbreviation or full name → the full name as devices print it."""
    # imported on first use: netutils brings importlib.metadata with it (start-up time)
    from netutils.constants import BASE_INTERFACES

    names = {key.lower(): value for key, value in BASE_INTERFACES.items()}
    names.update({value.lower(): value for value in BASE_INTERFACES.values()})
    return names


_NAME = lazy(r"^([A-Za-z][A-Za-z\-]*?)(\d[\d/:.]*)$")
_TYPE_ONLY = lazy(r"^[A-Za-z][A-Za-z\-]*$")
_NUMBER_PART = lazy(r"^[\d/:.]+$")


def canonical_interface(name: str) -> str:
    """`gi0/1` → `GigabitEthernet0/1`, `tengigabitethernet0/2/0` → `TenGigabitEthernet0/2/0`;
    anything else (an ASA nameif such as `outside`) as typed."""
    match = _NAME.match(name)
    if not match:
        return name
    full = _interface_types().get(match.group(1).lower())
    return full + match.group(2) if full else name


def interface_args(words: list[str]) -> list[str]:
    """Arguments after `show interface(s)`: the name rejoined and spelled in full, the rest
    (`status`, `switchport`) in lower case as the device reads keywords."""
    if not words:
        return words
    name, index = words[0], 1
    # `TenGigabitEthernet 0/2/0`, `gigabitethernet 5/ 1`: the device takes the spaces
    if _TYPE_ONLY.match(name) and name.lower() in _interface_types() \
            and index < len(words) and words[index][:1].isdigit():
        name += words[index]
        index += 1
    while index < len(words) and _NUMBER_PART.match(words[index]) \
            and (name.endswith("/") or words[index].startswith("/")):
        name += words[index]
        index += 1
    rest = [w.lower() if w.isalpha() else w for w in words[index:]]
    return [canonical_interface(name), *rest]
