"""The one allow-list of what netriage may send to a device. Everything else is refused.

Read-only by construction: `check()` runs before a command is written, and the guarded
netmiko connection (`live.client`) runs it again on every byte string that reaches the
channel, so neither a caller nor netmiko's own helpers (session preparation, `send_config_set`,
`save_config`) can put anything else on the wire.

A command is allowed when it is one line, matches one rule below for the platform family, and
any `|` filter on it is a display filter (include, exclude, begin, section, count, grep).
Verbs are matched exactly or by their usual abbreviations only (`sh`, `sho`): a looser prefix
match would let `sh` grow into `shun` on an ASA.

A few show commands write or reset something: `show tech-support file flash:x` writes a file,
`show platform hardware qfp active statistics drop clear` zeroes counters. Their keywords
(`file`, `clear`, `copy`, and any file-system destination such as `flash:` or `tftp://`) are
refused anywhere in a show command. Only printable ASCII is sent: a lookalike `｜`, a
zero-width space or a Unicode line separator could be read differently by the device than
by this check.
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
# One line of printable ASCII: no control characters (a second line, Ctrl-Z or Tab would
# smuggle input), nothing outside ASCII (lookalike pipes, zero-width spaces, U+2028/U+2029/NEL
# line separators, case-folding tricks such as `ſ` matching `s`), no `?` (help leaves the typed
# text in the device's line buffer, to be glued to the next command), no `;`/`&&` chaining and
# no shell-style redirection.
_FORBIDDEN_CHARS = re.compile(r"[^\x20-\x7e]|[?;&<>`]")
# Keywords that make a show command write or reset (`show tech-support file flash:x`,
# `... statistics drop clear`), matched with their abbreviations from two letters on.
# (word, shortest abbreviation a device would take here without colliding with an argument:
# `te 1/1` is an interface, `sa` a security association).
_WRITING_WORDS = (("file", 2), ("clear", 2), ("copy", 3), ("redirect", 3), ("append", 3),
                  ("tee", 3))
# A file-system or URL destination (flash:, disk0:, bootflash:, tftp://...): a show command
# that names one is being told to write there. IPv6 addresses and `Serial0/0:1` do not match.
_DESTINATION = re.compile(
    r"^(?:flash|bootflash|disk\d*|slot\d*|nvram|usbflash\d*|usb\d*|harddisk|crashinfo|"
    r"bootdisk|stby-\w+|tftp|ftp|sftp|scp|rcp|http|https|smb|cns|null|syslog|tmpsys|webvpn|"
    r"archive|tar|xmodem|ymodem|startup-config|running-config|system|capture|cluster)[\w-]*:",
    re.IGNORECASE)


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


def _check_words(head: str) -> str | None:
    """A reason to refuse a show command whose own words (before any `|`) write or reset."""
    words = head.split()
    # The verb(s) themselves: `show X`, `failover exec mate show X`; the rest are arguments.
    start = next((i + 1 for i, w in enumerate(words) if re.fullmatch(_SHOW, w, re.I)), 0)
    # `show file systems`, `show file information flash:x` and `show flash:` read: the first
    # argument may be `file` or a file system; a later one may not.
    reads_files = len(words) > start and "file".startswith(words[start].lower())
    for word in words[start + 1:]:
        low = word.lower()
        if any(len(low) >= shortest and w.startswith(low) for w, shortest in _WRITING_WORDS):
            return f"'{word}' makes this show command write or reset something"
        if _DESTINATION.match(word) and not reads_files:
            return f"'{word}' is a file destination: show commands that write are refused"
    if start and len(words) > start and words[start].lower() in ("copy", "cop"):
        return "copy writes files"
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
            if not reason and rule.name in ("show", "failover exec mate show"):
                reason = _check_words(normal.partition("|")[0])
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
