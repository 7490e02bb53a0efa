"""What the web, chat and email do to one line of device output, and how to undo it.

Each rule is a pure function of one line's text, so `capture.cleanup` can apply it to a
stream without holding the file. The rules only ever remove what a device never prints
(markup, typographic characters, a poster's notes) or recognise a line as a person's prose;
they never invent text. Detection (which rules a file needs) lives in `capture.cleanup`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

# ~15 patterns for pasted text (forum posts, mail): compiled when such text is met
from netriage.lazyre import lazy

# Typographic characters word processors, forums and mail clients put in place of the ASCII
# a device prints, and invisible ones they insert; None deletes the character.
TYPOGRAPHY = str.maketrans({
    "\u00ab": '"', "\u00bb": '"', "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ",
    "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
    "\u00ad": None, "\u2026": "...",
})
TYPOGRAPHIC = frozenset(chr(c) for c in TYPOGRAPHY)

FENCE = lazy(r"^\s*(?:```|~~~)[\w+.-]*\s*$")
_BOLD = lazy(r"\*\*(?!\*)(.+?)(?<!\*)\*\*")  # never `*****`, the ASA's masked secret
_TAGS = lazy(r"</?(?:pre|code|br|p|div|span|b|strong|em|i|tt|font|blockquote|kbd|samp)"
                   r"\b[^<>]*>", re.IGNORECASE)
_ENTITY = lazy(r"&(?:#\d{1,5}|#x[0-9a-fA-F]{1,4}|[a-zA-Z]{2,6});")
QUOTE = lazy(r"^(?:> ?)+")

# A poster's note at the end of a line (or alone on one): an arrow pointing back at the text
# (`<<YOUR SIDE BROUGHT THE VPN UP`, `<-- here`, `<=== this one`, `---> why?`), a remark in
# parentheses that speaks to the reader (`(this is the problem)`), or a `# comment` after the
# text, which no device prints mid-line (`!` is left alone: ping prints it, and IOS comments
# only start a line).
_ARROW = lazy(r"(?:^|\s)(?:<{2,}|<[-=]+|[-=]{2,}>+|\u2190|\u21d0)(?:[^<>]*)$")
_ASIDE_WORDS = (r"(?:this|that|these|here|the problem|problem|note|see|why|wrong|look|should|"
                r"expected|not ok|my|our|your|i|we|it's|its)")
_ASIDE = lazy(rf"\s\({_ASIDE_WORDS}(?=[\s:,!?)])[^()]*\)\s*$", re.IGNORECASE)
_COMMENT = lazy(r"(?<=\S)\s+#+\s+[A-Za-z][^#]*$")
# Lines whose end is free text a person chose on the device: never cut there.
_FREE_TEXT = lazy(r"^\s*(?:no\s+)?(?:description|remark|banner|alias|name|"
                        r"access-list\s+\S+\s+remark|snmp-server\s+(?:location|contact))\b",
                        re.IGNORECASE)


def typography(text: str) -> str:
    return text.translate(TYPOGRAPHY)


def markup(text: str) -> str | None:
    """Markdown and HTML taken off a line; None for a fence line (```), which is all markup."""
    if "`" in text or "~~~" in text:
        if FENCE.match(text):
            return None
        text = text.replace("`", "")
    if "**" in text:
        text = _BOLD.sub(r"\1", text)
    if "<" in text:
        text = _TAGS.sub("", text)
    if "&" in text:
        import html  # only a pasted page's entities need it (~1% of a start)

        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return text


def quote_depth(text: str) -> int:
    """How many `>` quoting levels a mail client put before the line."""
    match = QUOTE.match(text)
    return match.group(0).count(">") if match else 0


def unquote(text: str, depth: int) -> str:
    """Take exactly `depth` levels off: an FTD `> show version` quoted once keeps its `>`."""
    for _ in range(depth):
        if not text.startswith(">"):
            break
        text = text[2:] if text.startswith("> ") else text[1:]
    return text


def annotation(text: str) -> tuple[str, str]:
    """(the line without a poster's note, the note), or (text, "") when there is none."""
    if not text.strip() or _FREE_TEXT.match(text):
        return text, ""
    for rule in (_ARROW, _ASIDE, _COMMENT):
        match = rule.search(text)
        if match is not None and not _prompt_like(text[:match.start()]):
            kept = text[:match.start()].rstrip()
            return kept, text[match.start():].strip()
    return text, ""


# What each note rule's match always holds, looked for over a whole head at once before
# `annotation` reads each line (each starts with a literal, so the scan runs at C speed):
# an arrow's two characters, an aside's `(` and first word, a comment's `#` after a space.
_ARROWS = ("<<", "<-", "<=", "->", "=>", "\u2190", "\u21d0")
_ASIDE_SIGN = lazy(rf"\({_ASIDE_WORDS}(?=[\s:,!?)])", re.IGNORECASE)
_COMMENT_SIGN = lazy(r"#(?<=\s#)#*\s+[A-Za-z]")  # `#` first, then the space before it


def may_have_notes(joined: str) -> bool:
    """False when no line of `joined` (lines joined by newlines) can hold a poster's note:
    each note rule's match holds its sign, so a head with none has no note."""
    return any(arrow in joined for arrow in _ARROWS) or _ASIDE_SIGN.search(joined) is not None \
        or _COMMENT_SIGN.search(joined) is not None


def _prompt_like(before: str) -> bool:
    """`fw1# show run` and a bare `# show run` carry their `#` as a prompt, not a comment."""
    stripped = before.strip()
    return not stripped or stripped.endswith(("#", ">"))


# Words that put a line in a person's mouth rather than a device's.
_DISCOURSE = frozenset((
    "here", "here's", "heres", "i", "i'm", "im", "i've", "ive", "we", "we're", "our", "my",
    "your", "you", "please", "thanks", "thank", "hi", "hello", "below", "above", "attached",
    "anyone", "someone", "other", "side", "following", "outputs", "paste", "pasted",
    "problem", "issue", "question", "guys", "doesn't", "don't", "won't", "isn't", "can't"))
# First words of a greeting or a sign-off ("Thanks for looking", "Kind regards,", "Merci
# d'avance !"); no device line starts with one of these followed by plain words.
_GREETING = frozenset((
    "thanks", "thank", "regards", "cheers", "hi", "hello", "dear", "greetings", "merci",
    "bonjour", "hallo", "gracias", "hola", "thx", "rgds", "salut", "ciao"))
_SIGN_OFF = lazy(r"^(?:best|kind|warm|many)\s+(?:regards|wishes|thanks)\b", re.IGNORECASE)
# A name alone on a line, as a signature or a salutation ("Paul", "Sandra Ruiz,").
NAME = lazy(r"^[A-Z][a-z\u00e0-\u00ff]+(?:[ -][A-Z][a-z\u00e0-\u00ff]+)?,?$")
# A sentence that only links two outputs: "and the history:", "also the ipsec sa:".
_LINKER = frozenset(("and", "also", "then", "now", "plus", "same", "finally", "next"))
# A mail client's line above a quoted message, and its forwarded / original headers.
_ATTRIBUTION = lazy(r"^(?:On\s.{6,120}\swrote:|-{2,}\s*(?:Original|Forwarded)\s+"
                          r"Message\s*-{2,}|Le\s.{6,120}\sa\s+\u00e9crit\s*:|Am\s.{6,120}"
                          r"\sschrieb\s.{0,60}:)$", re.IGNORECASE)
_WORD = lazy(r"^[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'-]*[,.:;!?]?$")


# A chat client's line: `[14:03] noc-leo: text`, `[14:03:22] <leo> text` (Slack, Teams, IRC
# exports). No device starts a line with a clock in brackets followed by a nickname.
_CHAT = lazy(r"^\[\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?\]\s+(?:<[^<>\s]+>|[\w.@-]+:)\s")


def is_prose(text: str) -> bool:
    """A sentence a person wrote between outputs ("and here is the other side:").

    Device output aligns columns with runs of spaces, is full of numbers and addresses, and
    never talks to the reader; a sentence has single spaces, mostly plain words and at least
    one word of conversation, or opens with a greeting or a linking word. Device sentences
    (`There are no IKEv1 SAs`, `Type escape sequence to abort.`) have no such word.
    """
    stripped = text.strip()
    if not stripped or "  " in stripped or len(stripped) > 300 or text[0].isspace():
        return False
    if _ATTRIBUTION.match(stripped) or _CHAT.match(stripped):
        return True
    words = [w for w in stripped.split() if w not in ("!", "?", ":")]  # French spacing
    first = words[0].strip(",.:;!?").lower() if words else ""
    if len(words) == 1:  # "Regards," "Thanks!" alone
        return first in _GREETING and words[0][-1] in ",!."
    if _SIGN_OFF.match(stripped):
        return True
    plain = sum(1 for w in words if _WORD.match(w))
    if plain < 0.7 * len(words):
        return False
    if first in _GREETING and plain == len(words):
        return True  # "Thanks for looking", "Kind regards,", "Hi Paul,"
    if len(words) < 3:
        return False
    if first in _LINKER and words[0].islower() and stripped[-1] == ":":
        return True  # "and the history:" (a device prints no lowercase sentence with a colon)
    talk = sum(1 for w in words if w.strip(",.:;!?").lower() in _DISCOURSE)
    return talk >= 2 or (talk >= 1 and stripped[-1] in ":.?!")


# Every line `is_prose` accepts holds one of these: a word of conversation anywhere, or as
# its first word (past lone `!` `?` `:`) a greeting, a linking word or a sign-off's first
# word (each word as `is_prose` reads it: lowercased, punctuation around it stripped), or a
# word of a mail client's attribution, or it opens with a chat line's `[`. So one look at a
# whole head for any of them finds the few lines worth asking (a clean capture has few).
_FIRST_WORDS = frozenset(_GREETING | _LINKER | {"best", "kind", "warm", "many"})
_PROSE_WORDS = _DISCOURSE | _FIRST_WORDS
_ATTRIBUTION_WORDS = ("wrote:", "original", "forwarded", "\u00e9crit", "schrieb")
# Read as i and s by IGNORECASE (the sign-off and attribution rules), not by lower()
_FOLD = str.maketrans({"\u0131": "i", "\u017f": "s"})


@lru_cache(maxsize=256)
def _hint(words: tuple[str, ...], attribution: tuple[str, ...], chat: bool) -> re.Pattern[str]:
    """Any of `words` as a whole word, an attribution's word, or a line opening with `[`.
    Every alternative starts with a literal (a word's own start is checked after it, by a
    lookbehind over the word and the character before), so `re` jumps to where one can
    start; a word's place in its line is left to `is_prose`: this only finds candidates."""
    return re.compile("|".join(
        [*(f"{w}(?<![a-z']{w})(?![a-z'])" for w in map(re.escape, words)),
         *map(re.escape, attribution), *((r"\n\[",) if chat else ())]))


def _starts(texts: list[str], low: str, same_lengths: bool) -> list[int]:
    """Where each line starts in `low`: as in the joined texts when lowercasing kept every
    character one character (it never shortens one), else found."""
    if same_lengths:
        return [0, *accumulate(len(t) + 1 for t in texts[:-1])]
    starts, at = [0], low.find("\n")
    while at != -1:
        starts.append(at + 1)
        at = low.find("\n", at + 1)
    return starts


def prose_lines(texts: list[str]) -> set[int]:
    """The indexes of the lines `is_prose` says a person wrote: the same answer as asking it
    of every line, asking only the lines that hold what every such line holds."""
    joined = "\n".join(texts)
    low = (joined.translate(_FOLD) if "\u0131" in joined or "\u017f" in joined
           else joined).lower()
    found = {word.strip(",.:;!?") for word in set(low.split())}  # as `is_prose` reads words
    words = tuple(sorted(_PROSE_WORDS.intersection(found)))
    attribution = tuple(word for word in _ATTRIBUTION_WORDS if word in low)
    asked = {0} if low.startswith("[") else set()
    chat = "\n[" in low
    if words or attribution or chat:
        starts = _starts(texts, low, len(low) == len(joined))
        # a `\n[` match is about the line after its newline
        asked |= {bisect_right(starts, m.start() + (low[m.start()] == "\n")) - 1
                  for m in _hint(words, attribution, chat).finditer(low)}
    return {i for i in asked if is_prose(texts[i])}


_LABEL_WORD = lazy(r"^[(A-Za-z0-9\u00c0-\u024f][\w'./()-]*$")


def is_label(text: str) -> bool:
    """A heading a person puts over the next output ("Output from the hub:", "Router B:").

    Only a candidate: the caller also wants it between a blank line and a prompt, where a
    device prints no capitalised line of plain words ending with a colon.
    """
    stripped = text.strip()
    if not stripped.endswith(":") or text[0].isspace() or "  " in stripped \
            or not stripped[0].isupper() or re.search(r"\d{3}", stripped):
        return False  # a device's counters and sizes (`Log Buffer (4096 bytes):`) are no name
    words = stripped[:-1].split()
    return 1 <= len(words) <= 8 and all(_LABEL_WORD.match(w) for w in words) \
        and any(w.isalpha() and len(w) > 1 for w in words)
