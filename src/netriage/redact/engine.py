"""Masking secrets in text with stable tokens, and saying what was masked where.

The rules run through netutils' `sanitize_config` (one MULTILINE `re.sub` per filter): the
replacement we hand it is a function, so each secret becomes a token and a manifest row
instead of a fixed string. A `TokenMap` numbers secrets in the order first seen: the same
secret always gets the same number, whatever its kind, so `<psk-3>` on one peer and
`<psk-3>` on the other still say "same key" (and `<enable-3>` would say the enable password
is that key too). After the rules, every secret already known is masked wherever else it
appears (a PSK echoed by `show crypto isakmp key`, a debug line, a finding's text).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from netutils.config.clean import sanitize_config

from netriage.redact.rules import (
    BARE_KEY,
    BARE_KEY_BLOCKS,
    BARE_KEY_KINDS,
    RULES,
    TOKEN,
    Rule,
)

_MIN_KNOWN = 4  # shorter secrets are masked by rule only: "ro" would hit too much text
# A known secret must stand alone, not be part of a word, a path or a hash (a full stop
# ending a sentence is fine, a dot inside a name is not).
_BEFORE = r"(?<![\w.\-/:@$])"
_AFTER = r"(?![\w\-/:@$]|\.\w)"


@dataclass(frozen=True)
class Masked:
    """One manifest row: what kind of secret was masked where. Never the secret itself."""

    source: str
    line: int
    kind: str
    token: str

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "line": self.line, "kind": self.kind,
                "token": self.token}


@dataclass
class Redacted:
    text: str
    manifest: list[Masked] = field(default_factory=list)


class TokenMap:
    """Secret → number, shared by every text of one analysis so tokens stay comparable."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._kinds: dict[str, str] = {}
        self._known: re.Pattern[str] | None = None

    def token(self, kind: str, secret: str) -> str:
        if secret not in self._numbers:
            self._numbers[secret] = len(self._numbers) + 1
            self._kinds[secret] = kind
            self._known = None
        return f"<{kind}-{self._numbers[secret]}>"

    def __len__(self) -> int:
        return len(self._numbers)

    def known(self) -> re.Pattern[str] | None:
        """One pattern matching every known secret standing alone, longest first."""
        if self._known is None:
            secrets = sorted((s for s in self._numbers if len(s) >= _MIN_KNOWN), key=len,
                             reverse=True)
            if not secrets:
                return None
            self._known = re.compile(_BEFORE + "(?:" + "|".join(re.escape(s) for s in secrets)
                                     + ")" + _AFTER)
        return self._known

    def kind_of(self, secret: str) -> str:
        return self._kinds[secret]


class _Lines:
    """Line numbers of offsets in the text a substitution is working on."""

    def __init__(self) -> None:
        self._text = ""
        self._starts: list[int] = [0]

    def number(self, text: str, offset: int) -> int:
        if text is not self._text:
            self._text = text
            self._starts = [0] + [m.end() for m in re.finditer("\n", text)]
        return bisect_right(self._starts, offset)


def _replacer(rule: Rule, tokens: TokenMap, rows: list[tuple[int, str, str]],
              lines: _Lines) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        out, last = [], match.start()
        for group in ("s", "s2"):
            if group in match.re.groupindex and match.group(group):
                secret = match.group(group)
                token = tokens.token(rule.kind, secret)
                out += [match.string[last:match.start(group)], token]
                last = match.end(group)
                rows.append((lines.number(match.string, match.start(group)), rule.kind, token))
        out.append(match.string[last:match.end()])
        return "".join(out)

    return replace


def _bare_keys(text: str, tokens: TokenMap, rows: list[tuple[int, str, str]],
               lines: _Lines) -> str:
    """`key X` under tacacs/radius/aaa-server/EzVPN blocks (a key chain's `key 1` is an index)."""
    if "key" not in text:
        return text
    openers = [(m.start(), m.group("opener").split()[0].lower())
               for m in BARE_KEY_BLOCKS.finditer(text)]
    if not openers:
        return text
    starts = [o[0] for o in openers]

    def replace(match: re.Match[str]) -> str:
        at = bisect_right(starts, match.start()) - 1
        kind = BARE_KEY_KINDS.get(openers[at][1], "") if at >= 0 else ""
        if not kind:
            return match.group(0)
        token = tokens.token(kind, match.group("s"))
        rows.append((lines.number(match.string, match.start("s")), kind, token))
        return match.string[match.start():match.start("s")] + token + \
            match.string[match.end("s"):match.end()]

    return BARE_KEY.sub(replace, text)


def mask_known(text: str, tokens: TokenMap, rows: list[tuple[int, str, str]] | None = None,
               lines: _Lines | None = None) -> str:
    """Mask every secret already in `tokens` wherever it stands alone in `text`."""
    pattern = tokens.known()
    if pattern is None:
        return text
    counter = lines or _Lines()

    def replace(match: re.Match[str]) -> str:
        secret = match.group(0)
        token = tokens.token(tokens.kind_of(secret), secret)
        if rows is not None:
            rows.append((counter.number(match.string, match.start()), tokens.kind_of(secret),
                         token))
        return token

    return pattern.sub(replace, text)


def _isakmp_key_table(text: str, tokens: TokenMap, rows: list[tuple[int, str, str]],
                      lines: _Lines) -> str:
    """IOS `show crypto isakmp key` prints each PSK in its last column."""
    row = re.compile(r"^(?P<head>\S+[ \t]+\S+[ \t]+)(?P<s>(?!Preshared)\S+)[ \t]*$", re.M)

    def replace(match: re.Match[str]) -> str:
        token = tokens.token("psk", match.group("s"))
        rows.append((lines.number(match.string, match.start("s")), "psk", token))
        return match.group("head") + token

    return row.sub(replace, text)


# Words a line must hold for any rule to match it. Lines that open or close a block a bare
# `key` sits in are needed as context, but only when some line holds a secret word.
_SECRET_WORDS = ("key", "pass", "secret", "communit", "authentication", "tacacs", "radius",
                 "aaa-server", "isakmp")
_BOUNDARY_WORDS = ("interface", "router", "line", "!")
# Phrases that hold a secret word but no secret, printed thousands of times by SA tables
# (`sa timing: remaining key lifetime (kB/sec)`): no rule can match a line made only of them.
_BENIGN = ("remaining key lifetime", "key lifetime", "key-lifetime", "rekey")
_SPARSE_FROM = 400  # lines; below this the whole text goes through the rules


def _lines_with(lowered: str, words: tuple[str, ...], starts: list[int]) -> set[int]:
    """Indexes of lines holding one of `words` (str.find runs at C speed; a regex did not)."""
    found: set[int] = set()
    for word in words:
        at = lowered.find(word)
        while at != -1:
            line = bisect_right(starts, at) - 1
            found.add(line)
            at = lowered.find(word, starts[line + 1] if line + 1 < len(starts) else len(lowered))
    return found


@lru_cache(maxsize=256)
def _secret_free(text: str) -> bool:
    """No secret word stands anywhere outside the benign phrases (C-speed scans).

    Cached: a report masks each output twice (learning secrets, then masking), and a str
    keeps its hash, so the second look at a 15 MB output costs nothing.
    """
    lowered = text.lower()
    for phrase in _BENIGN:
        lowered = lowered.replace(phrase, "")
    return not any(word in lowered for word in _SECRET_WORDS)


def _may_hold_secret(lowered: str, starts: list[int], index: int) -> bool:
    end = starts[index + 1] if index + 1 < len(starts) else len(lowered)
    line = lowered[starts[index]:end]
    for phrase in _BENIGN:
        line = line.replace(phrase, "")
    return any(word in line for word in _SECRET_WORDS)


def _rules(text: str, tokens: TokenMap, command: str, rows: list[tuple[int, str, str]],
           lines: _Lines) -> str:
    filters: list[dict[str, Any]] = [
        {"regex": rule.regex, "replace": _replacer(rule, tokens, rows, lines)}
        for rule in RULES]
    out = sanitize_config(text, filters)  # type: ignore[arg-type]  # a function as replacement
    out = _bare_keys(out, tokens, rows, lines)
    if command.startswith("show crypto isakmp key"):
        out = _isakmp_key_table(out, tokens, rows, lines)
    return out


def _sparse_rules(text: str, tokens: TokenMap, command: str,
                  rows: list[tuple[int, str, str]]) -> str:
    """The rules over only the lines that could hold a secret (and their block context).

    A 15 MB `show crypto ipsec sa` has no secret word at all and is returned untouched; a
    big `show logging` with a few is masked by running the rules over those few lines only,
    joined, and the results put back in place.
    """
    if _secret_free(text):
        return text  # the common case for big outputs: no line offsets needed at all
    lowered = text.lower()
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    secret_lines = {i for i in _lines_with(lowered, _SECRET_WORDS, starts)
                    if _may_hold_secret(lowered, starts, i)}
    if not secret_lines:
        return text
    wanted = sorted(secret_lines | _lines_with(lowered, _BOUNDARY_WORDS, starts))
    split = text.split("\n")
    local: list[tuple[int, str, str]] = []
    masked = _rules("\n".join(split[i] for i in wanted), tokens, command, local,
                    _Lines()).split("\n")
    for compact_index, index in enumerate(wanted):
        split[index] = masked[compact_index]
    rows += [(wanted[n - 1] + 1, kind, token) for n, kind, token in local]
    return "\n".join(split)


def mask(text: str, tokens: TokenMap, command: str = "") -> tuple[str, list[tuple[int, str, str]]]:
    """`text` masked, and (line in text, kind, token) for each secret masked."""
    rows: list[tuple[int, str, str]] = []
    lines = _Lines()
    if text.count("\n") + 1 < _SPARSE_FROM or command.startswith("show crypto isakmp key"):
        out = _rules(text, tokens, command, rows, lines)
    else:
        out = _sparse_rules(text, tokens, command, rows)
    out = mask_known(out, tokens, rows, lines)
    return out, sorted(rows)


def redact_text(text: str, tokens: TokenMap | None = None, source: str = "", *,
                first_line: int = 1, command: str = "") -> Redacted:
    """`text` with every secret replaced by its token, and the manifest of what was masked.

    `first_line` is the line number of the text's first line in `source`; `command` (the full
    command whose output this is) enables table rules such as `show crypto isakmp key`.
    """
    out, rows = mask(text, tokens if tokens is not None else TokenMap(), command)
    return Redacted(out, [Masked(source, first_line + n - 1, kind, token)
                          for n, kind, token in rows])


def is_token(value: str) -> bool:
    """True for a token netriage wrote (`<psk-1>`): a masked value, unknown, never a match."""
    return bool(TOKEN.fullmatch(value))
