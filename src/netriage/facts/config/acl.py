"""ACLs from a running-config, in order, and what is wrong with them.

IOS numbered (`access-list 101 ...`) and named (`ip access-list extended NAME` blocks) ACLs,
ASA / PIX `access-list NAME [extended|standard] ...`; object groups are resolved so shadowing
is judged on real address and port sets (see `config_acl_match`). One earlier entry that
shadows several later ones is one group: the trees turn it into one finding with all the lines.

The entries are read by `config_acl_lines`, the object groups by `config_acl_groups`; this
module compares the entries of each ACL (duplicates, shadowing) and places the fixes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from netriage.facts.config.acl_groups import object_groups
from netriage.facts.config.acl_lines import asa_acl_lines, ios_acl_lines
from netriage.facts.config.acl_match import Match, covers, is_any_any
from netriage.facts.config.model import AclLine, Shadow
from netriage.facts.config.tree import RunningConfig


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
        asa_acl_lines(config, groups, analysis)
    else:
        ios_acl_lines(config, groups, analysis)
    _analyse(analysis, config.family == "cisco_asa")
    return analysis

