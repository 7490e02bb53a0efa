"""Issue 13: a fast path never changes an answer.

* Compact SA records (big ASA `show crypto ipsec sa` outputs keep only the fields the facts
  read) hold exactly the values of the full records, on every real corpus output and on
  generated ones, and the full records are ntc-templates' (tests/crypto/test_native.py).
* Every recording under recordings/ is analysed twice, once as usual and once with every
  size-triggered fast path forced on (compact SA records, the evidence scan that neither
  splits nor lower-cases an output): the findings, their titles and evidence lines, and the
  undecided checks are the same.
"""

from __future__ import annotations

import pytest

from netriage.engine import linescan
from netriage.parsing import runner
from netriage.parsing.native import asa_ipsec_sa, compact, ios_ipsec_sa
from netriage.parsing.native.synth import asa_ipsec_sa as synth
from tests.conftest import RECORDINGS
from tests.recordings_index import analysis_of, answers_for, list_recordings

ROOT = RECORDINGS.parent


def _same_values(text: str, reader=asa_ipsec_sa, fields=compact.ASA_SA_FIELDS) -> int:  # type: ignore[no-untyped-def]
    full, full_lines = reader.parse(text, compact=False)
    small, small_lines = reader.parse(text, compact=True)
    assert small_lines == full_lines
    assert [dict(r) for r in small] == [{k: r.get(k, "") for k in fields} for r in full]
    return len(full)


def test_compact_ios_records_equal_full_ones_on_the_corpus(shared_dir):
    outputs = sorted((shared_dir / "corpus/ntc/cisco_ios").glob("show_crypto_ipsec_sa*/*.raw"))
    assert outputs
    counted = [_same_values(raw.read_text(), ios_ipsec_sa, compact.IOS_SA_FIELDS)
               for raw in outputs]
    assert sum(counted) > 0


def test_the_ios_reader_reads_lines_as_splitlines_does(shared_dir):
    for raw in sorted((shared_dir / "corpus/ntc/cisco_ios").glob("show_crypto_ipsec_sa*/*.raw")):
        text = raw.read_text()
        assert list(ios_ipsec_sa._lines(text)) == text.splitlines()


def test_compact_records_equal_full_ones_on_the_corpus(shared_dir):
    outputs = sorted((shared_dir / "corpus/ntc/cisco_asa").glob("show_crypto_ipsec_sa*/*.raw"))
    assert outputs
    assert sum(_same_values(raw.read_text()) for raw in outputs) > 0


@pytest.mark.parametrize("style", ["7x", "9x"])
@pytest.mark.parametrize("detail", [False, True])
def test_compact_records_equal_full_ones_on_generated_outputs(style: str, detail: bool):
    text, _written = synth(300, seed=7, zero_decaps_at=290, style=style, detail=detail)
    assert _same_values(text) == 300
    assert _same_values(text.rstrip("\n")) == 300  # no final newline: the last block still


def test_a_big_output_is_read_compact():
    text, _written = synth(600, seed=3)
    assert len(text) >= compact.COMPACT_FROM_CHARS
    records, _ = asa_ipsec_sa.parse(text)
    assert isinstance(records[0], compact.CompactSa) and len(records) == 600


def _answer(analysis) -> tuple:
    findings = sorted((f.device, f.id, f.severity, f.title,
                       tuple((e.command, e.line, e.text) for e in f.evidence))
                      for f in analysis.findings)
    undecided = sorted((u.device, u.tree, u.node, u.reason) for u in analysis.undecided)
    return findings, undecided


RECORDINGS_LIST = [pytest.param(p, id=p.relative_to(ROOT).as_posix())
                   for p in list_recordings()]


@pytest.mark.parametrize("path", RECORDINGS_LIST)
def test_forced_fast_paths_find_the_same(monkeypatch, path):
    from netriage.analysis import analyze_paths
    from netriage.errors import NetriageError

    try:
        usual = _answer(analysis_of(path))
    except NetriageError:
        return  # unusable input is refused either way (tests/test_bad_input_paths.py)
    monkeypatch.setattr(compact, "COMPACT_FROM_CHARS", 0)
    monkeypatch.setattr(linescan, "BIG_OUTPUT", 0)
    monkeypatch.setattr(runner, "_cache", {})  # parse afresh, compact, and leave no trace
    forced = _answer(analyze_paths([path], answers=answers_for(path) or None))
    assert forced == usual
