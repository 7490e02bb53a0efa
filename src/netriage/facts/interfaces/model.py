"""One interface as every captured output and the configuration describe it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# Error counters are lifetime counters (since boot or `clear counters`), so a few errors from
# a cable swap months ago mean nothing. One is significant from MIN_COUNT errors and
# MIN_SHARE of the packets: 0.01 %, lower than the catalog's 0.1 % between two runs, because
# lifetime counters dilute a current problem with every good hour before it.
MIN_COUNT = 10
MIN_SHARE = 0.0001
# Output drops are normal in bursts; only a steady share points at congestion.
DROP_MIN_COUNT = 100
DROP_MIN_SHARE = 0.001
# Flapping: this many downs in the log buffer, or this many carrier transitions.
FLAP_DOWNS = 3
FLAP_CARRIER = 10
# Interface resets with no flap behind them (every link change adds one or two).
RESET_COUNT = 20
PIX_UNUSED_NAME = re.compile(r"^intf\d+$")  # PIX 6.x names every spare interface intfN


def significant(count: int | None, packets: int | None, *, minimum: int = MIN_COUNT,
                share: float = MIN_SHARE) -> bool:
    if not count or count < minimum:
        return False
    return not packets or count >= share * packets


@dataclass
class Interface:
    """What the outputs say about one interface; None where nothing captured tells.

    `name` is the long form as `show interfaces` / `show interface` print it (the config's
    spelling when only the config names it); `short` is how `show interfaces status`, the
    err-disabled table and the counters table print it; `log_name` how `show logging` does.
    """

    name: str
    key: str
    short: str | None = None  # None when no such output names it
    log_name: str | None = None
    nameif: str = ""
    nameif_known: bool = False  # an output that prints names was read (not ip brief)
    security_level: int | None = None
    description: str = ""
    hardware: str = ""
    status: str | None = None  # up, down, administratively down, deleted, reset
    protocol: str | None = None  # up, down
    protocol_note: str = ""  # (connected) (notconnect) (err-disabled) (monitoring) (disabled)
    switch_status: str = ""  # show interfaces status: connected, notconnect, disabled, ...
    vlan: str = ""  # show interfaces status Vlan column; ASA subinterface VLAN
    ip: str = ""  # "" when none is known
    ip_known: bool = False  # an output that lists addresses was read
    duplex: str | None = None  # full, half, auto (not negotiated: link down)
    duplex_hardcoded: bool | None = None
    speed: str | None = None  # as negotiated / set: "100", "1000", "auto"
    speed_hardcoded: bool | None = None
    mtu: int | None = None
    encapsulation: str = ""  # IOS: hdlc, ppp, frame-relay, arpa ... ("" when not printed)
    # counters
    input_packets: int | None = None
    output_packets: int | None = None
    input_errors: int | None = None
    crc: int | None = None
    frame: int | None = None
    runts: int | None = None
    giants: int | None = None
    overrun: int | None = None
    ignored: int | None = None
    no_buffer: int | None = None
    collisions: int | None = None
    late_collisions: int | None = None
    deferred: int | None = None
    output_errors: int | None = None
    underruns: int | None = None
    output_drops: int | None = None
    resets: int | None = None
    carrier_transitions: int | None = None
    lost_carrier: int | None = None
    queue_exhausted: bool = False  # ASA: the output ring ran out of free blocks (low mark 0)
    queue_known: bool = False  # ASA: the queue numbers count free blocks on this platform
    output_queue: str = ""  # ASA "free/low", as printed
    counters_source: str = ""  # the command the counters came from
    # err-disable
    err_disabled: bool | None = None
    err_reason: str = ""  # "" when no output says
    recovery: str = ""  # "enabled" / "disabled" for its cause in show errdisable recovery
    recovery_left: str = ""  # seconds until the recovery timer re-enables it
    # logs
    log_downs: int | None = None  # None when show logging was not read
    cdp_mismatch: str = ""
    far_device: str = ""  # the neighbour at the far end, when CDP named it
    far_port: str = ""  # its port, when CDP named it
    unsupported_sfp: bool = False
    cannot_bundle: str = ""
    channel: str = ""  # the port-channel it is a member of
    # configuration
    cfg_speed: str = ""
    cfg_duplex: str = ""
    cfg_read: bool = False  # the running-config's block for this interface was read
    crypto_map: str = ""
    # what it is for
    matters: bool = False
    why: str = ""  # why it matters: "named outside", "has 10.1.1.1", "crypto map VPN"
    maybe_used: bool = False  # a description or VLAN, but nothing that proves use
    # what shows the port is in use, beyond its own configuration: a link now, traffic on its
    # counters, a description, something else that depends on it (a crypto map, the failover
    # link, named subinterfaces); "" when none. An address or a nameif alone is configuration,
    # not use: a shut port that only has them may be a decommissioned one (interfaces-unused
    # asks).
    in_use: str = ""
    failover_monitored: bool | None = None  # show failover lists it Monitored; None unknown
    failover_pair: bool | None = None  # the configuration enables failover; None not read
    elsewhere: str = ""  # judged by another tree (the failover link)
    internal: bool = False  # ASA Internal-Data, Null0, NVI0: never a fault of their own
    subinterface: bool = False
    parent: str = ""  # the physical interface of a subinterface
    has_named_children: bool = False
    failover_link: bool = False
    monitoring: bool = False  # SPAN destination: "line protocol is down (monitoring)"
    management_only: bool = False  # ASA "Management-only interface": no through traffic

    @property
    def admin_down(self) -> bool | None:
        if self.status is not None:
            return self.status.startswith("admin")
        if self.switch_status:
            return self.switch_status == "disabled"
        return None

    @property
    def management(self) -> bool:
        """A management port: `management-only`, or named Management0/0 and the like."""
        return self.management_only or self.name.lower().startswith("management")

    @property
    def up(self) -> bool:
        return self.status == "up" or self.switch_status in ("connected", "monitoring")

    @property
    def port(self) -> str:
        """The short name where a switch output gave one, else the long name."""
        return self.short or self.name

    @property
    def drops_text(self) -> str:
        """What shows the output drops: the IOS counter, or the ASA's exhausted queue."""
        if self.output_drops is not None:
            return f"{self.output_drops} output drops in {self.output_packets} packets"
        return f"output queue exhausted ({self.output_queue} blocks free now/lowest)"

    @property
    def flap_text(self) -> str:
        parts = []
        if self.log_downs:
            parts.append(f"went down {self.log_downs} times in the log")
        if self.carrier_transitions:
            parts.append(f"{self.carrier_transitions} carrier transitions")
        return ", ".join(parts)

    @property
    def negotiation(self) -> str:
        """What the capture says about how this end set its duplex (a fact, not a cause)."""
        duplex = self.duplex or "unknown"
        if self.duplex_hardcoded is True:
            return f"{duplex} duplex, hard-coded on this end"
        if self.duplex_hardcoded is False:
            return f"{duplex} duplex, negotiated by this end"
        return f"{duplex} duplex; whether this end negotiates it is not in the capture"

    @property
    def flap_impact(self) -> str:
        """The one-line impact of a speed/duplex change or a bounce on this port."""
        text = f"Flaps {self.title}: its link drops and renegotiates, traffic on it stops meanwhile"
        if self.failover_monitored:
            return text + "; it is a monitored failover interface, so the pair may fail over"
        if self.failover_monitored is None and self.failover_pair is not False and (
                self.nameif or self.failover_pair):
            return text + "; if failover monitors it, the pair may fail over"
        return text

    @property
    def negotiates(self) -> bool:
        """Both speed and duplex are known to negotiate on this end: `speed auto` / `duplex
        auto` would change nothing here (unknown counts as set, so the fix says it)."""
        return self.speed_hardcoded is False and self.duplex_hardcoded is False

    @property
    def speed_auto_line(self) -> str:
        return "! speed already negotiates here" if self.negotiates else "speed auto"

    @property
    def duplex_auto_line(self) -> str:
        return "! duplex already negotiates here" if self.negotiates else "duplex auto"

    @property
    def speed_undo(self) -> str:
        """The rollback of `speed_auto_line`: nothing when it changed nothing."""
        return "! nothing was changed here" if self.negotiates else self.speed_line

    @property
    def duplex_undo(self) -> str:
        return "! nothing was changed here" if self.negotiates else self.duplex_line

    @property
    def auto_impact(self) -> str:
        """Impact of setting this end to auto: none when it already negotiates."""
        if self.negotiates:
            return f"None on {self.title}: it already negotiates; only the far end changes."
        return self.flap_impact + "."

    @property
    def standby(self) -> str:
        """The standby part of an ASA `ip address` line: a pair (or a configuration not read)
        needs the mate's address, a single unit none."""
        return "" if self.failover_pair is False else "standby <standby-ip>"

    @property
    def far(self) -> str:
        """The far-end port for a switch-side fix: CDP's name for it, else a placeholder."""
        return self.far_port or "<far-end-port>"

    @property
    def old_speed(self) -> str:
        """The speed a rollback restores: as configured, `auto` when the configuration was
        read and sets none, "" when it was not captured."""
        return self.cfg_speed or ("auto" if self.cfg_read else "")

    @property
    def old_duplex(self) -> str:
        return self.cfg_duplex or ("auto" if self.cfg_read else "")

    @property
    def speed_line(self) -> str:
        """The rollback's speed line, or a comment when the configuration was not captured."""
        return (f"speed {self.old_speed}" if self.old_speed else
                "! put back the speed line it had (its configuration was not captured)")

    @property
    def duplex_line(self) -> str:
        return (f"duplex {self.old_duplex}" if self.old_duplex else
                "! put back the duplex line it had (its configuration was not captured)")

    @property
    def pix_speed(self) -> str:
        """PIX 6: the `interface <hw> <speed>` keyword a rollback restores."""
        return self.cfg_speed or ("auto" if self.cfg_read else "<previous-speed>")

    @property
    def updown_advice(self) -> str:
        """What to look at for `up, line protocol is down`, by the kind of interface."""
        lower = self.name.lower()
        if lower.startswith(("serial", "multilink")):
            return (f"serial: the same encapsulation on both ends (this end: "
                    f"{self.encapsulation or 'see show interfaces'}), a clock from the DCE end "
                    f"(show controllers {self.name})")
        if lower.startswith("vlan"):
            return "SVI: no port of its VLAN is up: put an up port into it (show vlan brief)"
        return "Ethernet: look at keepalive, UDLD and 802.1X on both ends"

    @property
    def updown_line(self) -> str:
        """The interface line that fixes it, or a comment where nothing here can."""
        if self.name.lower().startswith(("serial", "multilink")):
            return "encapsulation <far-end-encapsulation>"
        return "! nothing to change on this interface itself"

    @property
    def updown_undo(self) -> str:
        if self.name.lower().startswith(("serial", "multilink")):
            return f"encapsulation {self.encapsulation or '<previous-encapsulation>'}"
        return "! nothing was changed"

    @property
    def recovery_line(self) -> str:
        """The optional automatic-recovery line of an err-disabled port's fix: a comment when
        its cause is not known or its recovery is already enabled (nothing to add, nothing
        for the rollback to take away)."""
        if not self.err_reason:
            return ("! automatic recovery: errdisable recovery cause <cause> (the cause was "
                    "not captured)")
        if self.recovery == "enabled":
            return f"! automatic recovery for {self.err_reason} is already enabled"
        return f"errdisable recovery cause {self.err_reason}"

    @property
    def recovery_undo(self) -> str:
        if self.err_reason and self.recovery != "enabled":
            return f"no errdisable recovery cause {self.err_reason}"
        return "! automatic recovery was not changed"

    @property
    def prepared(self) -> str:
        """What makes a port look prepared for use: its description, VLAN or configuration."""
        parts = []
        if self.description:
            parts.append(f"description '{self.description}'")
        if self.why:
            parts.append(self.why)
        elif self.vlan and self.vlan not in ("1", "routed", "unassigned"):
            parts.append(f"VLAN {self.vlan}")
        return ", ".join(parts) or "nothing captured"

    @property
    def title(self) -> str:
        """How a finding names it: `GigabitEthernet0/1 (outside)`."""
        return f"{self.name} ({self.nameif})" if self.nameif else self.name


@dataclass(frozen=True)
class SameSecurity:
    """Named interfaces sharing one security level with no same-security permit."""

    level: int
    names: str  # "dmz, guest"
    first: str  # nameif of the first, for fixes
    second: str
    first_if: str = ""  # the physical interface of the first (PIX 6 `nameif` needs it)


@dataclass
class InterfaceFacts:
    platform: str  # catalog tag: asa, ftd, pix, ios
    interfaces: list[Interface] = field(default_factory=list)
    errdisable_interval: int | None = None
    transparent: bool | None = None  # ASA firewall mode, when the config tells
    # what the trees judge: lists of Interface (or SameSecurity), or an Unknown
    admin_down: Any = None
    maybe_unused_shut: Any = None  # described ports, shut: only people know if in use
    maybe_unused_down: Any = None  # described ports, not connected
    down_down: Any = None
    speed_suspects: Any = None  # down/down with a hard-coded speed
    up_down: Any = None
    err_disabled: Any = None
    err_bpduguard: Any = None
    err_psecure: Any = None
    err_sfp: Any = None
    vlan_inactive: Any = None
    channel_suspended: Any = None
    duplex_mismatch: Any = None
    duplex_suspects: Any = None  # hard-coded full duplex with CRC/runts: ask about the far end
    half_duplex: Any = None
    crc_errors: Any = None
    runts: Any = None
    giants: Any = None
    overruns: Any = None
    output_drops: Any = None
    output_errors: Any = None
    flapping: Any = None
    resets: Any = None
    asa_no_nameif: Any = None
    asa_no_ip: Any = None
    asa_subif_no_vlan: Any = None
    asa_same_security: Any = None
