"""Typed facts per device, built lazily from the parsed outputs the trees actually read."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from netriage.capture.commands import is_show_like
from netriage.capture.model import Device, Entry
from netriage.engine.expr import Unknown
from netriage.facts.crypto import COMMANDS as CRYPTO_COMMANDS
from netriage.facts.interfaces import INTERFACE_COMMANDS
from netriage.facts.syslog_lines import DeviceSyslog, collect, is_log_command, without_syslog
from netriage.parsing import PARSED, PARTIAL, ParseResult, parse_output
from netriage.platforms import family

if TYPE_CHECKING:
    from netriage.engine.partial_source import PartialSource

# A type or builder named "area:name" is read from `netriage.facts.<area>` (its package, the
# area's one entry) when first needed: a fact never asked for imports nothing of its area.
Ref = str


def _resolved(value: Any) -> Any:
    if isinstance(value, str):
        area, _, name = value.partition(":")
        return getattr(importlib.import_module(f"netriage.facts.{area}"), name)
    return value


class FactBuilder:
    """How one fact is made.

    Either `build` (from the parse result of the first captured command in `commands`; the
    generic code turns a missing, filtered or unparsed output into Unknown, and hands a
    partial one over with the records it has), or
    `build_device` for facts that combine several outputs or other facts: it receives the
    `DeviceFacts` and returns the fact, or raises/returns `Unknown` itself.
    `fact_type`, `build` and `build_device` may be given as "area:name" (see `Ref`).
    """

    __slots__ = ("_build", "_build_device", "_fact_type", "commands", "name")

    def __init__(self, name: str, commands: tuple[str, ...], fact_type: type | Ref,
                 build: Callable[[ParseResult], Any] | Ref | None = None,
                 build_device: Callable[[DeviceFacts], Any] | Ref | None = None) -> None:
        self.name = name
        self.commands = commands  # what would tell (and, with `build`, what is read)
        self._fact_type = fact_type  # what is built; `checks lint` checks field names on it
        self._build, self._build_device = build, build_device

    @property
    def fact_type(self) -> type:
        self._fact_type = _resolved(self._fact_type)
        return self._fact_type

    @property
    def build(self) -> Callable[[ParseResult], Any] | None:
        self._build = _resolved(self._build)
        return self._build

    @property
    def build_device(self) -> Callable[[DeviceFacts], Any] | None:
        self._build_device = _resolved(self._build_device)
        return self._build_device

    @property
    def has_build(self) -> bool:
        return self._build is not None

    def __repr__(self) -> str:
        return f"FactBuilder({self.name!r}, {self.commands!r})"


BUILDERS: dict[str, FactBuilder] = {
    b.name: b
    for b in (
        FactBuilder("failover", ("show failover",), "failover:FailoverFacts",
                    build_device="failover:build_failover"),
        FactBuilder("failover_mate", ("failover exec mate show failover",),
                    "failover:FailoverFacts", build_device="failover:build_mate_failover"),
        FactBuilder("failover_outputs", (), "failover:FailoverOutputs",
                    build_device="failover:build_outputs"),
        FactBuilder("failover_history", ("show failover history", "show clock"),
                    "failover:FailoverHistory", build_device="failover:build_history"),
        FactBuilder("failover_state", ("show failover state",), "failover:FailoverState",
                    build="failover:build_state"),
        FactBuilder("failover_config", ("show running-config failover",),
                    "failover:FailoverConfig", build="failover:build_config"),
        FactBuilder("failover_links", ("show failover interface",), "failover:FailoverLinks",
                    build="failover:build_links"),
        FactBuilder("failover_monitor", ("show monitor-interface",), "failover:FailoverMonitor",
                    build="failover:build_monitor"),
        FactBuilder("failover_aa", ("show running-config all mac-address",
                                    "show running-config context"),
                    "failover:ActiveActiveConfig", build_device="failover:build_active_active"),
        FactBuilder("failover_syslog", ("show logging",), "failover:FailoverSyslog",
                    build_device="failover:build_syslog"),
        FactBuilder("failover_standby_edits", ("configure terminal",), "failover:StandbyEdits",
                    build_device="failover:build_standby_edits"),
        FactBuilder("failover_platform", ("show version", "failover exec mate show version"),
                    "failover:FailoverPlatform", build_device="failover:build_platform"),
        FactBuilder("failover_startup", ("show startup-config",), "failover:StartupConfig",
                    build_device="failover:build_startup"),
        FactBuilder("config", ("show running-config",), "config:ConfigFacts",
                    build_device="config:config_facts"),
        FactBuilder("interfaces", INTERFACE_COMMANDS["cisco_ios"]
                    + INTERFACE_COMMANDS["cisco_asa"], "interfaces:InterfaceFacts",
                    build_device="interfaces:interface_facts"),
        FactBuilder("crypto_config", ("show running-config",), "crypto:CryptoConfig",
                    build_device="crypto:build_config_fact"),
        FactBuilder("crypto", CRYPTO_COMMANDS, "crypto:CryptoFacts",
                    build_device="crypto:build_crypto"),
        FactBuilder("syslog", ("show logging",), DeviceSyslog,
                    build_device=lambda facts: collect(facts.device)),
    )
}


# How many not-understood lines a partial source keeps for the reports (the count says all).
NOT_UNDERSTOOD_SHOWN = 20


def readable(result: ParseResult) -> bool:
    """Parsed, or partial with records: the builders read it (partial is not nothing)."""
    return result.status == PARSED or (result.status == PARTIAL and bool(result.records))


def unreadable_reason(command: str, result: ParseResult) -> Unknown:
    detail = result.reason or f"{len(result.not_understood)} line(s) not understood"
    if result.status == PARTIAL:
        detail = f"no record was read, {detail}"
    return Unknown(f"`{command}` is {result.status}: {detail}", (command,))


def usable_result(facts: DeviceFacts, command: str) -> ParseResult:
    """The parse result of `command` for a builder, or Unknown saying why it cannot be read.

    A partial result (records, and lines not understood) is handed over: the builder uses
    every record, leaves what only an unread line could tell as None, and the fact is marked
    as read from a partial output (see `DeviceFacts.note_partial`)."""
    result = facts.result(command)
    if result is None:
        if facts.device.find(command, unfiltered=False) is not None:
            raise Unknown(f"only a filtered `{command}` was captured", (command,))
        raise Unknown(f"`{command}` was not captured", (command,))
    if not readable(result):
        raise unreadable_reason(command, result)
    facts.note_partial(result)
    return result


def _template_platform(device: Device) -> str:
    """Which platform's own templates apply: PIX 7.x and later print ASA output."""
    if device.platform == "cisco_pix" and device.version[:1].isdigit() \
            and int(device.version.split(".")[0]) >= 7:
        return "cisco_asa"
    return device.platform


class DeviceFacts:
    """Facts of one device. Each output is parsed at most once, and only when asked for."""

    def __init__(self, device: Device) -> None:
        self.device = device
        self.family = family(device.platform)
        self.template_platform = _template_platform(device)
        self._results: dict[str, ParseResult] = {}
        self._facts: dict[str, Any] = {}
        self._partial: dict[str, tuple[PartialSource, ...]] = {}  # fact → partial outputs
        self._reading: list[dict[str, PartialSource]] = []  # facts being built, innermost last

    def result(self, command: str) -> ParseResult | None:
        if command not in self._results:
            entry = self.device.find(command)
            if entry is None:
                return None
            self._results[command] = self._parse(entry)
        return self._results[command]

    def _parse(self, entry: Entry) -> ParseResult:
        """Parse an output; a console message the device printed into it (not into a log
        output, where messages are the content) is taken out first, so it cannot break the
        parse, and not-understood lines keep their numbers in the output as captured."""
        stripped = None if is_log_command(entry.command) else without_syslog(entry.output)
        if stripped is None:
            return parse_output(entry.output, entry.command, self.family,
                                self.template_platform)
        text, kept = stripped
        result = parse_output(text, entry.command, self.family, self.template_platform)
        return replace(result, not_understood=[(kept[number - 1] + 1, line)
                                               for number, line in result.not_understood])

    def all_results(self) -> list[ParseResult]:
        """Every unfiltered command of the device, parsed (for reports and the raw viewer)."""
        seen: list[ParseResult] = []
        for entry in self.device.entries:
            if entry.filtered or not is_show_like(entry.command):
                continue  # session commands (enable, terminal pager 0) have no output to parse
            result = self.result(entry.command)
            if result is not None and result not in seen:
                seen.append(result)
        return seen

    def resolve(self, name: str) -> tuple[Any, tuple[str, ...]]:
        """(fact, commands that feed it); raises Unknown saying which command would tell."""
        builder = BUILDERS.get(name)
        if builder is None:
            raise KeyError(name)
        if name not in self._facts:
            self._reading.append({})
            try:
                self._facts[name] = self._build(builder)
            finally:
                read = self._reading.pop()
            self._partial[name] = tuple(read.values())
        if self._reading:  # a fact built from this one was read from the same outputs
            self._reading[-1].update((p.command, p) for p in self._partial[name])
        return self._facts[name], builder.commands

    def partial_of(self, name: str) -> tuple[PartialSource, ...]:
        """The partial outputs fact `name` was read from (its lists may miss rows)."""
        if name not in BUILDERS:
            raise KeyError(name)
        self.resolve(name)
        return self._partial.get(name, ())

    def note_partial(self, result: ParseResult, label: str = "",
                     entry: Entry | None = None) -> None:
        """A builder reads this result: if it is partial, so is the fact being built."""
        if result.status != PARTIAL or not self._reading:
            return
        source = self.partial_source(result, label, entry)
        self._reading[-1][source.command] = source

    def partial_source(self, result: ParseResult, label: str = "",
                       entry: Entry | None = None) -> PartialSource:
        """Which output, and its not-understood lines numbered in the capture file."""
        command = label or result.command
        entry = entry or self.device.find(command)
        lines = tuple(
            (entry.source_line(number - 1) if entry is not None else 0, text)
            for number, text in result.not_understood[:NOT_UNDERSTOOD_SHOWN])
        from netriage.engine.partial_source import PartialSource  # few outputs are partial

        return PartialSource(command, len(result.not_understood),
                             entry.source if entry is not None else "", lines)

    def _build(self, builder: FactBuilder) -> Any:
        try:
            return self._build_unguarded(builder)
        except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
            # A builder meeting an output shape it does not expect is a bug to fix, but one
            # fact must not take the whole analysis down: the checks that need it are
            # undecided, and the reason says what happened.
            return Unknown(f"{builder.name} could not be read from this capture "
                           f"({type(exc).__name__}: {exc})", builder.commands)

    def _build_unguarded(self, builder: FactBuilder) -> Any:
        if builder.build_device is not None:
            try:
                fact = builder.build_device(self)
            except Unknown as unknown:
                return unknown
            return fact if fact is not None else Unknown(
                f"no usable output for {builder.name}", builder.commands)
        # (`builder.build` is read only once an output is there: resolving it imports its area)
        assert builder.has_build, builder.name  # a registry entry without a builder
        for command in builder.commands:
            result = self.result(command)
            if result is None:
                continue
            if not readable(result):
                unknown = unreadable_reason(command, result)
                return Unknown(unknown.reason, builder.commands)
            self.note_partial(result)
            fact = builder.build(result)  # type: ignore[misc]  # has_build: not None
            if fact is None:
                return Unknown(f"`{command}` gave no usable record", builder.commands)
            return fact
        filtered = [c for c in builder.commands
                    if self.device.find(c, unfiltered=False) is not None]
        if filtered:
            return Unknown(f"only a filtered `{filtered[0]}` was captured; the full output is "
                           "needed", builder.commands)
        return Unknown(f"`{builder.commands[0]}` was not captured", builder.commands)
