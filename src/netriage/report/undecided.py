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
from dataclasses import asdict
from functools import cache
from typing import Any

from netriage.capture import Device
from netriage.engine.findings import Undecided
from netriage.platforms import get_platform

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
_FACT_NAME = re.compile(r"\b[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+ is not known\b")
_NOT_CAPTURED = re.compile(r"^`([^`]+)` was not captured$")


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
    item: dict[str, Any] = {**asdict(u), "topic": topic_of(u.tree), "capture": "",
                            "captured": [], "why": "", "choices": [], "answer": ""}
    if u.question:
        item["choices"] = list(question_choices(u.tree, u.node))
        item["answer"] = f"--answer {u.tree}.{u.node}=ANSWER"
        return item
    platform, version = (device.platform, device.version) if device else ("", "")
    named = _NOT_CAPTURED.match(u.reason)  # the command the engine itself names
    wanted = [*u.commands, *([named.group(1)] if named else [])]
    usable = list(dict.fromkeys(c for c in wanted if runs_on(c, platform, version)))
    missing = [c for c in usable if c not in captured]
    if missing:
        item["capture"] = missing[0]
        item["captured"] = captured_forms(device, missing[0]) if device else []
    elif usable and device is not None:
        item["why"] = _why(u, device, usable[0])
    else:
        item["why"] = _FACT_NAME.sub("the capture does not tell", u.reason)
    return item


def full_commands(device: Device) -> set[str]:
    """Commands captured in full (unfiltered) on a device."""
    return {e.command for e in device.entries if not e.filtered}
