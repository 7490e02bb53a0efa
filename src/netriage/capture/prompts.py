"""Device prompts: `host#`, `host>`, `host(config-if)#`, `host/pri/act#`, `host/ctx#`, `>`.

A line only counts as a prompt when it carries a command we recognise as typed by a person,
or repeats a prompt already seen (with anything typed, typos included, or nothing), so output
that happens to contain `#` or `>` is not mistaken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PROMPT = re.compile(
    r"^(?P<prompt>(?P<host>[A-Za-z0-9][\w.\-]*(?:/[\w.\-]+)*)?"
    r"(?P<mode>\((?:config|conf)[^)]*\))?(?P<sign>[#>]))[ \t]?(?P<cmd>.*)$"
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


@dataclass
class PromptLine:
    line: int
    prompt: str
    hostname: str  # bare hostname, without failover or context suffixes
    unit: str  # "pri" / "sec" from an ASA failover prompt, else ""
    role: str  # e.g. "pri/act"
    context: str  # ASA multi-context name, else ""
    config_mode: bool
    typed: str


def match_prompt(line: str, number: int, known_hosts: set[str],
                 known_prompts: frozenset[str] | set[str] = frozenset()) -> PromptLine | None:
    match = _PROMPT.match(line)
    if not match:
        return None
    host = match.group("host") or ""
    typed = match.group("cmd").strip()
    parts = host.split("/") if host else [""]
    hostname, suffixes = parts[0], parts[1:]
    role_words = [s for s in suffixes if s in _FAILOVER_WORDS]
    contexts = [s for s in suffixes if s not in _FAILOVER_WORDS]
    if typed:
        if not _VERBS.match(typed) and match.group("prompt") not in known_prompts:
            return None
        if not host and match.group("sign") != ">":
            return None
    elif hostname not in known_hosts:
        return None
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
