"""Issue 13, redaction on a VPN headend: an output holding no secret is neither copied nor
searched, and still every secret is masked.

* an ASA `show crypto ipsec sa` table (an `ipsec overhead` row per SA holds "sec ", the
  `ena sec x` abbreviation) is secret-free: `mask` hands back the very same string, even with
  a config's secrets known, and looking costs a chunk, not copies of the whole table;
* the chunked keyword test answers as the whole-text one on every recording's outputs;
* a real secret beside those rows, or a known secret echoed inside a big table, is masked.
"""

from __future__ import annotations

import tracemalloc

import pytest

from netriage.capture import load_paths
from netriage.parsing.native.synth import asa_ipsec_sa
from netriage.redact import TokenMap, engine, prefilter, redact_text
from tests.recordings_index import list_recordings

CONFIG = ("enable password Bn01EnablePw encrypted\n"
          "tunnel-group 203.0.113.20 ipsec-attributes\n ikev1 pre-shared-key Bn04PskLong\n")


@pytest.fixture(scope="module")
def table() -> str:
    text, _written = asa_ipsec_sa(3000)
    assert text.count("ipsec overhead") == 3000 and len(text) > 4 * prefilter._CHUNK
    return text


def test_an_sa_table_is_handed_back_uncopied(table):
    tokens = TokenMap()
    redact_text(CONFIG, tokens)  # the config's secrets are known before the table is masked
    assert len(tokens) == 2 and tokens.known() is not None
    prefilter.secret_free.cache_clear()
    tracemalloc.start()
    try:
        out, rows = engine.mask(table, tokens, "show crypto ipsec sa")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert out is table and rows == []
    # lowering the whole table (and taking the benign phrases out) held 2-3 copies of it
    assert peak < len(table) / 2, (peak, len(table))


def test_the_chunked_keyword_test_answers_as_the_whole_text_one(monkeypatch):
    monkeypatch.setattr(prefilter, "_CHUNK", 256)  # many chunks per output
    outputs = [entry.output for recording in list_recordings()
               for device in load_paths([recording]).devices
               for entry in device.entries if entry.output]
    assert len(outputs) > 1000
    prefilter.secret_free.cache_clear()
    try:
        answers = [(prefilter.secret_free(text), prefilter._chunk_free(text)) for text in outputs]
    finally:
        prefilter.secret_free.cache_clear()
    assert all(chunked == whole for chunked, whole in answers)
    assert {whole for _c, whole in answers} == {True, False}  # both answers occur


def test_secrets_beside_ipsec_rows_are_still_masked(table):
    head = table[:table.index("\n", 20000) + 1]
    text = (head + "fw(config)# ena sec Zq81SecretWord\n"
            "username ops sec 5 Zq82UserSecret\n" + head)
    result = redact_text(text, TokenMap(), "fw.log")
    assert "Zq81SecretWord" not in result.text and "Zq82UserSecret" not in result.text
    assert {m.kind for m in result.manifest} == {"enable", "user-password"}
    assert result.text.count("ipsec overhead") == 2 * head.count("ipsec overhead")


def test_a_known_secret_inside_a_big_table_is_masked(table):
    tokens = TokenMap()
    redact_text(CONFIG, tokens)
    middle = len(table) // 2
    echoed = table[:middle] + "debug: key Bn04PskLong sent\n" + table[middle:]
    out, rows = engine.mask(echoed, tokens, "show crypto ipsec sa")
    assert "Bn04PskLong" not in out and "key <psk-1> sent" in out
    assert [kind for _n, kind, _t in rows] == ["psk"]
