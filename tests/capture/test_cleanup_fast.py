"""Paste-damage detection's cheap whole-head tests change no answer.

`detect` asks its per-line questions (notes, markup, prose) of the joined head first and
reads lines one by one only where that scan points. Here the answer is compared with the
line-by-line reading it replaced (`_reference_detect`, the code before, verbatim but for its
imports) on the head of every recording, every damaged form of tests/capture/test_cleanup.py
and, when present, every file of ../shared/corpus; and each scan is checked to find every
line the per-line rule accepts (what makes it safe to skip the others).
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from netriage.capture.cleanup import (
    _ANY_MARKUP,
    _MARKUP,
    _TYPO,
    NAME,
    QUOTE,
    WRAP_WIDTHS,
    Damage,
    _before_prompt,
    _numbered,
    _per_line,
    _single_spaced,
    continues,
    detect,
    double_spaced,
)
from netriage.capture.cleanup_rules import (
    annotation,
    is_label,
    is_prose,
    may_have_notes,
    prose_lines,
    quote_depth,
)
from netriage.capture.formats.common import _raw_head
from netriage.capture.reader import open_text
from netriage.capture.stream import wrap_width
from netriage.errors import NetriageError
from tests.capture import test_cleanup as damaged
from tests.conftest import RECORDINGS, SHARED


def _reference_wrap_width(texts: list[str], others: bool) -> int:
    lengths = [len(t) for t in texts if t.strip() and not is_prose(t)]
    breakable = [len(t) for t in texts if " " in t.strip() and not is_prose(t)]
    if not breakable or max(breakable) not in WRAP_WIDTHS:
        return 0
    width = max(breakable)
    if wrap_width(texts) == width:
        return 0
    near = sum(1 for n in lengths if n >= width - 8)
    found = sum(1 for a, b in pairwise(texts) if continues(a, a, b, width))
    return width if near >= 2 and (found >= 2 or (found >= 1 and others)) else 0


def _reference_detect(head: list[str]) -> Damage | None:
    """`detect` as it read every line (before the whole-head tests)."""
    filled = [t for t in head if t.strip()]
    if not filled:
        return None
    damage = Damage()
    quoted = [quote_depth(t) for t in filled if t.startswith(">")]
    if len(quoted) >= 3 and len(quoted) >= 0.6 * len(filled):
        depths = [quote_depth(t) for t in filled if QUOTE.sub("", t).strip()]
        damage.quote = min((d for d in depths if d), default=min(quoted))
    damage.typography = any(_TYPO.search(t) for t in filled)
    damage.markup = any(_MARKUP.search(t) for t in filled)
    texts = [line.text for line in _per_line(_numbered(head), damage)]
    damage.annotations = bool(damage.notes)
    damage.notes.clear()
    damage.double_spaced = double_spaced(texts)
    if damage.double_spaced:
        texts = [line.text for line in _single_spaced(_numbered(texts))]
    damage.wrap = _reference_wrap_width(texts, bool(damage.kinds))
    opening = next((i for i, t in enumerate(texts) if t.strip() and not is_prose(t)
                    and not NAME.match(t)), len(texts))
    damage.prose = any((is_prose(t) and (i < opening or _before_prompt(texts, i)))
                       or (is_label(t) and (i == 0 or not texts[i - 1].strip())
                           and _before_prompt(texts, i))
                       for i, t in enumerate(texts))
    return damage if damage.kinds else None


def _heads(folder: Path) -> dict[str, list[str]]:
    """Each file's head as `detect` is given it when the file is loaded."""
    heads = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            heads[str(path)] = _raw_head(open_text(path))
        except (NetriageError, OSError, UnicodeError):
            continue  # binary, empty, unreadable: never sniffed
    return heads


def _damaged_forms() -> dict[str, list[str]]:
    """The sessions of test_cleanup.py, clean and in each damaged form made from them."""
    asa, ios = damaged.ASA, damaged.IOS
    forms = {"asa": asa, "ios": ios,
             "quoted": ["> " + t for t in asa], "quoted twice": [">> " + t for t in ios],
             "double spaced": [x for t in asa for x in (t, "")],
             "typography": [t.replace("'", "\u2019").replace("-", "\u2013") for t in ios],
             "markup": ["```", *asa, "```", "**bold** `code` &gt; <pre>x</pre>"],
             "notes": [t + ("   <-- here" if i % 5 == 0 else "") for i, t in enumerate(asa)],
             "aside": [t + (" (this is the problem)" if i == 3 else "") for i, t in
                       enumerate(ios)],
             "comment": [t + (" # why is this down" if i == 4 else "") for i, t in
                         enumerate(ios)],
             "prose": ["Hi all, here is the output from our firewall:", "", *asa, "",
                       "and the other side:", *ios, "", "Thanks in advance!", "Paul"],
             "chat": ["[14:03] noc-leo: can you look at this", *ios],
             "mail": ["On Mon, 7 Dec 2026 at 10:00, Sam wrote:", *["> " + t for t in asa]],
             "label": ["Router B:", *ios],
             "wrapped": [t[:72] if len(t) > 72 else t for t in asa * 3],
             "nbsp alone": ["\u00a0", *asa]}
    for name, value in vars(damaged).items():
        if name.isupper() and isinstance(value, list) and value and \
                all(isinstance(t, str) for t in value):
            forms[f"test_cleanup.{name}"] = value
    return forms


def _all_heads() -> dict[str, list[str]]:
    heads = {**_heads(RECORDINGS), **_damaged_forms()}
    if (SHARED / "corpus").is_dir():  # when present: more real output, more look-alikes
        heads |= _heads(SHARED / "corpus")
    return heads


HEADS = _all_heads()


def test_enough_heads_damaged_and_clean():
    answers = [detect(h) for h in HEADS.values()]
    assert len(HEADS) > 400
    assert sum(a is None for a in answers) > 300  # the usual case: clean
    kinds = {k for a in answers if a is not None for k in a.kinds}
    assert kinds == {"quoted", "markup", "typography", "annotations", "double-spaced",
                     "wrapped", "prose"}


@pytest.mark.parametrize("chunk", range(8))
def test_detect_answers_as_the_line_by_line_reading(chunk):
    names = sorted(HEADS)[chunk::8]
    for name in names:
        head = HEADS[name]
        expected, found = _reference_detect(head), detect(head)
        assert (vars(found) if found else None) == (vars(expected) if expected else None), name


def test_the_whole_head_scans_find_every_line_the_rules_accept():
    for name, head in HEADS.items():
        texts = [t.rstrip() for t in head]
        assert prose_lines(texts) == {i for i, t in enumerate(texts) if is_prose(t)}, name
        noted = [t for t in texts if annotation(t)[1]]
        if noted:
            assert may_have_notes("\n".join(texts)), name
            assert all(may_have_notes(t) for t in noted), name
        for text in texts:
            if _MARKUP.search(text):
                assert "```" in text or "~~~" in text or _ANY_MARKUP.search(text), name


@pytest.mark.parametrize("line", [
    "```", "  ~~~text", "**bold**", "`show run`", "<pre>", "</PRE >", "<Code>x", "&gt;",
    "&NBSP;", "&#62;", "a <br/> b"])
def test_any_line_with_markup_is_found_by_the_whole_head_scan(line):
    session = list(damaged.IOS)
    assert _MARKUP.search(line)
    texts = [*session[:5], line, *session[5:]]
    joined = "\n".join(texts)
    assert "```" in joined or "~~~" in joined or _ANY_MARKUP.search(joined)
    assert detect(texts) is not None and detect(texts).markup


def test_a_note_is_found_on_any_line_of_a_head():
    session = list(damaged.ASA)
    assert not may_have_notes("\n".join(session))
    for note in ("<<YOUR SIDE", "<-- here", "<=== this one", "---> why?", "\u2190 this",
                 "(this is wrong)", "# why is this down"):
        for index in (0, len(session) // 2, len(session) - 2):  # the last is a bare prompt
            lines = list(session)
            lines[index] = f"{lines[index] or 'x'} {note}"
            assert annotation(lines[index])[1], note
            assert may_have_notes("\n".join(lines)), (note, index)


@pytest.mark.parametrize("line", [
    "Hi Paul,", "Thanks!", "Kind regards,", "Best wishes", "and the history:",
    "Here is the output of the other side.", "On Mon, 7 Dec 2026, Sam <s@x.org> wrote:",
    "-----Original Message-----", "Le lundi 7 d\u00e9c. 2026, Sam a \u00e9crit :",
    "[14:03] noc-leo: the tunnel is down again", "i'm stuck, can anyone help?",
    "THANKS for looking", "Please see the output below:",
    # what IGNORECASE reads as i, s and k but lower() does not turn into them
    "K\u0131nd regards,", "be\u017ft wishes", "\u212aind regards,",
    "Am 7.12.2026 um 10:00 \u017fchrieb Sam:"])
def test_prose_lines_finds_a_sentence_anywhere_in_a_head(line):
    assert is_prose(line)
    session = list(damaged.IOS)
    for index in (0, len(session) // 2, len(session)):
        texts = [*session[:index], line, *session[index:]]
        assert prose_lines(texts) == {index}
        # a line lowercasing makes longer (`\u0130` -> `i` and a dot) before it
        texts = ["\u0130stanbul \u0130\u0130", *texts]
        assert prose_lines(texts) == {index + 1}


def test_the_words_prose_lines_looks_for_are_the_ones_is_prose_counts():
    """A word added to `is_prose`'s lists must be one `prose_lines` looks for."""
    from netriage.capture import cleanup_rules as rules

    assert rules._FIRST_WORDS >= rules._GREETING | rules._LINKER
    assert rules._SIGN_OFF.pattern.startswith("^(?:best|kind|warm|many)\\s")

