"""Failover facts from `show failover` (ASA, PIX 7+, FTD; PIX 6.x through its own template).

The shape the trees read: this unit and the mate (role, state, interfaces, module slots,
Active/Active group states), the LAN failover link, versions and serials, timers, interface
policy, the stateful link with its counters and queues. The judgements the trees make over
them (which interfaces are Waiting on both units, which differences are mismatches) live here
as properties, named so the YAML reads as the question it asks.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from netriage.facts.failover.common import polltime, seconds
from netriage.lazyre import lazy

# States a unit passes through on its way to Standby Ready; seen for long, they are stuck. (The
# Just Active → Active steps take a second or two and are never reported as stuck.)
TRANSITIONAL = ("Negotiation", "Cold Standby", "Sync Config", "Sync File System", "Bulk Sync",
                "App Sync")
# Interfaces nobody expects to trigger a failover (management plane, FTD diagnostic).
_MANAGEMENT = lazy(r"^(management|mgmt|manage|diagnostic|diag|oob)", re.IGNORECASE)
QUEUE_LIMIT = 4096  # LU queue depth at which updates start being dropped (catalog A)


@dataclass
class FailoverInterface:
    """A monitored interface of one unit, as `show failover` prints it."""

    name: str  # nameif, with the context as `ctx/name` in multiple-context mode
    ip: str
    status: str  # Normal, Failed, No Link, Link Down, Unknown, Testing ...
    monitor: str  # Monitored, Waiting, Not-Monitored, Shutdown, or "" when not printed
    nameif: str = ""  # without the context
    context: str = ""
    role: str = ""  # Primary / Secondary: the unit this line describes
    physical: str | None = None  # from `show nameif` / `show interface` when captured
    # the configured active address and mask (`show running-config`), or the address the
    # unit holding it prints: what a fix re-types before adding `standby`
    address: str = ""
    mask: str = ""

    @property
    def ip_missing(self) -> bool:
        """No address at all. `0.0.0.0/fe80::1` is IPv4-less but has an IPv6 address."""
        return all(part in ("0.0.0.0", "") for part in self.ip.split("/"))  # noqa: S104

    @property
    def configured_address(self) -> bool:
        """An address somebody configured: an IPv6 link-local (fe80::) alone is automatic."""
        return any(part not in ("0.0.0.0", "") and not part.lower().startswith("fe80:")  # noqa: S104
                   for part in self.ip.split("/"))

    # placeholders are one word (hyphens): the views highlight them and the vocabulary
    # check reads them as one value
    @property
    def physical_hint(self) -> str:
        """The physical interface for a fix, or what the engineer must fill in."""
        return self.physical or f"<physical-interface-of-{self.nameif or self.name}>"

    @property
    def address_hint(self) -> str:
        return self.address or f"<address-of-{self.nameif or self.name}>"

    @property
    def mask_hint(self) -> str:
        return self.mask or f"<mask-of-{self.nameif or self.name}>"


@dataclass
class FailoverSlot:
    """A module slot of one unit (`slot 1: ASA5525 hw/sw rev ...`)."""

    slot: str
    model: str  # ASA5525, FPR-2130, IPS5525, snort ...
    status: str  # Up Sys, Up/Up, Unresponsive/Up ...


@dataclass
class FailoverModule:
    """A service module's application under a slot: `IPS, 7.3(5)E4, Up, (Monitored)`."""

    name: str  # IPS, ASA FirePOWER, CSC SSM ...
    status: str  # Up, Down, Not Applicable, Unresponsive ...


@dataclass
class GroupState:
    """An Active/Active failover group's state on one unit."""

    group: int
    state: str


@dataclass
class FailoverUnit:
    """One unit of the pair (this host or the other) as `show failover` shows it."""

    role: str  # Primary / Secondary
    state: str  # Active, Standby Ready, Failed, Cold Standby, Not Detected ... (A/A: per group)
    interfaces: list[FailoverInterface] = field(default_factory=list)
    slots: list[FailoverSlot] = field(default_factory=list)
    groups: list[GroupState] = field(default_factory=list)
    active_time: int | None = None  # seconds; the first group's in Active/Active
    modules: list[FailoverModule] = field(default_factory=list)
    reason: str = ""  # a "Reason:" line under the host, when the release prints one

    @property
    def detected(self) -> bool:
        return "not detected" not in self.state.lower()

    @property
    def failed(self) -> bool:
        return "failed" in self.state.lower()

    @property
    def states(self) -> list[str]:
        """The unit state, or each group's state in Active/Active."""
        return [g.state for g in self.groups] or [self.state]

    @property
    def active(self) -> bool:
        return any(s == "Active" for s in self.states)

    @property
    def transitional(self) -> str:
        """The transitional state the unit (or a group) is in, "" when settled."""
        return next((s for s in self.states if s in TRANSITIONAL), "")

    @property
    def settled(self) -> bool:
        return all(s in ("Active", "Standby Ready", "Standby") for s in self.states)

    @property
    def model(self) -> str:
        return self.slots[0].model if self.slots else ""


@dataclass
class StatefulCounter:
    """A row of the stateful failover link's counters."""

    name: str
    xmit: int
    xerr: int
    rcv: int
    rerr: int


@dataclass
class SlotPair:
    """One module slot as both units report it."""

    slot: str
    ours: str
    mate: str


# 36 fields: dataclass() would generate (exec) a __repr__ and an __eq__ over all of them at
# every start-up. The short __repr__ below says more at a glance; nothing compares two of these
# facts (a fact is built once per device and read, never matched: identity is equality).
@dataclass(repr=False, eq=False)
class FailoverFacts:
    """The `failover` fact: `show failover` of one unit, read."""

    enabled: bool | None  # None: the `Failover On/Off` line was not understood
    unit: str | None  # Primary / Secondary, None when not printed
    lan_configured: bool | None
    lan_name: str | None
    lan_interface: str | None
    lan_state: str | None  # up / down; None when not configured
    version: str | None
    version_mate: str | None
    serial: str | None
    serial_mate: str | None
    this: FailoverUnit | None
    mate: FailoverUnit | None
    state_link_name: str | None
    state_link_interface: str | None
    state_link_state: str | None
    state_link_configured: bool | None
    counters: list[StatefulCounter] = field(default_factory=list)
    xmit_queue_max: int | None = None
    unit_poll: str | None = None
    unit_hold: str | None = None
    pix6: bool = False  # PIX 6.x output (cable status, LAN-based failover block)
    cable_status: str | None = ""  # PIX serial cable: Normal, My side not connected ...
    # PIX 7.x: `Failover LAN Interface: N/A - Serial-based failover enabled` (no LAN link)
    serial_based: bool | None = False
    lan_based: bool | None = False  # PIX 6.x "Lan Based Failover is Active"
    lan_peer_status: str = ""  # PIX 6.x LAN failover peer status
    interface_poll: str | None = None
    interface_hold: str | None = None
    interface_policy: str | None = None  # "1" or "50%"
    monitored: int | None = None
    last_failover: str = ""
    recv_queue_max: int | None = None
    xmit_queue_cur: int | None = None
    state_note: str = ""  # "Failover Off (pseudo-Standby)": off, yet holding standby addresses
    last_failover_reason: str = ""
    monitored_max: int | None = None
    # the physical port of the failover LAN link (ASA prints it; PIX 6.x names only the
    # nameif, so it comes from `show nameif` or the configuration when captured)
    lan_physical: str = ""

    def __repr__(self) -> str:
        def unit(seen: FailoverUnit | None) -> str | None:
            return f"{seen.role} {seen.state}" if seen is not None else None
        return (f"FailoverFacts(enabled={self.enabled!r}, unit={self.unit!r}, "
                f"lan_name={self.lan_name!r}, lan_state={self.lan_state!r}, "
                f"this={unit(self.this)!r}, mate={unit(self.mate)!r})")

    @property
    def unit_polltime(self) -> str:
        """The unit timers as `failover polltime unit` takes them (what a rollback types)."""
        return polltime(self.unit_poll, self.unit_hold, hold_msec=True)

    @property
    def interface_polltime(self) -> str:
        """The interface timers as `failover polltime interface` takes them."""
        return polltime(self.interface_poll, self.interface_hold, hold_msec=False)

    @property
    def lan_physical_hint(self) -> str:
        return self.lan_physical or f"<hardware-port-of-{self.lan_name or 'the-failover-link'}>"

    # -- the LAN link and the mate ------------------------------------------------------
    @property
    def lan_up(self) -> bool | None:
        if self.lan_state is None and self.lan_configured is not False:
            return None  # configured, but its state was not read (a line not understood)
        return (self.lan_state or "").lower() == "up"

    @property
    def serial_cable(self) -> bool | None:
        """A PIX pair failing over on the serial cable (no LAN-based failover).

        PIX 6.x: its own output says whether LAN-based failover is active. PIX 7.x speaks
        ASA: `N/A - Serial-based failover enabled` says no LAN link is set, and only
        `Cable status: Normal` shows a cable design at work. Any other cable status on 7.x
        cannot tell a cable fault from a LAN link removed (both print the same): the tree
        then reports the missing LAN link, whose fix heals either.
        """
        if self.pix6:
            return None if self.lan_based is None else not self.lan_based
        if not self.serial_based:
            return self.serial_based
        return None if self.cable_status is None else self.cable_status == "Normal"

    @property
    def mate_detected(self) -> bool | None:
        if self.mate is None:
            return None
        return self.mate.detected and (self.version_mate or "").lower() != "unknown"

    @property
    def mate_role(self) -> str:
        """The role the mate must be given: the opposite of this unit's (the mate of a
        Secondary is the Primary), for `failover lan unit` on the mate."""
        role = (self.unit or (self.this.role if self.this else "")).lower()
        return {"primary": "secondary", "secondary": "primary"}.get(
            role, "<the opposite of this unit's role>")

    @property
    def pair_addresses(self) -> list[str]:
        """Every data address the pair owns (active and standby), as `show failover` prints
        them: an ARP collision for one of these is the mate answering as active too."""
        return [part for u in self.units for i in u.interfaces for part in i.ip.split("/")
                if part and part != "0.0.0.0"]  # noqa: S104

    @property
    def same_role(self) -> bool:
        """Both units claim the same role (both `failover lan unit primary`)."""
        return self.this is not None and self.mate is not None and (
            self.this.role == self.mate.role)

    @property
    def units(self) -> list[FailoverUnit]:
        return [u for u in (self.this, self.mate) if u is not None]

    @property
    def failed_units(self) -> list[FailoverUnit]:
        return [u for u in self.units if u.failed]

    @property
    def transitional_units(self) -> list[FailoverUnit]:
        return [u for u in self.units if u.detected and u.transitional]

    @property
    def version_differs(self) -> bool:
        mate = self.version_mate or ""
        return bool(self.version and mate and mate.lower() != "unknown" and self.version != mate)

    @property
    def slot_mismatches(self) -> list[SlotPair]:
        """Module slots whose model differs between the units (only when the mate reports)."""
        if self.this is None or self.mate is None or not self.mate_detected:
            return []
        mate = {s.slot: s.model for s in self.mate.slots}
        return [SlotPair(s.slot, s.model, mate[s.slot]) for s in self.this.slots
                if s.slot in mate and mate[s.slot] != s.model]

    # -- interfaces ---------------------------------------------------------------------
    def _lines(self, *statuses: str, healthy_units: bool = True) -> list[FailoverInterface]:
        return [i for u in self.units if u.detected and not (healthy_units and u.failed)
                for i in u.interfaces if i.status in statuses]

    @property
    def standby_ip_missing(self) -> list[FailoverInterface]:
        """Interfaces with an address on this unit and 0.0.0.0 on the mate."""
        if self.this is None or self.mate is None:
            return []
        ours = {i.name: i for i in self.this.interfaces}
        return [i for i in self.mate.interfaces
                if i.ip_missing and i.name in ours and not ours[i.name].ip_missing]

    @property
    def no_link_interfaces(self) -> list[FailoverInterface]:
        """No carrier on a unit that is not Failed (a Failed unit is judged as a whole)."""
        return [i for i in self._lines("No Link", "Link Down")
                if i.monitor != "Shutdown" and not i.ip_missing]

    @property
    def failed_interfaces(self) -> list[FailoverInterface]:
        return self._lines("Failed")

    @property
    def link_lost_interfaces(self) -> list[FailoverInterface]:
        """No Link / Link Down / Failed on either detected unit, a Failed unit included.

        What a switch port shut by port security looks like from the firewall: the unit whose
        port went down is usually Failed for it, so the healthy-unit filter above would hide
        the very line that points at the switch."""
        return [i for u in self.units if u.detected for i in u.interfaces
                if i.status in ("No Link", "Link Down", "Failed")
                and i.monitor != "Shutdown" and not i.ip_missing]

    @property
    def unknown_interfaces(self) -> list[FailoverInterface]:
        return self._lines("Unknown") if self.mate_detected else []

    @property
    def testing_interfaces(self) -> list[FailoverInterface]:
        return self._lines("Testing")

    @property
    def waiting_interfaces(self) -> list[FailoverInterface]:
        """This unit's interfaces still Waiting on both units once the pair has settled.

        Left out: a missing standby address (its own finding on ASA/FTD), an interface with
        no address at all (nothing to send hellos from), an interface Unknown or down on one
        unit (judged as such), a pair still booting or syncing."""
        if self.this is None or self.mate is None or not self.mate_detected:
            return []
        if not (self.this.settled and self.mate.settled):
            return []
        mate = {i.name: i for i in self.mate.interfaces}
        skip = set() if self.pix6 else {i.name for i in self.standby_ip_missing}
        return [i for i in self.this.interfaces
                if i.name in mate and i.name not in skip and not i.ip_missing
                and all(x.status == "Normal" and x.monitor == "Waiting" for x in (i, mate[i.name]))]

    @property
    def unmonitored_interfaces(self) -> list[FailoverInterface]:
        """Data interfaces excluded from health monitoring (management ports left out)."""
        if self.this is None:
            return []
        return [i for i in self.this.interfaces
                if i.monitor in ("Not-Monitored", "Not Monitored")
                and not _MANAGEMENT.match(i.nameif or i.name) and not i.ip_missing]

    @property
    def interface_policy_problem(self) -> str:
        """Why the interface policy does not fit the monitored count, "" when it fits."""
        policy, monitored = self.interface_policy, self.monitored
        if not policy or monitored is None or monitored == 0:
            return ""
        if policy.endswith("%"):
            needed = math.ceil(int(policy[:-1]) * monitored / 100)
            if monitored <= 4 and needed >= 2:
                return (f"{policy} of {monitored} monitored interfaces needs {needed} to fail: "
                        "losing one (say outside) never triggers a failover")
            return ""
        count = int(policy)
        if count >= monitored:
            return (f"policy {count} with {monitored} monitored interfaces: failover needs "
                    f"{'all of them' if count == monitored else 'more than exist'} to fail")
        if count == 1 and monitored >= 10:
            return (f"policy 1 with {monitored} monitored interfaces: any single one, even a lab "
                    "or management port, fails the unit over")
        return ""

    # -- timers and the stateful link -----------------------------------------------------
    @property
    def unit_hold_ms(self) -> int | None:
        return seconds(self.unit_hold or "")

    @property
    def timers_aggressive(self) -> bool:
        """Sub-second polls or a unit holdtime under 3 s: CPU spikes or STP trip them."""
        polls = [seconds(self.unit_poll or ""), seconds(self.interface_poll or "")]
        hold = seconds(self.unit_hold or "")
        return any(p is not None and p < 1000 for p in polls) or (hold is not None and hold < 3000)

    @property
    def state_link_ok(self) -> bool | None:
        """Configured and up, or shared with the LAN link (judged there: one cable, one cause)."""
        if self.state_link_configured is None:
            return None
        if not self.state_link_configured:
            return False
        if self.pix6 and not self.state_link_state:
            return True  # PIX 6.x prints only "Status: Configured."
        return (self.state_link_state or "").lower() == "up" or (
            self.state_link_interface is not None
            and self.state_link_interface == self.lan_interface)

    @property
    def counters_with_errors(self) -> list[StatefulCounter]:
        return [c for c in self.counters if c.xerr > 0 or c.rerr > 0]

    @property
    def queue_full(self) -> bool:
        return any(q is not None and q >= QUEUE_LIMIT
                   for q in (self.xmit_queue_max, self.recv_queue_max))
