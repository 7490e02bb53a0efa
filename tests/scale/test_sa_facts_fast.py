"""Issue 13 goal 3: the ASA SA facts read compact records in one C call per SA, and the same
facts come out as from the full ntc-shaped dicts (and from a reader that lacks the `detail`
keys); `local_addresses` skips the keys a compact record never keeps, and finds the same.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from netriage.facts.crypto import sa as sa_facts
from netriage.parsing import PARSED, ParseResult
from netriage.parsing.native import asa_ipsec_sa, compact
from netriage.parsing.native.synth import asa_ipsec_sa as synth


def _result(records: list) -> ParseResult:
    return ParseResult(command="show crypto ipsec sa", status=PARSED, records=records)


def _facts(records: list, names: dict[str, str] | None = None) -> list[dict]:
    return [dataclasses.asdict(sa) for sa in
            sa_facts.ipsec_from_asa(_result(records), names or {})]


@pytest.mark.parametrize("style", ["7x", "9x"])
@pytest.mark.parametrize("detail", [False, True])
def test_compact_and_full_records_give_the_same_sas(style: str, detail: bool):
    text, written = synth(120, seed=5, zero_decaps_at=100, style=style, detail=detail)
    full, _ = asa_ipsec_sa.parse(text, compact=False)
    small, _ = asa_ipsec_sa.parse(text, compact=True)
    assert isinstance(small[0], compact.CompactSa) and isinstance(full[0], dict)
    facts = _facts(small)
    assert facts == _facts(full)
    assert len(facts) == 120 and facts[100]["decaps"] == 0 and facts[100]["encaps"] > 0
    assert [f["peer"] for f in facts] == [w.peer for w in written]
    assert all(f["detail"] is detail for f in facts)


def test_peer_names_pfs_and_transforms_are_read_per_sa():
    text, _ = synth(40, seed=2)
    records = [dict(r) for r in asa_ipsec_sa.parse(text, compact=False)[0]]
    records[3].update(current_peer="", current_peer_name="branch-7")
    records[4].update(inbound_settings_in_use="L2L, Tunnel, PFS Group 21, IKEv2",
                      outbound_encryption="esp-gcm-256", outbound_authentication="")
    records[5].update(inbound_settings_in_use="", outbound_settings_in_use="L2L, Tunnel,")
    facts = _facts(records, {"branch-7": "192.0.2.77"})
    assert facts[3]["peer"] == "192.0.2.77"
    assert (facts[4]["pfs"], facts[4]["transform"]) == ("group21", "esp-gcm-256")
    assert (facts[5]["pfs"], facts[5]["settings"]) == ("", "L2L, Tunnel,")
    # each answer worked out once per distinct settings / transform is still each SA's own
    for fact, record in zip(facts, records, strict=True):
        group = re.search(r"PFS Group (\d+)", fact["settings"])
        assert fact["pfs"] == (f"group{group.group(1)}" if group else "")
        assert fact["transform"] == " ".join(
            v for v in (record["outbound_encryption"], record["outbound_authentication"]) if v)
    assert len({f["pfs"] for f in facts}) > 1


def test_records_without_the_detail_keys_read_as_zero():
    text, _ = synth(10, seed=9, detail=True)
    records = [dict(r) for r in asa_ipsec_sa.parse(text, compact=False)[0]]
    stripped = [{k: v for k, v in r.items() if k not in sa_facts._ASA_DETAIL} for r in records]
    facts = _facts(stripped)
    assert {(f["replay_failed"], f["invalid_sa"], f["verify_failed"], f["no_sa_send"])
            for f in facts} == {(0, 0, 0, 0)}
    assert [f["peer"] for f in facts] == [f["peer"] for f in _facts(records)]


def test_a_record_missing_a_main_field_is_refused_as_before():
    text, _ = synth(3, seed=1)
    records = [dict(r) for r in asa_ipsec_sa.parse(text, compact=False)[0]]
    del records[1]["packets_encapsulated"]
    with pytest.raises(KeyError):
        _facts(records)


def test_the_getter_reads_as_the_mapping():
    text, _ = synth(30, seed=4)
    small, _ = asa_ipsec_sa.parse(text, compact=True)
    names = ("current_peer", "interface", "no_sa_send", "outbound_spi_hex")
    get = compact.CompactSa.getter(names)
    assert [get(r) for r in small] == [tuple(r[n] for n in names) for r in small]
    assert compact.CompactSa.getter(("path_mtu",))(small[0]) == (small[0]["path_mtu"],)
    with pytest.raises(KeyError):
        compact.CompactSa.getter(("inbound_slot",))
