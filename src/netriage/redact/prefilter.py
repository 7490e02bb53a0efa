"""Where secrets can be: the cheap keyword tests that run before any rule.

An output holding none of these words (in any case) holds no secret any rule could find;
in a big output, only the lines holding one (and the block lines around a bare `key`) go
through the rules. `str.find` and `in` run at C speed; one regex alternation of the same
words, case-blind, measured 10-20x slower on small outputs.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache

# Words a line must hold for any rule to match it. Lines that open or close a block a bare
# `key` sits in are needed as context, but only when some line holds a secret word.
# Abbreviations count: `ena sec x`, `snmp-s comm x`, `ntp auth 1 md5 x`, `ikev1 pre-sh x`,
# `wpa-p ascii 0 x` hold none of the full words.
SECRET_WORDS = ("key", "pass", "secr", "sec ", "communit", "snmp", "auth", "tacacs", "radius",
                "aaa-server", "isakmp", "psk", "pre-sh", "wpa", "pkcs12")
BOUNDARY_WORDS = ("interface", "router", "line", "!")
# Phrases that hold a secret word but no secret, printed thousands of times by SA tables
# (`sa timing: remaining key lifetime (kB/sec)`): no rule can match a line made only of them.
# `ipsec ` holds "sec " (the `ena sec x` abbreviation), but a rule's `sec` keyword stands
# alone or after a hyphen, never after "ip": an ASA SA table's `ipsec overhead` row, once per
# SA, sent a 110 MB table that holds no secret through the line-by-line rules.
BENIGN = ("remaining key lifetime", "key lifetime", "key-lifetime", "rekey", "ipsec ")
SPARSE_FROM = 40  # lines; below this the whole text goes through the rules


def lines_with(lowered: str, words: tuple[str, ...], starts: list[int]) -> set[int]:
    """Indexes of lines holding one of `words` (str.find runs at C speed; a regex did not)."""
    found: set[int] = set()
    for word in words:
        at = lowered.find(word)
        while at != -1:
            line = bisect_right(starts, at) - 1
            found.add(line)
            at = lowered.find(word, starts[line + 1] if line + 1 < len(starts) else len(lowered))
    return found


_CHUNK = 1 << 20  # characters lowered at a time: a copy of a chunk, never of a whole output
# An ASCII output this long is tested through its folded distinct lines (`_folded_free`)
FOLD_FROM = 1 << 16


@lru_cache(maxsize=256)
def secret_free(text: str) -> bool:
    """No secret word stands anywhere outside the benign phrases (C-speed scans).

    Cached: a report masks each output twice (learning secrets, then masking), and a str
    keeps its hash, so the second look at a 15 MB output costs nothing. Read a chunk of
    whole lines at a time: lowering a 110 MB output and taking the phrases out of it held two
    more copies of it at once; no word or phrase spans a line, so the answer is the same.
    A big ASCII output is first tried folded (`_folded_free`); only a "no" from that
    over-cautious test is checked again word by word, so the answer is always this one's.
    """
    if len(text) >= FOLD_FROM and text.isascii() and _chunks_free(text, _folded_free,
                                                                   _FOLD_CHUNK):
        return True
    return _chunks_free(text, _chunk_free, _CHUNK)


def _chunks_free(text: str, test: Callable[[str], bool], size: int) -> bool:
    start = 0
    while start < len(text):
        end = text.find("\n", start + size)
        end = len(text) if end < 0 else end + 1
        if not test(text[start:end] if start or end < len(text) else text):
            return False
        start = end
    return True


def _chunk_free(text: str) -> bool:
    lowered = text.lower()
    for phrase in BENIGN:
        lowered = lowered.replace(phrase, "")
    return not any(word in lowered for word in SECRET_WORDS)


# -- the folded test ---------------------------------------------------------------------------
# Each of 15 words scanned over a 10 MB SA table, plus 5 phrases taken out, cost ~0.19 s; its
# 240,000 lines are ~15,000 distinct once their numbers are folded, and lines are independent
# (no word or phrase holds a newline, and taking a phrase out never joins two lines). So:
# lower and fold the bytes in one `bytes.translate`, keep each distinct line once, and run the
# same test on those. Folding keeps every character a word or phrase holds (lowered); turns
# every digit into "0" and every other character into NUL. A phrase is found exactly where the
# lowered text holds it (phrases hold no digit, "0" or NUL); a word's fold is found wherever the
# word was (a digit of `pkcs12` may match another digit: only a "no" too many, checked again).
_KEPT = frozenset("".join((*SECRET_WORDS, *BENIGN))) - set("0123456789")
_FOLD = bytes(ord(chr(b).lower()) if chr(b).lower() in _KEPT else
              b if b == 0x0A else 0x30 if chr(b).isdigit() else 0
              for b in range(128)) + bytes(128)  # (ASCII text only)
_FOLDED_WORDS = tuple(word.encode("ascii").translate(_FOLD) for word in SECRET_WORDS)
_FOLDED_BENIGN = tuple(phrase.encode("ascii") for phrase in BENIGN)
assert not any(c.isdigit() or c in "\x00\n" for c in "".join(BENIGN)), "see _FOLD"
assert not any(c in "\x00\n" for c in "".join(SECRET_WORDS)), "see _FOLD"
# Smaller than `_CHUNK`: a chunk's bytes, their fold and its lines are alive at once
_FOLD_CHUNK = 1 << 18


def _folded_free(text: str) -> bool:
    """Over-cautious `_chunk_free` of ASCII text: True only where that is True."""
    distinct = b"\n".join(set(text.encode("ascii").translate(_FOLD).split(b"\n")))
    for phrase in _FOLDED_BENIGN:
        distinct = distinct.replace(phrase, b"")
    return not any(word in distinct for word in _FOLDED_WORDS)


def may_hold_secret(lowered: str, starts: list[int], index: int) -> bool:
    end = starts[index + 1] if index + 1 < len(starts) else len(lowered)
    line = lowered[starts[index]:end]
    for phrase in BENIGN:
        line = line.replace(phrase, "")
    return any(word in line for word in SECRET_WORDS)
