"""What the crypto work added to the engine: `first`/`join_first`, and evidence line search
that finds exactly the lines a full scan finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from netriage.engine.expr import BUILTINS, Namespace, evaluate
from netriage.engine.linescan import matching_lines, required_literals


def _eval(source: str, **variables):
    return evaluate(source, Namespace(lambda name: (_ for _ in ()).throw(KeyError(name)),
                                      variables))


def test_first_and_join_first():
    assert "first" in BUILTINS and "join_first" in BUILTINS
    assert _eval("first(xs, 2)", xs=[1, 2, 3]) == [1, 2]
    assert _eval("join_first(xs, 2)", xs=["a", "b", "c", "d"]) == "a, b and 2 more"
    assert _eval("join_first(xs)", xs=["a", "b"]) == "a, b"
    assert _eval("join_first(xs, 1, '; ')", xs=["a", "b"]) == "a and 1 more"


def test_required_literals():
    assert required_literals(r"current_peer:?\s+203\.0\.113\.2\b") == ("203.0.113.2",)
    assert required_literals(r"^crypto map M 10 set peer|^tunnel-group 1\.1\.1\.1 type") == (
        "crypto map m 10 set peer", "tunnel-group 1.1.1.1 type")
    assert required_literals(r"(a|b)c\d+") is None  # no literal every match must hold
    assert required_literals(r"x(?!current_peer)y") is None  # a lookahead is not required


_PIECES = st.sampled_from(["current_peer", ": ", r"\s+", r"\d+", "203.0.113.2", "#pkts ",
                           "decaps", r"\b", ".*", "(a|b)", "?", "MM_WAIT_MSG2", "^", "$",
                           "State", r"\.", "(?:x|y)z", "[0-9]", "ÄÖ"])
_LINES = st.lists(st.sampled_from([
    "      current_peer: 203.0.113.2", "      #pkts decaps: 0, #pkts decrypt: 0",
    "    Rekey   : no              State   : MM_WAIT_MSG2", "", "CURRENT_PEER: 203.0.113.20",
    "xz yz az bz", "state mm_wait_msg2", "      #PKTS DECAPS: 17,", "ÄÖ current_peer: 1",
    "203.0.113.2", "\tcurrent_peer:\t203.0.113.2\t"]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_PIECES, min_size=1, max_size=5),
       alternatives=st.integers(1, 2), lines=_LINES)
def test_matching_lines_equals_a_full_scan(pieces, alternatives, lines):
    source = "".join(pieces)
    if alternatives == 2:
        source = f"{source}|{''.join(reversed(pieces))}"
    try:
        pattern = re.compile(source, re.IGNORECASE)
    except re.error:
        return
    output = "\n".join(lines)
    full = [(i, line) for i, line in enumerate(output.split("\n")) if pattern.search(line)]
    assert matching_lines(output, pattern) == full
