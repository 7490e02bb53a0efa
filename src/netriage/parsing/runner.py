"""Run a TextFSM template over one output and say honestly how much of it was understood.

Every result is `parsed`, `partial` (with the lines no rule understood) or `unparsed` (no
template, the device rejected the command, or zero records where the text had content).
The trees treat partial and unparsed as unknown, never as healthy.
"""

from __future__ import annotations

import io
import re
import threading
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import textfsm

from netriage.lazyre import lazy
from netriage.parsing.marks import is_cut_short
from netriage.parsing.native import NativeParser, find_native
from netriage.parsing.registry import TemplateRef, find_template
from netriage.textscan import has_line_longer

PARSED, PARTIAL, UNPARSED = "parsed", "partial", "unparsed"

# A device refusing the command: the output is an error, not an empty table.
_REJECTED = lazy(
    r"^\s*(ERROR:\s*)?%\s*(Invalid input|Incomplete command|Unrecognized command|Ambiguous command)"
    r"|^\s*Type help or '\?' for a list of available commands",
    re.IGNORECASE | re.MULTILINE,
)
# What `_REJECTED` needs to find, lower case: a cheap test that spares a 15 MB output the
# regex (which tries every line start), exact for ASCII text.
_REJECTED_WORDS = ("invalid input", "incomplete command", "unrecognized command",
                   "ambiguous command", "type help or")
_MAX_RETRIES = 50
# Longer lines are not given to a template (see `_parse_guarded`); no show output a template
# reads has lines anywhere near this long, and at this length the worst stock rule costs
# milliseconds.
MAX_LINE = 2048
# An output with no record is an empty table only while it is no longer than a header.
_EMPTY_TABLE_LINES = 6
# Configuration displays: no TextFSM template reads them; the config facts do.
_CONFIG_DISPLAYS = ("show running-config", "show startup-config", "more system:running-config",
                    "write terminal", "show configuration")


def _content_lines(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.strip())


def _rejected(text: str) -> bool:
    if text.isascii():
        lowered = text.lower()
        if not any(word in lowered for word in _REJECTED_WORDS):
            return False
    return _REJECTED.search(text) is not None


@dataclass
class ParseResult:
    """What parsing one output gave: its status, the records and the lines not understood."""

    command: str
    status: str
    records: list[dict] = field(default_factory=list)
    template: str = ""
    not_understood: list[tuple[int, str]] = field(default_factory=list)  # (line in output, text)
    reason: str = ""

    @property
    def usable(self) -> bool:
        """True only when every line was understood: the trees may conclude from it."""
        return self.status == PARSED


@dataclass(frozen=True)
class _CompiledTemplate:
    """A template's text, its rules' regexes (to tell lines not understood) and its keys."""

    text: str
    rule_regexes: tuple[re.Pattern[str], ...]  # every rule that is not an Error catch-all
    keys: tuple[str, ...]  # Values marked Key: how chained templates join their rows


def _build(text: str) -> textfsm.TextFSM:
    """The template's state machine; in the command's own process its compiled rules are
    read from and kept in the user's cache dir (`netriage.regexcache`)."""
    from netriage import regexcache

    with regexcache.recording(regexcache.template_group(text)) as keys:
        fsm = textfsm.TextFSM(io.StringIO(text))
        # each Value's regex (checked) and each rule's, Values filled in: some were compiled
        # already, by another template, and are this one's too
        keys += [*((v.regex, 0) for v in fsm.values),
                 *((r.regex, 0) for rules in fsm.states.values() for r in rules)]
    return fsm


@cache
def _load(path: Path) -> _CompiledTemplate:
    text = path.read_text()
    fsm = _build(text)
    regexes = []
    for rules in fsm.states.values():
        for rule in rules:
            if rule.record_op == "Error" or rule.line_op == "Error":
                continue
            regexes.append(rule.regex_obj)
    keys = tuple(v.name.lower() for v in fsm.values if "Key" in v.OptionNames())
    # this machine is also the first parse's (in this thread): building a second one read
    # the template and made every rule again
    _FSMS.__dict__.setdefault("by_text", {}).setdefault(text, fsm)
    return _CompiledTemplate(text, tuple(regexes), keys)


_FSMS = threading.local()  # per thread: a TUI worker and the app may parse at once


def _fsm(template: _CompiledTemplate) -> textfsm.TextFSM:
    """The template's state machine, built once per thread and reset for each parse.

    Building one compiles every rule's regex (~20 ms for a stock template, and ~100 distinct
    templates overflow the `re` module's cache): a batch of 1,000 captures paid it per output.
    `Reset()` is TextFSM's own way to run a machine again (start state, no rows, no values).
    """
    cached: dict[str, textfsm.TextFSM] = _FSMS.__dict__.setdefault("by_text", {})
    fsm = cached.get(template.text)
    if fsm is None:
        fsm = cached[template.text] = _build(template.text)
    fsm.Reset()
    return fsm


def _understood(line: str, template: _CompiledTemplate) -> bool:
    return not line.strip() or any(rx.match(line) for rx in template.rule_regexes)


def _run(template: _CompiledTemplate, text: str) -> tuple[list[dict], list[tuple[int, str]]]:
    """Parse, dropping any line that makes the template raise, and retry."""
    lines = text.splitlines()
    dropped: list[tuple[int, str]] = []
    alive = list(range(len(lines)))
    for _ in range(_MAX_RETRIES):
        fsm = _fsm(template)
        try:
            rows = fsm.ParseTextToDicts("\n".join(lines[i] for i in alive) + "\n")
            return [{k.lower(): v for k, v in row.items()} for row in rows], dropped
        except textfsm.TextFSMError as exc:
            match = re.search(r"Input Line: (.*)$", str(exc), re.DOTALL)
            bad = match.group(1) if match else None
            victim = next((i for i in alive if lines[i] == bad), None)
            if victim is None:
                break
            alive.remove(victim)
            dropped.append((victim + 1, lines[victim]))
    return [], dropped


def _extend(base: list[dict], other: list[dict], keys: tuple[str, ...]) -> None:
    """Join a chained template's columns onto the first one's rows, as ntc's clitable does:
    by the first template's Key values, else row by row."""
    if not other:
        return
    new_columns = [c for c in other[0] if not base or c not in base[0]]
    if keys:
        for row in base:
            match = next((o for o in other if all(o.get(k) == row.get(k) for k in keys)), None)
            for column in new_columns:
                row[column] = match[column] if match else ""
        return
    for row, extra in zip(base, other, strict=False):
        for column in new_columns:
            row[column] = extra[column]


def _parse_with(ref: TemplateRef, command: str, text: str) -> ParseResult:
    records: list[dict] = []
    problem_lines: dict[int, str] = {}
    keys: tuple[str, ...] = ()
    for index, path in enumerate(ref.paths):
        template = _load(path)
        rows, dropped = _run(template, text)
        if index == 0:
            records, keys = rows, template.keys
        else:
            _extend(records, rows, keys)
        problem_lines.update(dropped)
        # Our templates are written to account for every line, so a line no rule matches is
        # news (a new release, a paste error). ntc-templates skip lines by design unless they
        # end in an Error rule, in which case the retry above has already caught them.
        if ref.origin == "netriage" and len(ref.paths) == 1:
            for number, line in enumerate(text.splitlines(), 1):
                if not _understood(line, template):
                    problem_lines.setdefault(number, line)
    not_understood = sorted(problem_lines.items())
    if not records and not_understood:
        return ParseResult(command, UNPARSED, [], ref.name, not_understood,
                           "the template produced no record from this output")
    if not records and ref.origin == "ntc" and _content_lines(text) > _EMPTY_TABLE_LINES:
        # ntc-templates skip lines they do not know, so a template that fits another command
        # (its index row admits one more word) reads a whole output as nothing: say so.
        return ParseResult(command, UNPARSED, [], ref.name, [],
                           f"the template read no record from {_content_lines(text)} lines")
    status = PARTIAL if not_understood else PARSED
    return ParseResult(command, status, records, ref.name, not_understood)


def _parse_native(parser: NativeParser, command: str, text: str) -> ParseResult:
    if not text.strip():
        return ParseResult(command, UNPARSED, template=parser.name, reason="the output is empty")
    records, not_understood = parser.parse(text)
    if not records and not_understood:
        return ParseResult(command, UNPARSED, [], parser.name, not_understood,
                           "the parser produced no record from this output")
    return ParseResult(command, PARTIAL if not_understood else PARSED, records, parser.name,
                       not_understood)


_cache: dict[tuple[str, str, str], ParseResult] = {}  # (platform, command, digest) → result


_HASH_CHUNK = 1 << 20


def _digest(text: str) -> str:
    """A hash of the text's UTF-8, a chunk at a time: a 110 MB output is not copied whole.
    Below a chunk, blake2b (a small built-in module): importing hashlib loads OpenSSL, ~5 ms
    of every start-up; above it, OpenSSL's sha256, twice blake2b's speed here. A text's length
    picks one, so the same text always gets the same key."""
    if len(text) < _HASH_CHUNK:
        from netriage.cachefile import blake2b

        return blake2b(text.encode("utf-8", "replace")).hexdigest()
    import hashlib

    digest = hashlib.sha256()
    for start in range(0, len(text), _HASH_CHUNK):
        digest.update(text[start:start + _HASH_CHUNK].encode("utf-8", "replace"))
    return digest.hexdigest()


def parse_output(text: str, command: str, family: str, platform: str = "") -> ParseResult:
    """Parse one command's output. Results are cached by content hash: outputs repeat.

    `platform` (e.g. `cisco_pix`) selects a platform-specific template where one exists.
    """
    digest = _digest(text)
    key = (platform or family, command, digest)
    if key in _cache:
        return _cache[key]
    result = _parse_uncached(text, command, family, platform)
    _cache[key] = result
    return result


# A saved output that still holds its terminal frame: the command echoed on the first line
# (`PE1>show interfaces TenGigabitEthernet 0/2/0`, `show interfaces tunnel 10`) and the prompt
# that came back at the end (`PE1>`). Neither is output; both are blanked, numbers kept.
_ECHO = re.compile(r"^\s*(?:[\w.:/()@-]+\s?[#>]\s*)?(?:do\s+)?sh(?:o|ow)?\s+\S", re.IGNORECASE)
_BARE_PROMPT = re.compile(r"^[\w.:/()@-]+[#>]\s*$")


def _without_frame(text: str) -> str:
    # look at the ends only: an SA table is 15 MB, and strip() on it would copy it whole
    head = text[:4096].lstrip("\n").split("\n", 1)[0]
    tail = text[-4096:].rstrip().rsplit("\n", 1)[-1].strip()
    if not _ECHO.match(head) and not _BARE_PROMPT.match(tail):
        return text  # the usual case: the loader already took the frame away
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if filled and _ECHO.match(lines[filled[0]]):
        lines[filled[0]] = ""
        filled = filled[1:]
    while filled and _BARE_PROMPT.match(lines[filled[-1]].strip()):
        lines[filled.pop()] = ""
    return "\n".join(lines)


def _parse_uncached(text: str, command: str, family: str, platform: str) -> ParseResult:
    text = _without_frame(text)
    body, cut_at = _without_cut_mark(text)
    if cut_at:
        return _as_partial(_parse_guarded(body, command, family, platform),
                           [(cut_at, text.split("\n")[cut_at - 1])])
    return _parse_guarded(text, command, family, platform)


def _without_cut_mark(text: str) -> tuple[str, int]:
    """The output without the collector's "cut short" line, and that line's number (or 0)."""
    tail = text.rstrip("\n").rsplit("\n", 1)
    if not is_cut_short(tail[-1]):
        return text, 0
    body = tail[0] if len(tail) > 1 else ""
    return body, body.count("\n") + 2 if body else 1


def _as_partial(result: ParseResult, notes: list[tuple[int, str]]) -> ParseResult:
    """A result that must not be taken as whole: parsed becomes partial, with the notes."""
    understood = sorted(set(result.not_understood) | set(notes))
    if result.status == UNPARSED:
        return replace(result, not_understood=understood)
    return replace(result, status=PARTIAL, not_understood=understood)


def _parse_guarded(text: str, command: str, family: str, platform: str) -> ParseResult:
    """Lines longer than `MAX_LINE` are kept from the template (blank in their place, so line
    numbers hold) and listed as not understood: a stock rule such as `^.*\\s+...` backtracks
    quadratically, 100 s on one 80,000-character line."""
    if not has_line_longer(text, MAX_LINE):
        return _parse_checked(text, command, family, platform)
    lines = text.split("\n")
    long_ones = [(n, line) for n, line in enumerate(lines, 1) if len(line) > MAX_LINE]
    for number, _line in long_ones:
        lines[number - 1] = ""
    notes = [(n, f"{line.strip()[:120]}... [{len(line):,} characters: too long to parse]")
             for n, line in long_ones]
    return _as_partial(_parse_checked("\n".join(lines), command, family, platform), notes)


def _parse_checked(text: str, command: str, family: str, platform: str) -> ParseResult:
    if _rejected(text):
        return ParseResult(command, UNPARSED, reason="the device rejected the command")
    native = find_native(family, command)
    if native is not None:  # hand-written parsers for outputs too big for TextFSM come first
        return _parse_native(native, command, text)
    ref = find_template(family, command, platform)
    if ref is None:
        if command.startswith(_CONFIG_DISPLAYS):
            return ParseResult(command, UNPARSED, reason="no template: read by the checks as "
                               "configuration text (the running-config model)")
        return ParseResult(command, UNPARSED, reason="no template for this command")
    if not text.strip():
        return ParseResult(command, UNPARSED, template=ref.name, reason="the output is empty")
    result = _parse_with(ref, command, text)
    if result.status == UNPARSED and not result.records and ref.family != family:
        # a platform's own layout did not fit (FTD's diagnostic CLI prints the ASA's): the
        # family's template reads it
        fallback = find_template(family, command)
        if fallback is not None:
            return _parse_with(fallback, command, text)
    return result
