"""Mask secrets in what a live session writes to disk.

Config secrets (failover keys, PSKs, enable/user passwords, SNMP communities, key strings)
go through the shared `netriage.redact`, with one `TokenMap` per device so the same secret
gets the same token throughout its capture (`<psk-2>` on two peers still says "same key").

The session's own passwords are masked too, wherever they stand alone (a device may print
one back, e.g. in a banner or a cleartext config line): only standalone, so a short enable
password such as `en` does not eat into `frequency`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from netriage.redact import TokenMap, redact_text

MASK = "<password>"
_EDGE = r"\w.\-/:@$"  # the same notion of "standing alone" as netriage.redact


class Redactor:
    """Masks config secrets and the session's passwords in every text it is given."""

    def __init__(self, secrets: Iterable[str | None] = (), source: str = "live") -> None:
        unique = sorted({s for s in secrets if s}, key=len, reverse=True)
        self._secrets = re.compile(
            f"(?<![{_EDGE}])(?:" + "|".join(re.escape(s) for s in unique) + f")(?![{_EDGE}])"
        ) if unique else None
        self.tokens = TokenMap()
        self.source = source

    def __call__(self, text: str, command: str = "") -> str:
        if self._secrets is not None:
            text = self._secrets.sub(MASK, text)
        return redact_text(text, self.tokens, self.source, command=command).text
