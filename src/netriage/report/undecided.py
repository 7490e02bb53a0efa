"""What would decide more, said the way an engineer acts on it.

Each check the engine could not decide becomes a dict of the JSON contract (`undecided[]`)
with, besides the engine's own keys, what a person can do about it:

- `capture`: the one command to capture on this device that would decide it — only a
  command the device's platform has (an ASA is never told to run `show interfaces status`)
  and not one already captured in full;
- `captured`: when that command was captured only in part, the outputs that were: filtered
  ones named as such (`` `show run | i failover` (filtered) ``), sections by their command
  (`` `show running-config failover` ``);
- `why`: when every command that could decide it was captured, why it still did not decide,
  in words (never a fact name such as `failover.state_link_ok`);
- `topic`: the area of checks, in a few words (`passwords`, `ACLs`, `duplex`);
- `choices` and `answer`: for a question, its answers and the `--answer` that gives one.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from netriage.capture import Device
from netriage.engine.findings import Undecided
from netriage.lazyre import lazy
from netriage.platforms import get_platform
from netriage.report.plain import plain

# A few words per tree, for "capture `show running-config` to decide 12 more checks: ...".
TOPICS = {
    "config-access": "management access", "config-acl": "ACLs", "config-auth": "passwords",
    "config-keys": "keys", "config-services": "services", "config-syntax": "incomplete lines",
    "crypto-config": "IPsec configuration", "crypto-ike": "IKE phase 1",
    "crypto-ipsec": "IPsec SAs", "crypto-manual": "manual keying",
    "failover": "failover health", "failover-active-active": "Active/Active design",
    "failover-config": "failover configuration", "failover-history": "failover history",
    "failover-interfaces": "monitored interfaces", "failover-sync": "failover sync",
    "failover-syslog": "failover messages", "interfaces-asa": "interface configuration",
    "interfaces-duplex": "duplex", "interfaces-errdisable": "err-disabled ports",
    "interfaces-errors": "error counters", "interfaces-ftd": "FTD interfaces",
    "interfaces-speed": "hard-coded speeds", "interfaces-stability": "link stability",
    "interfaces-state": "interface state", "interfaces-unused": "described ports",
}

# `failover.state_link_ok is not known`: the engine's words for a fact no output gave
_FACT_NAME = lazy(r"\b[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+ is not known\b")
_NOT_CAPTURED = re.compile(r"^`([^`]+)` was not captured$")

# IOS commands only a Catalyst switch has (a router, ISR or ASR, answers `% Invalid input`):
# the IOS vocabulary covers both, so it cannot tell them apart by itself.
_SWITCH_ONLY = lazy(
    r"^show (?:interfaces (?:\S+ )?(?:status|switchport|trunk|counters)|vlan|spanning-tree"
    r"|mac address-table|errdisable|port-security|power inline|cable-diagnostics)\b"
    r"|^test cable-diagnostics\b")
# What `show version` names: `cisco WS-C2960X-24PD-L`, `C3750`, `cisco C9300-24P`, a
# `Catalyst` (not the Catalyst 8000 edge routers), an industrial `IE-4000` ...
_SWITCH_MODEL = lazy(
    r"\bWS-C\d|\bC(?:2[69]|3[5-8]|6[58]|9[2-6])\d\d[A-Z]{0,2}\b|\bIE-\d{4}|\bCAT9K|"
    r"\bCatalyst\b(?! 8\d00)(?! Edge)", re.IGNORECASE)
# ... and the routers: `cisco ISR4331/K9`, `ASR1001-X`, `CSR1000V`, `C8300`, `C1111`,
# `CISCO2911/K9`, `cisco 2901`.
_ROUTER_MODEL = lazy(
    r"\b(?:ISR|ASR|CSR|ISRV)\d|\bC8\d00|\bC8000V|\bC1[01]\d\d\b|\bCISCO\d{4}|"
    r"^cisco \d{4}\b|Catalyst 8\d00|\bEdge Platform", re.IGNORECASE | re.MULTILINE)


def ios_kind(device: Device) -> str:
    """`switch` or `router` as the device's `show version` names its model, else ""."""
    entry = device.find("show version")
    return "" if entry is None else _kind(entry.output)


@lru_cache(maxsize=256)  # asked once per undecided check: the same output each time
def _kind(version_output: str) -> str:
    if _ROUTER_MODEL.search(version_output):
        return "router"
    return "switch" if _SWITCH_MODEL.search(version_output) else ""


def switch_only(command: str) -> bool:
    return bool(_SWITCH_ONLY.search(command))


@cache
def _tree_info() -> dict[str, tuple[str, dict[str, tuple[str, ...]]]]:
    """tree id → (title, {question node id: its answers})."""
    from netriage.engine.tree import load_trees

    return {t.id: (t.title, {n.id: tuple(a for a, _next in n.choices)
                             for n in t.nodes.values() if n.kind == "question"})
            for t in load_trees()}


def topic_of(tree: str) -> str:
    if tree in TOPICS:
        return TOPICS[tree]
    title = _tree_info().get(tree, (tree, {}))[0]
    return title[:1].lower() + title[1:]


def question_choices(tree: str, node: str) -> tuple[str, ...]:
    return _tree_info().get(tree, ("", {}))[1].get(node, ())


@cache
def runs_on(command: str, platform: str, version: str = "") -> bool:
    """Whether `command` is typed as is on `platform` (its vocabulary says so)."""
    from netriage.engine.versions import ANY, VersionRange, parse_version
    from netriage.engine.vocab import check_lines, for_platform

    if not platform:
        return True  # nothing to tell by: keep what the check names
    tag = get_platform(platform).tag
    number = parse_version(version)
    releases = ANY if number is None else VersionRange(number, (*number[:2], number[2] + 1))
    checks = [(v, tag, releases) for v in for_platform(tag, releases)]
    if tag == "ftd":  # FTD's vocabulary is loose; its diagnostic CLI is the ASA's
        checks += [(v, "asa", ANY) for v in for_platform("asa")]
    return bool(checks) and not any(check_lines(v, t, [command], r) for v, t, r in checks)


def _part_of(command: str, longer: str) -> bool:
    """`show running-config failover` is part of the configuration, `show interface Gi0/1`
    part of `show interface`; `show interfaces status` is another command."""
    rest = longer[len(command):].strip()
    return "running-config" in command or rest[:1].isupper() or rest[:1].isdigit()


def captured_forms(device: Device, command: str) -> list[str]:
    """Outputs of `command` captured only in part: filtered, or one section of it."""
    forms: list[str] = []
    for entry in device.entries:
        if entry.command == command and entry.filtered:
            typed = entry.typed.strip() or f"{command} {entry.filter}"
            forms.append(f"`{typed}` (filtered)")
        elif entry.command.startswith(command + " ") and _part_of(command, entry.command):
            forms.append(f"`{entry.command}`")
    return list(dict.fromkeys(forms))


def _why(u: Undecided, device: Device, command: str) -> str:
    """Why a check whose command was captured still did not decide, in words."""
    reason = u.reason
    missing = _NOT_CAPTURED.match(reason)
    if _FACT_NAME.search(reason) or (missing and not runs_on(missing.group(1),
                                                             device.platform, device.version)):
        title = u.title.rstrip("?")
        return (f"`{command}` was captured but does not tell "
                f"({title[:1].lower() + title[1:]})")
    return reason


def undecided_dict(u: Undecided, device: Device | None, captured: set[str]) -> dict[str, Any]:
    """The engine's undecided check with what would decide it (see the module doc)."""
    item: dict[str, Any] = {**plain(u), "topic": topic_of(u.tree), "capture": "",
                            "captured": [], "why": "", "choices": [], "answer": ""}
    if u.question:
        item["choices"] = list(question_choices(u.tree, u.node))
        item["answer"] = f"--answer {u.tree}.{u.node}=ANSWER"
        return item
    platform, version = (device.platform, device.version) if device else ("", "")
    named = _NOT_CAPTURED.match(u.reason)  # the command the engine itself names
    wanted = [*u.commands, *([named.group(1)] if named else [])]
    usable = list(dict.fromkeys(c for c in wanted if runs_on(c, platform, version)))
    # an IOS router is never told a switch's command, nor a device whose model is unknown
    kind = ios_kind(device) if device is not None and platform in _IOS else ""
    switch_commands = [c for c in usable if platform in _IOS and switch_only(c)]
    if kind != "switch":
        usable = [c for c in usable if c not in switch_commands]
    missing = [c for c in usable if c not in captured]
    if missing:
        item["capture"] = missing[0]
        item["captured"] = captured_forms(device, missing[0]) if device else []
    elif usable and device is not None:
        item["why"] = _why(u, device, usable[0])
    elif switch_commands:
        item["why"] = _not_a_switch(kind, switch_commands[0], captured)
    else:
        item["why"] = _FACT_NAME.sub("the capture does not tell", u.reason)
    return item


_IOS = ("cisco_ios", "cisco_xe")


def _not_a_switch(kind: str, command: str, captured: set[str]) -> str:
    """Why a check only a switch's command decides is not offered that command."""
    if kind == "router":
        return f"only a switch's `{command}` would tell, and `show version` names a router"
    if "show version" in captured:
        return (f"only a switch's `{command}` would tell, and `show version` does not say "
                "whether this is a switch")
    return (f"only a switch's `{command}` would tell: capture `show version` first, to know "
            "whether this is a switch")


def full_commands(device: Device) -> set[str]:
    """Commands captured in full (unfiltered) on a device."""
    return {e.command for e in device.entries if not e.filtered}
