"""Run a TextFSM template over one output and say honestly how much of it was understood.

Every result is `parsed`, `partial` (with the lines no rule understood) or `unparsed` (no
template, the device rejected the command, or zero records where the text had content).
The trees treat partial and unparsed as unknown, never as healthy.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import textfsm

from netriage.parsing.registry import TemplateRef, find_template

PARSED, PARTIAL, UNPARSED = "parsed", "partial", "unparsed"

# A device refusing the command: the output is an error, not an empty table.
_REJECTED = re.compile(
    r"^\s*(ERROR:\s*)?%\s*(Invalid input|Incomplete command|Unrecognized command|Ambiguous command)"
    r"|^\s*Type help or '\?' for a list of available commands",
    re.IGNORECASE | re.MULTILINE,
)
_MAX_RETRIES = 50


@dataclass
class ParseResult:
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
    text: str
    rule_regexes: tuple[re.Pattern[str], ...]  # every rule that is not an Error catch-all


@cache
def _load(path: Path) -> _CompiledTemplate:
    text = path.read_text()
    fsm = textfsm.TextFSM(io.StringIO(text))
    regexes = []
    for rules in fsm.states.values():
        for rule in rules:
            if rule.record_op == "Error" or rule.line_op == "Error":
                continue
            regexes.append(rule.regex_obj)
    return _CompiledTemplate(text, tuple(regexes))


def _understood(line: str, template: _CompiledTemplate) -> bool:
    return not line.strip() or any(rx.match(line) for rx in template.rule_regexes)


def _run(template: _CompiledTemplate, text: str) -> tuple[list[dict], list[tuple[int, str]]]:
    """Parse, dropping any line that makes the template raise, and retry."""
    lines = text.splitlines()
    dropped: list[tuple[int, str]] = []
    alive = list(range(len(lines)))
    for _ in range(_MAX_RETRIES):
        fsm = textfsm.TextFSM(io.StringIO(template.text))
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


def _parse_with(ref: TemplateRef, command: str, text: str) -> ParseResult:
    records: list[dict] = []
    problem_lines: dict[int, str] = {}
    for path in ref.paths:
        template = _load(path)
        rows, dropped = _run(template, text)
        records += rows
        problem_lines.update(dropped)
        if len(ref.paths) == 1:
            for number, line in enumerate(text.splitlines(), 1):
                if not _understood(line, template):
                    problem_lines.setdefault(number, line)
    not_understood = sorted(problem_lines.items())
    if not records and not_understood:
        return ParseResult(command, UNPARSED, [], ref.name, not_understood,
                           "the template produced no record from this output")
    status = PARTIAL if not_understood else PARSED
    return ParseResult(command, status, records, ref.name, not_understood)


_cache: dict[tuple[str, str, str], ParseResult] = {}


def parse_output(text: str, command: str, family: str) -> ParseResult:
    """Parse one command's output. Results are cached by content hash: outputs repeat."""
    key = (family, command, hashlib.sha256(text.encode("utf-8", "replace")).hexdigest())
    if key in _cache:
        return _cache[key]
    result = _parse_uncached(text, command, family)
    _cache[key] = result
    return result


def _parse_uncached(text: str, command: str, family: str) -> ParseResult:
    if _REJECTED.search(text):
        return ParseResult(command, UNPARSED, reason="the device rejected the command")
    ref = find_template(family, command)
    if ref is None:
        return ParseResult(command, UNPARSED, reason="no template for this command")
    if not text.strip():
        return ParseResult(command, UNPARSED, template=ref.name, reason="the output is empty")
    return _parse_with(ref, command, text)
