"""Per-platform command vocabularies (checks/vocab/*.yaml) and the check of fix lines against them.

A fix a device would refuse costs a field engineer more than no fix, so `netriage checks lint`
walks every fix, verify and rollback line the way the device's parser would: starting at the
exec prompt, through `configure terminal` into config mode and each sub-mode a command opens
(`interface`, `crypto map … ipsec-isakmp`, `tunnel-group … ipsec-attributes` …), back out with
`exit` / `end`, and refuses a line the platform (or the release range the block is for) lacks.

Pattern words (one vocabulary entry per command form):
    failover lan unit (primary|secondary)     literal words; (a|b) one of
    interface <if> => interface               <x> any one word; `=> mode` enters a sub-mode
    access-list <acl> extended <rest...>      <x...> one or more words
    show crypto ipsec sa [peer <ip>] [detail]  [...] optional
    debug crypto ...                          ... any words, or none
An entry may be a mapping `{cmd: …, since: "9.1(2)", until: "15.1"}`: the command exists from
`since` (included) to `until` (excluded). `no X` is accepted wherever a leading part of an `X`
form is (`no failover key` for `failover key <secret>`). Lines starting with `!` are comments.
"""

from __future__ import annotations

import re

from netriage.engine.tree import FixTemplate
from netriage.engine.versions import ANY, VersionRange, parse_range
from netriage.engine.vocab_read import ANY_WORD as _ANY
from netriage.engine.vocab_read import (
    CONFIG,
    EXEC,
    Entry,
    LazyPattern,
    Vocabulary,
    _catalogue,
    _load,
    for_platform,
    vocabularies,
)

# The vocabularies as read (engine.vocab_read) are named here too, beside the checks.
__all__ = ["CONFIG", "EXEC", "Entry", "LazyPattern", "Vocabulary", "_catalogue", "_load",
           "check_fix", "check_lines", "for_platform", "vocabularies"]

# A fix's unrendered `{expr}` (may hold spaces) and `<placeholder>` stand for one word.
_EXPR = re.compile(r"\{[^{}]*\}")
# A `{expr}` inside a line stands for words of the device's own configuration (an ACE, an
# interface and its address): how many is not known before rendering, so the line is tried
# with the expression as 1 to _SPAN_MAX words, each of which any word of a form accepts.
_SPAN_MAX = 6


def _line(text: str) -> str:
    return " " + " ".join(_EXPR.sub("<expr>", text).split())


def _spans(line: str) -> list[str]:
    """The line with each `<expr>` as 1.._SPAN_MAX words of an expression (three at most)."""
    parts = line.split(" <expr>")
    if len(parts) == 1 or len(parts) > 4:
        return []
    out = [""]
    for part in parts[1:]:
        out = [f"{done}{' ' + ' '.join([_ANY] * n)}{part}" for done in out
               for n in range(1, _SPAN_MAX + 1)]
    return [parts[0] + tail for tail in out]


# Each form's leading literal words (plain ASCII words before any choice, option or
# placeholder), per mode's entry list: a line whose words differ there cannot match the form
# (its regex starts ` (?:word) (?:word)`, each followed by a space or the end), so its regex is
# not compiled to find that out (`runs_on` of four commands compiled ~100 of them).
_HEADS: dict[int, tuple[list[Entry], list[tuple[str, ...]]]] = {}
_NOT_LITERAL = frozenset("[]()<>|")


def _heads(entries: list[Entry]) -> list[tuple[str, ...]]:
    known = _HEADS.get(id(entries))
    if known is None or known[0] is not entries:
        heads: list[tuple[str, ...]] = []
        for entry in entries:
            words: list[str] = []
            for word in entry.text.partition("=>")[0].split():
                if not word.isascii() or word == "..." or _NOT_LITERAL & set(word):
                    break
                words.append(word.lower())
            heads.append(tuple(words))
        known = _HEADS[id(entries)] = (entries, heads)
    return known[1]


def _may_match(head: tuple[str, ...], words: list[str], loose: bool, negated: bool) -> bool:
    """False only when the form's leading words rule the line out. A `no` form (`prefix`)
    needs only its first word; `loose` forms take an expression's word (`_ANY`) for any;
    a non-ASCII word is never ruled out (under re.IGNORECASE a few match ASCII letters)."""
    for index, wanted in enumerate(head[:1] if negated else head):
        if index >= len(words):
            return False
        word = words[index]
        if word.isascii() and word.lower() != wanted and not (loose and word == _ANY):
            return False
    return True


def _words(line: str) -> list[str]:
    """The words of a line as `_line` and `_spans` make it: one space before each."""
    return line[1:].split(" ") if line.startswith(" ") else ["\0"]


def _find(vocab: Vocabulary, mode: str, line: str, releases: VersionRange,
          negated: bool) -> tuple[Entry | None, bool]:
    """(the entry that accepts the line in `mode`, whether it exists in every release)."""
    seen_elsewhere = None
    entries = vocab.modes.get(mode, [])
    heads = _heads(entries)
    words = _words(line)
    for entry, head in zip(entries, heads, strict=True):
        if not _may_match(head, words, False, negated):
            continue
        regex = entry.prefix if negated else entry.regex
        if regex.match(line):
            if releases.within(entry.releases):
                return entry, True
            seen_elsewhere = entry
    if seen_elsewhere is None:
        for subject in _spans(line):
            words = _words(subject)
            for entry, head in zip(entries, heads, strict=True):
                if not _may_match(head, words, True, negated):
                    continue
                if (entry.loose_prefix if negated else entry.loose).match(subject):
                    if releases.within(entry.releases):
                        return entry, True
                    seen_elsewhere = entry
    return seen_elsewhere, False


def _span(vocab: Vocabulary, tag: str, releases: VersionRange) -> VersionRange:
    """The releases a block covers on this vocabulary: its own range cut to the file's."""
    own = vocab.platforms[tag]
    low = max((v for v in (releases.low, own.low) if v is not None), default=None)
    high = min((v for v in (releases.high, own.high) if v is not None), default=None)
    return VersionRange(low, high)


def _climb(vocab: Vocabulary, mode: str, text: str, span: VersionRange,
           negated: bool) -> tuple[bool, str, str]:
    """(accepted, the mode after the line, a release problem): the line is looked up in its
    mode, then in each outer mode (a command of an outer mode leaves the sub-mode)."""
    line = _line(text[3:] if negated else text)
    climb: str | None = mode
    while climb is not None:
        entry, everywhere = _find(vocab, climb, line, span, negated)
        if entry is not None and not everywhere:
            return True, mode, (f"{text!r}: `{entry.text}` exists only in {entry.releases}, "
                                f"this fix is for {span} ({vocab.name})")
        if entry is not None:
            if climb != mode and not (climb == EXEC and vocab.exec_in_config):
                mode = climb
            if entry.enters and not negated:
                mode = entry.enters
            return True, mode, ""
        if climb == CONFIG and not vocab.exec_in_config:
            break  # IOS needs `do` for exec commands at a config prompt
        climb = vocab.parent(climb)
    return False, mode, ""


def check_lines(vocab: Vocabulary, tag: str, lines: list[str] | tuple[str, ...],
                releases: VersionRange = ANY) -> list[str]:
    """Problems of one list of lines (fix, verify or rollback) typed from the exec prompt."""
    problems: list[str] = []
    mode = EXEC
    span = _span(vocab, tag, releases)
    opaque = False  # under a rendered `{expr}` header: its sub-mode is not known here
    for raw in lines:
        text = str(raw).strip()
        if not text or text.startswith("!"):
            continue
        if opaque and str(raw)[:1].isspace() and text not in ("end", "exit"):
            continue  # a line under the device's own header, e.g. `line vty 0 4`
        opaque = False
        if text == "end" and mode != EXEC:
            mode = EXEC
            continue
        if text == "exit" and mode != EXEC:
            mode = vocab.parent(mode) or EXEC
            continue
        if text.lower().startswith("do ") and mode != EXEC:
            text = text[3:]  # IOS: an exec command at a config prompt
            problems += [p for p in check_lines(vocab, tag, [text], releases)
                         if "ends in" not in p]
            continue
        text, _, modifier = text.partition(" | ")
        if modifier and modifier.split()[0].lower() not in vocab.filters:
            problems.append(f"{raw!r}: `| {modifier.split()[0]}` is not a {vocab.name} "
                            "output filter")
        negated = text.lower().startswith("no ") and mode != EXEC
        if mode != EXEC and _EXPR.fullmatch(text[3:] if negated else text):
            # a line of the device's own configuration, rendered from the capture; it may
            # open a sub-mode, whose indented lines follow it
            opaque = mode == CONFIG and not negated
            continue
        accepted, mode, problem = _climb(vocab, mode, text, span, negated)
        problems += [problem] if problem else []
        if not accepted:
            where = "the exec prompt" if mode == EXEC else f"{mode} mode"
            problems.append(f"{text!r} is not a {vocab.name} command at {where}"
                            + ("" if span == ANY else f" ({span})"))
    if mode != EXEC and mode not in vocab.may_end_in:
        problems.append(f"ends in {mode} mode: config lines must close with `end`")
    return problems


# Whose CLI a block's lines are typed at, when it is not this device's own.
_DEVICE_PLATFORM = {"switch": "ios"}


def check_fix(fix: FixTemplate, tree_platforms: tuple[str, ...]) -> list[str]:
    """Every problem of one fix block: each line against each vocabulary its platforms and
    releases name, fix, verify and rollback each typed from the exec prompt."""
    problems: list[str] = []
    try:
        releases = parse_range(fix.versions)
    except ValueError as exc:
        return [str(exc)]
    tags = fix.platforms or tree_platforms
    if fix.device in _DEVICE_PLATFORM:
        tags, releases = (_DEVICE_PLATFORM[fix.device],), ANY
    for tag in tags:
        vocabs = for_platform(tag, releases)
        if not vocabs:
            problems.append(f"no {tag} vocabulary covers {releases}")
        for vocab in vocabs:
            for kind in ("commands", "verify", "rollback"):
                problems += [f"[{vocab.name} {kind}] {p}"
                             for p in check_lines(vocab, tag, getattr(fix, kind), releases)]
    return problems
