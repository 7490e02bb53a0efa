"""Issue 13 goal 3: the ASA SA reader loads ntc's template (as a machine) only for a block the
fast path cannot take; the value names it uses meanwhile are the installed template's."""

from __future__ import annotations

from netriage.parsing.native import asa_ipsec_sa, asa_ipsec_sa_regex
from netriage.parsing.native.synth import asa_ipsec_sa as synth


def test_the_names_are_the_templates_in_its_order():
    assert asa_ipsec_sa.template().names == asa_ipsec_sa_regex.NAMES


def test_a_canonical_table_is_read_without_the_machine():
    text, written = synth(50, seed=11)
    run = asa_ipsec_sa._Parse(text, compact=True)
    records, lines = run.run()
    assert run._machine is None
    assert len(records) == 50 and lines == []
    assert [r["current_peer"] or r["current_peer_name"] for r in records] == [
        w.peer for w in written]


def test_a_block_the_fast_path_refuses_brings_the_machine_in():
    text, _written = synth(50, seed=11)
    odd = text.replace("      #pkts compressed:", "      #pkts oddly compressed:", 1)
    run = asa_ipsec_sa._Parse(odd, compact=True)
    records, lines = run.run()
    assert run._machine is not None
    assert len(records) == 50 and [text for _n, text in lines] == [
        next(line for line in odd.splitlines() if "oddly" in line)]
