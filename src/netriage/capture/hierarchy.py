"""Running-configs as pasted by people: blank lines between every line, indentation lost,
first letters capitalised by a word processor, two commands merged on one line.

`tidy_config` undoes these for any configuration output (a pasted config, `show run` in a
terminal log, the config section of a show tech), and keeps a line map so every kept line
still points at its line in the file. Each repair only runs when the damage is plain (no
device prints `Enable password` or `hostname R1 enable secret ...`); a config without it is
left exactly as it was.
"""

from __future__ import annotations

import re
from itertools import pairwise

from netriage.capture.config_vocab import (
    ALL_BLOCKS,
    BANNER,
    BLOCKS,
    CONFIG_WORDS,
    DEVICE_CAPITALS,
    MERGE_AFTER,
    Block,
)
from netriage.capture.model import line_at
from netriage.lazyre import lazy

_CONFIG_COMMANDS = ("show running-config", "show startup-config", "write terminal",
                    "more system:running-config", "more system:startup-config",
                    "show configuration", "show config")
_STRONG = re.compile(r"^(hostname \S|interface \S|ASA Version |PIX Version |NGFW Version |"
                     r"version \d|: Saved|Building configuration|Current configuration|"
                     r"crypto map \S+ \d+ |tunnel-group \S+ |crypto isakmp key )", re.I)
_END = lazy(r"^(end|: end)$", re.IGNORECASE)  # `End`: a word processor's capital
# Cheap first look for `split_merged` (a clean config is read at full speed)
_MERGE_HEAD = lazy(r"^(?:" + "|".join(MERGE_AFTER) + r")\s+\S+\s+\S", re.IGNORECASE)


def is_complete(lines: list[str]) -> bool:
    """A configuration always ends with `end` (`: end` on an ASA): a paste without is cut."""
    last = next((line.strip() for line in reversed(lines) if line.strip()), "")
    return bool(_END.match(last))


def is_config_command(command: str) -> bool:
    return command.startswith(_CONFIG_COMMANDS)


def config_share(lines: list[str]) -> float:
    """Share of non-blank lines that read as configuration (0 without one strong marker)."""
    words = [line.split(None, 1)[0].lower() for line in lines if line.strip()]
    if len(words) < 5 or not any(_STRONG.match(line.strip()) for line in lines):
        return 0.0
    hits = sum(1 for line in lines if line.strip() and (
        line[0].isspace() or line.split(None, 1)[0].lower().rstrip(":") in CONFIG_WORDS
        or line.startswith("!")))
    return hits / len(words)


def paste_blanks(lines: list[str]) -> bool:
    """A blank line after nearly every line: what some mail and forum editors do to text."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 4:
        return False
    adjacent = sum(1 for a, b in pairwise(filled) if b == a + 1)
    return adjacent <= 0.1 * len(filled)


# Blocks with more sub-commands than any list holds (`no mop enabled` under an IOS-XE
# interface): a line there that reads as no top-level command stays inside.
_OPEN_ENDED = frozenset(("interface", "line", "router", "address-family", "group-policy",
                         "tunnel-group-attributes"))


def _top_level(text: str) -> bool:
    words = text.lower().split()
    word = words[1] if words[0] == "no" and len(words) > 1 else words[0]
    return word in CONFIG_WORDS or any(b.opens.match(text) for b in BLOCKS)


def _inside(block: Block, text: str) -> bool:
    if block.children.match(text) or any(n.opens.match(text) for n in block.nested):
        return True
    return block.name in _OPEN_ENDED and not _top_level(text)


def _opens(stack: list[Block], text: str) -> Block | None:
    candidates = stack[-1].nested if stack else BLOCKS
    return next((b for b in candidates if b.opens.match(text)), None)


def indentation_lost(lines: list[str]) -> bool:
    """Blocks are there (a parent line followed by its sub-command) but nothing is indented."""
    filled = [line for line in lines if line.strip()]
    if not filled or sum(1 for line in filled if line[0].isspace()) > 0.02 * len(filled):
        return False
    for first, second in pairwise(filled):
        block = _opens([], first.strip())
        if block is not None and _inside(block, second.strip()):
            return True
    return False


def recover(lines: list[str]) -> list[str]:
    """Re-indent a flat config one space per level, line for line (same count, same order)."""
    out: list[str] = []
    stack: list[Block] = []
    banner_end = ""
    for raw in lines:
        text = raw.strip()
        if banner_end:  # banner text stays as written
            out.append(raw)
            banner_end = "" if banner_end in text else banner_end
            continue
        if not text or text.startswith(("!", ":")):
            stack.clear()  # `!` separates top-level blocks
            out.append(text)
            continue
        banner = BANNER.match(text)
        if banner:
            stack.clear()
            out.append(text)
            banner_end = "" if banner.group(1) in banner.group(2) else banner.group(1)
            continue
        while stack and not _inside(stack[-1], text):
            stack.pop()
        out.append(" " * len(stack) + text)
        opened = _opens(stack, text)
        if opened is not None:
            stack.append(opened)
    return out


def runs_of(numbers: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for index, number in enumerate(numbers):
        if not runs or number != runs[-1][1] + index - runs[-1][0]:
            runs.append((index, number))
    return runs


def _known(text: str) -> bool:
    """A configuration line as some block or the top level writes it (already lowercased)."""
    word = text.split(None, 1)[0]
    if word in CONFIG_WORDS:
        return True
    return any(b.children.match(text) or b.opens.match(text) for b in ALL_BLOCKS)


def _title_word(text: str) -> str:
    """The line's first word when a word processor capitalised it (`Enable`), else ""."""
    word = text.split(None, 1)[0] if text.strip() else ""
    if len(word) < 2 or not word[0].isupper() or not word[1:].islower():
        return ""
    return "" if word.lower() in DEVICE_CAPITALS else word


def capitalised(lines: list[str]) -> bool:
    """At least two lines open with a capitalised configuration word (`Line vty 0 4`)."""
    hits = 0
    for line in lines:
        stripped = line.lstrip()
        if not stripped[:1].isupper():
            continue  # nearly every line of a clean config: no further look
        word = _title_word(stripped)
        if word and _known(word.lower() + stripped[len(word):]):
            hits += 1
            if hits >= 2:
                return True
    return False


def lowercase_keywords(lines: list[str]) -> list[str]:
    """Each capitalised first word back to lowercase (`capitalised` said a word processor
    did it, and it does it to every line; no command is capitalised on a device).

    Only the first word: the rest of a line (a description, a name, a key) is the engineer's
    and keeps its case. Banner text and the words a device capitalises itself stay.
    """
    out = []
    banner_end = ""
    for line in lines:
        stripped = line.strip()
        if banner_end:
            out.append(line)
            banner_end = "" if banner_end in stripped else banner_end
            continue
        word = _title_word(stripped)
        if word:
            stripped = word.lower() + stripped[len(word):]
            line = line[:len(line) - len(line.lstrip())] + stripped  # noqa: PLW2901
        banner = BANNER.match(stripped)
        if banner and banner.group(1) not in banner.group(2):
            banner_end = banner.group(1)
        out.append(line)
    return out


def split_merged(text: str) -> list[str]:
    """`hostname R1 enable secret 5 ...` as the two lines a paste joined, else [text].

    Only after commands that take a fixed number of words (`hostname NAME`, `version 12.4`,
    `boot-start-marker`), and only when what follows is itself a lowercase configuration
    command of two words or more: then the split is the only reading.
    """
    words = text.split()
    if not words:
        return [text]
    arity = MERGE_AFTER.get(words[0].lower())
    if arity is None or len(words) < arity + 3:
        return [text]
    rest = words[arity + 1:]
    if not rest[0].islower() or rest[0] not in CONFIG_WORDS or not _known(" ".join(rest)):
        return [text]
    head = " ".join(words[:arity + 1])
    return [text[:text.index(head) + len(head)], " ".join(rest)]


def tidy_config(texts: list[str], runs: list[tuple[int, int]],
                first: int) -> tuple[list[str], list[tuple[int, int]]]:
    """Drop paste blank lines, split merged lines, put keywords back in lowercase and rebuild
    lost indentation; the line map follows the lines (a split line's parts share its number)."""
    texts = [t.replace("\xa0", " ") for t in texts]  # non-breaking spaces from HTML mail
    blanks = paste_blanks(texts)
    merged = any(len(split_merged(t)) > 1 for t in texts if _MERGE_HEAD.match(t))
    if blanks or merged:
        numbers = [line_at(runs, i) for i in range(len(texts))] if runs else [
            first + i for i in range(len(texts))]
        pairs = [(n, t) for n, t in zip(numbers, texts, strict=True) if t.strip() or not blanks]
        pairs = [(n, part) for n, t in pairs for part in split_merged(t)]
        texts = [t for _, t in pairs]
        runs = runs_of([n for n, _ in pairs])
    if capitalised(texts):
        texts = lowercase_keywords(texts)
    if indentation_lost(texts):
        texts = recover(texts)
    return texts, runs
