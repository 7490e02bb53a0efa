"""The body of netriage's own saved capture: each output cut by its header's line counts,
checked against its sha256; an edited body is read as the terminal capture it still is."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from netriage.capture import saved
from netriage.capture.build import Key
from netriage.capture.formats import Context, FileLoad
from netriage.capture.model import Entry
from netriage.capture.reader import TextFile
from netriage.errors import CaptureError

_ENTRY_TEXT = ("command", "typed", "prompt", "filter", "timestamp", "section", "origin")


@dataclass
class _Pending:
    """A saved capture's device whose entries are still being read."""

    device: str
    meta: dict[str, Any]
    lines: list[str] = field(default_factory=list)


def load_body(text: TextFile, context: Context) -> FileLoad:
    name = str(context.path)
    raw = text.lines()
    try:
        header, header_lines = saved.read_header(raw)
    except ValueError as exc:
        raise CaptureError(name, f"looks like a netriage capture but {exc}") from None
    plan = [(str(d.get("hostname", "")), e) for d in header.get("devices") or []
            for e in d.get("entries") or []]
    plan.sort(key=lambda item: int(item[1].get("line", 0)))
    result = FileLoad("netriage", meta=header)
    result.skipped += [str(s) for s in header.get("skipped") or []]
    index, current, intact, number = 0, None, True, header_lines
    budget = context.budget
    for raw_line in raw:
        number += 1
        line = raw_line.rstrip("\r")
        if current is not None and len(current.lines) < int(current.meta.get("lines", 0)):
            if budget.used + len(line) > budget.file_chars:
                raise CaptureError(name, "holds more output than netriage keeps from one file")
            budget.used += len(line) + 1
            current.lines.append(line)
            continue
        if current is not None:
            intact &= _finish(current, name, result)
            current = None
        if index < len(plan) and int(plan[index][1].get("line", 0)) == number:
            current = _Pending(*plan[index])
            index += 1
        elif line.strip():
            intact = False  # a line the header does not account for: the body was edited
    if current is not None:
        intact &= _finish(current, name, result)
    if index < len(plan) or not intact:
        return _edited(text, context, header, header_lines + 1)
    return result


def _edited(text: TextFile, context: Context, header: dict[str, Any], body_from: int) -> FileLoad:
    """The body no longer matches its header: read it as the terminal capture it still is."""
    from netriage.capture.formats import terminal

    result = terminal.load(text, Context(context.path, context.folder_host, context.budget,
                                         body_from=body_from, file_host=context.file_host))
    result.format = "netriage"
    result.meta = {**header, "edited": True}
    result.skipped.insert(0, f"{context.path}: the outputs no longer match the header "
                          "(edited after saving?); read as a plain terminal capture")
    return result


def _finish(pending: _Pending, name: str, result: FileLoad) -> bool:
    import hashlib  # (loads OpenSSL: only when a saved capture is read, not at start-up)

    output = "\n".join(pending.lines)
    meta = pending.meta
    entry = Entry(command=str(meta.get("command", "")), output=output, source=name,
                  line=int(meta.get("line", 0)), config_mode=bool(meta.get("config_mode")),
                  truncated=bool(meta.get("truncated")))
    for attribute in _ENTRY_TEXT:
        setattr(entry, attribute, str(meta.get(attribute, "") or ""))
    result.entries.append((Key(pending.device), entry))
    digest = hashlib.sha256(output.encode("utf-8")).hexdigest()
    return len(pending.lines) == int(meta.get("lines", 0)) and digest == meta.get("sha256")
