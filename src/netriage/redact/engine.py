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


# Words a line must hold for any rule to match it (or to open a block a bare `key` sits in):
# the rules then run over those lines only, so a 100 MB `show logging` is masked quickly.
_TRIGGERS = ("key", "pass", "secret", "communit", "authentication", "tacacs", "radius",
             "aaa-server", "isakmp", "interface", "router", "line", "!")
_SPARSE_FROM = 400  # lines; below this the whole text goes through the rules


def _candidates(text: str, starts: list[int]) -> list[int]:
    """Indexes of lines holding a trigger word (str.find runs at C speed; a regex did not)."""
    lowered = text.lower()
    found: set[int] = set()
    for word in _TRIGGERS:
        at = lowered.find(word)
        while at != -1:
            line = bisect_right(starts, at) - 1
            found.add(line)
            at = lowered.find(word, starts[line + 1] if line + 1 < len(starts) else len(text))
    return sorted(found)


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


def mask(text: str, tokens: TokenMap, command: str = "") -> tuple[str, list[tuple[int, str, str]]]:
    """`text` masked, and (line in text, kind, token) for each secret masked."""
    rows: list[tuple[int, str, str]] = []
    lines = _Lines()
    split = text.split("\n")
    if len(split) < _SPARSE_FROM or command.startswith("show crypto isakmp key"):
        out = _rules(text, tokens, command, rows, lines)
    else:
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        wanted = _candidates(text, starts)
        if wanted:
            # Other lines are blanked, not removed, so line numbers stay those of `text`.
            sparse = [""] * len(split)
            for index in wanted:
                sparse[index] = split[index]
            masked = _rules("\n".join(sparse), tokens, command, rows, lines).split("\n")
            for index in wanted:
                split[index] = masked[index]
            out = "\n".join(split)
        else:
            out = text
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
