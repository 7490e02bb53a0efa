"""The one allow-list of what netriage may send to a device. Everything else is refused.

Read-only by construction: `check()` runs before a command is written, and the guarded
netmiko connection (`live.client`) runs it again on every byte string that reaches the
channel, so neither a caller nor netmiko's own helpers (session preparation, `send_config_set`,
`save_config`) can put anything else on the wire.

A command is allowed when it is one line, matches one rule below for the platform family, and
any `|` filter on it is a display filter (include, exclude, begin, section, count, grep).
Verbs are matched exactly or by their usual abbreviations only (`sh`, `sho`): a looser prefix
match would let `sh` grow into `shun` on an ASA.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netriage.live.errors import CommandRefusedError

_SHOW = r"(?:sh|sho|show)"
_TERMINAL = r"(?:ter|term|termi|termin|termina|terminal)"
_NAME = r"[A-Za-z0-9][\w.\-]{0,63}"

ASA, IOS, FTD = "cisco_asa", "cisco_ios", "cisco_ftd"


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    families: frozenset[str]  # ASA covers ASA and PIX; FTD is its own (its `>` CLI differs)
    why: str


def _rule(name: str, pattern: str, families: set[str], why: str) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), frozenset(families), why)


RULES: tuple[Rule, ...] = (
    _rule("show", rf"^{_SHOW} \S.*$", {ASA, IOS, FTD}, "display commands only read state"),
    _rule("more system:running-config", r"^more system:running-config$", {ASA},
          "the ASA config with keys in clear; its output is redacted before it is written"),
    _rule("failover exec mate show", rf"^failover exec mate {_SHOW} \S.*$", {ASA, FTD},
          "a show command run on the failover mate"),
    _rule("changeto", rf"^changeto (?:context {_NAME}|system)$", {ASA},
          "switches the session between ASA security contexts; changes no configuration"),
    _rule("terminal pager", rf"^{_TERMINAL} (?:pag|page|pager)(?: lines)? \d{{1,3}}$",
          {ASA, FTD}, "this session's pager only"),
    _rule("terminal length", rf"^{_TERMINAL} (?:len|leng|lengt|length) \d{{1,3}}$", {IOS},
          "this session's pager only"),
    _rule("terminal width", rf"^{_TERMINAL} (?:wid|widt|width) \d{{1,3}}$", {IOS},
          "this session's line width only (on an ASA it is a configuration command)"),
    _rule("enable", r"^(?:en|ena|enab|enabl|enable)(?: \d{1,2})?$", {ASA, IOS, FTD},
          "privileged EXEC, needed by most show commands"),
    _rule("system support diagnostic-cli", r"^system support diagnostic-cli$", {FTD},
          "FTD's ASA-style CLI, where failover exec mate lives"),
)

_FILTERS = ("include", "exclude", "begin", "section", "count", "grep")
_WRITING_FILTERS = ("redirect", "tee", "append", "format")  # write files or read templates
# One line, no control characters (a second line, Ctrl-Z or Tab would smuggle input), no `?`
# (help leaves the typed text in the device's line buffer, to be glued to the next command),
# no `;`/`&&` chaining and no shell-style redirection.
_FORBIDDEN_CHARS = re.compile(r"[\x00-\x1f\x7f?;&<>`]")


@dataclass(frozen=True)
class Allowed:
    command: str  # whitespace-normalised: what goes on the wire
    rule: str


def family_of(platform: str) -> str:
    """ASA, IOS or FTD for a platform name; "" (unknown yet) allows the union of rules."""
    if not platform:
        return ""
    if platform == FTD:
        return FTD
    from netriage.platforms import get_platform

    return get_platform(platform).family


def _check_filters(command: str) -> str | None:
    """A reason to refuse the `| ...` part of a command, or None when it only filters."""
    _head, sep, tail = command.partition("|")
    if not sep:
        return None
    first = tail.split(None, 1)
    if not first:
        return "an empty '|' filter"
    word = first[0].lower()
    if not any(f.startswith(word) for f in _FILTERS) or any(
            w.startswith(word) for w in _WRITING_FILTERS):
        return f"'| {first[0]}' is not a display filter (allowed: {', '.join(_FILTERS)})"
    # A filter's regex may hold `|` (`include Version|Hardware`); refuse any alternative that
    # could be read as a second, writing pipe stage on platforms that chain pipes.
    for part in tail.split("|")[1:]:
        words = part.split(None, 1)
        if words and any(w.startswith(words[0].lower()) for w in _WRITING_FILTERS):
            return f"'| {words[0]}' could be read as a writing pipe stage"
    return None


def check(command: str, platform: str = "") -> Allowed:
    """The command as it will be sent, or `CommandRefusedError` saying which rule is missing."""
    if not isinstance(command, str) or not command.strip():
        raise CommandRefusedError("an empty command is not a command")
    bad = _FORBIDDEN_CHARS.search(command)  # a trailing newline too: one line, sent by us
    if bad:
        raise CommandRefusedError(f"refused {command!r}: it contains {bad.group()!r}; commands are "
                             "sent as one plain line (no newlines, control keys, '?', ';', "
                             "'&', '<', '>')")
    normal = " ".join(command.split())
    family = family_of(platform)
    for rule in RULES:
        if family and family not in rule.families:
            continue
        if rule.pattern.match(normal):
            reason = _check_filters(normal)
            if reason:
                raise CommandRefusedError(f"refused {normal!r}: {reason}")
            return Allowed(normal, rule.name)
    names = ", ".join(r.name for r in RULES if not family or family in r.families)
    raise CommandRefusedError(f"refused {normal!r}: netriage is read-only and only sends: {names}")


def is_allowed(command: str, platform: str = "") -> bool:
    try:
        check(command, platform)
    except CommandRefusedError:
        return False
    return True
