"""ASA / FTD `show crypto ipsec sa` (and `... detail`): ntc-templates' records, fast.

A VPN headend prints thousands of SA blocks (10–20 MB). ntc-templates' TextFSM template reads
them line by line through every rule of its state, 3–5 s for 5,000 SAs. This parser gives the
*same records* (same keys, same values, same TextFSM quirks) far faster:

* The text is cut into blocks at `Crypto map tag:` and `interface:` lines with `str.find`
  (no per-line Python work).
* Each block is matched whole by one compiled regex describing a canonical SA block, built
  from ntc's own rules so that a block it accepts yields the values TextFSM would have taken
  (`asa_ipsec_sa_regex` holds the rules and says how the regex is built).
* Anything else (a new release's extra line, a block cut short, a rekey printed oddly) goes,
  block by block, to `fsm.Machine`, which re-runs ntc's template rules with TextFSM's
  semantics and carries its state across blocks, so the result is still what TextFSM gives.

Unlike a stock ntc run, lines that no rule and no known ignorable pattern understands are
reported, so the runner can call the output partial (the trees then treat it as unknown).

Extra keys, beyond ntc's: the `detail` error counters (`no_sa_send`, `invalid_sa_rcv`,
`encaps_failed_send`, `decaps_failed_rcv`, `verify_failed`, `replay_failed_rcv`), "" when
the output does not print them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from operator import itemgetter

from netriage.parsing.native import compact as compact_module
from netriage.parsing.native.asa_ipsec_sa_regex import (
    DETAIL_LINE,
    DETAIL_VALUES,
    EXTRA_KEYS,
    INTERFACE_LINE,
    NAMES,
    RULES,
    TEMPLATE_NAME,
    UNDERSTOOD_EXTRA,
    VALUES,
    Block,
    compiled_blocks,
    template,
    template_path,
)
from netriage.parsing.native.compact import Compactor
from netriage.parsing.native.fsm import Machine

# The rules and the template are part of this parser's face: tests check them against the
# installed ntc-templates, through this module.
__all__ = ["EXTRA_KEYS", "RULES", "TEMPLATE_NAME", "VALUES", "parse", "template",
           "template_path"]

_NO_EXTRAS = dict.fromkeys(EXTRA_KEYS, "")
_FILLDOWN = ("interface", "crypto_map_tag", "sequence_number", "local_address",
             "local_address_name")
# (stored fields from the extended groups, the header's three Filldown values, the `seq num`
# group or -1, (first, second) group of each key a second rule may set): see `_Parse._plan`
_Plan = tuple[Callable[[tuple], tuple], Callable[[tuple], tuple], int, tuple[tuple[int, int], ...]]
_SEPARATORS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # str.splitlines() splits on these too
_ASCII_SPACE = "\x1f"  # the one ASCII `\s` character, besides space and tab, not a separator


def _boundaries(text: str) -> list[int]:
    """Start offsets of `interface:` lines and (indented) `Crypto map tag:` lines."""
    starts: list[int] = []
    if text.startswith("interface:"):
        starts.append(0)
    at = text.find("\ninterface:")
    while at != -1:
        starts.append(at + 1)
        at = text.find("\ninterface:", at + 1)
    at = text.find("Crypto map tag:")
    while at != -1:
        line_start = text.rfind("\n", 0, at) + 1
        if line_start < at and not text[line_start:at].strip():
            starts.append(line_start)
        at = text.find("Crypto map tag:", at + 1)
    starts.sort()
    return starts


class _Parse:
    """One run over one output: fast blocks and machine blocks, taking turns."""

    def __init__(self, text: str, compact: bool = False) -> None:
        # what a finished record becomes: itself, or its compact form (big outputs)
        self.compactor = Compactor() if compact else None
        self.keep: Callable[[dict[str, object]], object] = self.compactor or _same
        self.compact = compact
        self.shapes: dict[int, tuple[tuple[str, ...], Callable[[dict[str, str]], tuple]]] = {}
        self.plans: dict[int, _Plan] = {}
        self._machine: Machine | None = None  # made when a block first needs it
        self.records: list = []  # dicts, or CompactSa for a big output
        self.not_understood: list[tuple[int, str]] = []
        self.fill = {name: None for name in _FILLDOWN}
        # a compact record's keys are the only ones captured (`None`: every key, full records)
        self.captured = frozenset({*compact_module.ASA_SA_FIELDS, *_FILLDOWN}) if compact \
            else None
        self.pending: dict[str, str] = {}
        self.taken = 0  # machine records already moved to `records`
        self.text = text
        self.ascii_only = False
        self.detail = False

    # -- the machine path ---------------------------------------------------------------------
    @property
    def machine(self) -> Machine:
        """ntc's template as a machine, loaded only when some block is not canonical (~16 ms:
        a headend's table usually has none)."""
        if self._machine is None:
            self._machine = Machine(template())
        return self._machine

    def _sync_machine_in(self) -> None:
        for name, value in self.fill.items():
            # "" from a fast record is TextFSM's None: these values never match empty
            self.machine.set_filldown(name, value or None)

    def _sync_machine_out(self) -> None:
        index = {n: i for i, n in enumerate(NAMES)}
        for name in self.fill:
            self.fill[name] = self.machine.kept[index[name]]

    def _take_machine_records(self) -> None:
        while self.taken < len(self.machine.records):
            record = self.machine.records[self.taken]
            self.taken += 1
            for key in EXTRA_KEYS:
                record[key] = self.pending.get(key, "")
            self.pending = {}
            self.records.append(self.keep(record))

    def slow(self, start: int, end: int, first_line: int) -> None:
        """Feed text[start:end] to the machine, line by line, TextFSM-style."""
        segment = self.text[start:end]
        for offset, line in enumerate(segment.splitlines()):
            taken = self.machine.feed(line)
            self._take_machine_records()
            if taken:
                continue
            detail = DETAIL_LINE.match(line)
            if detail:
                self.pending.update({k: v for k, v in detail.groupdict().items() if v})
            elif not (self.machine.understood(line) or UNDERSTOOD_EXTRA.match(line)):
                self.not_understood.append((first_line + offset, line))

    # -- the fast path ------------------------------------------------------------------------
    def fast(self, start: int, end: int) -> bool:
        text = self.text
        if text.startswith("interface:", start):
            match = INTERFACE_LINE.fullmatch(text, start, end)
            if match is None:
                return False
            self.fill["interface"] = match.group("interface")
            return True
        for block in compiled_blocks(self.ascii_only, self.captured):
            match = block.pattern.fullmatch(text, start, end)
            if match is not None:
                break
        else:
            return False
        if self.compactor is not None and not self.detail:
            self._compact_record(block, match)
            return True
        found = match.groupdict("")
        keys, take = self.shapes.get(id(block)) or self._shape(block)
        record: dict[str, object] = dict(zip(keys, take(found), strict=True))
        for key, group in block.second:  # the two `crypto endpt.` rules
            if not record[key]:
                record[key] = found[group]
        # The header rule assigns its groups, empty ones included; a header without
        # `seq num` leaves the Filldown sequence number of the previous block, as TextFSM does.
        fill = self.fill
        fill["crypto_map_tag"] = record["crypto_map_tag"]
        fill["local_address"] = record["local_address"]
        fill["local_address_name"] = record["local_address_name"]
        if block.has_seq:
            fill["sequence_number"] = record["sequence_number"]
        for key, value in fill.items():
            record[key] = "" if value is None else value
        record.update(_NO_EXTRAS)
        if self.detail:
            for counters in DETAIL_VALUES.finditer(text, start, end):
                record.update({k: v for k, v in counters.groupdict().items() if v is not None})
        self.records.append(self.keep(record))
        return True

    def _compact_record(self, block: Block, match: re.Match[str]) -> None:
        """What `fast` builds, as a compact record made straight from the match's groups
        (no dict of the record, no per-field Python work): ~10 µs less per SA."""
        take, header, seq, seconds = self.plans.get(id(block)) or self._plan(block)
        groups = match.groups("")
        fill = self.fill
        # the header rule's Filldown values, as `fast` sets them
        fill["crypto_map_tag"], fill["local_address"], fill["local_address_name"] = (
            header(groups))
        if seq >= 0:
            fill["sequence_number"] = groups[seq]
        interface, sequence = fill["interface"], fill["sequence_number"]
        self.records.append(self.compactor.stored(take((  # type: ignore[union-attr]
            *groups, "" if interface is None else interface,
            "" if sequence is None else sequence, "",
            *[groups[first] or groups[second] for first, second in seconds]))))

    def _plan(self, block: Block) -> _Plan:
        """Where each stored field of a compact record comes from: a group of the match, or
        after the groups: the Filldown interface, the Filldown sequence number, "" (the
        `detail` keys, read elsewhere), then each key a second rule may set, first or second
        group. The same values `fast` puts in its dict, in `CompactSa.STORED` order."""
        index = block.pattern.groupindex
        count = block.pattern.groups
        first = {key: index[group] - 1 for key, group in zip(block.keys, block.groups,
                                                              strict=True)}
        seconds = [(key, first[key], index[group] - 1) for key, group in block.second]
        after = {"interface": count, "": count + 2,
                 **{key: count + 3 + n for n, (key, _f, _s) in enumerate(seconds)}}
        if not block.has_seq:
            after["sequence_number"] = count + 1
        places = [after[name] if name in after else after[""] if name in EXTRA_KEYS
                  else first[name] for name in compact_module.CompactSa.STORED]
        plan = (itemgetter(*places),
                itemgetter(*(first[k] for k in ("crypto_map_tag", "local_address",
                                                 "local_address_name"))),
                first["sequence_number"] if block.has_seq else -1,
                tuple((f, s) for _key, f, s in seconds))
        self.plans[id(block)] = plan
        return plan

    def _shape(self, block: Block) -> tuple[tuple[str, ...], Callable[[dict[str, str]], tuple]]:
        """The keys a fast record is built with: all of them, or (compact records) only those
        the compact record keeps, the Filldown ones and those a second rule may set."""
        shape: tuple[tuple[str, ...], Callable[[dict[str, str]], tuple]] = (block.keys,
                                                                             block.take)
        if self.compact:
            needed = {*compact_module.ASA_SA_FIELDS, *self.fill, *(k for k, _ in block.second)}
            pairs = [(k, g) for k, g in zip(block.keys, block.groups, strict=True)
                     if k in needed]
            shape = tuple(k for k, _ in pairs), itemgetter(*(g for _, g in pairs))
        self.shapes[id(block)] = shape
        return shape

    def run(self) -> tuple[list[dict[str, object]], list[tuple[int, str]]]:
        text = self.text
        if any(c in text for c in _SEPARATORS):
            # TextFSM would split lines where we would not: let the machine do all of it
            self.slow(0, len(text), 1)
            self.machine.finish()
            self._take_machine_records()
            return self.records, self.not_understood
        # every block is read with its lines ended by a newline; an output without a final
        # one gets it on its last segment only (`text + "\n"` would copy a 110 MB text)
        unended = not text.endswith("\n")
        self.ascii_only = text.isascii() and _ASCII_SPACE not in text
        self.detail = "#pkts no sa" in text or "#pkts replay failed" in text
        starts = _boundaries(text)
        bounds = [0, *starts] if not starts or starts[0] != 0 else starts
        bounds.append(len(text))
        line_no, counted_to = 1, 0
        clean = True  # the machine holds nothing but Filldown values, in Start
        for start, end in pairwise(bounds):
            if start == end:
                continue
            at, until = start, end
            if unended and end == len(text):
                self.text, at, until = text[start:] + "\n", 0, end - start + 1
            if clean and self.fast(at, until):
                continue
            line_no += text.count("\n", counted_to, start)
            counted_to = start
            self._sync_machine_in()
            self.slow(at, until, line_no)
            self._sync_machine_out()
            clean = self.machine.clean
        self.text = text
        if self._machine is not None:  # a machine never fed holds nothing to finish
            self.machine.finish()
            self._take_machine_records()
        return self.records, self.not_understood


def _same(record: dict[str, object]) -> dict[str, object]:
    return record


def _reindent(text: str) -> str:
    r"""A paste that lost its indentation (web page, chat) back to the device's shape.

    The device indents every line of an SA block and only `interface:` starts a line; ntc's
    rules rely on that (`^\s+Crypto map tag:`). One indent per line is enough for them, and
    the line count, hence every line number, stays the same.
    """
    return "\n".join(line if not line.strip() or line.startswith("interface:")
                     else "    " + line.lstrip() for line in text.split("\n"))


def parse(text: str, compact: bool | None = None,
          ) -> tuple[list[dict[str, object]], list[tuple[int, str]]]:
    """(records as ntc-templates gives them plus the extra keys, lines not understood).

    `compact` (default: for an output of `COMPACT_FROM_CHARS` or more) keeps only the fields
    the facts read, in `CompactSa` records (see `compact`)."""
    if compact is None:
        compact = len(text) >= compact_module.COMPACT_FROM_CHARS
    if text.startswith("Crypto map tag:") or "\nCrypto map tag:" in text:
        text = _reindent(text)
    return _Parse(text, compact).run()
