"""Issue 13 goal 4: what the trees and vocabularies keep in the cache dir answers as the long
way does.

* the trees' expressions (conditions, `each`, `{placeholders}`) are compiled when the trees
  are built (`engine.exprcache`); each stored one is the code, names and fields the
  expression functions give from its source, and every recording finds the same with the
  stored ones as with expressions compiled afresh;
* each vocabulary is unpickled only when a platform asks for it: an ASA report reads the
  ASA's, and all of them are the ones built from the YAML.
"""

from __future__ import annotations

import marshal

import pytest

from netriage.engine import expr, exprcache, vocab
from netriage.engine.tree import load_trees
from tests.conftest import RECORDINGS
from tests.recordings_index import answers_for, list_recordings

ROOT = RECORDINGS.parent


def _fresh(source: str) -> tuple:
    saved = dict(expr.PRECOMPILED)
    expr.PRECOMPILED.clear()
    try:
        return (expr.compile_expr.__wrapped__(source), expr.names_in.__wrapped__(source),
                expr.fields_in.__wrapped__(source))
    finally:
        expr.PRECOMPILED.update(saved)


def _same_code(a, b) -> bool:  # type: ignore[no-untyped-def]
    return (a.co_code, a.co_consts, a.co_names, a.co_varnames) == (
        b.co_code, b.co_consts, b.co_names, b.co_varnames)


def test_every_expression_of_the_trees_is_stored_as_compiled():
    trees = load_trees()
    sources = exprcache.sources(trees)
    assert len(sources) > 500
    stored = {s for s in sources if s in expr.PRECOMPILED}
    assert len(stored) >= len(sources) - 5  # the few placeholders that are no expression
    for source in sorted(sources):
        if source in expr.PRECOMPILED:
            code, names, fields = expr.PRECOMPILED[source]
            fresh_code, fresh_names, fresh_fields = _fresh(source)
            assert _same_code(marshal.loads(code), fresh_code), source
            assert (names, fields) == (fresh_names, fresh_fields), source
        else:
            with pytest.raises((expr.ExprError, SyntaxError, ValueError)):
                _fresh(source)


def test_an_expression_the_trees_lack_is_compiled_and_checked_as_before():
    source = "failover.lan_state == 'down' and len(failover.this.interfaces) > 41"
    assert source not in expr.PRECOMPILED
    assert expr.names_in(source) == {"failover"}
    assert ("failover", "lan_state") in expr.fields_in(source)
    with pytest.raises(expr.ExprError):
        expr.compile_expr("failover.__class__")


def _answer(analysis) -> tuple:  # type: ignore[no-untyped-def]
    findings = sorted((f.device, f.id, f.severity, f.title, f.explanation,
                       tuple((e.command, e.line, e.text) for e in f.evidence),
                       tuple(repr(x) for x in f.fix), f.fix_note)
                      for f in analysis.findings)
    undecided = sorted((u.device, u.tree, u.node, u.reason) for u in analysis.undecided)
    return findings, undecided


def _clear_expression_caches() -> None:
    for function in (expr.compile_expr, expr.names_in, expr.fields_in):
        function.cache_clear()


@pytest.mark.parametrize("path", [pytest.param(p, id=p.relative_to(ROOT).as_posix())
                                  for p in list_recordings()])
def test_stored_expressions_find_what_fresh_ones_find(monkeypatch, path):
    from netriage.analysis import analyze_paths
    from netriage.errors import NetriageError

    answers = answers_for(path) or None
    load_trees()
    try:
        usual = _answer(analyze_paths([path], answers=answers))
    except NetriageError:
        return  # refused either way (tests/test_bad_input_paths.py)
    monkeypatch.setattr(expr, "PRECOMPILED", {})
    _clear_expression_caches()
    try:
        fresh = _answer(analyze_paths([path], answers=answers))
    finally:
        monkeypatch.undo()
        _clear_expression_caches()
    assert fresh == usual


def test_an_asa_report_unpickles_only_the_asa_vocabulary():
    from netriage.report.undecided import runs_on

    vocab.vocabularies.cache_clear()
    runs_on.cache_clear()
    try:
        assert runs_on("show failover", "cisco_asa", "9.8(4)")
        assert set(vocab._catalogue().unpacked) == {"asa"}
        assert not runs_on("show standby", "cisco_asa", "9.8(4)")  # an IOS command
        assert [v.name for v in vocab.vocabularies()] == ["asa", "ftd", "ios", "pix6"]
    finally:
        vocab.vocabularies.cache_clear()
        runs_on.cache_clear()


def test_every_vocabulary_unpickled_alone_is_the_one_built_from_its_file():
    from netriage.resources import data_dir

    vocab.vocabularies.cache_clear()
    try:
        for path in sorted((data_dir("checks") / "vocab").glob("*.yaml")):
            built = vocab._load(path)
            [alone] = [v for v in vocab.vocabularies() if v.name == path.stem]
            assert (alone.platforms, alone.exec_in_config, alone.filters, alone.parents) == (
                built.platforms, built.exec_in_config, built.filters, built.parents)
            assert {m: [(e.text, e.enters, e.releases, e.regex.pattern) for e in es]
                    for m, es in alone.modes.items()} == {
                m: [(e.text, e.enters, e.releases, e.regex.pattern) for e in es]
                for m, es in built.modes.items()}
    finally:
        vocab.vocabularies.cache_clear()
