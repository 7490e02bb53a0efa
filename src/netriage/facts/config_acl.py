"""ACLs from a running-config, in order, and what is wrong with them.

IOS numbered (`access-list 101 ...`) and named (`ip access-list extended NAME` blocks) ACLs,
ASA / PIX `access-list NAME [extended|standard] ...`; object groups are resolved so shadowing
is judged on real address and port sets (see `config_acl_match`). One earlier entry that
shadows several later ones is one group: the trees turn it into one finding with all the lines.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from netriage.facts.config import ConfigLine, RunningConfig
from netriage.facts.config_acl_match import (
    ANY4,
    ANY6,
    AclSyntaxError,
    Match,
    Net,
    ObjectGroups,
    Ports,
    covers,
    is_any_any,
    parse_match,
    port_number,
)
from netriage.facts.config_model import AclLine, AclRef, Shadow

_IOS_STANDARD = (range(1, 100), range(1300, 2000))
_IOS_EXTENDED = (range(100, 200), range(2000, 2700))
_PORT_OPS = re.compile(r"\b(eq|neq|lt|gt|range)\s+(\S+)", re.IGNORECASE)


@dataclass
class AclAnalysis:
    """Everything the ACL checks read."""

    lines: list[AclLine] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # every defined ACL, even an empty block
    after_deny_any: list[Shadow] = field(default_factory=list)
    by_broader: list[Shadow] = field(default_factory=list)
    duplicates: list[Shadow] = field(default_factory=list)
    matches: dict[AclLine, Match | None] = field(default_factory=dict)

    @property
    def invalid(self) -> list[AclLine]:
        return [a for a in self.lines if a.problem == "invalid"]

    @property
    def incomplete(self) -> list[AclLine]:
        return [a for a in self.lines if a.problem == "incomplete"]


# -- object groups ------------------------------------------------------------------------
def _network(words: list[str], asa: bool) -> tuple[Net, ...] | None:
    """One `host a` / `a m` / `subnet a m` / `a/len` / `range a b` statement."""
    try:
        if words[0] in ("host", "network-object") and len(words) == 2:
            return (ipaddress.ip_network(words[1]),)
        if words[0] == "subnet" and len(words) == 3:
            return (ipaddress.ip_network(f"{words[1]}/{words[2]}", strict=False),)
        if words[0] == "subnet" and len(words) == 2:
            return (ipaddress.ip_network(words[1], strict=False),)
        if words[0] == "range" and len(words) == 3:
            low, high = ipaddress.ip_address(words[1]), ipaddress.ip_address(words[2])
            return tuple(ipaddress.summarize_address_range(low, high))  # type: ignore[arg-type]
        if words[0] == "any" and len(words) == 1:
            return ANY4 + (ANY6 if asa else ())
        if len(words) == 2 and "/" not in words[0]:
            return (ipaddress.ip_network(f"{words[0]}/{words[1]}", strict=False),)
        if len(words) == 1 and "/" in words[0]:
            return (ipaddress.ip_network(words[0], strict=False),)
    except (ValueError, TypeError):
        return None
    return None


def _ports(words: list[str]) -> Ports | None:
    """`eq 80` / `range 80 90` / `lt 1024` / `gt 1023` / `neq 23`."""
    if len(words) == 2 and words[0] in ("eq", "lt", "gt", "neq"):
        number = port_number(words[1])
        if number is None:
            return None
        return {"eq": ((number, number),), "lt": ((0, number - 1),),
                "gt": ((number + 1, 65535),),
                "neq": ((0, number - 1), (number + 1, 65535))}[words[0]]
    if len(words) == 3 and words[0] == "range":
        low, high = port_number(words[1]), port_number(words[2])
        if low is None or high is None:
            return None
        return ((low, high),)
    return None


def object_groups(config: RunningConfig) -> ObjectGroups:
    asa = config.family == "cisco_asa"
    raw_nets: dict[str, list[list[str]]] = {}
    raw_services: dict[str, tuple[str, list[list[str]]]] = {}
    protocols: dict[str, str | None] = {}
    for block in config.blocks(r"(object|object-group) "):
        words = block.head.words
        if len(words) < 3:
            continue
        kind, name = words[1], words[2]
        # descriptions say nothing about membership, and an object's `nat` line is NAT
        body = [c.words for c in block.children
                if c.words and c.words[0] not in ("description", "nat")]
        # the ASA prints an object twice: its definition, then again with its NAT line
        if kind == "network":
            raw_nets.setdefault(name, []).extend(body)
        elif kind == "service":
            protocol = words[3] if len(words) > 3 else ""
            raw_services.setdefault(name, (protocol, []))[1].extend(body)
        elif kind == "protocol":
            names = {w[1] for w in body if len(w) == 2 and w[0] == "protocol-object"}
            protocols[name] = names.pop() if len(names) == 1 and len(body) == 1 else None

    def net(name: str, seen: frozenset[str]) -> tuple[Net, ...] | None:
        if name not in raw_nets or name in seen:
            return None
        out: list[Net] = []
        for words in raw_nets[name]:
            if words[0] == "group-object" and len(words) == 2:
                part = net(words[1], seen | {name})
            elif words[0] == "network-object" and len(words) == 3 and words[1] == "object":
                part = net(words[2], seen | {name})
            elif words[0] == "network-object":
                part = _network(words[1:], asa) if len(words) > 2 else _network(words, asa)
            else:
                part = _network(words, asa)
            if part is None:
                return None
            out += part
        return tuple(out) or None

    def service(name: str) -> tuple[str, Ports] | None:
        protocol, body = raw_services[name]
        if protocol in ("tcp", "udp"):
            ports: list[tuple[int, int]] = []
            for words in body:
                part = _ports(words[1:]) if words[0] == "port-object" else None
                if part is None:
                    return None
                ports += part
            return (protocol, tuple(ports)) if ports else None
        # `object service X` / `service tcp destination eq 443`
        if len(body) == 1 and body[0][0] == "service" and len(body[0]) >= 2:
            words = body[0]
            if words[1] in ("tcp", "udp") and len(words) >= 5 and words[2] == "destination":
                part = _ports(words[3:])
                return (words[1], part) if part else None
            if words[1] in ("tcp", "udp") and len(words) == 2:
                return (words[1], ((0, 65535),))
        return None

    return ObjectGroups({n: net(n, frozenset()) for n in raw_nets},
                        {n: service(n) for n in raw_services}, protocols)


# -- reading ACL lines ----------------------------------------------------------------------
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


def _ios_lines(config: RunningConfig, groups: ObjectGroups,
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


def _asa_lines(config: RunningConfig, groups: ObjectGroups, analysis: AclAnalysis) -> None:
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


# -- shadowing ------------------------------------------------------------------------------
def _normalised(line: AclLine) -> str:
    return " ".join(line.ace.lower().split())


def _by_acl(lines: Iterable[AclLine]) -> dict[str, list[AclLine]]:
    groups: dict[str, list[AclLine]] = {}
    for line in lines:
        groups.setdefault(line.acl, []).append(line)
    return groups


def _shadow(later: AclLine, earlier: AclLine) -> Shadow:
    relation = "redundant" if later.action == earlier.action else "never reached"
    return Shadow(later.acl, later.kind, later.text, later.ace, later.asa_ace, later.seq,
                  later.position, later.line, earlier.text, earlier.ace, earlier.seq,
                  earlier.position, earlier.line, relation, None, 0)


def _place(acl_lines: list[AclLine], moves: list[tuple[AclLine, AclLine]],
           asa: bool) -> list[Shadow]:
    """Where each shadowed entry goes when moved just above the entry that shadows it,
    simulating the moves in order so every number is right at the moment it is typed.

    ASA: the `line N` to insert at. IOS: free sequence numbers spread evenly between the entry
    before the shadowing one and the shadowing one (None when there is no room: resequence).
    """
    current = list(acl_lines)
    seqs = {id(a): a.seq for a in current}
    pending: dict[int, int] = {}  # id(earlier) → moves still to place above it
    for _later, earlier in moves:
        pending[id(earlier)] = pending.get(id(earlier), 0) + 1
    slots: dict[int, list[int | None]] = {}
    placed: list[Shadow] = []
    for later, earlier in moves:
        shadow = _shadow(later, earlier)
        current.remove(later)
        at = current.index(earlier)
        current.insert(at, later)
        if asa:
            placed.append(replace(shadow, insert_line=at + 1))
            continue
        if id(earlier) not in slots:
            before = [seqs[id(a)] for a in current[:at] if a.action in ("permit", "deny")]
            low, high = (before[-1] if before else 0), seqs[id(earlier)]
            count = pending[id(earlier)]
            step = (high - low) // (count + 1)
            slots[id(earlier)] = ([low + step * k for k in range(1, count + 1)] if step
                                  else [None] * count)
        new = slots[id(earlier)].pop(0)
        if new is not None:
            seqs[id(later)] = new
        placed.append(replace(shadow, insert_seq=new))
    return placed


def _analyse(analysis: AclAnalysis, asa: bool) -> None:
    for entries in _by_acl(analysis.lines).values():
        active = [a for a in entries
                  if a.action in ("permit", "deny") and not a.problem and not a.inactive]
        after: list[tuple[AclLine, AclLine]] = []
        broader: list[tuple[AclLine, AclLine]] = []
        for index, later in enumerate(active):
            for earlier in active[:index]:
                if _normalised(earlier) == _normalised(later):
                    analysis.duplicates.append(_shadow(later, earlier))
                    break
                first, second = analysis.matches.get(earlier), analysis.matches.get(later)
                if first is None or second is None or not covers(first, second, asa=asa):
                    continue
                if earlier.action == "deny" and is_any_any(first, asa=asa):
                    after.append((later, earlier))
                else:
                    broader.append((later, earlier))
                break
        analysis.after_deny_any += _place(entries, after, asa)
        analysis.by_broader += _place(entries, broader, asa)


def analyse_acls(config: RunningConfig) -> AclAnalysis:
    groups = object_groups(config)
    analysis = AclAnalysis()
    if config.family == "cisco_asa":
        _asa_lines(config, groups, analysis)
    else:
        _ios_lines(config, groups, analysis)
    _analyse(analysis, config.family == "cisco_asa")
    return analysis


# -- where ACLs are applied -----------------------------------------------------------------
def _ref(acl: str, line: ConfigLine, where: str, mode: str, *, interface: str = "",
         direction: str = "") -> AclRef:
    fixed = re.sub(rf"(?<=\s){re.escape(acl)}(?=\s|$)", "<existing-acl>", line.text, count=1)
    return AclRef(acl, line.text, line.line, line.command, where, mode, interface, direction,
                  fixed)


def acl_refs(config: RunningConfig) -> list[AclRef]:
    """Every place an ACL is referenced by name (crypto maps are the crypto checks' business:
    a crypto map matching an undefined ACL is `crypto.map-acl-missing`)."""
    refs: list[AclRef] = []
    if config.family == "cisco_asa":
        for line in config.find(r"^access-group\s", top=True):
            words = line.words
            if len(words) >= 5 and words[3] == "interface":
                refs.append(_ref(words[1], line, f"interface {words[4]} {words[2]}", "!",
                                 interface=words[4], direction=words[2]))
            elif len(words) >= 3 and words[2] == "global":
                refs.append(_ref(words[1], line, "global", "!", direction="in"))
        return refs
    for block in config.blocks(r"interface \S"):
        for child in block.all(r"ip access-group \S+ (in|out)\b"):
            words = child.words
            refs.append(_ref(words[2], child, f"{block.head.text} {words[3]}",
                             block.head.text, interface=block.head.text.split(None, 1)[1],
                             direction=words[3]))
    for block in config.blocks(r"line \S"):
        for child in block.all(r"access-class \S+ (in|out)\b"):
            refs.append(_ref(child.words[1], child, block.head.text, block.head.text))
    for line in config.find(r"^snmp-server community \S+", top=True):
        words = line.words[3:]
        while words and words[0].lower() in ("view", "ro", "rw", "ipv6"):
            words = words[2:] if words[0].lower() in ("view", "ipv6") else words[1:]
        if words:
            refs.append(_ref(words[0], line, "snmp-server", "!"))
    for line in config.find(r"^ip http access-class ", top=True):
        name = line.words[-1]
        refs.append(_ref(name, line, "ip http server", "!"))
    return refs
