"""ACL entries read from a running-config, in order, each with what is wrong with its syntax.

IOS numbered (`access-list 101 ...`) and named (`ip access-list extended NAME` blocks) ACLs,
ASA / PIX `access-list NAME [extended|standard] ...`. Each entry becomes an `AclLine` (with its
sequence number or ASA position, and the fix text for an invalid or incomplete one) and the
`Match` it stands for, which the shadowing analysis in `config_acl` compares.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from netriage.facts.config.acl_match import AclSyntaxError, Match, ObjectGroups, parse_match
from netriage.facts.config.model import AclLine
from netriage.facts.config.tree import ConfigLine, RunningConfig

if TYPE_CHECKING:
    # only for annotations: config_acl imports this module to fill its analysis
    from netriage.facts.config.acl import AclAnalysis

_IOS_STANDARD = (range(1, 100), range(1300, 2000))
_IOS_EXTENDED = (range(100, 200), range(2000, 2700))
_PORT_OPS = re.compile(r"\b(eq|neq|lt|gt|range)\s+(\S+)", re.IGNORECASE)


def _ios_number_kind(name: str) -> str:
    if not name.isdigit():
        return ""
    number = int(name)
    if any(number in r for r in _IOS_STANDARD):
        return "standard"
    if any(number in r for r in _IOS_EXTENDED):
        return "extended"
    return ""


def _suggest(words: list[str], standard: bool) -> str:
    """The entry as it was probably meant, for the fix (placeholders where we cannot know)."""
    action = words[0] if words and words[0] in ("permit", "deny") else "<permit|deny>"
    if standard:
        return f"{action} <source> <wildcard>"
    if len(words) > 1 and words[1] == "ip":
        op = _PORT_OPS.search(" ".join(words))
        if op and op.group(2).isdigit() and int(op.group(2)) <= 255:
            # `permit ip ... eq 105`: 105 is an IP protocol (failover hellos), not a port
            return f"{action} {op.group(2)} host <source-ip> host <destination-ip>"
    if len(words) > 1 and words[1] in ("tcp", "udp"):
        return f"{action} {words[1]} <source> <destination> eq <port>"
    return f"{action} <protocol> <source> <destination>"


def _problem(words: list[str], *, asa: bool, standard: bool,
             groups: ObjectGroups) -> tuple[Match | None, str, str, str]:
    """(match, problem, detail, suggestion) of the words from the action on."""
    try:
        return parse_match(words[1:], asa=asa, standard=standard, groups=groups), "", "", ""
    except AclSyntaxError as error:
        detail = error.detail
        protocol = words[1].lower() if len(words) > 1 else ""
        if (not error.incomplete and not standard and protocol not in ("tcp", "udp", "sctp")
                and _PORT_OPS.search(" ".join(words[2:]))
                and "port operator" not in detail):
            detail += (f"; and port operators (eq, lt, gt, neq, range) only follow tcp or udp, "
                       f"not `{protocol}`")
        kind = "incomplete" if error.incomplete else "invalid"
        return None, kind, detail, _suggest(words, standard)


def _entry(config_line: ConfigLine, acl: str, kind: str, numbered: bool, words: list[str],
           *, asa: bool, groups: ObjectGroups, seq: int, position: int, asa_ace: str,
           prefix: str) -> tuple[AclLine, Match | None]:
    action = words[0].lower() if words else ""
    ace = " ".join(words)
    inactive = asa and words[-1:] == ["inactive"]
    if action in ("permit", "deny"):
        match, problem, detail, suggestion = _problem(
            [w for w in words if not (inactive and w == "inactive")], asa=asa,
            standard=kind == "standard", groups=groups)
    elif not words:
        match, problem, detail, suggestion = (None, "incomplete", "the line stops after the ACL "
                                              "name: no permit or deny",
                                              _suggest([], kind == "standard"))
    else:
        match, problem, detail, suggestion = None, "", "", ""
        action = "remark" if action == "remark" else "other"
    line = AclLine(acl, kind, numbered, config_line.text, ace, asa_ace, action, seq, position,
                   config_line.line, config_line.command, inactive, problem, detail, suggestion,
                   prefix if asa else "")
    return line, match


def ios_acl_lines(config: RunningConfig, groups: ObjectGroups,
                  analysis: AclAnalysis) -> None:
    seqs: dict[str, int] = {}
    for config_line in config.find(r"^access-list\s", top=True):
        words = config_line.words
        if len(words) < 2:
            continue
        acl = words[1]
        kind = _ios_number_kind(acl)
        if not kind:
            continue  # 200-series, MAC and rate-limit ACLs are not IP filters
        body = words[2:]
        analysis.names.add(acl)
        counted = bool(body) and body[0].lower() in ("permit", "deny")
        seq = seqs.get(acl, 0) + (10 if counted else 0)
        seqs[acl] = seq
        line, match = _entry(config_line, acl, kind, True, body, asa=False, groups=groups,
                             seq=seq, position=0, asa_ace="", prefix=f"access-list {acl} ")
        analysis.lines.append(line)
        analysis.matches[line] = match
    for block in config.blocks(r"ip access-list (standard|extended) \S+"):
        words = block.head.words
        kind, acl = words[2], words[3]
        analysis.names.add(acl)
        seq = 0
        for child in block.children:
            body = child.words
            if body and body[0].isdigit():
                seq, body = int(body[0]), body[1:]
            elif body and body[0].lower() in ("permit", "deny", "dynamic", "evaluate"):
                seq += 10  # IOS numbers entries 10, 20, ... (show run may not print them)
            line, match = _entry(child, acl, kind, False, body, asa=False,
                                 groups=groups, seq=seq, position=0, asa_ace="",
                                 prefix="")
            analysis.lines.append(line)
            analysis.matches[line] = match


def asa_acl_lines(config: RunningConfig, groups: ObjectGroups, analysis: AclAnalysis) -> None:
    positions: dict[str, int] = {}
    for config_line in config.find(r"^access-list\s", top=True):
        words = config_line.words
        if len(words) < 2:
            continue
        acl = words[1]
        rest = words[2:]
        if len(rest) >= 2 and rest[0] == "line" and rest[1].isdigit():
            rest = rest[2:]  # `line N` as typed: the position comes from the order
        keyword = rest[0].lower() if rest else ""
        if keyword in ("webtype", "ethertype", "rename", "alert-interval", "deny-flow-max"):
            continue
        analysis.names.add(acl)
        position = positions.get(acl, 0) + 1
        positions[acl] = position
        if keyword in ("extended", "standard"):
            kind, body, asa_ace = keyword, rest[1:], " ".join(rest)
        else:  # PIX 6.x and remarks: `access-list NAME permit ...`
            kind, body, asa_ace = "extended", rest, " ".join(rest)
        if keyword == "remark":
            kind = "extended"
        prefix = f"access-list {acl} " + (f"{keyword} " if keyword in ("extended",
                                                                       "standard") else "")
        line, match = _entry(config_line, acl, kind, False, body, asa=True, groups=groups,
                             seq=0, position=position, asa_ace=asa_ace, prefix=prefix)
        analysis.lines.append(line)
        analysis.matches[line] = match

