"""Redacting whole captures and reports, with one `TokenMap` for all their texts."""

from __future__ import annotations

import copy
from typing import Any

from netriage.capture.model import Capture, Entry
from netriage.redact.engine import Masked, TokenMap, mask, mask_known

# Report keys whose values are names and ids the report's structure relies on: never prose,
# never output text (an id like `config.snmp-community-public` must survive a secret "public").
_STRUCTURAL = frozenset({"id", "severity", "tree", "platform", "platform_reason", "version",
                         "failover_role", "template", "netriage", "hostname", "device",
                         "sources", "parsed", "kind", "token", "source", "format"})


def _entry_texts(entry: Entry) -> list[tuple[str, str]]:
    return [("typed", entry.typed), ("command", entry.command), ("output", entry.output)]


def _masked(capture: Capture, tokens: TokenMap, write: bool) -> list[Masked]:
    # Two passes: the first learns every secret in every output, so the second can also mask
    # a secret where no rule would see it (an output that echoes a key configured elsewhere).
    for device in capture.devices:
        for entry in device.entries:
            for _name, text in _entry_texts(entry):
                mask(text, tokens, entry.command)
    manifest: list[Masked] = []
    for device in capture.devices:
        for entry in device.entries:
            for name, text in _entry_texts(entry):
                out, rows = mask(text, tokens, entry.command)
                if write:
                    setattr(entry, name, out)
                for number, kind, token in rows:
                    line = entry.line if name != "output" else entry.source_line(number - 1)
                    row = Masked(entry.source, line, kind, token)
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


def redact_report(report: dict[str, Any], tokens: TokenMap) -> dict[str, Any]:
    """A copy of a report dict with secrets masked in every free-text value.

    Seed `tokens` with `capture_secrets` on the analysed capture first: then the secrets of
    the capture are known and masked wherever a finding quotes them, even in prose.
    """
    def walk(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if isinstance(value, str) and key not in _STRUCTURAL:
            return mask_known(mask(value, tokens)[0], tokens)
        return value

    return walk(report)
