"""The native parsers give exactly the records TextFSM gives, on real and generated outputs.

The ASA parser stands in for ntc-templates' `cisco_asa_show_crypto_ipsec_sa.textfsm`; the IOS
one runs our own `cisco_ios_show_crypto_ipsec_sa.textfsm` through `fsm.Machine`. Every ntc
field is compared (the facts read most of them), on the corpus, on generated outputs of every
release style, and on generated outputs damaged at random (lines dropped, duplicated, junk
inserted), which sends blocks through the slow path and its state hand-overs.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
import textfsm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netriage.parsing import PARSED, PARTIAL, parse_output
from netriage.parsing.native import asa_ipsec_sa, find_native, ios_ipsec_sa
from netriage.parsing.native.fsm import Machine, load_template
from netriage.parsing.native.synth import asa_ipsec_sa as synth
from netriage.resources import data_dir

PARSERS_DIR = data_dir("parsers")
FIXTURES = Path(__file__).resolve().parents[1] / "parsers"


def stock(template: Path, text: str) -> list[dict]:
    fsm = textfsm.TextFSM(io.StringIO(template.read_text()))
    return [{k.lower(): v for k, v in row.items()} for row in fsm.ParseTextToDicts(text)]


def ntc_fields(records: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in asa_ipsec_sa.EXTRA_KEYS} for r in records]


def assert_same_as_ntc(text: str) -> list[dict]:
    records, _ = asa_ipsec_sa.parse(text)
    assert ntc_fields(records) == stock(asa_ipsec_sa.template_path(), text)
    return records


# -- ASA --------------------------------------------------------------------------------------
def test_the_ntc_rules_we_copied_are_still_ntcs():
    """The fast path is built from ntc's rule texts; a new ntc release must not drift away."""
    template = asa_ipsec_sa.template_path().read_text()
    for rule in asa_ipsec_sa.RULES.values():
        assert rule in template, rule
    for name, regex in asa_ipsec_sa.VALUES.items():
        assert f"Value {name} ({regex})" in template or f"Value Filldown {name} ({regex})" \
            in template, name


def test_corpus_output_is_identical(shared_dir):
    for raw in (shared_dir / "corpus/ntc/cisco_asa/show_crypto_ipsec_sa").glob("*.raw"):
        records = assert_same_as_ntc(raw.read_text())
        assert records


@pytest.mark.parametrize("style", ["7x", "8x", "9x"])
@pytest.mark.parametrize("detail", [False, True])
def test_generated_outputs_are_identical(style: str, detail: bool):
    text, written = synth(240, seed=len(style) + detail, zero_decaps_at=77, style=style,
                          detail=detail)
    records = assert_same_as_ntc(text)
    assert len(records) == 240
    assert [r["packets_decapsulated"] for r in records].count("0") == 1
    assert records[77]["packets_decapsulated"] == "0"
    assert [r["current_peer"] or r["current_peer_name"] for r in records] == [
        w.peer for w in written]


def test_fast_path_takes_whole_blocks():
    text, _ = synth(50, seed=3)
    run = asa_ipsec_sa._Parse(text)
    run.run()
    assert run.taken == 0  # no record came from the slow path
    assert run.not_understood == []


def test_detail_counters_are_kept():
    text, _ = synth(20, detail=True)
    text = text.replace("#pkts replay failed (rcv): 0", "#pkts replay failed (rcv): 17", 1)
    records, not_understood = asa_ipsec_sa.parse(text)
    assert not_understood == []
    assert records[0]["replay_failed_rcv"] == "17"
    assert {r["replay_failed_rcv"] for r in records[1:]} == {"0"}
    plain, _ = asa_ipsec_sa.parse(synth(5)[0])
    assert {r["replay_failed_rcv"] for r in plain} == {""}


_MUTATIONS = st.lists(st.tuples(st.sampled_from(["drop", "dup", "junk", "swap", "digits"]),
                                st.integers(min_value=0, max_value=10**6)),
                      min_size=1, max_size=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutations=_MUTATIONS, seed=st.integers(0, 50),
       style=st.sampled_from(["7x", "8x", "9x"]), detail=st.booleans())
def test_damaged_outputs_are_identical(mutations, seed, style, detail):
    text, _ = synth(12, seed=seed, style=style, detail=detail)
    lines = text.split("\n")
    for kind, at in mutations:
        index = at % len(lines)
        if kind == "drop":
            del lines[index]
        elif kind == "dup":
            lines.insert(index, lines[index])
        elif kind == "junk":
            lines.insert(index, random.Random(at).choice(
                ["      some line a new release prints", "interface: dmz", "%", "",
                 "    Crypto map tag: junk", "      current_peer: ", "  spi: 0x1 (1)",
                 "\tinbound esp sas:", "      #pkts encaps: 1, #pkts encrypt: 1"]))
        elif kind == "swap" and index + 1 < len(lines):
            lines[index], lines[index + 1] = lines[index + 1], lines[index]
        elif kind == "digits":
            lines[index] = lines[index].replace("0", "9", 1)
    assert_same_as_ntc("\n".join(lines))


def test_a_line_no_rule_understands_makes_it_partial():
    text, _ = synth(10)
    lines = text.split("\n")
    lines.insert(40, "      #pkts something new: 0")
    result = parse_output("\n".join(lines), "show crypto ipsec sa", "cisco_asa")
    assert result.status == PARTIAL
    assert result.not_understood == [(41, "      #pkts something new: 0")]
    assert len(result.records) == 10  # the rest is still read


def test_no_sas_and_garbage():
    assert parse_output("There are no ipsec sas\n", "show crypto ipsec sa",
                        "cisco_asa").status == PARSED
    garbage = parse_output("lorem ipsum\ndolor\n", "show crypto ipsec sa", "cisco_asa")
    assert garbage.status == "unparsed" and garbage.records == []


def test_line_separators_textfsm_splits_on_go_the_slow_way():
    text, _ = synth(6)
    text = text.replace("\n", "\r\n")
    assert_same_as_ntc(text)


def test_registry_routes_commands():
    assert find_native("cisco_asa", "show crypto ipsec sa").name == "native:asa_ipsec_sa"
    assert find_native("cisco_asa", "show crypto ipsec sa detail") is not None
    assert find_native("cisco_asa", "show crypto ipsec sa peer 192.0.2.1") is not None
    assert find_native("cisco_ios", "show crypto ipsec sa").name == "native:ios_ipsec_sa"
    # IOS `detail` stays on ntc-templates' own template (the corpus conformance contract);
    # the facts read it with our parser (see facts.crypto._ios_ipsec)
    assert find_native("cisco_ios", "show crypto ipsec sa detail") is None
    assert find_native("cisco_asa", "show crypto isakmp sa") is None
    assert parse_output(synth(3)[0], "show crypto ipsec sa",
                        "cisco_asa").template == "native:asa_ipsec_sa"


# -- IOS and the machine itself ----------------------------------------------------------------
def _template_fixtures():
    for template in sorted(PARSERS_DIR.glob("*.textfsm")):
        platform, _, command = template.stem.partition("_show_")
        folder = FIXTURES / platform.replace("cisco_asa", "cisco_asa") / f"show_{command}"
        for raw in sorted(folder.glob("*.raw")) if folder.is_dir() else []:
            yield template, raw


@pytest.mark.parametrize(("template", "raw"), list(_template_fixtures()),
                         ids=lambda p: p.name)
def test_machine_equals_textfsm_on_every_fixture(template: Path, raw: Path):
    """`fsm.Machine` re-implements TextFSM; every template of ours and its fixtures agree."""
    text = raw.read_text()
    machine = Machine(load_template(template))
    for line in text.splitlines():
        machine.feed(line)
    assert machine.finish() == stock(template, text)


def test_ios_native_equals_our_template(shared_dir):
    template = ios_ipsec_sa.template_path()
    outputs = [p.read_text() for p in (FIXTURES / "cisco_ios/show_crypto_ipsec_sa").glob("*.raw")]
    outputs += [p.read_text() for p in
                (shared_dir / "corpus/ntc/cisco_ios/show_crypto_ipsec_sa_detail").glob("*.raw")]
    for text in outputs:
        records, not_understood = ios_ipsec_sa.parse(text)
        assert records == stock(template, text)
        assert not_understood == []
