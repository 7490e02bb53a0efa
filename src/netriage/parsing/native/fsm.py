"""An exact, resumable re-run of a TextFSM template, line by line.

The native parsers take a fast path over the blocks they recognise whole, and hand anything
unusual to this machine, which applies the *same* template rules with TextFSM's semantics
(first matching rule wins, `Continue`, `Record`, `Clear`, `Filldown`, `Required`, `List`,
an explicit `EOF` state suppressing the implicit last record). Unlike `textfsm.TextFSM` it can
be fed a few lines, left, and resumed: the fast path and this machine take turns on one output
and still produce what TextFSM would have produced for the whole text.

It also says which lines no rule of the template understood (rule regexes are prefix
matches, as in TextFSM), so a native parser can report partial output honestly.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import textfsm

_SUPPORTED_OPTIONS = {"Filldown", "Required", "List", "Key"}


@dataclass(frozen=True)
class Rule:
    regex: re.Pattern[str]
    line_op: str  # "", "Next", "Continue" (Error rules are refused at load)
    record_op: str  # "", "NoRecord", "Record", "Clear", "Clearall"
    new_state: str


@dataclass(frozen=True)
class Template:
    names: tuple[str, ...]  # value names, lower case, in template order
    filldown: frozenset[int]
    required: frozenset[int]
    lists: frozenset[int]
    states: dict[str, tuple[Rule, ...]]
    eof_state: bool  # an explicit EOF state: no implicit record at the end
    all_rules: tuple[re.Pattern[str], ...]  # every rule regex, for "was this line understood"


@cache
def load_template(path: Path) -> Template:
    """Compile a TextFSM template (textfsm parses the syntax; we only keep the rules)."""
    fsm = textfsm.TextFSM(io.StringIO(path.read_text()))
    names = tuple(v.name.lower() for v in fsm.values)
    options = [set(v.OptionNames()) for v in fsm.values]
    unsupported = set().union(*options) - _SUPPORTED_OPTIONS if options else set()
    if unsupported:
        raise ValueError(f"{path.name}: options {sorted(unsupported)} are not supported")
    if any("List" in v.OptionNames() and re.compile(v.regex).groups > 1 for v in fsm.values):
        raise ValueError(f"{path.name}: nested List groups are not supported")
    states: dict[str, tuple[Rule, ...]] = {}
    every: list[re.Pattern[str]] = []
    for state, rules in fsm.states.items():
        compiled = []
        for rule in rules:
            if "Error" in (rule.line_op, rule.record_op):
                raise ValueError(f"{path.name}: Error rules are not supported")
            regex = re.compile(rule.regex)  # the plain pattern: textfsm's wrapper is slower
            compiled.append(Rule(regex, rule.line_op, rule.record_op, rule.new_state))
            every.append(regex)
        states[state] = tuple(compiled)
    return Template(
        names=names,
        filldown=frozenset(i for i, o in enumerate(options) if "Filldown" in o),
        required=frozenset(i for i, o in enumerate(options) if "Required" in o),
        lists=frozenset(i for i, o in enumerate(options) if "List" in o),
        states=states, eof_state="EOF" in fsm.states, all_rules=tuple(every))


@dataclass
class Machine:
    """The state of one TextFSM run; feed it lines, read `records` at the end."""

    template: Template
    state: str = "Start"
    values: list = field(default_factory=list)  # current value per Value (None = unset)
    kept: list = field(default_factory=list)  # Filldown memory per Value
    records: list[dict[str, object]] = field(default_factory=list)
    done: bool = False  # reached End/EOF

    def __post_init__(self) -> None:
        count = len(self.template.names)
        self.values = [[] if i in self.template.lists else None for i in range(count)]
        self.kept = [None] * count
        self._index = {name: i for i, name in enumerate(self.template.names)}

    @property
    def clean(self) -> bool:
        """True when the next line starts afresh: `Start` state, nothing but Filldown held."""
        t = self.template
        return self.state == "Start" and all(
            (v == [] if i in t.lists else v is None) or i in t.filldown
            for i, v in enumerate(self.values))

    def set_filldown(self, name: str, value: str | None) -> None:
        """Seed a Filldown value, as if the line that sets it had just been read."""
        index = self._index[name]
        self.values[index] = value
        self.kept[index] = value

    def feed(self, line: str) -> bool:
        """Run one line; True when some rule of the current state matched it."""
        if self.done:
            return False
        matched_any = False
        for rule in self.template.states[self.state]:
            match = rule.regex.match(line)
            if match is None:
                continue
            matched_any = True
            for name, value in match.groupdict().items():
                self._assign(name, value)
            if rule.record_op == "Record":
                self._append()
            elif rule.record_op == "Clear":
                self._clear()
            elif rule.record_op == "Clearall":
                self._clear_all()
            if rule.line_op != "Continue":
                if rule.new_state:
                    if rule.new_state in ("End", "EOF"):
                        self.done = True
                    else:
                        self.state = rule.new_state
                break
        return matched_any

    def understood(self, line: str) -> bool:
        """Some rule of the template, in any state, accepts this line."""
        return any(rx.match(line) for rx in self.template.all_rules)

    def finish(self) -> list[dict[str, object]]:
        if not self.done and not self.template.eof_state:
            self._append()
        self.done = True
        return self.records

    # -- TextFSM value semantics ------------------------------------------------------------
    def _assign(self, name: str, value: str | None) -> None:
        index = self._index.get(name.lower())
        if index is None:
            return  # a group of a nested List value: not supported, refused at load
        if index in self.template.lists:
            self.values[index].append(value)
        else:
            self.values[index] = value
        if index in self.template.filldown:
            self.kept[index] = self.values[index] if index not in self.template.lists else None

    def _append(self) -> None:
        t = self.template
        row = []
        for i, value in enumerate(self.values):
            if i in t.required and not value:
                self._clear()
                return
            row.append(list(value) if i in t.lists else value)
        if all(v is None or v == [] for v in row):
            return
        self.records.append({name: ("" if v is None else v) for name, v in zip(t.names, row,
                                                                              strict=True)})
        self._clear()

    def _clear(self) -> None:
        t = self.template
        for i in range(len(self.values)):
            if i in t.lists:
                if i not in t.filldown:
                    self.values[i] = []
            elif i in t.filldown:
                self.values[i] = self.kept[i]
            else:
                self.values[i] = None

    def _clear_all(self) -> None:
        t = self.template
        for i in range(len(self.values)):
            self.values[i] = [] if i in t.lists else None
            self.kept[i] = None
