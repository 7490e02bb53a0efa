"""Load captures from files and folders into one `Capture`, with a clear error for bad input.

Each file is opened once to sniff its head (`capture.reader`), handed to the most confident
format (`capture.formats`), and streamed. Inside a folder, a file no format understands is
listed in `Capture.skipped` instead of stopping the load; a file named on the command line
that cannot be used is an error, said in one sentence.
"""

from __future__ import annotations

import re
from pathlib import Path

from netriage.capture.build import BARE_PROMPT_NAME, Key
from netriage.capture.commands import resolve
from netriage.capture.detect import detect_platform, detect_version
from netriage.capture.formats import Context, FileLoad, choose
from netriage.capture.formats import terminal as terminal_format
from netriage.capture.model import Capture, Device, SourceFile
from netriage.capture.reader import HEAD_BYTES, MAX_LINE_CHARS, open_text
from netriage.capture.terminal import Budget
from netriage.errors import CaptureError
from netriage.lazyre import lazy
from netriage.platforms import Platform, get_platform

UNKNOWN = ("is not a capture netriage recognises: no command after a device prompt (expected "
           "lines like 'fw1# show failover'), no show tech-support sections, no configuration")


def load_file(path: Path, context: Context) -> FileLoad:
    """One file through the most confident format; a CaptureError when nothing fits."""
    text = open_text(path)
    chosen = choose(text, context)
    if chosen is None:
        try:
            big = path.stat().st_size > HEAD_BYTES
        except OSError:
            big = False
        if not big:
            raise CaptureError(str(path), UNKNOWN)
        chosen = terminal_format.FORMAT  # prompts may start after a long preamble: stream it
    loaded = chosen.load(text, context)
    if not loaded.entries:
        raise CaptureError(str(path), UNKNOWN)
    loaded.cut += context.budget.crossed
    if text.cut_lines:
        loaded.cut.append(f"{len(text.cut_lines)} line(s) longer than {MAX_LINE_CHARS:,} "
                          f"characters cut (the first: line {text.cut_lines[0]})")
    return loaded


def _files(folder: Path) -> list[Path]:
    """Files under a folder, hidden ones (.git, .DS_Store) left out."""
    return sorted(p for p in folder.rglob("*") if p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def load_paths(paths: list[str | Path], platform: str = "", *,
               budget: Budget | None = None) -> Capture:
    """Load every path into one capture. `platform` overrides detection for every device."""
    capture = Capture()
    forced = get_platform(platform) if platform else None
    limits = budget or Budget()
    for item in paths:
        path = Path(item)
        if not path.exists():
            raise CaptureError(str(path), "does not exist")
        capture.sources.append(str(path))
        if path.is_dir():
            _load_folder(path, capture, limits)
        else:
            loaded = load_file(path, Context(path, budget=_fresh(limits)))
            _add(capture, path, loaded, fallback=path.stem)
    _finish(capture, forced)
    return capture


def _fresh(limits: Budget) -> Budget:
    return Budget(limits.output_chars, limits.file_chars)


def _load_folder(folder: Path, capture: Capture, limits: Budget) -> None:
    files = _files(folder)
    if not files:
        raise CaptureError(str(folder), "is an empty folder")
    loads: list[tuple[Path, FileLoad]] = []
    problems: list[str] = []
    for file in files:
        # nornir and many scripts save one folder per device: captures/fw1/show_run.txt
        host = file.parent.name if file.parent != folder else ""
        try:
            context = Context(file, host, _fresh(limits), file_host=file.stem)
            loads.append((file, load_file(file, context)))
        except CaptureError as exc:
            problems.append(f"{exc}; skipped")
    if not loads:
        raise CaptureError(str(folder), "holds no file netriage recognises as a capture "
                           f"({len(files)} file(s) tried; the first: {problems[0]})")
    capture.skipped += problems
    # Per-command files often do not name their device; one stated in any of the folder's
    # outputs (`hostname fw1`, `fw1 up 3 days`) names them all, else the folder does.
    hints = [h for _file, loaded in loads for h in loaded.hints]
    for file, loaded in loads:
        _add(capture, file, loaded, fallback=hints[0] if hints else folder.resolve().name)


def _add(capture: Capture, path: Path, loaded: FileLoad, fallback: str) -> None:
    fallback = loaded.hints[0] if loaded.hints else fallback
    capture.files.append(SourceFile(str(path), loaded.format, loaded.started,
                                    len(loaded.entries)))
    capture.skipped += loaded.skipped
    capture.cut += [f"{path}: {what}" for what in loaded.cut]
    bare = _bare_name(capture)
    for key, entry in loaded.entries:
        named = key if key.hostname else Key(fallback, key.unit, key.context, key.role)
        if named.hostname == BARE_PROMPT_NAME and entry.prompt.strip() == ">":
            named = Key(bare, named.unit, named.context, named.role)
        device = capture.device(named.name)
        device.unit = device.unit or named.unit
        device.context = device.context or named.context
        device.failover_role = named.role or device.failover_role
        device.entries.append(entry)
        if not device.collected:
            device.collected = _collected(entry.timestamp) or _collected(loaded.started)
    for key, entry in loaded.console:
        named = key if key.hostname else Key(fallback, key.unit, key.context, key.role)
        if named.hostname == BARE_PROMPT_NAME:
            named = Key(bare, named.unit, named.context, named.role)
        capture.device(named.name).console.append(entry)
    if loaded.format == "netriage":
        _apply_saved(capture, loaded.meta)


_BARE_NAMES = re.compile(rf"^{BARE_PROMPT_NAME}(-\d+)?$")


def _bare_name(capture: Capture) -> str:
    """The placeholder for this file's bare-prompt device: `ftd`, then `ftd-2`, `ftd-3` …

    Each file gets its own, so the two units of an FTD pair saved as two files (both `>`,
    both without a host in the prompt) stay two devices instead of one with both outputs.
    """
    taken = {d.hostname for d in capture.devices}
    if BARE_PROMPT_NAME not in taken:
        return BARE_PROMPT_NAME
    n = 2
    while f"{BARE_PROMPT_NAME}-{n}" in taken:
        n += 1
    return f"{BARE_PROMPT_NAME}-{n}"


def _collected(stamp: str) -> str:
    """Only a full date and time says when outputs were collected (not `09:14:02` alone)."""
    return stamp if len(stamp) >= 10 and stamp[4:5] == "-" else ""


def _apply_saved(capture: Capture, meta: dict) -> None:
    """Platform, version, role and redaction manifest as the saved file recorded them."""
    known = {d.hostname: d for d in capture.devices}
    for item in meta.get("devices") or []:
        device = known.get(str(item.get("hostname", "")))
        if device is None:  # an edited body no longer names it
            continue
        for field in ("platform", "platform_reason", "version", "failover_role", "unit",
                      "context", "collected"):
            if item.get(field):
                setattr(device, field, str(item[field]))
    capture.redactions += [dict(m) for m in meta.get("redaction") or []]
    capture.redacted = capture.redacted or bool(meta.get("redacted"))


def _bare_prompts(device: Device) -> bool:
    """FTD's CLISH prompt is a lone `>`: no hostname, no mode."""
    prompts = [e.prompt.strip() for e in device.entries if e.prompt]
    return bool(prompts) and all(p == ">" for p in prompts)


def _finish(capture: Capture, forced: Platform | None) -> None:
    for device in list(capture.devices):  # a copy: a second session of an FTD joins the first
        _resolve_commands(device, "")  # family-neutral first: `show version` must be found
        if forced is not None:
            device.platform, device.platform_reason = forced.name, "--platform"
        elif not device.platform:
            device.platform, device.platform_reason = detect_platform(
                device, prompts_without_host=_bare_prompts(device))
        if device.platform:  # `sh int` is `show interface` on ASA, `show interfaces` on IOS
            _resolve_commands(device, get_platform(device.platform).family)
        device.version = device.version or detect_version(device)
        _name_from_banner(capture, device)


# FTD's `show version` opens with the host name in a banner: `-------[ ftd-dc-b ]-------`.
_FTD_BANNER = lazy(r"^-+\[ (\S+) \]-+\s*$", re.MULTILINE)


def _name_from_banner(capture: Capture, device: Device) -> None:
    """A device known only by its bare `>` prompt takes the name its `show version` prints."""
    if not _BARE_NAMES.match(device.hostname) or not _bare_prompts(device):
        return
    entry = device.find("show version")
    match = _FTD_BANNER.search(entry.output[:2000]) if entry is not None else None
    if not match:
        return
    named = next((d for d in capture.devices if d.hostname == match.group(1)), None)
    if named is None:
        device.hostname = match.group(1)
    elif named is not device and _identity(named) and _identity(named) == _identity(device):
        # the same FTD (same UUID or serial) saved in two sessions: one device, both outputs
        named.entries += device.entries
        named.console += device.console
        capture.devices.remove(device)


_IDENTITY = lazy(r"^\s*(?:UUID|Serial Number)\s*:\s*(\S+)", re.MULTILINE | re.IGNORECASE)


def _identity(device: Device) -> str:
    """What tells one FTD from another in its `show version`: its UUID, else its serial."""
    entry = device.find("show version")
    match = _IDENTITY.search(entry.output[:4000]) if entry is not None else None
    return match.group(1) if match else ""


def _resolve_commands(device: Device, family: str) -> None:
    for entry in device.entries:
        if entry.typed:  # entries named by their source (a pasted config) keep their command
            resolved = resolve(entry.typed, family, entry.output[:2000])
            # a loader's own mark (a pasted excerpt) stays when nothing was typed after `|`
            entry.command, entry.filter = resolved.command, resolved.filter or entry.filter
