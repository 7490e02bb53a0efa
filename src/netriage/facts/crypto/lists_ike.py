"""The IKE (phase 1) lists of the `crypto` fact: where each SA that is not up is stuck (a
message's cause first, else its state), aggressive mode in use, peers up, and an unexpected
peer while a configured one never comes up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netriage.engine.expr import Unknown
from netriage.facts.crypto.config import CryptoConfig, MapEntry
from netriage.facts.crypto.issues import (
    Issue,
    _attempt,
    _from_events,
    _items,
    _sorted,
    by_peer,
    entry_issue,
    ike_issue,
)
from netriage.facts.crypto.issues_maps import static_entries
from netriage.facts.crypto.lists_config import _explained_by_config
from netriage.facts.crypto.log import LogEvent
from netriage.facts.crypto.sa import IkeSa

if TYPE_CHECKING:
    from netriage.facts.crypto.model import CryptoFacts


def _ike_issues(out: CryptoFacts, config: CryptoConfig | Unknown, ike: list[IkeSa] | Unknown,
                events: list[LogEvent]) -> None:
    names = ("p1_no_response", "p1_responder_wait3", "p1_dh_nat_t", "p1_psk_mismatch",
             "p1_psk_or_path", "p1_proposal_mismatch", "peer_id_mismatch", "ikev2_in_neg",
             "ikev2_no_proposal", "ikev2_auth_fail", "ikev2_delete", "aggressive_mode_sa",
             "p1_up", "wrong_peer_address")
    logged = by_peer(events)
    if isinstance(ike, Unknown):
        for name in names:
            setattr(out, name, ike)
        # messages alone still name a cause for their peers
        out.p1_psk_mismatch = _from_events(events, "psk") + _items(out.psk_not_configured)
        out.p1_proposal_mismatch = _from_events(events, "proposal")
        out.peer_id_mismatch = _from_events(events, "peer-id")
        out.ikev2_no_proposal = _from_events(events, "ikev2-proposal")
        out.ikev2_auth_fail = _from_events(events, "ikev2-auth") + _items(out.ikev2_auth_config)
        return
    explained = _explained_by_config(out, config)
    lists: dict[str, dict[str, Issue]] = {name: {} for name in names}

    def add(name: str, sa: IkeSa, **fields: str) -> None:
        lists[name].setdefault(sa.peer, ike_issue(sa, **fields))

    for sa in ike:
        if sa.established:
            add("p1_up", sa)
            if sa.aggressive and sa.type.lower() in ("l2l", ""):
                add("aggressive_mode_sa", sa)
            continue
        if sa.peer in explained:
            continue
        if sa.aggressive and sa.type.lower() == "l2l":
            add("aggressive_mode_sa", sa)
        stuck = _stuck_where(sa, logged.get(sa.peer, set()))
        if stuck:
            add(stuck, sa)
    # messages for peers whose SA is already gone still say why
    seen = {sa.peer for sa in ike}
    for name, cause in (("p1_proposal_mismatch", "proposal"), ("p1_psk_mismatch", "psk"),
                        ("peer_id_mismatch", "peer-id"), ("ikev2_no_proposal", "ikev2-proposal"),
                        ("ikev2_auth_fail", "ikev2-auth"), ("p1_psk_mismatch", "psk-missing")):
        for issue in _from_events(events, cause):
            if issue.peer not in seen and issue.peer not in explained:
                lists[name].setdefault(issue.peer, issue)
    for issue in _items(out.psk_not_configured):
        lists["p1_psk_mismatch"].setdefault(issue.peer, issue)
    for issue in _items(out.ikev2_auth_config):
        lists["ikev2_auth_fail"].setdefault(issue.peer, issue)
    for name in names:
        setattr(out, name, _sorted(lists[name].values()))
    out.wrong_peer_address = _attempt(lambda: _wrong_peers(config, ike, explained))


def _stuck_where(sa: IkeSa, causes: set[str]) -> str | None:
    """The list a phase 1 that is not up belongs to: a message's cause first, else its state.

    ASA names the state after the message it waits for, IOS after the last one done; the
    same stage of main mode therefore has two names (see crypto_sa.STAGES).
    """
    state = sa.state
    if sa.version == "ikev2":
        for cause, name in (("ikev2-proposal", "ikev2_no_proposal"),
                            ("ikev2-auth", "ikev2_auth_fail")):
            if cause in causes:
                return name
        if "DELETE" in state or "DELETE" in sa.status:
            return "ikev2_delete"
        return "ikev2_in_neg" if "IN-NEG" in state or "IN-NEG" in sa.status else None
    for cause, name in (("proposal", "p1_proposal_mismatch"), ("psk", "p1_psk_mismatch"),
                        ("psk-missing", "p1_psk_mismatch"), ("peer-id", "peer_id_mismatch")):
        if cause in causes:
            return name
    if state in ("MM_WAIT_MSG2", "AM_WAIT_MSG2") or (
            state in ("MM_NO_STATE", "AG_NO_STATE") and sa.role != "responder"):
        return "p1_no_response"
    if state == "MM_WAIT_MSG3" and sa.role == "responder":
        return "p1_responder_wait3"
    return {"MM_WAIT_MSG4": "p1_dh_nat_t", "MM_SA_SETUP": "p1_dh_nat_t",
            "MM_WAIT_MSG6": "p1_psk_mismatch", "MM_KEY_EXCH": "p1_psk_mismatch",
            "MM_WAIT_MSG5": "p1_psk_or_path"}.get(state)


def _wrong_peers(config: CryptoConfig | Unknown, ike: list[IkeSa],
                 explained: set[str]) -> list[Issue]:
    """An IKE peer nobody configured while a configured peer never comes up."""
    if isinstance(config, Unknown):
        raise Unknown(config.reason, config.commands)
    if config.dynamic_maps or any(e.kind == "dynamic" for e in config.all_entries()):
        return []  # dynamic peers are expected: any address may come in
    configured: dict[str, MapEntry] = {}
    for entry in static_entries(config):
        for peer in entry.peers:
            configured.setdefault(config.resolve(peer), entry)
    known = set(configured) | {g.name for g in config.tunnel_groups} | {
        k.address for k in config.keys}
    strangers = sorted({sa.peer for sa in ike if sa.peer not in known and sa.peer})
    up = {sa.peer for sa in ike if sa.established}
    down = [p for p in configured if p not in up and p not in explained]
    issues = []
    for stranger, peer in zip(strangers, down, strict=False):
        entry = configured[peer]
        issues.append(entry_issue(entry, peer=peer, other=stranger))
    return issues
