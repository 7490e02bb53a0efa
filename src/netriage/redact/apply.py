"""Redacting whole captures and reports, with one `TokenMap` for all their texts."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from netriage.capture.model import Capture, Entry
from netriage.redact.engine import TokenMap, mask

if TYPE_CHECKING:
    from netriage.redact.manifest import Masked

# Report keys whose values are names and ids the report's structure relies on: never prose,
# never output text (an id like `config.snmp-community-public` must survive a secret "public").
_STRUCTURAL = frozenset({"id", "severity", "tree", "platform", "platform_reason", "version",
                         "failover_role", "template", "netriage", "hostname", "device",
                         "sources", "parsed", "kind", "token", "source", "format"})


_LINE_FIELDS = ("typed", "command", "filter", "section")  # one line each, saved in the header


def _entries(capture: Capture) -> list[Entry]:
    # Console entries (text printed between prompts) are evidence too: masked like outputs.
    return [entry for device in capture.devices
            for entry in [*device.entries, *getattr(device, "console", [])]]


def _mask_field(entry: Entry, name: str, tokens: TokenMap) -> tuple[str, list[tuple[int, str,
                                                                                  str]]]:
    text = getattr(entry, name)
    if name == "output" or not text:
        return mask(text, tokens, entry.command)
    # A line typed at a sub-mode prompt takes its context from the prompt's mode
    # (`R1(config-radius-server)#key x`): mask it with its prompt, then take the prompt off.
    if entry.prompt and "(" in entry.prompt:
        prefix = entry.prompt + " "
        out, rows = mask(prefix + text, tokens)
        if out.startswith(prefix):
            return out[len(prefix):], rows
    return mask(text, tokens)


def _row(source: str, line: int, kind: str, token: str) -> Masked:
    # the manifest records are imported once a secret is found, not by every clean capture
    from netriage.redact.manifest import Masked

    return Masked(source, line, kind, token)


def _masked(capture: Capture, tokens: TokenMap, write: bool) -> list[Masked]:
    # Two passes: the first learns every secret in every output, so the second can also mask
    # a secret where no rule would see it (an output that echoes a key configured elsewhere).
    entries = _entries(capture)
    for entry in entries:
        for name in (*_LINE_FIELDS, "output"):
            _mask_field(entry, name, tokens)
    manifest: list[Masked] = []
    for entry in entries:
        for name in (*_LINE_FIELDS, "output"):
            out, rows = _mask_field(entry, name, tokens)
            if write and out != getattr(entry, name):
                setattr(entry, name, out)
            for number, kind, token in rows:
                line = entry.line if name != "output" else entry.source_line(number - 1)
                row = _row(entry.source, line, kind, token)
                if name != "command" or row not in manifest:  # command repeats typed
                    manifest.append(row)
    return manifest


def redact_capture(capture: Capture, tokens: TokenMap | None = None, *,
                   in_place: bool = False) -> tuple[Capture, list[Masked]]:
    """A copy of `capture` (or the capture itself) with every secret masked, and the manifest."""
    tokens = tokens if tokens is not None else TokenMap()
    target = capture if in_place else copy.deepcopy(capture)
    manifest = _masked(target, tokens, write=True)
    target.redacted = True
    target.redactions += [m.as_dict() for m in manifest]
    return target, manifest


def capture_secrets(capture: Capture, tokens: TokenMap) -> list[Masked]:
    """Learn the secrets of a capture into `tokens` without changing it; their manifest."""
    return _masked(capture, tokens, write=False)


def mask_value(value: str, tokens: TokenMap) -> str:
    """One free-text value (a report field, a parsed record's field) with secrets masked.

    A value that is exactly a known secret is masked whatever its length: a parsed record's
    `KEY` field holds the secret alone, where a short one would not be masked as a word.
    """
    return tokens.exact(value.strip()) or mask(value, tokens)[0]  # its last step: mask_known


def redact_report(report: dict[str, Any], tokens: TokenMap) -> dict[str, Any]:
    """A copy of a report dict with secrets masked in every free-text value.

    Seed `tokens` with `capture_secrets` on the analysed capture first: then the secrets of
    the capture are known and masked wherever a finding quotes them, even in prose.
    """
    # A report repeats its strings (the same undecided reason on dozens of checks): each
    # distinct one is masked once. A value masked depends only on the text and the map, and
    # the map only grows: a result is kept while the map stays the size it was computed at.
    seen: dict[str, str] = {}
    size = [len(tokens)]

    def masked(value: str) -> str:
        if len(tokens) != size[0]:
            seen.clear()
            size[0] = len(tokens)
        if value in seen:
            return seen[value]
        out = mask_value(value, tokens)
        if len(tokens) == size[0]:
            seen[value] = out
        return out

    return redact_tree(report, tokens, _STRUCTURAL, masker=masked)


def redact_tree(value: Any, tokens: TokenMap, keep: frozenset[str] = frozenset(),
                key: str = "", *, masker: Callable[[str], str] | None = None) -> Any:
    """`value` (dicts, lists, strings) with every string masked, except under keys in `keep`."""
    if isinstance(value, dict):
        return {k: redact_tree(v, tokens, keep, k, masker=masker) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_tree(v, tokens, keep, key, masker=masker) for v in value]
    if isinstance(value, str) and key not in keep:
        return masker(value) if masker is not None else mask_value(value, tokens)
    return value
