"""The `Issue` every list of the `crypto` fact holds, and the helpers that make and sort them.

An issue is one instance of a fault (a peer stuck in MM_WAIT_MSG2, a map entry without an
ACL, a one-way SA ...) carrying what the finding's text and fix need: the peer, map entry,
interface, ACL, transform set, networks, a ready configuration line. A list whose inputs were
not captured holds `Unknown` instead (`IssueList`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from netriage.engine.expr import Unknown
from netriage.facts.crypto.acl import Ace
from netriage.facts.crypto.config import CryptoConfig, MapEntry
from netriage.facts.crypto.listed import _items  # noqa: F401 - the lists' modules read it here
from netriage.facts.crypto.log import LogEvent
from netriage.facts.crypto.sa import IkeSa, IpsecSa


@dataclass
class Issue:
    """One instance of a fault; the fields are what the finding's text and fix need."""

    peer: str = ""
    map: str = ""
    seq: str = ""
    interface: str = ""  # ASA nameif / IOS interface
    acl: str = ""
    transform: str = ""  # transform set or IKEv2 proposal name
    state: str = ""
    role: str = ""
    version: str = ""  # ikev1 / ikev2
    detail: str = ""  # what is wrong, in words
    command: str = ""  # a ready configuration line for the fix
    undo: str = ""  # the line that puts it back
    other: str = ""  # a second name/address (unexpected peer, target map, dynamic map)
    local_net: str = ""
    local_mask: str = ""
    remote_net: str = ""
    remote_mask: str = ""
    spi: str = ""
    count: int = 0
    text: str = ""  # a line (config or message) to select as evidence
    local_address: str = ""  # our address on the map's interface
    inside: str = ""  # the interface towards the local network
    profile: str = ""  # IOS IKEv2 profile of the peer's entry
    # values a fix is built from (crypto_fix_values): read from the configuration so a fix adds
    # rather than overwrites, and its rollback removes only what it added
    free_policy: str = ""  # an IKE policy number not in use, below the lowest in use
    sets: str = ""  # the map entry's transform sets / IKEv2 proposals, in order
    new_set: str = ""  # a transform-set name not in use, for the strong set a fix adds
    pfs: str = ""  # the entry's `set pfs` group ("" = none)
    lifetime: str = ""  # the entry's `set security-association lifetime seconds` ("" = none)
    keyring: str = ""  # IOS: the IKEv2 keyring of the entry's profile
    lifetime_undo: str = ""  # the line that puts the entry's lifetime back as it was
    pfs_undo: str = ""  # the line that puts the entry's PFS back as it was
    requeue: str = ""  # lines re-entering a list's items after the one a fix put first
    # an IKE policy / transform set already as strong as the release allows: the fix uses it
    # instead of adding an equal one (weak-crypto checks)
    existing: str = ""
    existing_text: str = ""  # the strong policy's own line, shown as evidence beside the weak
    # the weak IKE policy's authentication (rsa-sig when the line is not shown: the default),
    # so the stronger policy a fix adds authenticates the peers the same way
    auth: str = ""

    @property
    def local_wildcard(self) -> str:
        return _wildcard(self.local_mask)

    @property
    def remote_wildcard(self) -> str:
        return _wildcard(self.remote_mask)


def _wildcard(mask: str) -> str:
    try:
        return ".".join(str(255 - int(o)) for o in mask.split("."))
    except ValueError:  # a <placeholder>
        return mask.replace("mask", "wildcard")


# -- a list, or Unknown when its inputs were not captured -----------------------------------
IssueList = list[Issue] | Unknown


def _attempt(function: Callable[[], Any]) -> Any:
    try:
        return function()
    except Unknown as unknown:
        return Unknown(unknown.reason, unknown.commands)




# -- making and sorting issues --------------------------------------------------------------
def _sorted(issues: Iterable[Issue]) -> list[Issue]:
    return sorted(issues, key=lambda i: (i.map, _seq(i.seq), i.peer, i.interface, i.text))


def _seq(seq: str) -> int:
    return int(seq) if seq.isdigit() else 0


def entry_issue(entry: MapEntry, **fields: str | int) -> Issue:
    base: dict[str, str | int] = {"map": entry.map, "seq": str(entry.seq), "peer": entry.peer,
                                  "acl": entry.acl}
    base.update(fields)
    return Issue(**base)  # type: ignore[arg-type]


def counter_issue(sa: IpsecSa, **fields: str | int) -> Issue:
    base: dict[str, str | int] = {
        "peer": sa.peer, "map": sa.map, "seq": sa.seq, "interface": sa.interface,
        "local_net": sa.local_net, "local_mask": sa.local_mask, "remote_net": sa.remote_net,
        "remote_mask": sa.remote_mask, "spi": sa.outbound_spi, "version": sa.ike}
    base.update(fields)
    return Issue(**base)  # type: ignore[arg-type]


def ike_issue(sa: IkeSa, **fields: str | int) -> Issue:
    base: dict[str, str | int] = {"peer": sa.peer, "state": sa.state, "role": sa.role,
                                  "version": sa.version, "detail": sa.stage}
    base.update(fields)
    return Issue(**base)  # type: ignore[arg-type]


def by_peer(events: list[LogEvent]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for event in events:
        out.setdefault(event.peer, set()).add(event.cause)
    return out


def _from_events(events: list[LogEvent], cause: str) -> list[Issue]:
    out: dict[str, Issue] = {}
    for event in events:
        if event.cause == cause:
            out.setdefault(event.peer, Issue(peer=event.peer or "<peer>", detail=event.text,
                                             text=event.text))
    return list(out.values())


def _first_permit(config: CryptoConfig, acl: str) -> Ace | None:
    entries = config.acls.get(acl)
    return entries.permits[0] if entries and entries.permits else None


def _net_mask(net: Any) -> tuple[str, str]:
    if net is None:
        return "", ""
    return str(net.network_address), str(net.netmask)
