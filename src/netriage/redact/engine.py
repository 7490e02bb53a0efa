"""Masking secrets in text with stable tokens, and saying what was masked where.

Redaction costs only where secrets can be: an output holding no secret word is returned
after one keyword test; a big one goes through the rules only on its lines holding one;
each rule (compiled once, in netutils' filter shape: one MULTILINE `re.sub`) runs only on
text holding one of its keywords. The replacement is a function, so each secret becomes a
token and a manifest row instead of a fixed string. A `TokenMap` numbers secrets in the
order first seen: the same secret always gets the same number, whatever its kind, so
`<psk-3>` on one peer and `<psk-3>` on the other still say "same key" (and `<enable-3>`
would say the enable password is that key too). After the rules, every secret already
known is masked wherever else it appears (a PSK echoed by `show crypto isakmp key`, a debug
line, a finding's text).
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from netriage import regexcache
from netriage.lazyre import lazy
from netriage.redact.prefilter import (
    BOUNDARY_WORDS,
    SECRET_WORDS,
    SPARSE_FROM,
    lines_with,
    may_hold_secret,
    secret_free,
)
from netriage.redact.prompted import prompted_secrets
from netriage.redact.rules import (
    BARE_KEY,
    BARE_KEY_BLOCKS,
    BARE_KEY_KINDS,
    INDEX_MODES,
    KEY_BODY,
    MODE_KINDS,
    PEM_BEGIN,
    PEM_END,
    PKCS12_BEGIN,
    RULES,
    TOKEN,
    Rule,
)

if TYPE_CHECKING:
    from netriage.redact.manifest import Redacted

_MIN_KNOWN = 4  # shorter secrets are masked by rule only: "ro" would hit too much text
_SCAN_AT_MOST = 64  # known secrets looked for by substring before the known-secret regex
# A known secret must stand alone, not be part of a word, a path or a hash (a full stop
# ending a sentence is fine, a dot inside a name is not).
_BEFORE = r"(?<![\w.\-/:@$])"
_AFTER = r"(?![\w\-/:@$]|\.\w)"


class TokenMap:
    """Secret → number, shared by every text of one analysis so tokens stay comparable."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._kinds: dict[str, str] = {}
        self._known: re.Pattern[str] | None = None
        self._long: tuple[str, ...] = ()  # the secrets `known()` matches, longest first
        # Live collection shares one map across the devices of a run, each in its thread:
        # numbering a new secret must not race.
        self._lock = threading.Lock()

    def token(self, kind: str, secret: str) -> str:
        if secret not in self._numbers:
            with self._lock:
                if secret not in self._numbers:
                    self._kinds[secret] = kind
                    self._numbers[secret] = len(self._numbers) + 1
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
            self._long = tuple(secrets)
            self._known = re.compile(_BEFORE + "(?:" + "|".join(re.escape(s) for s in secrets)
                                     + ")" + _AFTER)
        return self._known

    def may_appear_in(self, text: str) -> bool:
        """Some known secret is in `text` at all (one C-speed scan per secret): a 110 MB SA
        table with none of a config's few secrets skips the lookbehind alternation, which
        took seconds over it. Call after `known()`."""
        if len(self._long) > _SCAN_AT_MOST:
            return True  # many secrets: one regex pass is cheaper than a scan per secret
        return any(secret in text for secret in self._long)

    def kind_of(self, secret: str) -> str:
        return self._kinds[secret]

    def exact(self, value: str) -> str | None:
        """The token of `value` when it is a known secret (any length), else None."""
        return self.token(self._kinds[value], value) if value in self._kinds else None


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


_ANY_KEY = lazy("key", re.IGNORECASE)


def mode_kind(mode: str) -> str:
    """The kind of a bare `key` typed at a `(mode)#` prompt; "" where `key` is no secret."""
    mode = mode.lower()
    if not mode or any(word in mode for word in INDEX_MODES):
        return ""  # exec (no mode) has no `key` command; a key chain's `key 1` is an index
    return next((kind for word, kind in MODE_KINDS if word in mode), "key")


def opener_kind(opener: str) -> str:
    """The kind of a bare `key` under a block opened by `opener` ("" for a key chain...)."""
    return BARE_KEY_KINDS.get(opener.split(maxsplit=1)[0].lower(), "")


def _bare_keys(text: str, tokens: TokenMap, rows: list[tuple[int, str, str]],
               lines: _Lines) -> str:
    """`key X` under tacacs/radius/aaa-server/EzVPN blocks (a key chain's `key 1` is an index),
    or typed at their sub-mode prompts (`R1(config-radius-server)#key X`)."""
    if not _ANY_KEY.search(text):
        return text
    openers = [(m.start(), m.group("opener")) for m in BARE_KEY_BLOCKS.finditer(text)]
    starts = [o[0] for o in openers]

    def replace(match: re.Match[str]) -> str:
        if match.group("p"):  # typed at a prompt: the mode says which block it is in
            kind = mode_kind(match.group("mode") or "")
        else:
            at = bisect_right(starts, match.start()) - 1
            kind = opener_kind(openers[at][1]) if at >= 0 else ""
        if not kind:
            return match.group(0)
        token = tokens.token(kind, match.group("s"))
        rows.append((lines.number(match.string, match.start("s")), kind, token))
        return match.string[match.start():match.start("s")] + token + \
            match.string[match.end("s"):match.end()]

    return BARE_KEY.sub(replace, text)


_KEY_HINT = lazy("private key-----|pkcs12", re.IGNORECASE)


def _private_keys(text: str, tokens: TokenMap, rows: list[tuple[int, str, str]]) -> str:
    """Every body line of a PEM private key, or of a PKCS#12 pasted at `crypto ca import`.

    Line by line, so the text keeps its line count (line numbers in the manifest, evidence
    and saved headers stay right); every line of one key gets that key's one token. Only
    the lines after a hint are looked at: a big output with no key costs one scan.
    """
    pieces: list[str] = []
    done = 0  # text before this offset is in `pieces` already
    for hint in _KEY_HINT.finditer(text):
        if hint.start() < done:
            continue  # inside a body already masked
        begin = text.rfind("\n", 0, hint.start()) + 1
        stop = text.find("\n", hint.start())
        stop = len(text) if stop == -1 else stop
        line = text[begin:stop]
        if not PEM_BEGIN.search(line) and not PKCS12_BEGIN.match(line):
            continue
        body: list[tuple[int, int]] = []
        at = stop + 1
        while stop < len(text):
            stop = text.find("\n", at)
            stop = len(text) if stop == -1 else stop
            current = text[at:stop]
            if PEM_END.search(current) or not KEY_BODY.match(current):
                break
            if current.strip() and ":" not in current:
                body.append((at, stop))
            at = stop + 1
        if not body:
            continue
        token = tokens.token("private-key", "\n".join(text[a:b].strip() for a, b in body))
        rows.append((text.count("\n", 0, body[0][0]) + 1, "private-key", token))
        for a, b in body:
            indent = len(text[a:b]) - len(text[a:b].lstrip())
            pieces += [text[done:a + indent], token]
            done = b
    return "".join(pieces) + text[done:] if pieces else text


def _prompted(text: str, tokens: TokenMap, rows: list[tuple[int, str, str]],
              command: str) -> str:
    """Values typed at a `Password:` question (see `prompted`), masked in place."""
    found = prompted_secrets(text, command)
    if not found:
        return text
    pieces, done = [], 0
    for start, end, kind in sorted(found):
        token = tokens.token(kind, text[start:end])
        rows.append((text.count("\n", 0, start) + 1, kind, token))
        pieces += [text[done:start], token]
        done = end
    return "".join(pieces) + text[done:]


def _has_private_key(text: str) -> bool:
    return "PRIVATE KEY-----" in text or "pkcs12" in text or "PKCS12" in text or \
        "private key-----" in text


def mask_known(text: str, tokens: TokenMap, rows: list[tuple[int, str, str]] | None = None,
               lines: _Lines | None = None) -> str:
    """Mask every secret already in `tokens` wherever it stands alone in `text`."""
    pattern = tokens.known()
    if pattern is None or not tokens.may_appear_in(text):
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


@lru_cache(maxsize=len(RULES))
def _compiled(rule: Rule) -> re.Pattern[str]:
    """A rule compiled once, when first needed (not at import: start-up stays cheap; and not
    through `re`'s own cache, which a run's ~500 parser regexes evict it from)."""
    regexcache.note(rule.regex, re.MULTILINE)  # a rule's own: kept between runs
    return re.compile(rule.regex, re.MULTILINE)


def _line_rules(text: str, tokens: TokenMap, rows: list[tuple[int, str, str]],
                lines: _Lines) -> str:
    """The one-line rules: each secret is found from its own line (and prompt) alone.

    A rule runs only on a text holding its `needs` words: a `show version` with "key" in it
    is not searched for SNMP communities or enable passwords.
    """
    lowered = text.lower()
    for rule in RULES:
        if all(any(word in lowered for word in group) for group in rule.needs):
            text = _compiled(rule).sub(_replacer(rule, tokens, rows, lines), text)
    return text


def _rules(text: str, tokens: TokenMap, command: str, rows: list[tuple[int, str, str]],
           lines: _Lines) -> str:
    out = _line_rules(text, tokens, rows, lines)
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
    if secret_free(text):
        return text  # the common case for big outputs: no line offsets needed at all
    lowered = text.lower()
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    secret_lines = {i for i in lines_with(lowered, SECRET_WORDS, starts)
                    if may_hold_secret(lowered, starts, i)}
    if not secret_lines:
        return text
    split = text.split("\n")
    # The one-line rules over the secret lines only; then bare `key` lines with the block
    # openers and closers around them (lines that only give context hold no secret).
    for wanted, masker in (
            (sorted(secret_lines), lambda t, r: _line_rules(t, tokens, r, _Lines())),
            (sorted(secret_lines | lines_with(lowered, BOUNDARY_WORDS, starts)),
             lambda t, r: _bare_keys(t, tokens, r, _Lines()))):
        local: list[tuple[int, str, str]] = []
        masked = masker("\n".join(split[i] for i in wanted), local).split("\n")
        for compact_index, index in enumerate(wanted):
            split[index] = masked[compact_index]
        rows += [(wanted[n - 1] + 1, kind, token) for n, kind, token in local]
    return "\n".join(split)


def mask(text: str, tokens: TokenMap, command: str = "") -> tuple[str, list[tuple[int, str, str]]]:
    """`text` masked, and (line in text, kind, token) for each secret masked."""
    rows: list[tuple[int, str, str]] = []
    lines = _Lines()
    if command.startswith("show crypto isakmp key"):  # its table rows hold no secret word
        out = _rules(text, tokens, command, rows, lines)
    elif secret_free(text):
        out = text  # the quick pre-test: no secret-bearing word anywhere, in any case
    else:
        if _has_private_key(text):  # body lines hold no word the sparse pass would pick
            text = _private_keys(text, tokens, rows)
        text = _prompted(text, tokens, rows, command)  # the question gives the context
        if text.count("\n") + 1 < SPARSE_FROM:
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
    from netriage.redact.manifest import Masked, Redacted

    return Redacted(out, [Masked(source, first_line + n - 1, kind, token)
                          for n, kind, token in rows])


def is_token(value: str) -> bool:
    """True for a token netriage wrote (`<psk-1>`): a masked value, unknown, never a match."""
    return bool(TOKEN.fullmatch(value))
