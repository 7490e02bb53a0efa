"""The command vocabularies (checks/vocab/*.yaml) as read: each form's regexes, compiled
when first used, and the catalogue kept in the user's cache dir. The pattern words are
described in `engine.vocab`, which checks fix lines against these forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from netriage import regexcache
from netriage.engine.versions import ANY, VersionRange, parse_range, parse_version
from netriage.resources import data_dir
from netriage.yamlio import load_yaml

EXEC, CONFIG = "exec", "config"
_WORD = r"\S+"
# A `{expr}` inside a line stands for words of the device's own configuration (an ACE, an
# interface and its address): a form's `loose` regex accepts this character for any word.
ANY_WORD = "\ue000"  # a private-use character: never in a command, never whitespace


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
    `loose`: a literal or a choice also accepts a word of an expression (`ANY_WORD`)."""
    other = f"|{ANY_WORD}" if loose else ""
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
    # what is pickled (Vocabulary, Entry, LazyPattern, VersionRange) and how it is read
    code = code_files("engine/vocab_read.py", "engine/versions.py", "yamlio.py")
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
