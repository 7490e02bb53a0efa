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
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from netriage import regexcache
from netriage.engine.tree import FixTemplate
from netriage.engine.versions import ANY, VersionRange, parse_range, parse_version
from netriage.resources import data_dir
from netriage.yamlio import load_yaml

EXEC, CONFIG = "exec", "config"
# A fix's unrendered `{expr}` (may hold spaces) and `<placeholder>` stand for one word.
_EXPR = re.compile(r"\{[^{}]*\}")
_WORD = r"\S+"
# A `{expr}` inside a line stands for words of the device's own configuration (an ACE, an
# interface and its address): how many is not known before rendering, so the line is tried
# with the expression as 1 to _SPAN_MAX words, each of which any word of a form accepts.
_ANY = "\ue000"  # a private-use character: never in a command, never whitespace
_SPAN_MAX = 6


@dataclass(frozen=True)
class Entry:
    """One command form of a platform's vocabulary."""

    text: str
    regex: LazyPattern  # the whole form
    prefix: LazyPattern  # a leading part of it (for `no …`)
    enters: str | None
    releases: VersionRange
    loose: LazyPattern  # `regex` where any word may be a word of a rendered `{expr}`
    loose_prefix: LazyPattern


class LazyPattern:
    """A regex compiled when first used: the vocabularies hold ~3,000 of them and a run
    reads a few (compiling all of them was most of a small analysis' time)."""

    __slots__ = ("_compiled", "pattern", "source")

    def __init__(self, pattern: str, source: str) -> None:
        self.pattern, self.source = pattern, source
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            try:
                self._compiled = re.compile(self.pattern, re.IGNORECASE)
                regexcache.note(self.pattern, re.IGNORECASE)
            except re.error as exc:
                raise ValueError(f"{self.source}: bad vocabulary pattern: {exc}") from None
        return self._compiled

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled().match(text)


@dataclass
class Vocabulary:
    """A platform's command forms, which fix lines are linted against."""

    name: str  # the file's stem: asa, pix6, ftd, ios
    # the fix-block tags it checks, each with the releases it describes for that tag
    # (PIX 7.x and 8.0 speak the ASA's language: asa.yaml serves `pix` blocks for >=7)
    platforms: dict[str, VersionRange]
    exec_in_config: bool  # the platform runs exec commands at config prompts (ASA)
    modes: dict[str, list[Entry]] = field(default_factory=dict)
    filters: tuple[str, ...] = ()  # output modifiers after `|` (include, begin, section …)
    parents: dict[str, str] = field(default_factory=dict)  # sub-modes not directly under config
    may_end_in: tuple[str, ...] = ()  # modes a block may be left in (FXOS scopes)

    def parent(self, mode: str) -> str | None:
        if mode == EXEC:
            return None
        return self.parents.get(mode, EXEC if mode == CONFIG else CONFIG)


def _tokens(pattern: str) -> list[str]:
    return re.findall(r"\[|\]|\([^()]*\)|[^\s\[\]()]+", pattern)


def _regex(tokens: list[str], prefix: bool, loose: bool = False) -> str:
    """The pattern as a regex over ' word word …'; with `prefix`, every tail is optional;
    `loose`: a literal or a choice also accepts a word of an expression (`_ANY`)."""
    other = f"|{_ANY}" if loose else ""
    pieces: list[str] = []
    stack: list[list[str]] = []
    for word in tokens:
        if word == "[":
            stack.append(pieces)
            pieces = []
            continue
        if word == "]":
            inner = "".join(pieces)
            pieces = stack.pop()
            pieces.append(f"(?:{inner})?")
            continue
        if word == "...":
            piece = rf"(?: {_WORD})*"
        elif re.fullmatch(r"<[^<>]+\.\.\.>", word):
            piece = rf"(?: {_WORD})+"
        elif re.fullmatch(r"<[^<>]+>", word):
            piece = rf" {_WORD}"
        elif "|" in word:  # (a|b), or a|b inside [ ]
            choices = "|".join(re.escape(c) for c in word.strip("()").split("|"))
            piece = rf" (?:{choices}{other})"
        else:
            piece = rf" (?:{re.escape(word)}{other})"
        pieces.append(piece)
    if stack:
        raise ValueError("unbalanced [ ] in vocabulary pattern")
    if not prefix:
        return "".join(pieces)
    # `no` forms: the first word, then each following piece only if all before it matched.
    tail = ""
    for piece in reversed(pieces[1:]):
        tail = f"(?:{piece}{tail})?"
    return (pieces[0] if pieces else "") + tail


def _entry(raw: str | dict, source: str) -> Entry:
    if isinstance(raw, dict):
        text = str(raw["cmd"])
        releases = VersionRange(parse_version(str(raw["since"])) if raw.get("since") else None,
                                parse_version(str(raw["until"])) if raw.get("until") else None)
    else:
        text, releases = str(raw), ANY
    form, _, enters = text.partition("=>")
    tokens = _tokens(form.strip())
    try:
        regex, prefix, loose, loose_prefix = (
            LazyPattern("^" + _regex(tokens, *flags) + "$", f"{source}: {text!r}")
            for flags in ((False, False), (True, False), (False, True), (True, True)))
    except ValueError as exc:
        raise ValueError(f"{source}: bad vocabulary pattern {text!r}: {exc}") from None
    return Entry(text.strip(), regex, prefix, enters.strip() or None, releases, loose,
                 loose_prefix)


def _load(path: Path) -> Vocabulary:
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    platforms = {str(tag): parse_range(spec) for tag, spec in data["platforms"].items()}
    vocab = Vocabulary(path.stem, platforms, bool(data.get("exec_in_config", False)),
                       filters=tuple(data.get("filters") or ()),
                       parents={str(k): str(v) for k, v in (data.get("parents") or {}).items()},
                       may_end_in=tuple(data.get("may_end_in") or ()))
    for mode, entries in (data.get("modes") or {}).items():
        vocab.modes[str(mode)] = [_entry(e, path.name) for e in entries or ()]
    return vocab


class _Catalogue:
    """Each vocabulary pickled on its own inside the cached catalogue, with the platforms it
    covers beside it: a run unpickles only the ones its platform asks for (an ASA's report
    reads asa.yaml's forms, not IOS's; ~10 ms of the demo's start-up for all four)."""

    def __init__(self, stored: dict[str, tuple[dict[str, VersionRange], bytes]]) -> None:
        self.stored = stored
        self.unpacked: dict[str, Vocabulary] = {}

    def get(self, name: str) -> Vocabulary:
        vocab = self.unpacked.get(name)
        if vocab is None:
            import pickle

            from netriage.gcpause import paused

            with paused():
                vocab = self.unpacked[name] = pickle.loads(self.stored[name][1])  # noqa: S301
        return vocab


def _pack(path: Path) -> tuple[dict[str, VersionRange], bytes]:
    import pickle

    vocab = _load(path)
    return vocab.platforms, pickle.dumps(vocab, protocol=pickle.HIGHEST_PROTOCOL)


@cache
def _catalogue() -> _Catalogue:
    """Every vocabulary, kept between runs in the user's cache dir (`netriage.cachefile`):
    reading them is a third of a second that every report with an undecided check paid."""
    from netriage.cachefile import cached, code_files

    paths = sorted((data_dir("checks") / "vocab").glob("*.yaml"))
    code = code_files("engine/vocab.py", "engine/versions.py", "engine/tree.py",
                      "yamlio.py")  # Vocabulary, Entry, LazyPattern, VersionRange, reading
    stored = cached("vocab", paths + code, lambda: {p.stem: _pack(p) for p in paths},
                    valid=lambda v: isinstance(v, dict) and all(
                        isinstance(x, tuple) and isinstance(x[1], bytes) for x in v.values()))
    return _Catalogue(stored)


def vocabularies() -> tuple[Vocabulary, ...]:
    """Every vocabulary (by file name: asa, ftd, ios, pix6)."""
    catalogue = _catalogue()
    return tuple(catalogue.get(name) for name in catalogue.stored)


vocabularies.cache_clear = _catalogue.cache_clear  # type: ignore[attr-defined]  # tests: reload


def for_platform(tag: str, releases: VersionRange = ANY) -> list[Vocabulary]:
    """The vocabularies a block for `tag` and `releases` must satisfy (all of them)."""
    catalogue = _catalogue()
    return [catalogue.get(name) for name, (platforms, _) in catalogue.stored.items()
            if tag in platforms and platforms[tag].overlaps(releases)]


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
