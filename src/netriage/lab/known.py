"""Is a typed command one the real device would run? For commands the recording lacks.

A trainee who types a correct command the scenario did not record must not be told `% Invalid
input` (that teaches a right command is wrong): the lab says it was not recorded instead. A
command is taken as valid when the platform's command vocabulary (checks/vocab, the grammar the
fix lines are checked against) accepts it at the exec prompt, or when it starts with a command
netriage knows for the platform family (the parsers' index: `show ip bgp` and its arguments).
Anything else gets the device's own error.
"""

from __future__ import annotations

from functools import cache

from netriage.engine.vocab import EXEC, for_platform
from netriage.parsing.registry import known_commands

_READS = ("show", "more")
# forms that accept any words: they say nothing about whether these words are a command
_TOO_WIDE = {"show ..."}


@cache
def _known(family: str) -> frozenset[str]:
    return frozenset(known_commands(family))


def is_valid(command: str, family: str, tag: str) -> bool:
    """A read (`show`, `more`) the device would run; `command` is the full form
    (abbreviations resolved, filter removed)."""
    words = command.split()
    if not words or words[0] not in _READS:
        return False  # the lab answers reads; `configure terminal` keeps the device's error
    line = " " + " ".join(words)
    # FTD's CLISH vocabulary says only `show ...`; the LINA commands are the ASA's
    vocabularies = for_platform(tag) + (for_platform("asa") if tag == "ftd" else [])
    for vocab in vocabularies:
        if any(entry.regex.match(line) for entry in vocab.modes.get(EXEC, ())
               if entry.text not in _TOO_WIDE):
            return True
    known = _known(family)
    return any(" ".join(words[:n]) in known for n in range(2, len(words) + 1))
