"""Device prompts: `host#`, `host>`, `host(config-if)#`, `host/pri/act#`, `host/ctx#`, `>`,
and the forms people paste: a hostname with spaces (`Company A 6509#`), a bare `#`, a
sub-mode prompt without its hostname (`(config-tunnel-ipsec)#`).

A line only counts as a prompt when it carries a command we recognise as typed by a person,
or repeats a prompt already seen (with anything typed, typos included, or nothing), so output
that happens to contain `#` or `>` is not mistaken for one. The looser forms need stronger
evidence, because more output lines have their shape: a hostname with spaces or a bare `#`
needs a command a person types at an exec prompt (`show`, `enable`, `write` ...), not just
any configuration word (`Interface outside (10.1.1.1): Normal`, a banner, `remark a > b`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netriage.lazyre import lazy

# The host: one name, or up to four words separated by single spaces (`Branch Office FW`),
# optionally followed by failover or context suffixes (`fw1/pri/act`, `fw1/ctx`).
HOST = r"[A-Za-z0-9][\w.\-]*+(?: [\w.\-]++){0,3}+(?:/[\w.\-]++)*+"
MODE = r"\((?:config|conf)[^)\n]*\)"
_PROMPT = re.compile(
    rf"^(?P<prompt>(?P<host>{HOST})?(?P<mode>{MODE})?(?P<sign>[#>]))[ \t]?(?P<cmd>.*)$"
)
_FAILOVER_WORDS = {"pri", "sec", "act", "stby"}
_VERBS = re.compile(
    r"^(sh|sho|show|more|ter|term|termi|termin|terminal|en|ena|enab|enable|dis|disable|"
    r"conf|config|configure|wr|write|changeto|fail|failover|exit|end|ping|traceroute|dir|"
    r"copy|clear|reload|packet-tracer|capture|debug|undebug|no|do|login|logout|ssh|telnet|"
    r"system|expert|interface|int|hostname|crypto|tunnel-group|access-list|ip|route|"
    r"username|aaa|snmp-server|http|line|enable|passwd|key|pre-shared-key|ikev1|ikev2|"
    r"group-policy|object|object-group|nat|router|nameif|security-level|standby|tacacs-server|"
    r"radius-server|key-string|set|match|quit|verify|dir|test|license)\b",
    re.IGNORECASE,
)
# What a person types at an exec prompt: the evidence a looser prompt form needs.
_EXEC_VERBS = lazy(
    r"^(sh|sho|show|more|wr|wri|writ|write|en|ena|enab|enable|disable|conf|config|configure|"
    r"ter|term|termi|termin|terminal|changeto|failover|ping|traceroute|dir|exit|end|do|"
    r"packet-tracer|debug|undebug)(\s|$)",
    re.IGNORECASE,
)


@dataclass
class PromptLine:
    """A line of a capture read as a prompt with the command typed after it."""

    line: int
    prompt: str
    hostname: str  # bare hostname, without failover or context suffixes
    unit: str  # "pri" / "sec" from an ASA failover prompt, else ""
    role: str  # e.g. "pri/act"
    context: str  # ASA multi-context name, else ""
    config_mode: bool
    typed: str


def _accepted(match: re.Match[str], typed: str, hostname: str, known_hosts: set[str],
              known_prompts: frozenset[str] | set[str]) -> bool:
    """Whether a prompt-shaped line is a prompt, by the evidence the line and the file give."""
    prompt, host, sign = match.group("prompt"), match.group("host") or "", match.group("sign")
    if prompt in known_prompts:
        return True  # the same prompt again: whatever follows was typed (typos included)
    if not typed:
        return hostname in known_hosts
    if not _VERBS.match(typed):
        return False
    if " " in host:  # a hostname with spaces: prose and output lines have this shape too
        return bool(_EXEC_VERBS.match(typed))
    if host or match.group("mode"):
        return True
    # no hostname: FTD's `>`, or a bare `#` / `>` someone pasted before a command
    return sign == ">" or bool(_EXEC_VERBS.match(typed))


def match_prompt(line: str, number: int, known_hosts: set[str],
                 known_prompts: frozenset[str] | set[str] = frozenset()) -> PromptLine | None:
    match = _PROMPT.match(line)
    if not match:
        return None
    host = match.group("host") or ""
    typed = match.group("cmd").strip()
    parts = host.split("/") if host else [""]
    hostname, suffixes = parts[0], parts[1:]
    if not _accepted(match, typed, hostname, known_hosts, known_prompts):
        return None
    role_words = [s for s in suffixes if s in _FAILOVER_WORDS]
    contexts = [s for s in suffixes if s not in _FAILOVER_WORDS]
    unit = next((w for w in role_words if w in ("pri", "sec")), "")
    return PromptLine(
        line=number,
        prompt=match.group("prompt"),
        hostname=hostname,
        unit=unit,
        role="/".join(role_words),
        context=contexts[0] if contexts else "",
        config_mode=bool(match.group("mode")),
        typed=typed,
    )


def looks_like_prompt(text: str) -> bool:
    """A prompt with a command typed after it (with no host seen yet, only those count)."""
    return match_prompt(text, 0, set()) is not None
