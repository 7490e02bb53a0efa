"""Failover history and state: `show failover history [details]`, `show failover state`.

Each history row is a transition (time, from state, to state, reason). The reason says why,
and the fault catalog gives each reason its own id (`HELLO not heard from mate` →
failover.history-hello-not-heard); `KINDS` is that mapping. A failover shows as a burst of
rows (Standby Ready → Just Active → Active Drain → ... → Active) with the same reason: only
the first row of a burst is an *event*, so one failover is one piece of evidence, not five.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netriage.facts.clock import device_clock, parse_time
from netriage.lazyre import lazy
from netriage.parsing import ParseResult

if TYPE_CHECKING:
    from datetime import datetime

    from netriage.facts import DeviceFacts

# reason → kind (the suffix of the catalog id failover.history-<kind>); first match wins
_KIND_PATTERNS = (
    ("link-down", r"failover link down|LAN Interface become failed|My Failover link is down"),
    ("hello-not-heard", r"HELLO not heard"),
    ("interface-check", r"^Interface check"),
    ("ifc-failed", r"^Ifc\b.*fail|Ifc Failure"),
    ("config-mismatch", r"Configuration mismatch"),
    ("config-cmd", r"Set by the (CI )?config (command|cmd)"),
    ("other-wants-standby", r"Other unit wants me Standby"),
    ("other-wants-active", r"Other unit wants me Active"),
    ("no-active-found", r"No Active unit found"),
    ("detected-active-mate", r"Detected an Active mate"),
    ("mate-not-detected", r"Mate not detected"),
)
KINDS = tuple((kind, lazy(pattern, re.IGNORECASE)) for kind, pattern in _KIND_PATTERNS)
KIND_NAMES = tuple(k for k, _ in KINDS)
# Rows that only continue a transition already under way (the burst after the event row).
_FOLLOW_ON = ("Just Active", "Active Drain", "Active Applying Config", "Active Config Applied",
              "Cold Standby", "Sync Config", "Sync File System", "Bulk Sync", "App Sync")
_ACTIVE_STEPS = ("Just Active", "Active Drain", "Active Applying Config", "Active Config Applied")
FLAP_WINDOW_MINUTES = 60


@dataclass
class HistoryEntry:
    """A state change of `show failover history`."""

    time: str  # as printed: "09:58:07 UTC Jan 18 2021"
    from_state: str
    to_state: str
    reason: str
    detail: str = ""  # the parenthesised line some releases print under the reason
    group: str = ""  # Active/Active failover group, "" in Active/Standby
    peer: bool = False  # a row of the mate's history (`show failover history details`)
    when: datetime | None = None

    @property
    def kind(self) -> str:
        """The reason's kind; the explanation line under it only when the reason has none."""
        for text in (self.reason, self.detail):
            kind = next((k for k, pattern in KINDS if pattern.search(text)), "")
            if kind:
                return kind
        return ""

    @property
    def event(self) -> bool:
        """The first row of a change: not a follow-on step, not the recovery from Failed."""
        return self.from_state not in (*_FOLLOW_ON, "Failed")

    @property
    def into_active(self) -> bool:
        """Became active after having been up (a boot's Negotiation → Just Active is no flap)."""
        return self.to_state == "Just Active" and self.from_state != "Negotiation"

    @property
    def out_of_active(self) -> bool:
        return self.from_state == "Active" and self.to_state not in _ACTIVE_STEPS


@dataclass
class FailoverHistory:
    """Both units' failover histories and the time they were read at."""

    entries: list[HistoryEntry] = field(default_factory=list)  # this unit's, oldest first
    peer_entries: list[HistoryEntry] = field(default_factory=list)  # the mate's (details)
    now: datetime | None = None  # from `show clock`, else the peer history collection time

    @property
    def events(self) -> dict[str, list[HistoryEntry]]:
        """This unit's event rows by kind (every kind present, possibly empty)."""
        out: dict[str, list[HistoryEntry]] = {k: [] for k in KIND_NAMES}
        for entry in self.entries:
            if entry.event and entry.kind:
                out[entry.kind].append(entry)
        return out

    @property
    def last(self) -> HistoryEntry | None:
        return self.entries[-1] if self.entries else None

    @property
    def minutes_in_last_state(self) -> int | None:
        """Minutes since the last transition of this unit; None without a clock."""
        last = self.last
        if last is None or last.when is None or self.now is None:
            return None
        return int((self.now - last.when).total_seconds() // 60)

    @property
    def flap_rows(self) -> list[HistoryEntry]:
        """Rows where this unit became, or stopped being, active."""
        return [e for e in self.entries if e.into_active or e.out_of_active]

    @property
    def active_changes_per_hour(self) -> int:
        """Most changes into or out of Active seen within one hour."""
        times = sorted(e.when for e in self.flap_rows if e.when is not None)
        best = 0
        for index, start in enumerate(times):
            inside = [t for t in times[index:]
                      if (t - start).total_seconds() <= FLAP_WINDOW_MINUTES * 60]
            best = max(best, len(inside))
        return best

    @property
    def negotiation_loops(self) -> list[HistoryEntry]:
        """Negotiation → Not Detected rows: the unit gave up and started again."""
        return [e for e in self.entries
                if e.from_state == "Negotiation" and e.to_state == "Not Detected"]

    @property
    def both_no_active_found(self) -> bool | None:
        """Both units went active because neither heard the other (needs `details`)."""
        if not self.peer_entries:
            return None
        return any(e.kind == "no-active-found" for e in self.entries) and any(
            e.kind == "no-active-found" for e in self.peer_entries)


def _entries(records: list[dict]) -> tuple[list[HistoryEntry], list[HistoryEntry], str]:
    ours, peer, collected = [], [], ""
    for r in records:
        entry = HistoryEntry(
            time=r["time"], from_state=r["from_state"], to_state=r["to_state"],
            reason=r["reason"], detail=" ".join(r.get("reason_detail") or []),
            group=r.get("group", ""), peer=r.get("history_unit") == "PEER",
            when=parse_time(r["time"]))
        (peer if entry.peer else ours).append(entry)
        collected = r.get("peer_collected_at") or collected
    return ours, peer, collected


def history_from(facts: DeviceFacts, result: ParseResult) -> FailoverHistory:
    """The `failover_history` fact from the history output `common.build_history` chose."""
    ours, peer, collected = _entries(result.records)
    now = device_clock(facts.device) or (parse_time(collected) if collected else None)
    return FailoverHistory(entries=ours, peer_entries=peer, now=now)


@dataclass
class FailoverStateRow:
    """One unit's row of `show failover state`."""

    role: str
    state: str
    reason: str  # last failure reason; "None" when there was none
    time: str


@dataclass
class FailoverState:
    """`show failover state`: both units' rows and the sync lines."""

    this: FailoverStateRow
    other: FailoverStateRow | None
    configuration: list[str] = field(default_factory=list)  # e.g. "Sync Done"
    communication: list[str] = field(default_factory=list)  # e.g. "Mac set"

    @property
    def sync_done(self) -> bool:
        return any(line.startswith("Sync Done") for line in self.configuration)


def build_state(result: ParseResult) -> FailoverState | None:
    if not result.records:
        return None
    r = result.records[0]
    other = None
    if r["other_role"]:
        other = FailoverStateRow(r["other_role"], r["other_state"] or ", ".join(
            r["group_states_mate"]), r["other_last_failure_reason"] or ", ".join(
            r["group_reasons_mate"]), r["other_last_failure_time"])
    this = FailoverStateRow(r["this_role"], r["this_state"] or ", ".join(r["group_states"]),
                            r["this_last_failure_reason"] or ", ".join(r["group_reasons"]),
                            r["this_last_failure_time"])
    return FailoverState(this, other, list(r["configuration_state"]),
                         list(r["communication_state"]))
