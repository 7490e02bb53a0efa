"""The folded keyword test (issue 13 goal 3): a big ASCII output is tested through its distinct
lines, lowered and with digits folded, and that never says "no secret word" where the plain
word-by-word test (`_chunk_free` over the whole text) would find one.

Checked on every recording's outputs with the folded path forced on every output, on an SA
table with words planted in every case and beside the benign phrases, and on texts built to
trip a fold (digits, a phrase taken out that joins a word, non-ASCII case folding).
"""

from __future__ import annotations

import random

import pytest

from netriage.capture import load_paths
from netriage.parsing.native.synth import asa_ipsec_sa
from netriage.redact import prefilter
from tests.recordings_index import list_recordings


@pytest.fixture()
def forced(monkeypatch: pytest.MonkeyPatch):
    """Every output through the folded test, in many small chunks."""
    monkeypatch.setattr(prefilter, "FOLD_FROM", 0)
    monkeypatch.setattr(prefilter, "_FOLD_CHUNK", 512)
    prefilter.secret_free.cache_clear()
    yield
    prefilter.secret_free.cache_clear()


def _answers(text: str) -> tuple[bool, bool, bool]:
    """(secret_free, the plain whole-text test, the folded test alone)."""
    folded = text.isascii() and prefilter._chunks_free(text, prefilter._folded_free, 512)
    return prefilter.secret_free(text), prefilter._chunk_free(text), folded


def test_every_recording_output_answers_as_the_plain_test(forced):
    outputs = {entry.output for recording in list_recordings()
               for device in load_paths([recording]).devices
               for entry in device.entries if entry.output}
    assert len(outputs) > 1000
    answers = [_answers(text) for text in outputs]
    assert all(free == plain for free, plain, _folded in answers)
    assert all(plain or not folded for _free, plain, folded in answers)  # never too bold
    assert {plain for _f, plain, _fo in answers} == {True, False}
    # the fold decides most outputs alone: the plain test reruns only after a "no"
    assert sum(folded for _f, _p, folded in answers) > len(answers) // 2


@pytest.fixture(scope="module")
def table() -> str:
    text, _written = asa_ipsec_sa(400)
    assert len(text) > prefilter.FOLD_FROM
    return text


TRICKS = [
    "username ops PASSWORD 0 Zq1",  # upper case
    "snmp-server CoMmUnItY Zq2 RO",
    "ena sec Zq3",  # the abbreviation beside `ipsec ` rows
    "pasrekeys",  # "rekey" taken out leaves "pass": the plain test says no, so must this
    "paskey lifetimes",  # "key lifetime" taken out leaves "pass"
    "crypto ca import tp pkcs12 tftp: x",  # a word with digits
    "debug 0x1F pre-shared secret",
    "\tradius-server host 10.0.0.1 key\tZq4",  # tab: folded like any other character
]
NOT_SECRETS = ["pkcs99 is no word", "IPSEC overhead 74", "REMAINING KEY LIFETIME (sec): 1",
               "rekey 5 key-lifetime"]


@pytest.mark.parametrize("line", TRICKS + NOT_SECRETS)
def test_a_line_planted_in_a_big_table_answers_as_the_plain_test(table, line):
    prefilter.secret_free.cache_clear()
    middle = table.index("\n", len(table) // 2) + 1
    text = table[:middle] + line + "\n" + table[middle:]
    free, plain, folded = _answers(text)
    assert free == plain and (plain or not folded)
    assert plain is (line in NOT_SECRETS)


def test_random_plants_never_fool_the_fold(table):
    rng = random.Random(13)
    pieces = [*prefilter.SECRET_WORDS, *prefilter.BENIGN, "0", "7", "12", " ", "-", "x", "\n"]
    lines = table.split("\n")
    for _ in range(60):
        plant = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))
        plant = "".join(c.upper() if rng.random() < 0.3 else c for c in plant)
        at = rng.randrange(len(lines))
        text = "\n".join([*lines[:at], lines[at] + plant, *lines[at + 1:]])
        prefilter.secret_free.cache_clear()
        free, plain, folded = _answers(text)
        assert free == plain and (plain or not folded), plant


def test_non_ascii_case_folding_takes_the_plain_test(table):
    # KELVIN SIGN lowers to "k": "\u212aey" is "key" to str.lower, not to a byte fold
    text = table + "crypto isakmp \u212aEY Zq5\n"
    prefilter.secret_free.cache_clear()
    assert prefilter.secret_free(text) is False
    assert prefilter._chunk_free(text) is False


def test_the_sa_table_itself_is_decided_by_the_fold(table):
    assert prefilter._chunks_free(table, prefilter._folded_free, prefilter._FOLD_CHUNK)
    assert prefilter._chunk_free(table)
