"""Crypto configuration lines both families write alike: crypto map entries (`match address`,
`set peer`, `set transform-set`, PFS, lifetimes, session keys ...), IKE policy lines and
transform-set words.

ASA prints a map entry as one-liners (`crypto map M 10 set peer X`), IOS as the children of
`crypto map M 10 ipsec-isakmp`: both reach `_set_on_entry` with the words after the head.
"""

from __future__ import annotations

from netriage.facts.crypto.config import CryptoConfig, CryptoMap, IkePolicy, MapEntry, SessionKey


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


def _ios_transforms(words: list[str]) -> list[str]:
    """`esp-aes 256 esp-sha-hmac` -> [`esp-aes-256`, `esp-sha-hmac`] (the key size folds in)."""
    out: list[str] = []
    for word in words:
        if word.isdigit() and out:
            out[-1] = f"{out[-1]}-{word}"
        else:
            out.append(word)
    return out
