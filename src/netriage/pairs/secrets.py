"""Are two ends' secrets the same? Compared as the redaction tokens would say, never shown.

A value is the text after the keyword as captured: the clear key (`more system:running-config`,
an IOS `crypto isakmp key 0 ...`), a redaction token from a saved capture (`<psk-3>` is the
same key wherever it appears, so equal tokens are equal keys), or a device's own mask
(`*****`, `8`-type encrypted forms) that says a key exists but not which. Reports show the
lines these came from through the redaction model, so each end shows its token.
"""

from __future__ import annotations

import re

# What a device prints instead of the key: ASA `*****`, IOS type 6/7 encrypted forms are
# comparable only when both ends use the same master key, which nothing captured says.
_MASKED = re.compile(r"^\*+$")
_ENCRYPTED_IOS = re.compile(r"^[67]\s+\S+$")


def comparable(value: str) -> bool:
    return bool(value) and value != "set" and not _MASKED.match(value) \
        and not _ENCRYPTED_IOS.match(value)


def compare_secrets(left: str, right: str) -> bool | None:
    """True/False when both are known; False when only one end has a key at all; None when
    a key exists on both ends but at least one is masked (unknown, never equal)."""
    if not left and not right:
        return True
    if bool(left) != bool(right):
        return False
    if not (comparable(left) and comparable(right)):
        return None
    return _strip(left) == _strip(right)


def _strip(value: str) -> str:
    return re.sub(r"^0\s+", "", value.strip())  # IOS `key 0 secret`: type 0 is clear text
