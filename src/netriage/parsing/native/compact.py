"""Compact SA records: only the fields the facts read, a few hundred bytes each.

A 50,000-SA `show crypto ipsec sa` as ntc-shaped dicts (75 keys each) takes ten times the
memory of its text. Above `COMPACT_FROM_CHARS` the native ASA reader keeps, per SA, only the
fields `facts.crypto.sa.ipsec_from_asa` reads (`ASA_SA_FIELDS`), as a read-only mapping over
one tuple, with the values that repeat from SA to SA (interface, map, masks, transforms,
settings, MTUs) shared. Below it, records keep every ntc field, as `netriage parse` and the
conformance tests show them. Findings are the same either way (tests/scale compares them on
every recording with the bound at 0).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

# An output this long (about 450 SA blocks) is read into compact records.
COMPACT_FROM_CHARS = 1 << 20

ASA_SA_FIELDS = (
    "interface", "crypto_map_tag", "sequence_number", "local_address", "local_address_name",
    "local_identity_addr", "local_identity_mask", "local_identity_protocol",
    "remote_identity_addr", "remote_identity_mask", "current_peer", "current_peer_name",
    "packets_encapsulated", "packets_encrypted", "packets_decapsulated", "packets_decrypted",
    "send_errors", "receive_errors", "pre_fragment_failures", "pmtus_received",
    "fragments_created", "path_mtu", "media_mtu", "remote_crypto_endpoint",
    "remote_crypto_endpoint_name", "current_outbound_spi", "outbound_spi_hex",
    "current_inbound_spi", "inbound_spi_hex", "outbound_encryption", "outbound_authentication",
    "inbound_settings_in_use", "outbound_settings_in_use",
    "outbound_remaining_lifetime_kilobytes", "outbound_remaining_lifetime",
    "no_sa_send", "invalid_sa_rcv", "verify_failed", "replay_failed_rcv",
)
# Values that repeat across SAs: one string object each, shared by every record.
_SHARED = frozenset({
    "interface", "crypto_map_tag", "sequence_number", "local_address", "local_address_name",
    "local_identity_mask", "local_identity_protocol", "remote_identity_mask",
    "send_errors", "receive_errors", "pre_fragment_failures", "pmtus_received",
    "fragments_created", "path_mtu", "media_mtu", "outbound_encryption",
    "outbound_authentication", "inbound_settings_in_use", "outbound_settings_in_use",
    "no_sa_send", "invalid_sa_rcv", "verify_failed", "replay_failed_rcv",
})
_INDEX = {name: at for at, name in enumerate(ASA_SA_FIELDS)}
_SHARED_AT = tuple(name in _SHARED for name in ASA_SA_FIELDS)


class CompactSa(Mapping[str, object]):
    """One SA's fields by name, read-only; a missing field reads as `KeyError`, like a dict."""

    __slots__ = ("_values",)

    def __init__(self, values: tuple[object, ...]) -> None:
        self._values = values

    def __getitem__(self, key: str) -> object:
        return self._values[_INDEX[key]]

    def __iter__(self) -> Iterator[str]:
        return iter(ASA_SA_FIELDS)

    def __len__(self) -> int:
        return len(ASA_SA_FIELDS)

    def __repr__(self) -> str:
        return f"CompactSa({dict(self)!r})"


class Compactor:
    """Turns full records into `CompactSa`, sharing repeated values within one output."""

    def __init__(self) -> None:
        self._pool: dict[object, object] = {}

    def __call__(self, record: dict[str, object]) -> CompactSa:
        pool = self._pool
        values = []
        for name, shared in zip(ASA_SA_FIELDS, _SHARED_AT, strict=True):
            value = record.get(name, "")
            if shared and isinstance(value, str):
                value = pool.setdefault(value, value)
            values.append(value)
        return CompactSa(tuple(values))
