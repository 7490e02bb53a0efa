"""netriage's own capture file: a YAML header, then the outputs as a terminal showed them.

    # netriage capture ... (two comment lines)
    ---
    format: netriage-capture/1
    netriage: 0.1.0
    saved: '2026-11-23T12:00:00+00:00'
    redacted: true
    sources: [...]            # files it was made from and their formats
    redaction: [...]          # what was masked where: source, line, kind, token
    devices:
    - hostname: fw1/pri
      platform: cisco_asa
      ...
      entries:
      - {line: 41, lines: 25, command: show failover, typed: sh fail, sha256: ...}
    ...
    fw1/pri/act# sh fail
    Failover On
    ...

`less` shows it and git diffs it line by line. `line` is the prompt line in this file and
`lines` the number of output lines after it, so the body is cut exactly as saved even where
an output holds text that looks like a prompt; the sha256 of each output tells an edited
body from an intact one.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from netriage import __version__
from netriage.capture.model import Capture, Device, Entry
from netriage.yamlio import load_yaml

FORMAT_ID = "netriage-capture/1"
INTRO = ["# netriage capture: the YAML header below describes the outputs after it.",
         "# Outputs are as the terminal showed them; each one's sha256 is in the header."]
_DEVICE_FIELDS = ("platform", "platform_reason", "version", "failover_role", "unit", "context",
                  "collected")
_ENTRY_FIELDS = ("command", "typed", "prompt", "filter", "timestamp", "section", "config_mode",
                 "truncated")


def _prompt_line(device: Device, entry: Entry) -> str:
    prompt = entry.prompt or f"{device.hostname}#"
    typed = entry.typed or " ".join(p for p in (entry.command, entry.filter) if p)
    return f"{prompt} {typed}".rstrip()


def _entry_meta(entry: Entry, line: int) -> dict[str, Any]:
    meta: dict[str, Any] = {"line": line, "lines": len(entry.output.split("\n"))
                            if entry.output else 0}
    meta.update({f: getattr(entry, f) for f in _ENTRY_FIELDS if getattr(entry, f)})
    origin = entry.origin or (f"{entry.source}:{entry.line}" if entry.source else "")
    if origin:
        meta["origin"] = origin
    meta["sha256"] = entry.sha256
    return meta


def _header(capture: Capture, redacted: bool, manifest: list[dict[str, Any]],
            first_body_line: int) -> dict[str, Any]:
    from datetime import UTC, datetime  # only when saving: a load never needs it

    line = first_body_line
    devices = []
    for device in capture.devices:
        entries = []
        for entry in device.entries:
            meta = _entry_meta(entry, line)
            entries.append(meta)
            line += 1 + meta["lines"]
        item: dict[str, Any] = {"hostname": device.hostname}
        item.update({f: getattr(device, f) for f in _DEVICE_FIELDS if getattr(device, f)})
        item["entries"] = entries
        devices.append(item)
    return {
        "format": FORMAT_ID,
        "netriage": __version__,
        "saved": datetime.now(UTC).isoformat(timespec="seconds"),
        "redacted": redacted,
        "sources": [{"path": f.path, "format": f.format, **({"started": f.started}
                                                             if f.started else {})}
                    for f in capture.files] or [{"path": s} for s in capture.sources],
        "skipped": list(capture.skipped),
        "redaction": manifest,
        "devices": devices,
    }


class _Row(dict):  # type: ignore[type-arg]
    """A mapping written on one line: one manifest row per line diffs and greps well."""


@cache
def _dumper() -> Any:
    # built on first save, not at import: every `analyze` sniffs for a saved capture, and
    # importing PyYAML for that was a tenth of its start-up
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    _Dumper.add_representer(
        _Row, lambda dumper, row: dumper.represent_mapping("tag:yaml.org,2002:map", row,
                                                           flow_style=True))
    return _Dumper


def _dump(header: dict[str, Any]) -> list[str]:
    import yaml

    header = {**header, "redaction": [_Row(row) for row in header["redaction"]]}
    text = yaml.dump(header, Dumper=_dumper(), sort_keys=False, allow_unicode=True,
                     width=1 << 30, default_flow_style=False)
    return ["---", *text.rstrip("\n").split("\n"), "..."]


def write(capture: Capture, path: Path, *, redacted: bool,
          manifest: list[dict[str, Any]] | None = None) -> None:
    """Write `capture` (already redacted when `redacted`) to `path`."""
    manifest = list(manifest or [])
    # The header's length does not depend on the line numbers in it (one scalar per line),
    # so a first dump tells where the body starts.
    size = len(_dump(_header(capture, redacted, manifest, 0)))
    header = _header(capture, redacted, manifest, len(INTRO) + size + 1)
    lines = INTRO + _dump(header)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("\n".join(lines) + "\n")
        for device in capture.devices:
            for entry in device.entries:
                out.write(_prompt_line(device, entry) + "\n")
                if entry.output:
                    out.write(entry.output + "\n")


def save(capture: Capture, path: Path, *, redact: bool = True,
         in_place: bool = False) -> Capture:
    """Write `capture` to `path`, secrets masked unless `redact` is False; what was written.

    The capture is copied before masking unless `in_place` (a big capture, used once).
    A capture loaded from a redacted saved file keeps its manifest, new rows added.
    """
    if redact:
        from netriage.redact import redact_capture  # the redactor imports the capture model

        capture, _masked = redact_capture(capture, in_place=in_place)
    write(capture, path, redacted=capture.redacted,
          manifest=[dict(row) for row in capture.redactions])
    return capture


def read_header(lines: Iterator[str]) -> tuple[dict[str, Any], int]:
    """The YAML header and the number of lines it took (intro included)."""
    taken: list[str] = []
    count = 0
    inside = False
    for line in lines:
        count += 1
        text = line.rstrip("\r")
        if text == "---" and not inside:
            inside = True
        elif text == "..." and inside:
            break
        elif inside:
            taken.append(text)
    import yaml

    try:
        header = load_yaml("\n".join(taken)) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"its header is not valid YAML ({exc.__class__.__name__})") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT_ID:
        raise ValueError("its header does not say format: " + FORMAT_ID)
    problem = header_problem(header)
    if problem:
        raise ValueError(f"its header was edited: {problem}")
    return header, count


def _count(value: Any) -> bool:
    """A line number or count as the header holds it: an int (not a bool), or its digits."""
    if isinstance(value, bool):
        return False
    return (isinstance(value, int) and value >= 0) or (isinstance(value, str) and value.isdigit())


_SCALAR = (str, int, float, bool, type(None))


def header_problem(header: dict[str, Any]) -> str:
    """What makes a (hand-edited) header unusable, in a few words; "" when it can be read.

    The loader trusts `line`/`lines` to cut the body, so each is checked for its type here
    rather than failing deep inside the loader with a traceback.
    """
    for key in ("sources", "skipped", "redaction"):
        if header.get(key) is not None and not isinstance(header[key], list):
            return f"{key}: is not a list"
    for number, row in enumerate(header.get("redaction") or [], 1):
        if not isinstance(row, dict) or not all(isinstance(v, _SCALAR) for v in row.values()):
            return f"redaction row {number} is not a mapping of source, line, kind, token"
    devices = header.get("devices")
    if devices is None:
        return ""
    if not isinstance(devices, list):
        return "devices: is not a list of devices"
    for number, device in enumerate(devices, 1):
        if not isinstance(device, dict):
            return f"device {number} is not a mapping"
        if any(not isinstance(device.get(k, ""), _SCALAR) for k in ("hostname", *_DEVICE_FIELDS)):
            return f"device {number}: a field that should be text holds a list or mapping"
        entries = device.get("entries")
        if entries is None:
            continue
        if not isinstance(entries, list):
            return f"device {number}: entries: is not a list of outputs"
        for index, entry in enumerate(entries, 1):
            where = f"device {number}, entry {index}"
            if not isinstance(entry, dict):
                return f"{where} is not a mapping"
            for key in ("line", "lines"):
                if not _count(entry.get(key, 0)):
                    return f"{where}: {key}: {entry.get(key)!r} is not a line count"
            if any(not isinstance(entry.get(k, ""), _SCALAR) for k in _ENTRY_FIELDS):
                return f"{where}: a field that should be text holds a list or mapping"
    return ""
