"""Weak relative to the release: what a platform release offers for IKE and IPsec.

DH group 5 is deprecated, but on PIX 6.3 or PIX/ASA 7.x it is the strongest group there is: a
fix that "adds a stronger policy" there re-creates the one in place. The algorithms each
release offers are data (checks/vocab/algorithms/crypto-strength.yaml, weakest first per
category); an algorithm that is the last of its list is *capped*: only a software or hardware
change raises it, so the weak-crypto checks propose no configuration change for it.
A release the data does not list, or a device whose release was not read, caps nothing.

The licence caps too: on a DES-only unit (`show version`: VPN-3DES-AES / Encryption-3DES-AES
Disabled, facts.crypto.licence) DES is the strongest cipher whatever the release offers, so the
ciphers are capped (by the licence, `Offers.licence` names its line) and the fix defines DES
sets; hashes and DH groups stay as the release offers them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

from netriage.engine.versions import parse_range, parse_version
from netriage.facts.crypto.config_lines import _ios_transforms

if TYPE_CHECKING:
    from netriage.capture.model import Device

_DEFAULT = " (default)"


@dataclass(frozen=True)
class Offers:
    """What one release offers: IKE version -> category -> algorithms, weakest first."""

    label: str  # "pix 6.3(5)": the release, as the explanations name it
    ike: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    ipsec: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # what the weak-transform fix defines here: "ikev1-set" / "ikev2-proposal" -> algorithms
    targets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    licence: str = ""  # "VPN-3DES-AES: Disabled": the unit is DES-only, whatever the release
    licence_key: str = ""  # the running activation key of a DES-only unit, as shown

    def is_target(self, kind: str, algorithms: list[str]) -> bool:
        """A configured set (IOS `esp-aes 256` read as esp-aes-256) is what the fix would
        define: `kind` ikev1 (transform set) or ikev2 (ASA IPsec proposal)."""
        target = self.targets.get("ikev2-proposal" if kind == "ikev2" else "ikev1-set")
        return bool(target) and sorted(_ios_transforms(algorithms)) == sorted(target)

    def ike_capped(self, version: str, weak: str) -> bool:
        """`weak` as IkePolicy.weak words it ("3des", "md5", "group 5", "des (default)")."""
        word = weak.removesuffix(_DEFAULT)
        if self.licence and word in _IKE_CIPHERS:
            return True  # DES is all the licence allows; 3DES cannot be raised either
        category, value = ("group", word.split()[1]) if word.startswith("group ") else ("", word)
        lists = self.ike.get(version, {})
        orders = [lists.get(category, ())] if category else list(lists.values())
        return _capped(orders, value)

    def ipsec_capped(self, weak: str) -> bool:
        """A transform ("esp-3des"), an IKEv2 proposal's algorithm or a PFS group ("group5")."""
        if self.licence and weak in _ESP_CIPHERS:
            return True  # esp-null is not capped: esp-des needs no licence
        return _capped(list(self.ipsec.values()), weak)

    def licence_capped(self, weak: str) -> bool:
        """Is `weak` (an IKE or ESP cipher) capped by the licence rather than the release?"""
        return bool(self.licence) and weak.removesuffix(_DEFAULT) in (*_IKE_CIPHERS,
                                                                      *_ESP_CIPHERS)


# the ciphers a DES-only licence caps (3DES and AES need the VPN-3DES-AES licence)
_IKE_CIPHERS = ("des", "3des")
_ESP_CIPHERS = ("esp-des", "esp-3des", "des", "3des")  # transforms, IKEv2 proposals
# what the weak-transform fix defines on a DES-only unit: the cipher stays, the hash rises
_DES_ONLY_TARGETS = {"ikev1-set": ("esp-des", "esp-sha-hmac")}


def _capped(orders: list[tuple[str, ...]], value: str) -> bool:
    return any(order and order[-1] == value for order in orders if value in order)


@cache
def _table() -> tuple[dict, ...]:
    from netriage.resources import data_dir
    from netriage.yamlio import load_yaml

    path = data_dir("checks") / "vocab" / "algorithms" / "crypto-strength.yaml"
    return tuple(load_yaml(path.read_text(encoding="utf-8")).get("releases") or ())


def offers(tag: str, version: str) -> Offers | None:
    """The offers of platform tag `tag` (asa, pix, ios, ftd) at `version`; None when the
    release was not read or the data does not list it."""
    number = parse_version(version) if version else None
    if not tag or number is None:
        return None
    for row in _table():
        if tag in row.get("platforms", ()) and parse_range(row.get("versions")).contains(number):
            ike = {str(k): {str(c): tuple(str(a) for a in v) for c, v in (cats or {}).items()}
                   for k, cats in row.items() if k in ("ikev1", "ikev2")}
            ipsec = {str(c): tuple(str(a) for a in v) for c, v in (row.get("ipsec") or {}).items()}
            targets = {str(k): tuple(str(a) for a in v)
                       for k, v in (row.get("targets") or {}).items()}
            return Offers(f"{tag.upper() if tag != 'ios' else 'IOS'} {version}", ike, ipsec,
                          targets)
    return None


def device_offers(device: Device | None) -> Offers | None:
    """The device's release offers, capped by its licence when `show version` says DES-only
    (a DES-only unit of a release the data does not list caps its ciphers only)."""
    if device is None or not device.platform:
        return None
    from netriage.facts.crypto.licence import des_only_line
    from netriage.platforms import get_platform

    tag = get_platform(device.platform).tag
    found = offers(tag, device.version or "")
    licence, key = des_only_line(device)
    if not licence:
        return found
    if found is None:
        found = Offers(f"{tag.upper()} {device.version or ''}".strip())
    return replace(found, licence=licence, licence_key=key, targets=dict(_DES_ONLY_TARGETS))
