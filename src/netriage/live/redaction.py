"""Mask secrets in what a live session writes to disk, one line at a time as it arrives.

Config secrets (failover keys, PSKs, enable/user passwords, SNMP communities, key strings)
go through the shared `netriage.redact`, with one `TokenMap` per collection run (shared by
its devices) so the same secret gets the same token in every file of the run (`<psk-2>` on
two peers still says "same key").
Lines arrive one by one, so the redactor keeps what a whole-text pass would see around a
line: the block a bare `key x` sits under (`tacacs server`, `radius server`, an ASA
`aaa-server … host`), and whether it is inside a private key's body. Both reset when a new
command's output starts.

The session's own passwords are masked too, wherever they stand alone (a device may print
one back, e.g. in a banner or a cleartext config line): only standalone, so a short enable
password such as `en` does not eat into `frequency`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from netriage.redact import TokenMap, redact_text
from netriage.redact.rules import (
    BARE_KEY,
    BARE_KEY_BLOCKS,
    KEY_BODY,
    PEM_BEGIN,
    PEM_END,
    PKCS12_BEGIN,
)

MASK = "<password>"
_EDGE = r"\w.\-/:@$"  # the same notion of "standing alone" as netriage.redact


class Redactor:
    """Masks config secrets and the session's passwords in every line it is given."""

    def __init__(self, secrets: Iterable[str | None] = (), source: str = "live",
                 tokens: TokenMap | None = None) -> None:
        unique = sorted({s for s in secrets if s}, key=len, reverse=True)
        self._secrets = re.compile(
            f"(?<![{_EDGE}])(?:" + "|".join(re.escape(s) for s in unique) + f")(?![{_EDGE}])"
        ) if unique else None
        self.tokens = tokens if tokens is not None else TokenMap()
        self.source = source
        self._command: str | None = None
        self._opener = ""  # the last block opener line of this output (for a bare `key`)
        self._key_token: str | None = None  # inside a private key's body: its token

    def __call__(self, text: str, command: str = "") -> str:
        if command != self._command:  # a new output: no block and no key carried over
            self._command, self._opener, self._key_token = command, "", None
        if self._secrets is not None:
            text = self._secrets.sub(MASK, text)
        if self._key_token is not None or "-----" in text or "pkcs12" in text.lower():
            body = self._private_key(text)
            if body is not None:
                return body
        if BARE_KEY_BLOCKS.match(text):
            self._opener = text
        elif self._opener and BARE_KEY.match(text):
            both = redact_text(f"{self._opener}\n{text}", self.tokens, self.source,
                               command=command).text
            return both.split("\n", 1)[1]
        return redact_text(text, self.tokens, self.source, command=command).text

    def _private_key(self, text: str) -> str | None:
        """A body line of a private key as its token; None for any other line."""
        if self._key_token is not None:
            if PEM_END.search(text) or not KEY_BODY.match(text):
                self._key_token = None
                return None
            if not text.strip() or ":" in text:
                return text  # the blank line and Proc-Type/DEK-Info headers are no secret
            # One token per key: the first body line names it, the others reuse it.
            if self._key_token == "":
                self._key_token = self.tokens.token("private-key", text.strip())
            return text[:len(text) - len(text.lstrip())] + self._key_token
        if PEM_BEGIN.search(text):
            self._key_token = ""
            return text
        if PKCS12_BEGIN.match(text):
            self._key_token = ""  # the pasted PKCS#12 follows; the line's password is masked
        return None
