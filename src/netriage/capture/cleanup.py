"""Text damaged by the web, chat and email, turned back into what the device printed.

People paste captures into forums, tickets and mail: the text comes back quoted (`> `),
in markdown or HTML, with typographic quotes and dashes, a blank line after every line,
lines wrapped at 72 columns, their own notes at line ends (`<-- here`) and sentences between
outputs. `detect` looks at a file's head once and says which of these it shows (None for a
clean capture, which is then never touched: its fast path and its bytes stay as they were);
`repair` undoes them on the stream of visible lines.

Line numbers survive because repair works on `stream.Line` objects, which carry the number
of the physical line they came from: a dropped line leaves a gap, a joined line keeps the
number of its first part, and the splitter turns the gaps into `Entry.line_map` breakpoints.
What is set aside (a note, a sentence) is reported with its line, never silently lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import pairwise

from netriage.capture.cleanup_rules import (
    FENCE,
    NAME,
    QUOTE,
    TYPOGRAPHIC,
    annotation,
    is_label,
    is_prose,
    markup,
    may_have_notes,
    prose_lines,
    quote_depth,
    typography,
    unquote,
)
from netriage.capture.config_vocab import CONFIG_WORDS
from netriage.capture.prompts import match_prompt
from netriage.capture.stream import Line, wrap_width
from netriage.capture.terminal import Outside
from netriage.lazyre import lazy

_TYPO = re.compile("[" + "".join(sorted(TYPOGRAPHIC)) + "]")
_MARKUP = re.compile(r"^\s*(?:```|~~~)|\*\*(?!\*)\S|`[^`]+`|</?(?:pre|code|br|p|div|span|b|"
                     r"strong|tt|kbd)\b[^<>]*>|&(?:gt|lt|amp|nbsp|quot|#\d{1,5});", re.I)
# What any line's markup holds, found over a whole head at once: a fence's ``` or ~~~ (looked
# for as text), else a match of this, whose every branch opens with a literal so `re` jumps
# from one `*` `\`` `<` `&` to the next (a tag's `[^<>]*>` tail is left to `_MARKUP`)
_ANY_MARKUP = re.compile(r"\*\*(?!\*)\S|`[^`\n]+`|</?(?i:pre|code|br|p|div|span|b|strong|tt|kbd)\b|"
                         r"&(?i:gt|lt|amp|nbsp|quot|#\d{1,5});")
WRAP_WIDTHS = range(66, 81)  # where mail clients wrap (72 and 76 are the usual ones)
_PROMPTISH = lazy(r"^\S*[#>]")  # `fw1#`, `#`, `rtr(config)#`: never a line's tail
# Tails that start with a configuration word but are no command alone: an ACL's
# `object NAME`, `object-group NAME`, `ip 10.1.0.0 255.255.0.0` cut off an access-list
_NOT_ALONE = lazy(r"^(?:object\s+(?!network\s|service\s)\S+|object-group\s+(?!network\s|"
                        r"service\s|protocol\s|icmp-type\s|user\s|security\s)\S+|"
                        r"ipv?6?\s+[\d:])", re.IGNORECASE)
# A syslog message, and how the next one starts (sequence number, `*`, a date or an uptime)
_SYSLOG = lazy(r"%[A-Z][A-Z0-9_]*-(?:[A-Z0-9_]+-)?\d-[A-Z0-9_]+:")
_LOG_START = lazy(r"^(?:[*.%<]|\d+:|[A-Z][a-z]{2}\s+\d|\d{4}-\d\d-\d\d|\d\d:\d\d:\d\d|"
                        r"\d+[ywdhm]\d+[wdhms]:)")
# Lines a device prints alone after a long line: never a cut value
_ALONE = frozenset(("quit", "exit", "end", "exit-address-family", "!", "[ok]", "done"))


@dataclass
class Damage:
    """What a file's head shows was done to it, and what repairing it set aside."""

    quote: int = 0  # `>` levels a mail client put before every line (0: not quoted)
    markup: bool = False  # markdown (`**`, backticks, fences) or HTML (`<pre>`, `&gt;`)
    typography: bool = False  # typographic quotes and dashes, non-breaking or zero-width spaces
    annotations: bool = False  # a poster's notes at line ends (`<<`, `<-- here`, `# why`)
    double_spaced: bool = False  # a blank line after every line
    wrap: int = 0  # the column a mail client wrapped long lines at (0: not wrapped)
    prose: bool = False  # sentences a person wrote between outputs
    notes: list[Outside] = field(default_factory=list)  # filled while repairing

    @property
    def kinds(self) -> list[str]:
        """The forms found, in words (for tests and messages)."""
        named = [("quoted", bool(self.quote)), ("markup", self.markup),
                 ("typography", self.typography), ("annotations", self.annotations),
                 ("double-spaced", self.double_spaced), ("wrapped", bool(self.wrap)),
                 ("prose", self.prose)]
        return [name for name, found in named if found]


def detect(head: list[str]) -> Damage | None:
    """The damage a file's visible head shows; None when it shows none (the usual case).

    Each per-line question is asked first of the whole head at once (one regex scan of the
    joined lines, which finds whatever a line-by-line look would): a clean capture, the
    usual case, is then cleared without a look at each line (it was ~a quarter of loading
    one). Only lines the scan points at, or every line when it found something, are read
    one by one, by the same rules, so the answer is the same."""
    filled = [t for t in head if t.strip()]
    if not filled:
        return None
    damage = Damage()
    quoted = [quote_depth(t) for t in filled if t.startswith(">")]
    if len(quoted) >= 3 and len(quoted) >= 0.6 * len(filled):
        # blank quoted lines (`>`) say nothing about depth; `>> text` inside `> ` does not
        # raise it: the shallowest quoted text is the mail client's level
        depths = [quote_depth(t) for t in filled if QUOTE.sub("", t).strip()]
        damage.quote = min((d for d in depths if d), default=min(quoted))
    # over the lines that are not blank, as each line was asked (a line of no-break spaces
    # alone is blank, and no sign of typography)
    damage.typography = _TYPO.search("\n".join(filled)) is not None
    joined = "\n".join(head)
    damage.markup = ("```" in joined or "~~~" in joined or _ANY_MARKUP.search(joined)
                     is not None) and any(_MARKUP.search(t) for t in filled)
    if damage.quote or damage.typography or damage.markup or may_have_notes(joined):
        texts = [line.text for line in _per_line(_numbered(head), damage)]
    else:
        texts = [t.rstrip() for t in head]  # what `_per_line` makes of lines with no damage
    damage.annotations = bool(damage.notes)
    damage.notes.clear()
    damage.double_spaced = double_spaced(texts)
    if damage.double_spaced:
        texts = [line.text for line in _single_spaced(_numbered(texts))]
    prose = prose_lines(texts)
    damage.wrap = _wrap_width(texts, bool(damage.kinds), prose)
    # a sentence before the next prompt, or among the lines a file opens with (a post or a
    # mail begins with words to the reader; a device's output never does)
    opening = next((i for i, t in enumerate(texts) if t.strip() and i not in prose
                    and not NAME.match(t)), len(texts))
    # only sentences and lines ending in `:` (every label does; the texts are rstripped)
    # can be a person's words
    asked = sorted(prose.union(i for i, t in enumerate(texts) if t.endswith(":")))
    damage.prose = any((i in prose and (i < opening or _before_prompt(texts, i)))
                       or (is_label(texts[i]) and (i == 0 or not texts[i - 1].strip())
                           and _before_prompt(texts, i))
                       for i in asked)
    return damage if damage.kinds else None


def repair(lines: Iterable[Line], damage: Damage) -> Iterator[Line]:
    """The visible lines with the damage undone; set-aside text goes to `damage.notes`."""
    stream = _per_line(lines, damage)
    if damage.double_spaced:
        stream = _single_spaced(stream)
    if damage.wrap:
        stream = _unwrapped(stream, damage.wrap)
    return _without_prose(stream, damage)


def repair_texts(texts: list[str], damage: Damage) -> list[str]:
    """`repair` for a list of texts (a file's head, a test)."""
    return [line.text for line in repair(_numbered(texts), damage)]


def _numbered(texts: Iterable[str]) -> Iterator[Line]:
    return (Line(number, text) for number, text in enumerate(texts, 1))


def _per_line(lines: Iterable[Line], damage: Damage) -> Iterator[Line]:
    """Quoting, typography, markup and notes, each line on its own."""
    for line in lines:
        if line.header is not None or line.shell:
            yield line
            continue
        text = line.text
        if damage.quote and text.startswith(">"):
            text = unquote(text, damage.quote)
        if damage.typography:
            text = typography(text)
        if damage.markup:
            marked = markup(text)
            if marked is None:
                continue  # a fence line is all markup
            text = marked
        kept, note = annotation(text)
        if note:
            damage.notes.append(Outside(line.number, line.number,
                                        f"a note added to the output ({note!r})"))
            if not kept.strip():
                continue  # the whole line was the note
            text = kept
        text = text.rstrip()
        yield line if text == line.text else replace(line, text=text)


def double_spaced(texts: list[str]) -> bool:
    """A blank line after nearly every line: what some forum and mail editors do."""
    filled = [i for i, t in enumerate(texts) if t.strip()]
    if len(filled) < 6:
        return False
    adjacent = sum(1 for a, b in pairwise(filled) if b == a + 1)
    return adjacent <= 0.1 * len(filled)


def _single_spaced(lines: Iterable[Line]) -> Iterator[Line]:
    """Each run of k blank lines becomes k // 2: the editor's blank goes, a real one stays."""
    blanks: list[Line] = []
    for line in lines:
        if not line.text.strip() and line.header is None:
            blanks.append(line)
            continue
        yield from blanks[len(blanks) - len(blanks) // 2:]
        blanks = []
        yield line


def _wrap_width(texts: list[str], others: bool, prose: set[int] | None = None) -> int:
    """The column a mail client wrapped at, when lines show it was done; else 0. `prose`:
    the indexes of the lines `is_prose` accepts, when already known (`prose_lines`)."""
    if prose is None:
        prose = prose_lines(texts)
    # A client breaks every line it can: what is still longer than its column has no space
    # to break at (a long token), so the column is the longest line that has one.
    breakable = [len(t) for i, t in enumerate(texts) if " " in t.strip() and i not in prose]
    if not breakable or max(breakable) not in WRAP_WIDTHS:
        return 0
    width = max(breakable)
    lengths = [len(t) for i, t in enumerate(texts) if t.strip() and i not in prose]
    if wrap_width(texts) == width:
        return 0  # hard breaks at exactly the width: a screen copy, which `stream` joins
    near = sum(1 for n in lengths if n >= width - 8)
    found = sum(1 for a, b in pairwise(texts) if continues(a, a, b, width))
    # one wrapped line in a file with no other damage is too little to go on: random
    # output can look like that once; a mail client wraps every long line
    return width if near >= 2 and (found >= 2 or (found >= 1 and others)) else 0


def continues(full: str, segment: str, text: str, width: int) -> bool:
    """Whether `text` is the rest of the line before it, cut by a mail client at `width`.

    Only when it is clearly so: the first word of `text` would not have fitted after the
    line's last `segment` (that is why the client broke there), `text` starts at column 0,
    is no prompt, sentence or configuration command, and one of: the line was indented
    (device output and config children are; their wrapped tail is not), the break falls
    inside a list of fields (after `,` `:` `/` or before `(` `)` `,`), `text` is one short
    value (`2026`, `192.0.2.2`), or the line is a top-level configuration command (whose
    tail no configuration command starts like). A capital starts a new output line, except
    in a configuration line's tail, mid-list, or as a lone value of an indented line.
    """
    stripped = text.strip()
    if not stripped or not segment.strip() or text[0].isspace() or not full.strip():
        return False
    first = stripped.split()[0]
    if len(segment) > width or len(segment) + 1 + len(first) <= width:
        return False
    if FENCE.match(text) or _PROMPTISH.match(text) or is_prose(text) \
            or stripped.lower() in _ALONE or first[0] == "!":
        return False
    mid_list = segment.rstrip()[-1] == ","  # `sibling_flags 8000, crypto map: X`: no config
    if not mid_list and first.lower().rstrip(":") in CONFIG_WORDS and not _NOT_ALONE.match(text):
        return False
    config = full[0].islower() and full.split(None, 1)[0] in CONFIG_WORDS
    lone = " " not in stripped
    if first[0].isupper() and not (mid_list or config or (full[0].isspace() and lone)):
        return False  # `GigabitEthernet0/1 is up, ...` after a long line is its own line
    if full[0].isspace() or segment.rstrip()[-1] in ",:;/(-" or text[0] in ",;:/)(":
        return True
    if _SYSLOG.search(full) and not _LOG_START.match(text):
        return True  # a device prints a log message on one line, however long
    if lone:  # a value cut off its line; never a rule (`=====`) or a word said alone
        return first[0].isalnum() and len(first) <= width // 2 and not _PROMPTISH.match(full)
    return config


def _unwrapped(lines: Iterable[Line], width: int) -> Iterator[Line]:
    pending: Line | None = None
    segment = ""
    for line in lines:
        if pending is not None and line.header is None and not line.shell \
                and continues(pending.text, segment, line.text, width):
            pending = replace(pending, text=f"{pending.text} {line.text.strip()}")
            segment = line.text
            continue
        if pending is not None:
            yield pending
        pending, segment = line, line.text
    if pending is not None:
        yield pending


def _before_prompt(texts: list[str], index: int) -> bool:
    """Whether the next non-blank line after `index` is a prompt with a command."""
    after = next((t for t in texts[index + 1:] if t.strip()), None)
    return after is not None and match_prompt(after, 0, set()) is not None


def _without_prose(lines: Iterable[Line], damage: Damage) -> Iterator[Line]:
    """Sentences right before a prompt, or at the end, are the poster's, never output.

    A name alone after a blank line ("Paul", a signature) is held with them, and set aside
    only when a real sentence is in the same run: alone it may be the device's. A heading
    ("Router B:") after a blank line is set aside when a prompt follows it.
    """
    held: list[Line] = []
    hosts: set[str] = set()
    blank_before = True
    opening = True  # nothing but a person's words and blank lines so far
    for line in lines:
        text = line.text
        talk = is_prose(text) or (bool(held) and not text.strip()) \
            or ((blank_before or bool(held)) and (bool(NAME.match(text)) or is_label(text)))
        blank_before = not text.strip()
        if line.header is None and not line.shell and talk:
            held.append(line)
            continue
        prompt = match_prompt(text, 0, hosts) if line.header is None else None
        if prompt is not None:
            hosts.add(prompt.hostname)
        if held:
            if (opening or prompt is not None or line.header is not None or line.shell) \
                    and _set_aside(held, damage, before_prompt=prompt is not None):
                held = [h for h in held if not h.text.strip()]
            yield from held
            held = []
        opening = opening and not text.strip()
        yield line
    if not _set_aside(held, damage):
        yield from held


def _set_aside(held: list[Line], damage: Damage, before_prompt: bool = False) -> bool:
    """Report a held run as a person's words when it holds a sentence (or, right before a
    prompt, a heading); False when it does not."""
    if not any(is_prose(h.text) or (before_prompt and is_label(h.text)) for h in held):
        return False
    prose = [h.number for h in held if h.text.strip()]
    damage.prose = True
    damage.notes.append(Outside(prose[0], prose[-1], "a person's words between outputs, "
                                                     "not device output"))
    return True
