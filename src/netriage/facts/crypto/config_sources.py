"""Which captured outputs show the crypto configuration, and how they merge into one model.

Read from the full configuration (`more system:running-config` first: it shows the keys
`show running-config` masks; `show running-config`; PIX `write terminal`) or, lacking one,
merged from section commands (`show running-config crypto map`, `... tunnel-group`,
`show run | section crypto` ...). Each source declares the *scopes* it covers, so the model
can say Unknown about the rest (see `CryptoConfig.need`).

The crypto sections are parsed here rather than by the generic config model (built
separately); the lines are grouped by indentation, as both families print them, and read by
`crypto_config_asa` or `crypto_config_ios`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from netriage.capture.model import Device, Entry
from netriage.engine.expr import Unknown
from netriage.facts.crypto.commands import NO_CONFIG

if TYPE_CHECKING:  # the model is imported once a configuration was captured (~12 classes)
    from netriage.facts.crypto.config import CryptoConfig

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


# -- sources --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Source:
    """A captured output showing configuration, and the scopes it covers."""

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
            from netriage.facts.crypto.config import ALL

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
        raise Unknown(NO_CONFIG, ("show running-config",))
    # the readers are imported once a configuration is there to read (not at start-up)
    from netriage.facts.crypto.config import CryptoConfig
    from netriage.facts.crypto.config_asa import _parse_asa, _resolve_acl_objects
    from netriage.facts.crypto.config_ios import _parse_ios

    config = CryptoConfig(family=family, sources=[s.command for s in sources])
    for source in sources:
        config.covered |= source.scopes
    parse = _parse_ios if family == "cisco_ios" else _parse_asa
    parse(config, _merge(sources))
    _resolve_acl_objects(config)
    return config
