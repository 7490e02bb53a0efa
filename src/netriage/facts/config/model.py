"""Typed pieces of a running-config, as the config and interface checks read them.

Every item a finding lists carries the text and source line of the line that decided it, so
the trees' evidence patterns can select exactly that line, and the names the fix needs (ACL,
sequence, interface, `line vty 0 4`), so the fix is copy-ready.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    """One configuration line that shows a problem.

    For findings whose repair depends on where the line sits (an enable password, a user and
    a line password are each replaced differently) the fix is `mode` then `set`, and the
    rollback `back` then `undo`: `mode` / `back` enter the block (`line vty 0 4`) or clear
    the old setting (`no username admin`), or are `!` (a comment: nothing to do) for a
    global command.
    """

    text: str  # the line, stripped
    line: int  # line in the source file (0 when the source has none)
    command: str  # the output it is in
    parent: str | None = None  # the block it sits in, e.g. "line vty 0 4"; None at top level
    name: str = ""  # what it is about: user, ACL, community, peer, interface
    detail: str = ""  # why it is flagged, for the explanation
    mode: str = "!"
    set: str = ""
    back: str = "!"
    undo: str = ""
    then: str = "!"  # a second repair command where one is needed (`no password`)


@dataclass(frozen=True)
class TermLine:
    """An IOS `line con 0` / `line aux 0` / `line vty 0 4` block."""

    kind: str  # con, aux, vty, tty
    header: str  # "line vty 0 4"
    text: str  # the same, for evidence patterns shared with Hit
    line: int
    first: int
    last: int
    login: str  # "none", "line" (line password), "local", "aaa"
    password: str  # "" none, "clear", "7", "secret"
    access_class: str  # ACL name, "" when none
    telnet: bool | None  # telnet accepted; None when `transport input` is absent and the
    # release's default cannot be told
    ssh: bool | None
    exec_enabled: bool  # False with `no exec`
    exec_timeout: int | None  # minutes; 0 = never; None = default (10)
    timeout_text: str | None  # the exec-timeout line as printed; None for the default
    login_line: str | None  # the line that decides the login check ("no login", "login")
    login_fix: str  # what gives this line authentication on this device
    login_undo: str  # what takes that back
    transport_undo: str  # what restores the `transport input` it has today


@dataclass(frozen=True)
class CfgInterface:
    """What the configuration says about one interface."""

    name: str  # as configured, e.g. "GigabitEthernet0/1"
    key: str  # canonical lower-case name, see `config.iface_key`
    line: int
    shutdown: bool
    description: str = ""
    nameif: str = ""  # ASA / PIX
    security_level: int | None = None
    ip: str = ""  # "" when none; "dhcp" / "negotiated" / "pppoe" for dynamic addressing
    mask: str = ""
    standby: str = ""
    speed: str = ""  # "" = auto / not configured
    duplex: str = ""
    crypto_map: str = ""
    acl_in: str = ""
    acl_out: str = ""
    vlan: str = ""  # ASA subinterface `vlan <id>`
    nat_outside: bool = False
    channel_group: str = ""
    mtu: str = ""
    switchport_mode: str = ""
    access_vlan: str = ""
    management_only: bool = False


@dataclass(frozen=True)
class Route:
    text: str
    line: int
    command: str
    interface: str  # ASA nameif / IOS exit interface, "" when none
    network: str
    mask: str
    next_hop: str
    problem: str = ""  # why it would be rejected or never installed


@dataclass(frozen=True)
class AclLine:
    """One ACL entry (or remark) in configuration order."""

    acl: str
    kind: str  # "extended" or "standard"
    numbered: bool  # IOS `access-list 101 ...` (its lines are top-level)
    text: str  # the configuration line, stripped
    ace: str  # the entry without the ACL name, sequence or `line N` (IOS mode syntax)
    asa_ace: str  # ASA / PIX: what follows `access-list <name> ` (with `extended`)
    action: str  # permit, deny, remark, other
    seq: int  # IOS sequence number (printed, or 10, 20, ... as IOS numbers them)
    position: int  # ASA `line N` (remarks count)
    line: int
    command: str
    inactive: bool = False  # ASA `inactive`: never matches
    problem: str = ""  # "invalid" or "incomplete"
    detail: str = ""  # what is wrong, for a person
    suggestion: str = ""  # the entry as it was probably meant (from the action on)
    asa_prefix: str = ""  # ASA / PIX: `access-list <name> extended ` (PIX 6.x: no keyword)


@dataclass(frozen=True)
class Shadow:
    """An ACL entry that can never match because an earlier one already matches its traffic."""

    acl: str
    kind: str
    text: str
    ace: str
    asa_ace: str
    seq: int
    position: int
    line: int
    by_text: str  # the earlier entry that matches first
    by_ace: str
    by_seq: int
    by_position: int
    by_line: int
    relation: str  # "never reached" (opposite action) or "redundant" (same action)
    insert_seq: int | None  # IOS: a free sequence number just above the earlier entry
    insert_line: int  # ASA: the line number to insert at, above the earlier entry


@dataclass(frozen=True)
class AclRef:
    """A reference to an ACL by name: interface, line, global access-group, SNMP."""

    acl: str
    text: str  # the referencing line
    line: int
    command: str
    where: str  # "interface GigabitEthernet0/1 in", "line vty 0 4", "snmp-server"
    mode: str  # block to enter to change it, "!" for a top-level line
    interface: str = ""  # interface (IOS) or nameif (ASA) for access-groups
    direction: str = ""  # in / out
    fixed: str = ""  # the referencing line pointing at an existing ACL (to fill in)


@dataclass(frozen=True)
class PermitAny:
    """A `permit ip any any` in an ACL applied inbound on an interface."""

    acl: str
    kind: str
    text: str
    ace: str
    asa_ace: str
    seq: int
    position: int
    line: int
    interface: str  # interface name (IOS) or nameif (ASA)
    applied: str  # the access-group line
    why_outside: str  # what shows the interface faces the Internet ("" when unknown)
