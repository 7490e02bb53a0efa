"""Crypto configuration (ASA / PIX / FTD and IOS): what the running-config says about IPsec.

Read from the full configuration (`more system:running-config` first: it shows the keys
`show running-config` masks; `show running-config`; PIX `write terminal`) or, lacking one,
merged from section commands (`show running-config crypto map`, `... tunnel-group`,
`show run | section crypto` ...). A section output proves what it shows and says nothing about
the rest, so each source declares the *scopes* it covers; a question about a scope nothing
covered (is there an ACL of that name? is IKE enabled on `outside`?) is Unknown, naming the
command that would tell.

This module parses the crypto sections itself (another engineer builds the generic config
model concurrently); the lines are grouped by indentation, as both families print them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from netriage.capture.model import Device, Entry
from netriage.engine.expr import Unknown
from netriage.facts.crypto_acl import AccessList, network, parse_ace

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
_CRYPTO_SCOPES = frozenset({"crypto-map", "dynamic-map", "ikev1", "ikev2", "isakmp", "ipsec",
                            "keys", "ca"})
_ASA_SECTIONS = {
    "show running-config crypto": _CRYPTO_SCOPES,
    "show running-config crypto map": frozenset({"crypto-map"}),
    "show running-config all crypto map": frozenset({"crypto-map"}),
    "show running-config crypto dynamic-map": frozenset({"dynamic-map"}),
    "show running-config all crypto dynamic-map": frozenset({"dynamic-map"}),
    "show running-config crypto ikev1": frozenset({"ikev1"}),
    "show running-config all crypto ikev1": frozenset({"ikev1"}),
    "show running-config crypto ikev2": frozenset({"ikev2"}),
    "show running-config all crypto ikev2": frozenset({"ikev2"}),
    "show running-config crypto isakmp": frozenset({"isakmp", "ikev1"}),
    "show running-config all crypto isakmp": frozenset({"isakmp", "ikev1"}),
    "show running-config crypto ipsec": frozenset({"ipsec"}),
    "show running-config all crypto ipsec": frozenset({"ipsec"}),
    "show running-config crypto ca": frozenset({"ca"}),
    "show running-config tunnel-group": frozenset({"tunnel-group"}),
    "show running-config all tunnel-group": frozenset({"tunnel-group"}),
    "show running-config access-list": frozenset({"access-list"}),
    "show running-config sysopt": frozenset({"sysopt"}),
    "show running-config all sysopt": frozenset({"sysopt"}),
    "show running-config names": frozenset({"names"}),
    "show running-config name": frozenset({"names"}),
    "show running-config interface": frozenset({"interface"}),
    "show running-config object": frozenset({"object"}),
    "show running-config object network": frozenset({"object"}),
    "show running-config object-group": frozenset({"object"}),
    "show running-config nat": frozenset({"nat"}),
    "show running-config route": frozenset({"route"}),
}
# IOS `show running-config | section WORD`: the sections whose parent line matches WORD
_IOS_SECTION_SCOPES = {
    "crypto": _CRYPTO_SCOPES, "interface": frozenset({"interface"}),
    "access-list": frozenset({"access-list"}), "ip access-list": frozenset({"access-list"}),
    "ip nat": frozenset({"nat"}), "ip route": frozenset({"route"}),
}
FULL_CONFIGS = ("more system:running-config", "show running-config", "write terminal")
_REJECTED = re.compile(r"^\s*(ERROR:\s*)?%\s*(Invalid input|Incomplete command|Unrecognized"
                       r" command|Ambiguous command)", re.IGNORECASE | re.MULTILINE)


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
    kind: str  # exempt / dynamic / acl (the ACL's first match decides: IOS list, nat 0)
    source: str  # object name, "any", or an ACL name for kind acl
    destination: str = ""  # object name for twice NAT exemptions
    section: int = 1  # ASA: 1 manual, 2 auto (object), 3 after-auto
    acl_permit_translates: bool = True  # IOS list: permit = translate; ASA nat 0: permit = exempt


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


# -- sources --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    command: str
    scopes: frozenset[str]
    text: str
    entry: Entry


def _usable(entry: Entry) -> bool:
    return not entry.truncated and not _REJECTED.search(entry.output[:2000])


def config_sources(device: Device, family: str) -> list[Source]:
    """The outputs that show configuration, best first; a full config makes the rest moot."""
    for command in FULL_CONFIGS:
        entry = device.find(command)
        if entry is not None and _usable(entry) and entry.output.strip():
            return [Source(command, frozenset({ALL}), entry.output, entry)]
    sources: list[Source] = []
    seen: set[int] = set()
    for entry in reversed(device.entries):
        if id(entry) in seen or not _usable(entry):
            continue
        scopes = _scopes_of(entry, family)
        if scopes:
            seen.add(id(entry))
            sources.append(Source(entry.command + (f" {entry.filter}" if entry.filter else ""),
                                  scopes, entry.output, entry))
    return sources


def _scopes_of(entry: Entry, family: str) -> frozenset[str]:
    command = entry.command
    if family == "cisco_ios":
        if command in ("show running-config", "show running-config all") and entry.filter:
            match = re.fullmatch(r"\|\s*section\s+(?:include\s+)?(.+)", entry.filter)
            if match:
                word = match.group(1).strip().strip('"')
                return _IOS_SECTION_SCOPES.get(word, frozenset())
        return frozenset()
    if entry.filtered:
        match = re.fullmatch(r"\|\s*begin\s+(.+)", entry.filter)
        if command == "show running-config" and match and match.group(1).strip() in (
                "tunnel-group", "tunnel-group "):
            return frozenset({"tunnel-group"})
        return frozenset()
    return _ASA_SECTIONS.get(command, frozenset())


# -- grouping -------------------------------------------------------------------------------
def blocks(text: str) -> list[tuple[str, list[str]]]:
    """(top-level line, indented child lines), comments and blank lines dropped."""
    out: list[tuple[str, list[str]]] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("!") or line.startswith(":"):
            continue
        if line[0] in " \t" and out:
            out[-1][1].append(line.strip())
        else:
            out.append((line.strip(), []))
    return out


def _merge(sources: list[Source]) -> list[tuple[str, list[str]]]:
    merged: list[tuple[str, list[str]]] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for source in sources:
        for head, children in blocks(source.text):
            key = (head, tuple(children))
            if key not in seen:
                seen.add(key)
                merged.append((head, children))
    return merged


def build_crypto_config(device: Device, family: str) -> CryptoConfig:
    sources = config_sources(device, family)
    if not sources:
        raise Unknown("no running-config (or crypto section of it) was captured",
                      ("show running-config",))
    config = CryptoConfig(family=family, sources=[s.command for s in sources])
    for source in sources:
        config.covered |= source.scopes
    parse = _parse_ios if family == "cisco_ios" else _parse_asa
    parse(config, _merge(sources))
    _resolve_acl_objects(config)
    return config


# -- ASA / PIX ------------------------------------------------------------------------------
_MAP = re.compile(r"^crypto (map|dynamic-map) (\S+) (\d+) (.*)$")
_PIX6_MAP = re.compile(r"^crypto map (\S+) (\d+) (ipsec-isakmp|ipsec-manual)(?: dynamic (\S+))?$")


def _entry(config: CryptoConfig, kind: str, name: str, seq: int) -> MapEntry:
    maps = config.maps if kind == "map" else config.dynamic_maps
    crypto_map = next((m for m in maps if m.name == name), None)
    if crypto_map is None:
        crypto_map = CryptoMap(name)
        maps.append(crypto_map)
    entry = crypto_map.entry(seq)
    if entry is None:
        entry = MapEntry(name, seq, "", is_dynamic_template=kind == "dynamic-map")
        crypto_map.entries.append(entry)
    return entry


def _set_on_entry(entry: MapEntry, rest: str, config: CryptoConfig) -> None:
    """`match address X` / `set peer ...` / ... (ASA one-liners, IOS map children)."""
    words = rest.split()
    if not words:
        return
    if words[:2] == ["match", "address"] and len(words) > 2:
        entry.acl = words[2]
    elif words[0] == "ipsec-isakmp" or words[0] == "ipsec-manual" or words[0] == "gdoi":
        entry.kind = words[0]
        if len(words) > 2 and words[1] == "dynamic":
            entry.kind, entry.dynamic_map = "dynamic", words[2]
    elif words[0] != "set" or len(words) < 2:
        return
    elif words[1] == "peer":
        entry.peers += [p for p in words[2:] if p not in entry.peers and p != "default"]
    elif words[1:3] == ["ikev1", "transform-set"] or words[1] == "transform-set":
        start = 3 if words[1] == "ikev1" else 2
        entry.transform_sets += [t for t in words[start:] if t not in entry.transform_sets]
    elif words[1:3] == ["ikev2", "ipsec-proposal"]:
        entry.ikev2_proposals += [p for p in words[3:] if p not in entry.ikev2_proposals]
    elif words[1] == "pfs":
        entry.pfs = words[2] if len(words) > 2 else "group2"  # `set pfs` alone means group 2
    elif words[1:4] == ["security-association", "lifetime", "seconds"] and len(words) > 4:
        entry.lifetime_seconds = words[4]
    elif words[1:4] == ["security-association", "lifetime", "kilobytes"] and len(words) > 4:
        entry.lifetime_kb = words[4]
    elif words[1] == "nat-t-disable":
        entry.nat_t_disabled = True
    elif words[1:3] == ["ikev1", "phase1-mode"] and len(words) > 3:
        entry.phase1_mode = words[3]
    elif words[1] == "isakmp-profile" and len(words) > 2:
        entry.isakmp_profile = words[2]
    elif words[1] == "ikev2-profile" and len(words) > 2:
        entry.ikev2_profile = words[2]
    elif words[1] == "session-key":
        key = _session_key(words[2:], rest)
        if key is not None:
            entry.session_keys.append(key)


def _session_key(words: list[str], text: str) -> SessionKey | None:
    """`inbound esp 256 cipher [0] HEX authenticator [0] HEX` / `outbound ah 257 HEX`."""
    if len(words) < 3 or words[0] not in ("inbound", "outbound") or not words[2].isdigit():
        return None
    cipher = authenticator = ""
    rest = [w for w in words[3:] if w not in ("0", "6") or len(w) > 1]
    if words[1] == "esp":
        for index, word in enumerate(rest[:-1]):
            if word == "cipher":
                cipher = rest[index + 1]
            elif word == "authenticator":
                authenticator = rest[index + 1]
    elif rest:
        authenticator = rest[0]
    return SessionKey(words[0], words[1], int(words[2]), cipher, authenticator, text.strip())


def _policy(config: CryptoConfig, version: str, priority: int) -> IkePolicy:
    policy = next((p for p in config.policies
                   if p.version == version and p.priority == priority), None)
    if policy is None:
        policy = IkePolicy(version, priority)
        config.policies.append(policy)
    return policy


def _policy_line(policy: IkePolicy, words: list[str]) -> None:
    if not words:
        return
    key, values = words[0], words[1:]
    if key in ("encryption", "encr"):
        policy.encryption = _ios_cipher(values) if policy.version == "ikev1" else values
    elif key in ("hash", "integrity"):
        policy.integrity = values
    elif key == "group":
        policy.groups = values
    elif key == "authentication":
        policy.authentication = " ".join(values)
    elif key == "lifetime":
        policy.lifetime = values[-1] if values else ""
    elif key == "prf":
        policy.prf = values
    elif key == "proposal":
        policy.proposals += values


def _ios_cipher(values: list[str]) -> list[str]:
    """IOS `encr aes 256` is one cipher (aes-256); ASA prints `aes-256` already."""
    if len(values) == 2 and values[1].isdigit():
        return [f"{values[0]}-{values[1]}"]
    return values


def _tunnel_group(config: CryptoConfig, name: str) -> TunnelGroup:
    group = config.tunnel_group(name)
    if group is None:
        group = TunnelGroup(name)
        config.tunnel_groups.append(group)
    return group


def _parse_asa(config: CryptoConfig, lines: list[tuple[str, list[str]]]) -> None:
    config.ike_enabled = {}
    for head, children in lines:
        words = head.split()
        if words and not _asa_crypto_line(config, head, words, children):
            _asa_other_line(config, head, words, children)
    for name, interface in config.map_bindings:
        crypto_map = config.crypto_map(name)
        if crypto_map is None:
            crypto_map = CryptoMap(name)
            config.maps.append(crypto_map)
        if interface not in crypto_map.interfaces:
            crypto_map.interfaces.append(interface)


def _asa_crypto_line(config: CryptoConfig, head: str, words: list[str],
                     children: list[str]) -> bool:
    """The crypto and IKE lines; False when the line is something else."""
    if head.startswith("PIX Version 6"):
        config.pix6 = True
    match = _MAP.match(head)
    if match:
        kind, name, seq, rest = match.groups()
        _set_on_entry(_entry(config, kind, name, int(seq)), rest, config)
        return True
    if words[:2] == ["crypto", "map"] and len(words) == 5 and words[3] == "interface":
        config.map_bindings.append((words[2], words[4]))
        return True
    if (words[:2] in (["crypto", "ikev1"], ["crypto", "ikev2"], ["crypto", "isakmp"])
            and len(words) >= 4 and words[2] == "enable"):
        version = "ikev2" if words[1] == "ikev2" else "ikev1"
        config.ike_enabled.setdefault(words[3], set()).add(version)
        config.legacy_isakmp |= words[1] == "isakmp"
        return True
    if words[:2] == ["isakmp", "enable"] and len(words) == 3:  # PIX 6
        config.ike_enabled.setdefault(words[2], set()).add("ikev1")
        config.legacy_isakmp = config.pix6 = True
        return True
    if (words[:2] in (["crypto", "ikev1"], ["crypto", "isakmp"], ["crypto", "ikev2"])
            and len(words) == 4 and words[2] == "policy" and words[3].isdigit()):
        version = "ikev2" if words[1] == "ikev2" else "ikev1"
        config.legacy_isakmp |= words[1] == "isakmp"
        policy = _policy(config, version, int(words[3]))
        for child in children:
            _policy_line(policy, child.split())
        return True
    if words[:2] == ["isakmp", "policy"] and len(words) > 3 and words[2].isdigit():
        _policy_line(_policy(config, "ikev1", int(words[2])), words[3:])  # PIX 6 one-liner
        config.legacy_isakmp = config.pix6 = True
        return True
    if words[:2] == ["isakmp", "key"] and len(words) >= 4:  # PIX 6
        mask = words[words.index("netmask") + 1] if "netmask" in words[:-1] else ""
        address = words[words.index("address") + 1] if "address" in words[:-1] else ""
        config.keys.append(PresharedKey(words[2], address, mask))
        return True
    if head.startswith(("crypto ikev1 am-disable", "crypto isakmp am-disable",
                        "isakmp am-disable")):
        config.am_disabled = True
        return True
    if re.match(r"^(crypto )?isakmp identity (\S+)", head):
        config.identity = re.match(r"^(?:crypto )?isakmp identity (\S+)", head).group(1)
        return True
    if re.match(r"^no (crypto )?isakmp nat-traversal", head):
        config.nat_traversal = False
        return True
    if re.match(r"^crypto ipsec (ikev1 )?transform-set (\S+) (.+)$", head):
        _asa_transform_set(config, head)
        return True
    if words[:4] == ["crypto", "ipsec", "ikev2", "ipsec-proposal"] and len(words) == 5:
        proposal = TransformSet(words[4], "ikev2")
        for child in children:
            parts = child.split()
            if parts[:3] == ["protocol", "esp", "encryption"]:
                proposal.encryption = parts[3:]
            elif parts[:3] == ["protocol", "esp", "integrity"]:
                proposal.integrity = parts[3:]
        config.transform_sets.append(proposal)
        return True
    return False


def _asa_other_line(config: CryptoConfig, head: str, words: list[str],
                    children: list[str]) -> None:
    """Tunnel-groups, interfaces, ACLs, objects, NAT, routes, names, sysopt."""
    if words[:1] == ["tunnel-group"] and len(words) >= 3:
        _asa_tunnel_group(config, words, children)
        return
    if head in ("no sysopt connection permit-vpn", "no sysopt connection permit-ipsec"):
        config.sysopt_permit_vpn = False
        return
    if words[0] == "name" and len(words) >= 3 and network(words[1]) is not None:
        config.names[words[2]] = words[1]
        return
    if words[0] == "interface" and len(words) >= 2:
        config.interfaces.append(_asa_interface(words[1], children))
        return
    if words[0] == "access-list" and len(words) >= 3:
        _asa_ace(config, words)
        return
    if words[:2] in (["object", "network"], ["object-group", "network"]) and len(words) > 2:
        _asa_object(config, words[2], children)
        return
    if words[0] == "nat" and len(words) > 2:
        _asa_nat(config, head)
        return
    if words[0] == "global" and len(words) > 2:  # PIX 6 / ASA 7-8.2 `global (outside) 1`
        return
    if words[0] == "route" and len(words) >= 5:
        config.routes.append(Route(words[1], words[2], words[3], words[4]))
        return
    if words[:3] == ["crypto", "ca", "trustpoint"] and len(words) > 3:
        config.trustpoints.append(words[3])


def _asa_transform_set(config: CryptoConfig, head: str) -> None:
    words = head.split()
    start = 4 if words[2] == "ikev1" else 3
    name, rest = words[start], words[start + 1:]
    existing = config.transform_set(name)
    if rest[:1] == ["mode"] and existing is not None:
        existing.mode = rest[1] if len(rest) > 1 else existing.mode
        return
    if existing is None:
        config.transform_sets.append(TransformSet(name, "ikev1", _ios_transforms(rest)))
    else:
        existing.transforms = _ios_transforms(rest)


def _ios_transforms(words: list[str]) -> list[str]:
    """`esp-aes 256 esp-sha-hmac` -> [`esp-aes-256`, `esp-sha-hmac`] (the key size folds in)."""
    out: list[str] = []
    for word in words:
        if word.isdigit() and out:
            out[-1] = f"{out[-1]}-{word}"
        else:
            out.append(word)
    return out


def _asa_tunnel_group(config: CryptoConfig, words: list[str], children: list[str]) -> None:
    group = _tunnel_group(config, words[1])
    if words[2] == "type" and len(words) > 3:
        group.type = words[3]
        return
    if words[2] not in ("ipsec-attributes", "general-attributes"):
        return
    for child in children:
        parts = child.split()
        if parts[:2] == ["ikev1", "pre-shared-key"] and len(parts) > 2:
            group.ikev1_psk = parts[2]
        elif parts[:1] == ["pre-shared-key"] and len(parts) > 1:
            group.ikev1_psk = parts[1]
        elif parts[:3] == ["ikev2", "local-authentication", "pre-shared-key"] and len(parts) > 3:
            group.ikev2_local_psk = parts[3]
        elif parts[:3] == ["ikev2", "remote-authentication", "pre-shared-key"] and len(parts) > 3:
            group.ikev2_remote_psk = parts[3]
        elif parts[:3] == ["isakmp", "keepalive", "disable"]:
            group.keepalive_disabled = True
        elif parts[:2] in (["ikev1", "trust-point"], ["trust-point"]) or (
                parts[:1] == ["ikev2"] and "certificate" in parts):
            group.certificate_auth = True


def _asa_interface(name: str, children: list[str]) -> Interface:
    interface = Interface(name)
    for child in children:
        parts = child.split()
        if parts[:1] == ["nameif"] and len(parts) > 1:
            interface.nameif = parts[1]
        elif parts[:2] == ["ip", "address"] and len(parts) > 3:
            interface.address, interface.mask = parts[2], parts[3]
        elif parts == ["shutdown"]:
            interface.shutdown = True
    return interface


def _asa_ace(config: CryptoConfig, words: list[str]) -> None:
    name = words[1]
    acl = config.acls.setdefault(name, AccessList(name))
    rest = words[2:]
    if rest[:1] == ["remark"]:
        acl.remarks += 1
        return
    if rest[:1] == ["extended"]:
        rest = rest[1:]
    if rest[:1] == ["line"] and len(rest) > 1:
        rest = rest[2:]
    ace = parse_ace(" ".join(rest), wildcard=False)
    if ace is not None:
        acl.aces.append(ace)


def _asa_object(config: CryptoConfig, name: str, children: list[str]) -> None:
    for child in children:
        parts = child.split()
        if parts[:1] == ["nat"]:
            _asa_nat(config, child, auto_source=name)
            continue
        if parts[:1] == ["subnet"] and len(parts) > 2:
            config.objects[name] = f"{parts[1]}/{parts[2]}"
        elif parts[:1] == ["host"] and len(parts) > 1:
            config.objects[name] = parts[1]
        elif parts[:1] == ["network-object"] and len(parts) > 2 and name not in config.objects:
            # an object-group of one network resolves; bigger groups stay unresolved
            if parts[1] == "host":
                config.objects[name] = parts[2]
            elif len(parts) > 2 and parts[1] != "object":
                config.objects[name] = f"{parts[1]}/{parts[2]}"
        elif parts[:1] == ["network-object"] and name in config.objects:
            config.objects[name] = ""  # several members: not one network


def _asa_nat(config: CryptoConfig, head: str, auto_source: str = "") -> None:
    if auto_source:  # `nat (inside,outside) dynamic interface` inside `object network X`
        if re.match(r"^nat \(\S+\) (dynamic|static) ", head) and " dynamic " in f" {head} ":
            config.nat_rules.append(NatRule(head, "dynamic", auto_source, section=2))
        return
    section = 3 if " after-auto " in f" {head} " else 1
    match = re.match(r"^nat \(\S+\) (?:after-auto )?(?:\d+ )?source static (\S+) (\S+) "
                     r"destination static (\S+) (\S+)", head)
    if match and match.group(1) == match.group(2) and match.group(3) == match.group(4):
        config.nat_rules.append(NatRule(head, "exempt", match.group(1), match.group(3),
                                        section))
        return
    match = re.match(r"^nat \(\S+\) (?:after-auto )?(?:\d+ )?source dynamic (\S+) ", head)
    if match:
        config.nat_rules.append(NatRule(head, "dynamic", match.group(1), section=section))
        return
    match = re.match(r"^nat \(\S+\) 0 access-list (\S+)", head)
    if match:  # pre-8.3 NAT exemption: evaluated before any other NAT
        config.nat_rules.append(NatRule(head, "acl", match.group(1), section=0,
                                        acl_permit_translates=False))
        return
    match = re.match(r"^nat \(\S+\) [1-9]\d* (\S+) (\S+)", head)
    if match:
        any_source = match.group(1) in ("0", "0.0.0.0")  # noqa: S104 - an address, not a bind
        source = "any" if any_source else f"{match.group(1)}/{match.group(2)}"
        config.nat_rules.append(NatRule(head, "dynamic", source))


def _resolve_acl_objects(config: CryptoConfig) -> None:
    """ACEs written with `object NAME` get their network once all objects are read."""
    if not config.objects:
        return
    for acl in config.acls.values():
        for ace in acl.aces:
            if ace.source_net is None or ace.destination_net is None:
                resolved = parse_ace(ace.text, wildcard=config.family == "cisco_ios",
                                     objects=config.objects)
                if resolved is not None:
                    ace.source_net = ace.source_net or resolved.source_net
                    ace.destination_net = ace.destination_net or resolved.destination_net


# -- IOS ------------------------------------------------------------------------------------
def _parse_ios(config: CryptoConfig, lines: list[tuple[str, list[str]]]) -> None:
    for head, children in lines:
        words = head.split()
        if words and not _ios_ikev1_line(config, head, words, children) and not \
                _ios_ikev2_line(config, words, children):
            _ios_other_line(config, head, words, children)
    for interface in config.interfaces:
        if interface.crypto_map:
            config.map_bindings.append((interface.crypto_map, interface.name))
            crypto_map = config.crypto_map(interface.crypto_map)
            if crypto_map is None:
                crypto_map = CryptoMap(interface.crypto_map)
                config.maps.append(crypto_map)
            crypto_map.interfaces.append(interface.name)



def _ios_ikev1_line(config: CryptoConfig, head: str, words: list[str],
                    children: list[str]) -> bool:
    """Crypto maps, ISAKMP (IKEv1) and IPsec lines; False when the line is something else."""
    match = re.match(r"^crypto (map|dynamic-map) (\S+) (\d+)(?: (.*))?$", head)
    if match:
        kind, name, seq, rest = match.groups()
        entry = _entry(config, kind, name, int(seq))
        if rest:
            _set_on_entry(entry, rest, config)
        if kind == "dynamic-map" and not entry.kind:
            entry.kind = "ipsec-isakmp"
        for child in children:
            _set_on_entry(entry, child, config)
        return True
    if head in ("no crypto isakmp", "no crypto isakmp enable"):
        config.isakmp_disabled = True
        return True
    if words[:3] == ["crypto", "isakmp", "policy"] and len(words) == 4:
        policy = _policy(config, "ikev1", int(words[3]))
        for child in children:
            _policy_line(policy, child.split())
        return True
    if words[:3] == ["crypto", "isakmp", "key"]:
        _ios_isakmp_key(config, words[3:], "")
        return True
    if words[:2] == ["crypto", "keyring"] and len(words) > 2:
        for child in children:
            parts = child.split()
            if parts[:2] == ["pre-shared-key", "address"]:
                _ios_keyring_key(config, parts[2:], words[2])
        return True
    if words[:3] == ["crypto", "isakmp", "keepalive"]:
        config.keepalive = True
        return True
    if words[:3] == ["crypto", "isakmp", "profile"]:
        if any(c.startswith("keepalive") for c in children):
            config.keepalive = True
        return True
    if words[:3] == ["crypto", "isakmp", "identity"] and len(words) > 3:
        config.identity = words[3]
        return True
    if head == "crypto isakmp aggressive-mode disable":
        config.am_disabled = True
        return True
    if head == "no crypto ipsec nat-transparency udp-encapsulation":
        config.nat_traversal = False
        return True
    if words[:3] == ["crypto", "ipsec", "transform-set"] and len(words) > 4:
        transform = TransformSet(words[3], "ikev1", _ios_transforms(words[4:]))
        for child in children:
            parts = child.split()
            if parts[:1] == ["mode"] and len(parts) > 1:
                transform.mode = parts[1]
        config.transform_sets.append(transform)
        return True
    return False


def _ios_ikev2_line(config: CryptoConfig, words: list[str], children: list[str]) -> bool:
    """IKEv2 proposals, policies, keyrings, profiles, DPD, trustpoints."""
    if words[:3] == ["crypto", "ikev2", "proposal"] and len(words) > 3:
        proposal = IkePolicy("ikev2", 0, name=words[3])
        for child in children:
            _policy_line(proposal, child.split())
        config.ikev2_proposals.append(proposal)
        return True
    if words[:3] == ["crypto", "ikev2", "policy"] and len(words) > 3:
        policy = IkePolicy("ikev2", len(config.policies) + 1, name=words[3])
        for child in children:
            _policy_line(policy, child.split())
        config.policies.append(policy)
        return True
    if words[:3] == ["crypto", "ikev2", "keyring"] and len(words) > 3:
        _ios_ikev2_keyring(config, words[3], children)
        return True
    if words[:3] == ["crypto", "ikev2", "profile"] and len(words) > 3:
        config.ikev2_profiles.append(_ios_ikev2_profile(words[3], children))
        return True
    if words[:3] == ["crypto", "ikev2", "dpd"]:
        config.ikev2_dpd = True
        return True
    if words[:3] == ["crypto", "pki", "trustpoint"] and len(words) > 3:
        config.trustpoints.append(words[3])
        return True
    return False


def _ios_other_line(config: CryptoConfig, head: str, words: list[str],
                    children: list[str]) -> None:
    """Interfaces, ACLs, NAT and routes."""
    if words[0] == "interface" and len(words) >= 2:
        config.interfaces.append(_ios_interface(words[1], children))
        return
    if words[:3] == ["ip", "access-list", "extended"] and len(words) > 3:
        acl = config.acls.setdefault(words[3], AccessList(words[3]))
        for child in children:
            if child.startswith("remark"):
                acl.remarks += 1
                return
            ace = parse_ace(child, wildcard=True)
            if ace is not None:
                acl.aces.append(ace)
        return
    if words[0] == "access-list" and len(words) >= 4:
        acl = config.acls.setdefault(words[1], AccessList(words[1]))
        if words[2] == "remark":
            acl.remarks += 1
        else:
            ace = parse_ace(" ".join(words[2:]), wildcard=True)
            if ace is not None:
                acl.aces.append(ace)
        return
    if words[:4] == ["ip", "nat", "inside", "source"]:
        match = re.match(r"^ip nat inside source (list|route-map) (\S+)", head)
        if match:
            config.nat_rules.append(NatRule(
                head, "acl" if match.group(1) == "list" else "route-map", match.group(2)))
        return
    if words[:2] == ["ip", "route"] and len(words) >= 5:
        config.routes.append(Route("", words[2], words[3], words[4]))


def _ios_isakmp_key(config: CryptoConfig, words: list[str], keyring: str) -> None:
    """`[0|6] KEY address IP [MASK] [no-xauth]` / `KEY hostname NAME`."""
    if words and words[0] in ("0", "6") and len(words) > 1:
        words = words[1:]
    if len(words) < 3 or words[1] != "address":
        return
    address = words[2]
    mask = words[3] if len(words) > 3 and network(words[3]) is not None else ""
    config.keys.append(PresharedKey(words[0], address, mask, keyring))


def _ios_keyring_key(config: CryptoConfig, words: list[str], keyring: str) -> None:
    """keyring child `pre-shared-key address IP [MASK] key [0|6] KEY` (after `address`)."""
    if not words or "key" not in words:
        return
    at = words.index("key")
    address = words[0]
    mask = words[1] if at > 1 else ""
    key_words = [w for w in words[at + 1:] if w not in ("0", "6")]
    config.keys.append(PresharedKey(key_words[0] if key_words else "", address, mask, keyring))


def _ios_ikev2_keyring(config: CryptoConfig, name: str, children: list[str]) -> None:
    address = mask = key = ""
    for child in [*children, "peer END"]:
        parts = child.split()
        if parts[:1] == ["peer"]:
            if address:
                config.keys.append(PresharedKey(key, address, mask, name, "ikev2"))
            address = mask = key = ""
        elif parts[:1] == ["address"] and len(parts) > 1:
            address = parts[1]
            mask = parts[2] if len(parts) > 2 else ""
        elif parts[:1] == ["pre-shared-key"] and len(parts) > 1:
            key = parts[-1]


def _ios_ikev2_profile(name: str, children: list[str]) -> Ikev2Profile:
    profile = Ikev2Profile(name)
    for child in children:
        parts = child.split()
        if parts[:4] == ["match", "identity", "remote", "address"] and len(parts) > 4:
            profile.match_addresses.append(" ".join(parts[4:6]))
        elif parts[:2] == ["authentication", "local"] and len(parts) > 2:
            profile.auth_local = parts[2]
        elif parts[:2] == ["authentication", "remote"] and len(parts) > 2:
            profile.auth_remote = parts[2]
        elif parts[:2] == ["keyring", "local"] and len(parts) > 2:
            profile.keyring = parts[2]
        elif parts[:1] == ["dpd"]:
            profile.dpd = True
    return profile


def _ios_interface(name: str, children: list[str]) -> Interface:
    interface = Interface(name)
    for child in children:
        parts = child.split()
        if parts[:2] == ["ip", "address"] and len(parts) > 3:
            interface.address, interface.mask = parts[2], parts[3]
        elif parts[:2] == ["crypto", "map"] and len(parts) > 2:
            interface.crypto_map = parts[2]
        elif parts == ["shutdown"]:
            interface.shutdown = True
    return interface
