"""Compact SA records: only the fields the facts read, a few hundred bytes each.

A 50,000-SA `show crypto ipsec sa` as ntc-shaped dicts (75 keys each) takes ten times the
memory of its text. Above `COMPACT_FROM_CHARS` the native ASA and IOS readers keep, per SA,
only the fields `facts.crypto.sa` and `facts.crypto.sa_tables` read (`ASA_SA_FIELDS`,
`IOS_SA_FIELDS`), as a read-only mapping over one tuple, with the values that repeat from SA
to SA (interface, map, masks, transforms, settings, MTUs) shared. Below it, records keep
every field, as `netriage parse` and the conformance tests show them. Findings are the same
either way (tests/scale compares them on every recording with the bound at 0).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from operator import itemgetter

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
# IOS: our template's keys that `ipsec_from_ios` and `local_addresses` read
IOS_SA_FIELDS = (
    "interface", "crypto_map_tag", "current_peer", "local_addr", "local_crypto_endpt",
    "local_ident_addr", "local_ident_mask", "local_ident_prot", "remote_ident_addr",
    "remote_ident_mask", "pkts_encaps", "pkts_encrypt", "pkts_decaps", "pkts_decrypt",
    "send_errors", "recv_errors", "current_outbound_spi", "inbound_esp_spi",
    "outbound_esp_transform", "outbound_esp_settings", "inbound_esp_settings",
    "remote_crypto_endpt", "peer_port", "path_mtu", "ip_mtu", "media_mtu", "pfs", "dh_group",
    "outbound_esp_lifetime_kb", "outbound_esp_lifetime_sec", "pkts_replay_failed_rcv",
    "pkts_invalid_sa_rcv", "pkts_verify_failed", "pkts_no_sa_send",
)
_IOS_SHARED = frozenset({
    "interface", "crypto_map_tag", "local_addr", "local_crypto_endpt", "local_ident_mask",
    "local_ident_prot", "remote_ident_mask", "send_errors", "recv_errors", "peer_port",
    "path_mtu", "ip_mtu", "media_mtu", "pfs", "dh_group", "pkts_replay_failed_rcv",
    "pkts_invalid_sa_rcv", "pkts_verify_failed", "pkts_no_sa_send",
})


def _stored(fields: tuple[str, ...], shared: frozenset[str]) -> tuple[str, ...]:
    """Storage order: the shared (pooled) fields first, so a `Compactor` pools them with one
    C-level `map` instead of a Python loop over each record's fields."""
    return (*(f for f in fields if f in shared), *(f for f in fields if f not in shared))


class CompactRecord(Mapping[str, object]):
    """One SA's fields by name, read-only; a field it does not keep reads as `KeyError`, like
    a dict without the key. Subclasses name the fields (`FIELDS`, in the order a dict of the
    record would show them) and the pooled ones (`SHARED`); they are stored in `STORED`
    order, derived from those two when the subclass is made."""

    __slots__ = ("_values",)
    FIELDS: tuple[str, ...] = ()
    SHARED: frozenset[str] = frozenset()
    STORED: tuple[str, ...] = ()
    _INDEX: dict[str, int] = {}

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.STORED = _stored(cls.FIELDS, cls.SHARED)
        cls._INDEX = {name: at for at, name in enumerate(cls.STORED)}

    def __init__(self, values: tuple[object, ...]) -> None:
        self._values = values  # in STORED order

    def __getitem__(self, key: str) -> object:
        return self._values[self._INDEX[key]]

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        # Mapping's own `get` goes through `__getitem__` and a try/except: the facts call
        # this ~50,000 times for 5,000 SAs
        at = self._INDEX.get(key)
        return default if at is None else self._values[at]

    def __contains__(self, key: object) -> bool:
        return key in self._INDEX

    def __iter__(self) -> Iterator[str]:
        return iter(self.FIELDS)

    def __len__(self) -> int:
        return len(self.FIELDS)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self)!r})"

    @classmethod
    def getter(cls, names: tuple[str, ...]) -> Callable[[CompactRecord], tuple[object, ...]]:
        """A function giving a record's `names` fields as one tuple, in one C call (the facts
        read ~35 fields of each of 5,000 SAs: `__getitem__` was a Python call per field).
        `KeyError` here for a name the records do not keep, as a dict would give on reading."""
        take = itemgetter(*(cls._INDEX[name] for name in names))
        if len(names) == 1:
            return lambda record: (take(record._values),)
        return lambda record: take(record._values)  # type: ignore[no-any-return]


class CompactSa(CompactRecord):
    __slots__ = ()
    FIELDS = ASA_SA_FIELDS
    SHARED = _SHARED


class CompactIosSa(CompactRecord):
    __slots__ = ()
    FIELDS = IOS_SA_FIELDS
    SHARED = _IOS_SHARED


class Compactor:
    """Turns full records into compact ones, sharing repeated values within one output."""

    def __init__(self, kind: type[CompactRecord] = CompactSa) -> None:
        self._kind = kind
        count = self._count = sum(1 for name in kind.STORED if name in kind.SHARED)
        # every field in two C calls (both groups hold several fields: itemgetter gives tuples)
        self._shared = itemgetter(*kind.STORED[:count])
        self._rest = itemgetter(*kind.STORED[count:])
        self._pool: dict[object, object] = {}

    def __call__(self, record: dict[str, object]) -> CompactRecord:
        try:
            shared, rest = self._shared(record), self._rest(record)
        except KeyError:  # a record without some field (never from our readers): "" for it
            full = {name: record.get(name, "") for name in self._kind.STORED}
            shared, rest = self._shared(full), self._rest(full)
        pool = self._pool
        try:
            pooled = tuple(map(pool.setdefault, shared, shared))
        except TypeError:  # an unhashable value (a TextFSM List): kept as it is
            pooled = tuple(v if v.__class__ is not str else pool.setdefault(v, v)
                           for v in shared)
        return self._kind(pooled + rest)


    def stored(self, values: tuple[object, ...]) -> CompactRecord:
        """A record from its values already in `STORED` order (all strings): pooled, kept."""
        shared = values[:self._count]
        return self._kind((*map(self._pool.setdefault, shared, shared),
                           *values[self._count:]))


def ios_compactor() -> Compactor:
    return Compactor(CompactIosSa)
