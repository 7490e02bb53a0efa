"""The manual keying lists of the `crypto` fact (`crypto map ... ipsec-manual`): entries to
replace with IKE, session keys of the wrong length or with a reserved SPI, and keys that do
not mirror the peer's when its traffic is refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netriage.engine.expr import Unknown
from netriage.facts.crypto.config import CryptoConfig
from netriage.facts.crypto.issues import entry_issue
from netriage.facts.crypto.log import LogEvent
from netriage.facts.crypto.sa import IpsecSa

if TYPE_CHECKING:
    from netriage.facts.crypto.model import CryptoFacts


# hex digits a session key needs, per transform
_KEY_LENGTHS = {"esp-des": 16, "esp-3des": 48, "esp-aes": 32, "esp-aes-128": 32,
                "esp-aes-192": 48, "esp-aes-256": 64, "esp-md5-hmac": 32, "esp-sha-hmac": 40,
                "esp-sha256-hmac": 64, "ah-md5-hmac": 32, "ah-sha-hmac": 40}


def _manual(out: CryptoFacts, config: CryptoConfig | Unknown, ipsec: list[IpsecSa] | Unknown,
            events: list[LogEvent]) -> None:
    if isinstance(config, Unknown):
        out.manual_keying = out.manual_key_length = out.manual_key_spi = config
        out.manual_key_suspect = config
        return
    entries = [e for e in config.all_entries() if e.manual]
    # count: the sequence an IKE replacement entry can take, right after the manual one
    out.manual_keying = [entry_issue(e, count=e.seq + 1, transform=" ".join(e.transform_sets))
                         for e in entries]
    lengths, spis, suspects = [], [], []
    for entry in entries:
        transforms = [t for name in entry.transform_sets
                      for t in (config.transform_set(name).transforms
                                if config.transform_set(name) else [])]
        cipher = next((t for t in transforms if t in _KEY_LENGTHS and "hmac" not in t), "")
        auth = next((t for t in transforms if t.endswith("hmac")), "")
        for key in entry.session_keys:
            wrong = []
            if key.cipher and cipher and len(key.cipher) != _KEY_LENGTHS[cipher]:
                wrong.append(f"cipher {len(key.cipher)} hex digits, {cipher} needs "
                             f"{_KEY_LENGTHS[cipher]}")
            if key.authenticator and auth and len(key.authenticator) != _KEY_LENGTHS.get(auth, 0):
                wrong.append(f"authenticator {len(key.authenticator)} hex digits, {auth} needs "
                             f"{_KEY_LENGTHS.get(auth, 0)}")
            if wrong:
                lengths.append(entry_issue(entry, detail="; ".join(wrong), text=key.text,
                                              spi=str(key.spi), other=key.direction,
                                              transform=" ".join(transforms)))
            if key.spi < 256:
                spis.append(entry_issue(entry, spi=str(key.spi), text=key.text,
                                           other=key.direction))
        peer = entry.peer
        causes = {e.cause for e in events if e.peer == peer}
        blocks = [s for s in ipsec if s.peer == peer] if isinstance(ipsec, list) else []
        if causes & {"invalid-spi", "recv-errors"} or any(
                (s.encaps > 0 and s.decaps == 0) or s.recv_errors > 0 for s in blocks):
            inbound = next((k for k in entry.session_keys if k.direction == "inbound"
                            and k.protocol == "esp"), None)
            outbound = next((k for k in entry.session_keys if k.direction == "outbound"
                             and k.protocol == "esp"), None)
            suspects.append(entry_issue(
                entry, spi=str(inbound.spi) if inbound else "",
                other=str(outbound.spi) if outbound else "",
                transform=" ".join(entry.transform_sets)))
    out.manual_key_length, out.manual_key_spi, out.manual_key_suspect = lengths, spis, suspects
