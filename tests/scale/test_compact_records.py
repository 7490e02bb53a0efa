"""Compact SA records read like the dicts they replace (issue 13): `get`, `in`, `[]`, `dict()`.

`CompactRecord` stores pooled fields first and answers `get`/`in` from its index directly
(the facts call `get` ~50,000 times on a 5,000-SA output); both must agree with the full
record for every kept field, and treat a field it does not keep as a dict without the key.
"""

from __future__ import annotations

import pytest

from netriage.parsing.native import asa_ipsec_sa, compact
from netriage.parsing.native.synth import asa_ipsec_sa as synth_asa


def test_compact_reads_as_the_full_record() -> None:
    text, _sas = synth_asa(40, zero_decaps_at=37)
    full, _ = asa_ipsec_sa.parse(text, compact=False)
    small, _ = asa_ipsec_sa.parse(text, compact=True)
    assert len(full) == len(small) == 40
    for whole, record in zip(full, small, strict=True):
        assert isinstance(record, compact.CompactSa)
        assert dict(record) == {k: whole[k] for k in compact.ASA_SA_FIELDS}
        for key in compact.ASA_SA_FIELDS:
            assert key in record
            assert record.get(key) == record[key] == whole[key]
        assert "inbound_iv_size" in whole and "inbound_iv_size" not in record
        assert record.get("inbound_iv_size") is None
        assert record.get("inbound_iv_size", "-") == "-"
        with pytest.raises(KeyError):
            record["inbound_iv_size"]


def test_shared_values_are_one_object() -> None:
    text, _sas = synth_asa(20)
    small, _ = asa_ipsec_sa.parse(text, compact=True)
    for field in ("crypto_map_tag", "media_mtu", "outbound_settings_in_use"):
        values = {r[field] for r in small}
        assert len({id(r[field]) for r in small}) == len(values)  # one object per value
    assert len({r["current_peer"] for r in small}) > 1  # not every field is pooled into one


def test_ios_compactor_keeps_its_fields() -> None:
    record = {k: f"{k}-v" for k in compact.IOS_SA_FIELDS} | {"extra": "x"}
    kept = compact.ios_compactor()(record)
    assert isinstance(kept, compact.CompactIosSa)
    assert dict(kept) == {k: f"{k}-v" for k in compact.IOS_SA_FIELDS}
    assert "extra" not in kept and kept.get("extra") is None
