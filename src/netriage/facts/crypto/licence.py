"""The strong-crypto licence of a PIX/ASA: may this unit use 3DES and AES at all?

A unit whose `show version` says `VPN-3DES-AES: Disabled` (PIX 6.x), `VPN-3DES-AES :
Disabled` (ASA 7.x-8.2) or `Encryption-3DES-AES : Disabled` (ASA 8.3+) is DES-only: it refuses
`encryption aes-256`, `esp-aes-256` and 3DES, whatever the release offers. The weak-crypto
checks then cap the cipher at DES (the licence, not the release) and the fix for a weak cipher
is the licence itself.

The licence lines are read by the failover platform facts (`build_platform`, through the
package entry), which keep the ASA's "Licensed features" block. PIX 6.x `show version` has no
template and the failover facts keep only its licence class and `Failover:` line from it, so
for a PIX the one `VPN-3DES-AES:` line is read here from the raw output.

Unknown is never DES-only: no `show version`, an output without licence lines (an FTD's CLISH
`show version`, an IOS router) or one that cannot be read leaves the licence unknown, and the
checks propose what the release offers, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from netriage.facts.crypto.issues import Issue
from netriage.lazyre import lazy

if TYPE_CHECKING:
    from netriage.capture.model import Device

# the names the licence line has had: PIX 6.x and ASA before 8.3, then ASA 8.3+
NAMES = ("VPN-3DES-AES", "Encryption-3DES-AES")
# PIX 6.x prints `VPN-3DES-AES:                Enabled` under "Licensed Features:"
_PIX_LINE = lazy(r"^\s*(VPN-3DES-AES)\s*:\s*(\S+)", re.MULTILINE)
_LICENSED_TAGS = ("asa", "pix")
_DISABLED = lazy(r"3DES-AES\s*:\s*Disabled", re.IGNORECASE)
# PIX 6.x / ASA before 8.3: `Running Activation Key:`; ASA 8.3+: `Running Permanent Activation
# Key:` (a time-based key is printed apart and is not what a rollback re-enters)
_RUNNING_KEY = lazy(r"^Running (?:Permanent )?Activation Key:\s*((?:0x[0-9a-fA-F]+\s*)+)$",
                    re.MULTILINE)  # IOS images and FTD CLISH print no such line


@dataclass
class WeakIssue(Issue):
    """A weak-crypto issue, with what the unit's licence allows.

    `licence`: the `show version` line that caps the cipher ("VPN-3DES-AES: Disabled"), ""
    when the licence allows 3DES/AES or is unknown. `licence_only`: the only weakness is the
    cipher, so no configuration change helps: the fix is the strong-crypto licence.
    """

    licence: str = ""
    licence_only: bool = False
    # the key `show version` says is running: the licence fix's rollback re-enters it
    running_key: str = "<previous-activation-key>"


def weak_issue(issue: Issue, licence: str = "", licence_only: bool = False,
               running_key: str = "") -> WeakIssue:
    return WeakIssue(**{f.name: getattr(issue, f.name) for f in fields(Issue)},
                     licence=licence, licence_only=licence_only,
                     running_key=running_key or "<previous-activation-key>")


def des_only_line(device: Device | None) -> tuple[str, str]:
    """The licence line ("VPN-3DES-AES: Disabled") and the running activation key when `show
    version` says the unit may not use 3DES/AES; ("", "") when it may, or when that is not
    known."""
    if device is None or not device.platform:
        return "", ""
    from netriage.platforms import get_platform

    if get_platform(device.platform).tag not in _LICENSED_TAGS:
        return "", ""
    entry = device.find("show version")
    if entry is None or not _DISABLED.search(entry.output):
        return "", ""  # the common case decided without parsing `show version` again
    name, value = _features_line(device) or _pix_line(entry.output) or ("", "")
    if value.lower() != "disabled":
        return "", ""
    key = _RUNNING_KEY.search(entry.output)
    return f"{name}: {value}", " ".join(key.group(1).split()) if key else ""


def _features_line(device: Device) -> tuple[str, str] | None:
    """The licence line as the failover platform facts read it (ASA template + features)."""
    from netriage.engine.expr import Unknown
    from netriage.facts import DeviceFacts
    from netriage.facts.failover import build_platform

    try:
        this = build_platform(DeviceFacts(device)).this
    except (Unknown, IndexError):  # not read, or read into no record
        return None
    features = this.features if this is not None else {}
    return next(((n, features[n]) for n in NAMES if n in features), None)


def _pix_line(text: str) -> tuple[str, str] | None:
    match = _PIX_LINE.search(text)
    return (match.group(1), match.group(2)) if match else None
