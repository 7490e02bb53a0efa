"""Plain terminal captures: each command follows a prompt, its output runs to the next prompt.

Prompts seen in the field: `host#`, `host>`, `host(config)#`, `host(config-if)#`, ASA failover
prompts `host/pri/act#` and `host/sec/stby#`, multi-context `host/ctx#`, and FTD's bare `>`.
A line only counts as a prompt when it carries a command we recognise as typed by a person
(or is an empty prompt of a host we already know), so output that happens to contain `#` or
`>` is not mistaken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from netriage.capture.debris import clean_line

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
    r"username|aaa|snmp-server|http|line)\b",
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


@dataclass
class RawEntry:
    prompt: PromptLine
    output_lines: list[str]
    truncated: bool = False


def match_prompt(line: str, number: int, known_hosts: set[str]) -> PromptLine | None:
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
        if not _VERBS.match(typed):
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


def split_terminal(text: str) -> tuple[list[RawEntry], list[str]]:
    """Cut a capture into prompt + output blocks. Returns the blocks and any preamble lines."""
    entries: list[RawEntry] = []
    preamble: list[str] = []
    known_hosts: set[str] = set()
    current: RawEntry | None = None
    for number, raw in enumerate(text.split("\n"), 1):
        line = clean_line(raw)
        prompt = match_prompt(line, number, known_hosts)
        if prompt is not None:
            known_hosts.add(prompt.hostname)
            current = RawEntry(prompt, [])
            entries.append(current)
        elif current is None:
            preamble.append(line)
        else:
            current.output_lines.append(line)
    return entries, preamble
