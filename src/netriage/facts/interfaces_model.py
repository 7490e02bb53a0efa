"""One interface as every captured output and the configuration describe it."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    unsupported_sfp: bool = False
    cannot_bundle: str = ""
    channel: str = ""  # the port-channel it is a member of
    # configuration
    cfg_speed: str = ""
    cfg_duplex: str = ""
    crypto_map: str = ""
    # what it is for
    matters: bool = False
    why: str = ""  # why it matters: "named outside", "has 10.1.1.1", "crypto map VPN"
    maybe_used: bool = False  # a description or VLAN, but nothing that proves use
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
