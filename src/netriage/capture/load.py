"""Load captures from files and folders into one `Capture`, with a clear error for bad input."""

from __future__ import annotations

from pathlib import Path

from netriage.capture.commands import resolve
from netriage.capture.debris import decode
from netriage.capture.detect import detect_platform, detect_version
from netriage.capture.model import Capture, Device, Entry
from netriage.capture.terminal import split_terminal
from netriage.errors import CaptureError
from netriage.platforms import get_platform

_SNIFF_BYTES = 8192


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CaptureError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise CaptureError(str(path), "is empty")
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head or _mostly_binary(head):
        raise CaptureError(str(path), "is binary data, not a text capture of show commands")
    return decode(data)


def _mostly_binary(head: bytes) -> bool:
    """Terminal logs hold some control bytes (escapes, backspaces), never many."""
    controls = sum(1 for b in head if b < 8 or 13 < b < 27 or 27 < b < 32 or b == 127)
    if controls > len(head) * 0.02:
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Latin-1 text has the odd accented byte; compressed or binary data is mostly high bytes.
        if exc.start < len(head) - 4:
            high = sum(1 for b in head if b >= 0x80)
            return high > len(head) * 0.3
    return False


def _load_terminal(path: Path, text: str, capture: Capture) -> int:
    raw_entries, _preamble = split_terminal(text)
    added = 0
    for raw in raw_entries:
        prompt = raw.prompt
        if not prompt.typed:
            continue  # a trailing prompt with nothing typed
        name = prompt.hostname or "ftd"  # FTD's bare `>` prompt names no host
        if prompt.unit:
            name = f"{name}/{prompt.unit}"
        device = capture.device(name)
        if prompt.role:
            device.failover_role = prompt.role
        while raw.output_lines and not raw.output_lines[-1].strip():
            raw.output_lines.pop()
        device.entries.append(Entry(
            command="", output="\n".join(raw.output_lines), typed=prompt.typed,
            prompt=prompt.prompt, source=str(path), line=prompt.line))
        added += 1
    return added


def load_paths(paths: list[str | Path], platform: str = "") -> Capture:
    """Load every path into one capture. `platform` overrides detection for every device."""
    capture = Capture()
    forced = get_platform(platform) if platform else None
    for item in paths:
        path = Path(item)
        if not path.exists():
            raise CaptureError(str(path), "does not exist")
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        if not files:
            raise CaptureError(str(path), "is an empty folder")
        capture.sources.append(str(path))
        for file in files:
            text = _read_text(file)
            if _load_terminal(file, text, capture) == 0:
                raise CaptureError(str(file), "holds no command after a device prompt "
                                   "(expected lines like 'fw1# show failover')")
    for device in capture.devices:
        _resolve_commands(device, "")  # family-neutral first: `show version` must be found
        if forced:
            device.platform, device.platform_reason = forced.name, "--platform"
        else:
            device.platform, device.platform_reason = detect_platform(
                device, prompts_without_host=device.hostname == "ftd")
        if device.platform:  # `sh int` is `show interface` on ASA, `show interfaces` on IOS
            _resolve_commands(device, get_platform(device.platform).family)
        device.version = detect_version(device)
    return capture


def _resolve_commands(device: Device, family: str) -> None:
    for entry in device.entries:
        resolved = resolve(entry.typed, family)
        entry.command, entry.filter = resolved.command, resolved.filter
