"""Issue 13 goal 3: the capture fast path finds the lines not led by a space once, and uses
them for the prompt search and the terminal-program / shell checks. Both must answer as the
whole-text way (forced here with `_MAX_HEADS = 0`) on every recording and on the lines those
checks exist for, wherever they stand in a big indented table."""

from __future__ import annotations

import dataclasses

import pytest

from netriage.capture import fastsplit, load_paths
from netriage.errors import NetriageError
from netriage.parsing.native.synth import asa_ipsec_sa
from tests.conftest import RECORDINGS


def _loaded(paths: list) -> list:
    capture = load_paths(paths)
    return [(d.hostname, [dataclasses.asdict(e) for e in d.entries]) for d in capture.devices]


RECORDED = [pytest.param(p, id=str(p.relative_to(RECORDINGS))) for p in
            sorted(RECORDINGS.rglob("*.log"))]


@pytest.mark.parametrize("path", RECORDED)
def test_every_recording_loads_the_same_either_way(monkeypatch, path):
    try:
        heads = _loaded([path])
    except NetriageError:  # unusable on purpose: refused the same way below
        monkeypatch.setattr(fastsplit, "_MAX_HEADS", 0)
        with pytest.raises(NetriageError):
            _loaded([path])
        return
    monkeypatch.setattr(fastsplit, "_MAX_HEADS", 0)
    assert _loaded([path]) == heads


@pytest.fixture(scope="module")
def table() -> str:
    text, _written = asa_ipsec_sa(200)
    return "fw1# show crypto ipsec sa\n" + text + "fw1# "


LINES = ["=~=~=~=~=~=~=~=~=~=~=~= PuTTY log 2026.01.02 10:11:12 =~=~=~=~=~=~=~=~=~=~=~=",
         "Script started on Mon 07 Dec 2026 10:00:00 [TERM=xterm]",
         "Script done on x", "ops@jump01:~$ ssh admin@fw1", "[ops@jump01 ~]$",
         "Connection to fw1 closed.", "Connection closed by foreign host",
         "Connection reset by peer", "ssh: connect to host fw1 port 22: refused"]


@pytest.mark.parametrize("line", LINES)
@pytest.mark.parametrize("indent", ["", "  "])
def test_each_session_line_is_seen_as_the_whole_text_way_sees_it(table, line, indent):
    middle = table.index("\n", len(table) // 2) + 1
    text = table[:middle] + indent + line + "\n" + table[middle:]
    heads = fastsplit._line_heads(text)
    assert heads is not None and len(heads) < 10  # the table's lines are indented
    answer = fastsplit._declined(text, heads)
    assert answer == fastsplit._declined(text, None)
    assert answer is (indent == "")  # every such line, at a line start, is declined


def test_a_table_alone_is_not_declined_and_many_heads_give_up(table, monkeypatch):
    heads = fastsplit._line_heads(table)
    assert heads is not None and not fastsplit._declined(table, heads)
    monkeypatch.setattr(fastsplit, "_MAX_HEADS", 1)
    assert fastsplit._line_heads(table) is None
