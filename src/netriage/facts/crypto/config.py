"""The crypto configuration model (ASA / PIX / FTD and IOS): what the running-config says
about IPsec, as crypto maps, IKE policies, transform sets, tunnel-groups, keys, ACLs,
interfaces, routes and NAT rules.

`crypto_config_sources.build_crypto_config` fills it from whatever configuration was captured.
A section output proves what it shows and says nothing about the rest, so the model records
the *scopes* its sources covered; a question about a scope nothing covered (is there an ACL
of that name? is IKE enabled on `outside`?) is Unknown, naming the command that would tell
(`CryptoConfig.need`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from netriage.engine.expr import Unknown
from netriage.facts.crypto.acl import AccessList, network

ALL = "all"
# scope -> what to capture to cover it, per family
SCOPE_COMMANDS = {
    "cisco_asa": {
        "crypto-map": "show running-config crypto map",
        "dynamic-map": "show running-config crypto dynamic-map",
        "ikev1": "show running-config crypto ikev1",
        "ikev2": "show running-config crypto ikev2",
        "isakmp": "show running-config crypto isakmp",
        "ipsec": "show running-config crypto ipsec",
        "tunnel-group": "show running-config tunnel-group",
        "access-list": "show running-config access-list",
        "sysopt": "show running-config all sysopt",
        "names": "show running-config names",
        "interface": "show running-config interface",
        "object": "show running-config object",
        "nat": "show running-config nat",
        "route": "show running-config route",
        "ca": "show running-config crypto ca",
    },
    "cisco_ios": {
        scope: "show running-config | section crypto"
        for scope in ("crypto-map", "dynamic-map", "ikev1", "ikev2", "isakmp", "ipsec", "keys")
    } | {
        "interface": "show running-config | section interface",
        "access-list": "show running-config | section access-list",
        "nat": "show running-config | section ip nat",
        "route": "show running-config | include ip route",
    },
}


# -- the model ------------------------------------------------------------------------------
@dataclass
class SessionKey:
    """IOS / PIX manual keying: `set session-key inbound esp 256 cipher K authenticator A`."""

    direction: str  # inbound / outbound
    protocol: str  # esp / ah
    spi: int
    cipher: str  # hex, "" for AH
    authenticator: str  # hex
    text: str  # the line as configured


@dataclass
class MapEntry:
    """One `crypto map NAME SEQ` (or `crypto dynamic-map NAME SEQ`) entry."""

    map: str
    seq: int
    kind: str  # ipsec-isakmp, ipsec-manual, dynamic (ipsec-isakmp dynamic X), gdoi, "" (ASA)
    dynamic_map: str = ""  # for `ipsec-isakmp dynamic X`
    acl: str = ""
    peers: list[str] = field(default_factory=list)
    transform_sets: list[str] = field(default_factory=list)  # ikev1 / IOS transform sets
    ikev2_proposals: list[str] = field(default_factory=list)  # ASA ikev2 ipsec-proposal
    pfs: str = ""  # "" none, else group1/group2/group5/group14/...
    lifetime_seconds: str = ""
    lifetime_kb: str = ""
    nat_t_disabled: bool = False
    phase1_mode: str = ""  # ASA `set ikev1 phase1-mode aggressive`
    isakmp_profile: str = ""
    ikev2_profile: str = ""
    session_keys: list[SessionKey] = field(default_factory=list)
    is_dynamic_template: bool = False  # an entry of a `crypto dynamic-map`

    @property
    def peer(self) -> str:
        return self.peers[0] if self.peers else ""

    @property
    def manual(self) -> bool:
        return self.kind == "ipsec-manual"

    @property
    def ike_versions(self) -> set[str]:
        versions = set()
        if self.transform_sets:
            versions.add("ikev1")
        if self.ikev2_proposals or self.ikev2_profile:
            versions.add("ikev2")
        return versions


@dataclass
class CryptoMap:
    name: str
    entries: list[MapEntry] = field(default_factory=list)
    interfaces: list[str] = field(default_factory=list)  # nameif (ASA), interface (IOS)

    def entry(self, seq: int) -> MapEntry | None:
        return next((e for e in self.entries if e.seq == seq), None)


@dataclass
class IkePolicy:
    version: str  # ikev1 / ikev2
    priority: int
    encryption: list[str] = field(default_factory=list)
    integrity: list[str] = field(default_factory=list)  # `hash` for IKEv1
    groups: list[str] = field(default_factory=list)
    authentication: str = ""
    lifetime: str = ""
    prf: list[str] = field(default_factory=list)
    proposals: list[str] = field(default_factory=list)  # IOS `crypto ikev2 policy` -> proposals
    name: str = ""  # IOS `crypto ikev2 proposal NAME`

    @property
    def weak(self) -> list[str]:
        bad = [e for e in self.encryption if e in ("des", "3des")]
        bad += [h for h in self.integrity if h == "md5"]
        bad += [f"group {g}" for g in self.groups if g in ("1", "2", "5")]
        return bad


@dataclass
class TransformSet:
    name: str
    kind: str  # ikev1 (ASA/PIX/IOS transform-set) / ikev2 (ASA ipsec-proposal)
    transforms: list[str] = field(default_factory=list)  # esp-aes-256, esp-sha-hmac, "esp-aes 256"
    encryption: list[str] = field(default_factory=list)  # IKEv2 proposals
    integrity: list[str] = field(default_factory=list)
    mode: str = "tunnel"

    @property
    def weak(self) -> list[str]:
        bad = [t for t in self.transforms
               if re.match(r"(esp-(des|3des|md5-hmac|null)|ah-md5-hmac)\b", t)]
        bad += [e for e in self.encryption if e in ("des", "3des", "null")]
        bad += [i for i in self.integrity if i == "md5"]
        return bad


@dataclass
class TunnelGroup:
    name: str
    type: str = ""  # ipsec-l2l, remote-access, ipsec-ra, "" when no type line
    ikev1_psk: str = ""  # the key ("*****" when masked), "" when none
    ikev2_local_psk: str = ""
    ikev2_remote_psk: str = ""
    keepalive_disabled: bool = False
    certificate_auth: bool = False  # ikev1 trust-point / ikev2 ... certificate


@dataclass
class PresharedKey:
    """IOS `crypto isakmp key` / keyring `pre-shared-key address`; PIX 6 `isakmp key`."""

    key: str
    address: str
    mask: str  # "" = host
    keyring: str = ""  # "" for global keys
    version: str = "ikev1"
    encrypted: bool = False  # IOS type 6: the text is not the key (pair checks cannot compare)

    @property
    def wildcard(self) -> bool:
        any_address = ("0.0.0.0", "0")  # noqa: S104 - addresses in a key, not a bind
        return self.address in any_address and self.mask in ("0.0.0.0", "")  # noqa: S104

    def covers(self, peer: str) -> bool:
        net = network(self.address, self.mask) if self.mask else network(self.address)
        address = network(peer)
        return bool(net and address and net.version == address.version
                    and address.subnet_of(net))  # type: ignore[arg-type]


@dataclass
class Ikev2Profile:
    """IOS `crypto ikev2 profile`: which peers it matches and how it authenticates."""

    name: str
    match_addresses: list[str] = field(default_factory=list)  # "IP MASK"
    auth_local: str = ""
    auth_remote: str = ""
    keyring: str = ""
    dpd: bool = False


@dataclass
class Interface:
    name: str  # physical / logical interface (GigabitEthernet0/0)
    nameif: str = ""  # ASA nameif
    address: str = ""
    mask: str = ""
    crypto_map: str = ""  # IOS `crypto map NAME` under the interface
    shutdown: bool = False


@dataclass
class Route:
    interface: str  # ASA nameif, "" on IOS unless given
    network: str
    mask: str
    next_hop: str


@dataclass
class NatRule:
    """A NAT rule as far as VPN traffic cares: does it exempt or translate a source?

    ASA: twice NAT (`nat (in,out) source static A A destination static B B` is an exemption,
    `source dynamic ...` a translation), auto NAT inside `object network` (section 2), pre-8.3
    `nat (inside) 0 access-list ACL` / `nat (inside) 1 ...`; IOS `ip nat inside source list
    ACL ...` (the ACL decides, first match).
    """

    text: str
    # exempt (identity: traffic keeps its addresses) / dynamic or static (translates) / acl
    # (the ACL's first match decides: IOS list, ASA nat 0) / route-map (not evaluated here)
    kind: str
    source: str  # object or object-group name, "any", "net/mask", or an ACL name for kind acl
    destination: str = ""  # twice NAT: the real destination it applies to; "" = any
    section: int = 1  # ASA: 0 `nat 0`, 1 manual, 2 auto (object), 3 after-auto
    acl_permit_translates: bool = True  # IOS list: permit = translate; ASA nat 0: permit = exempt
    interfaces: tuple[str, str] = ("any", "any")  # ASA (real, mapped) nameifs
    partial: bool = False  # `service` limits it to some ports: never a whole exemption


@dataclass
class CryptoConfig:
    family: str
    covered: set[str] = field(default_factory=set)  # scopes some source covered
    sources: list[str] = field(default_factory=list)  # commands read
    maps: list[CryptoMap] = field(default_factory=list)
    dynamic_maps: list[CryptoMap] = field(default_factory=list)
    map_bindings: list[tuple[str, str]] = field(default_factory=list)  # (map, interface) as seen
    ike_enabled: dict[str, set[str]] = field(default_factory=dict)  # ASA nameif -> versions
    isakmp_disabled: bool = False  # IOS `no crypto isakmp`
    policies: list[IkePolicy] = field(default_factory=list)
    ikev2_proposals: list[IkePolicy] = field(default_factory=list)  # IOS ikev2 proposals
    transform_sets: list[TransformSet] = field(default_factory=list)
    tunnel_groups: list[TunnelGroup] = field(default_factory=list)
    keys: list[PresharedKey] = field(default_factory=list)
    ikev2_profiles: list[Ikev2Profile] = field(default_factory=list)
    acls: dict[str, AccessList] = field(default_factory=dict)
    interfaces: list[Interface] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # ASA `name IP NAME`: name -> IP
    objects: dict[str, str] = field(default_factory=dict)  # ASA network object -> "net/mask"
    # ASA network object-groups -> members: "net/mask", an address, "object:X", "group:X"
    object_groups: dict[str, list[str]] = field(default_factory=dict)
    identity: str = ""  # address / hostname / auto / key-id / dn; "" = default
    nat_traversal: bool = True  # ASA 7.2+ and IOS default on
    am_disabled: bool = False  # ASA `crypto ikev1 am-disable`, IOS `aggressive-mode disable`
    keepalive: bool = False  # IOS `crypto isakmp keepalive` (DPD)
    ikev2_dpd: bool = False  # IOS `crypto ikev2 dpd`
    sysopt_permit_vpn: bool = True  # ASA default on
    nat_rules: list[NatRule] = field(default_factory=list)
    routes: list[Route] = field(default_factory=list)
    legacy_isakmp: bool = False  # ASA before 8.4 (`crypto isakmp enable`), PIX 6 style
    pix6: bool = False
    trustpoints: list[str] = field(default_factory=list)

    # -- lookups that say Unknown when nothing captured could tell ---------------------------
    def need(self, *scopes: str) -> None:
        if ALL in self.covered:
            return
        missing = [s for s in scopes if s not in self.covered]
        if missing:
            commands = tuple(dict.fromkeys(SCOPE_COMMANDS.get(self.family, {}).get(
                s, "show running-config") for s in missing))
            raise Unknown(f"the configuration of {', '.join(missing)} was not captured",
                          commands)

    def all_entries(self) -> list[MapEntry]:
        return [e for m in self.maps for e in m.entries]

    def crypto_map(self, name: str) -> CryptoMap | None:
        return next((m for m in self.maps if m.name == name), None)

    def transform_set(self, name: str) -> TransformSet | None:
        return next((t for t in self.transform_sets if t.name == name), None)

    def tunnel_group(self, name: str) -> TunnelGroup | None:
        return next((t for t in self.tunnel_groups if t.name == name), None)

    def resolve(self, peer: str) -> str:
        """An ASA `name` to its address (peers and SA outputs may print names)."""
        return self.names.get(peer, peer)

    def nameif_of(self, interface: str) -> str:
        for item in self.interfaces:
            if interface in (item.name, item.nameif):
                return item.nameif or item.name
        return interface
