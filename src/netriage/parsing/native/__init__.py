"""Native (hand-written Python) parsers, consulted before any TextFSM template.

A native parser exists where TextFSM is too slow for real outputs (a VPN headend's
`show crypto ipsec sa` runs to 10–20 MB). Each one yields the records of the TextFSM template
it stands in for (same keys, same values; tests compare them on the corpus and on generated
text), may add a few keys of its own, and reports the lines it did not understand, so the
runner can call the output partial exactly as it does for our own templates.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from netriage import regexcache

Records = list[dict[str, object]]
NotUnderstood = list[tuple[int, str]]


class NativeParser(NamedTuple):  # a record, not a fact: made ~5x faster than a dataclass
    """A reader of ours for an output that grows without bound, in place of its template."""

    name: str  # shown as the result's template, e.g. "native:asa_ipsec_sa"
    family: str
    command_pattern: str  # full command, matched whole (like our index rows)
    parse: Callable[[str], tuple[Records, NotUnderstood]]
    stands_in_for: str  # the TextFSM template whose records it reproduces ("" none: own records)


def _asa_ipsec_sa(text: str) -> tuple[Records, NotUnderstood]:
    from netriage.parsing.native import asa_ipsec_sa

    return asa_ipsec_sa.parse(text)


def _ios_ipsec_sa(text: str) -> tuple[Records, NotUnderstood]:
    from netriage.parsing.native import ios_ipsec_sa

    return ios_ipsec_sa.parse(text)


def _logging_buffer(text: str) -> tuple[Records, NotUnderstood]:
    from netriage.parsing.native import logging_buffer

    return logging_buffer.parse(text)


PARSERS: tuple[NativeParser, ...] = (
    NativeParser("native:asa_ipsec_sa", "cisco_asa",
                 r"show (?:crypto ipsec|ipsec) sa(?: (?:peer|map) \S+)?(?: detail)?",
                 _asa_ipsec_sa, "ntc:cisco_asa_show_crypto_ipsec_sa.textfsm"),
    NativeParser("native:ios_ipsec_sa", "cisco_ios",
                 # plain `show crypto ipsec sa detail` stays on ntc's template (the corpus
                 # conformance contract); its filtered, IPv6 and `detailed` forms come here
                 r"show crypto ipsec sa(?: ipv6(?: detail(?:ed)?)?| detailed|(?: ipv6)?"
                 r" (?:peer|map|interface|address|identity|vrf) \S+(?: detail(?:ed)?)?)?",
                 _ios_ipsec_sa, "netriage:cisco_ios_show_crypto_ipsec_sa.textfsm"),
    # the log: one pass instead of TextFSM over every line (a busy log is the largest output)
    *(NativeParser("native:logging_buffer", family, r"show logging(?: buffered)?",
                   _logging_buffer, "") for family in ("cisco_asa", "cisco_ios")),
)


@cache
def find_native(family: str, command: str) -> NativeParser | None:
    """The native parser for `command` (full form) on a parsing family, or None."""
    command = " ".join(command.split())
    for parser in PARSERS:
        if parser.family == family and regexcache.static(parser.command_pattern).fullmatch(
                command):
            return parser
    return None
