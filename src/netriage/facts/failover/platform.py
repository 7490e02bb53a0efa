"""What must match between the units: software, hardware, memory, licence, firewall mode.

This unit's `show version` / `show firewall` / `show mode`, and the mate's through
`failover exec mate ...` (9.x). `show version` is read with its template (ntc-templates'); the
licence lines it accepts without keeping are read from the same, fully understood output. PIX
6.x `show version` has no template, so for PIX only the two lines that matter here (licence
class and `Failover:`) are read from the raw output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netriage.engine.expr import Unknown
from netriage.facts.failover.common import captured, mate_entry, mate_result, raw_output
from netriage.lazyre import LazyRe, lazy

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts

_FEATURE = lazy(r"^(?P<name>[A-Z][\w /&-]*?)\s*:\s+(?P<value>\S[^:]*?)"
                r"(?:\s+(?:perpetual|\d+\s+days))?\s*$")
_RAM = lazy(r"(\d+)\s*MB RAM", re.IGNORECASE)
_PIX_LICENSE = lazy(r"This PIX has an?\s+(.+?)\s+license", re.IGNORECASE)
_PIX_FAILOVER = lazy(r"^Failover:\s+(\S+)", re.MULTILINE)
# Licence features that must match even on 8.3+ (which otherwise combines the two licences).
MUST_MATCH = ("Encryption-3DES-AES", "Security Contexts")


@dataclass
class VersionInfo:
    """What `show version` of one unit says: release, model, memory, licence."""

    version: str
    model: str  # ASA5525, ASAv10, PIX-515E ...
    ram_mb: int | None
    failover_licence: str  # Active/Active, Active/Standby, Disabled, Enabled ("" not printed)
    pix_licence: str = ""  # PIX 6.x: Unrestricted (UR), Restricted (R), Failover Only (FO)
    features: dict[str, str] = field(default_factory=dict)  # "Licensed features" lines

    @property
    def licences_combine(self) -> bool:
        """ASA 8.3+ adds the units' licences; before that they had to match exactly."""
        match = re.match(r"(\d+)\.(\d+)", self.version)
        return bool(match) and (int(match.group(1)), int(match.group(2))) >= (8, 3)


def _features(text: str) -> dict[str, str]:
    """The "Licensed features for this platform:" block (up to the first blank line after it)."""
    features: dict[str, str] = {}
    inside = False
    for line in text.splitlines():
        if line.startswith("Licensed features"):
            inside = True
        elif inside and not line.strip():
            if features:
                break
        elif inside:
            match = _FEATURE.match(line)
            if match:
                features[match.group("name").strip()] = match.group("value").strip()
    return features


def version_info(record: dict, text: str) -> VersionInfo:
    hardware = record.get("hardware", "")
    if isinstance(hardware, list):  # IOS templates list one entry per hardware line
        hardware = hardware[0] if hardware else ""
    ram = _RAM.search(hardware)
    return VersionInfo(
        version=record.get("version", ""),
        model=record.get("model") or hardware.split(",")[0].strip(),
        ram_mb=int(ram.group(1)) if ram else None,
        failover_licence=record.get("failover", ""),
        features=_features(text))


def _pix_version(text: str) -> VersionInfo:
    version = re.search(r"PIX (?:Firewall )?Version\s+(\S+)", text)
    hardware = re.search(r"^Hardware:\s+([^,\s]+),\s+(\d+)\s*MB RAM", text, re.MULTILINE)
    licence = _PIX_LICENSE.search(text)
    failover = _PIX_FAILOVER.search(text)
    return VersionInfo(
        version=version.group(1) if version else "",
        model=hardware.group(1) if hardware else "",
        ram_mb=int(hardware.group(2)) if hardware else None,
        failover_licence=failover.group(1) if failover else "",
        pix_licence=licence.group(1) if licence else "")


def _this_version(facts: DeviceFacts) -> VersionInfo | None:
    from netriage.facts import usable_result

    if not captured(facts, "show version"):
        return None  # the checks that need it say so; the mate-only comparisons do not
    if facts.device.platform == "cisco_pix":
        entry = raw_output(facts, "show version")
        if _PIX_LICENSE.search(entry.output) or _PIX_FAILOVER.search(entry.output):
            return _pix_version(entry.output)
    result = usable_result(facts, "show version")
    return version_info(result.records[0], facts.device.find("show version").output)


def _mate_version(facts: DeviceFacts) -> VersionInfo | None:
    result = mate_result(facts, "show version")
    if result is None:
        return None
    return version_info(result.records[0], mate_entry(facts, "show version").output)


_FIREWALL_MODE = lazy(r"Firewall mode:\s*(\S+)", re.IGNORECASE)
_CONTEXT_MODE = lazy(r"Security context mode:\s*(\S+)", re.IGNORECASE)


def _mode(facts: DeviceFacts, command: str, pattern: LazyRe,
          mate: bool) -> str | None:
    if mate:
        entry = mate_entry(facts, command)
    else:
        entry = raw_output(facts, command) if captured(facts, command) else None
    match = pattern.search(entry.output) if entry is not None else None
    return match.group(1).lower() if match else None


@dataclass
class FailoverPlatform:
    """Both units' `show version`, for the checks that compare them."""

    this: VersionInfo | None
    mate: VersionInfo | None
    firewall_mode: str | None = None  # router / transparent
    firewall_mode_mate: str | None = None
    context_mode: str | None = None  # single / multiple
    context_mode_mate: str | None = None

    @property
    def failover_licensed(self) -> bool | None:
        """Does the licence allow failover at all (ASA Base / PIX Restricted do not)?"""
        if self.this is None:
            return None
        if self.this.pix_licence:
            return not self.this.pix_licence.lower().startswith("restricted")
        if not self.this.failover_licence:
            return None
        return self.this.failover_licence.lower() not in ("disabled", "none")

    @property
    def model_differs(self) -> bool | None:
        if self.this is None or self.mate is None or not self.this.model or not self.mate.model:
            return None
        return self.this.model != self.mate.model

    @property
    def ram_differs(self) -> bool | None:
        if (self.this is None or self.mate is None or self.this.ram_mb is None
                or self.mate.ram_mb is None):
            return None
        return self.this.ram_mb != self.mate.ram_mb

    @property
    def licence_differences(self) -> list[str]:
        """Licence lines that differ where they must match ("name: ours / mate")."""
        # A unit whose `show version` prints no licence lines (an FTD's CLISH form) tells
        # nothing about its licences: nothing to compare, not a difference on every line.
        if (self.this is None or self.mate is None or not self.this.features
                or not self.mate.features):
            return []
        names = sorted(set(self.this.features) | set(self.mate.features))
        if self.this.licences_combine:
            names = [n for n in names if n in MUST_MATCH]
        return [f"{n}: {self.this.features.get(n, '-')} / {self.mate.features.get(n, '-')}"
                for n in names if self.this.features.get(n) != self.mate.features.get(n)]

    @property
    def licence_difference_names(self) -> list[str]:
        """The differing licence lines' names, to cite those lines as evidence: the names vary
        by release (`VPN-3DES-AES` before 8.3, `Encryption-3DES-AES` after)."""
        return [d.split(":", 1)[0] for d in self.licence_differences]

    @property
    def mode_differs(self) -> bool | None:
        pairs = [(self.firewall_mode, self.firewall_mode_mate),
                 (self.context_mode, self.context_mode_mate)]
        known = [(a, b) for a, b in pairs if a and b]
        if not known:
            return None
        return any(a != b for a, b in known)

    # What the mate types to take this unit's modes (a fix typed on the mate): a mode that
    # matches, or that either unit did not show, needs no line and says so as a comment.
    @property
    def mate_firewall_mode_line(self) -> str:
        ours, mate = self.firewall_mode, self.firewall_mode_mate
        if not ours or not mate:
            return ("! firewall mode not shown by both units (105044 names both): routed = "
                    "no firewall transparent, transparent = firewall transparent")
        if ours == mate:
            return "! firewall mode: the same on both units, nothing to change"
        return "firewall transparent" if ours == "transparent" else "no firewall transparent"

    @property
    def mate_context_mode_line(self) -> str:
        ours, mate = self.context_mode, self.context_mode_mate
        if not ours or not mate:
            return ("! context mode not shown by both units (show mode): mode single or "
                    "mode multiple, which reloads")
        if ours == mate:
            return "! context mode: the same on both units, nothing to change"
        return f"mode {ours}"


def build_platform(facts: DeviceFacts) -> FailoverPlatform:
    return FailoverPlatform(
        this=_this_version(facts), mate=_mate_version(facts),
        firewall_mode=_mode(facts, "show firewall", _FIREWALL_MODE, mate=False),
        firewall_mode_mate=_mode(facts, "show firewall", _FIREWALL_MODE, mate=True),
        context_mode=_mode(facts, "show mode", _CONTEXT_MODE, mate=False),
        context_mode_mate=_mode(facts, "show mode", _CONTEXT_MODE, mate=True))


@dataclass
class StartupConfig:
    """Failover lines of the saved configuration (`show startup-config`)."""

    failover_lines: list[str] = field(default_factory=list)

    @property
    def pair_saved(self) -> bool:
        return any(re.match(r"failover lan (unit|interface)", line) for line in self.failover_lines)


def build_startup(facts: DeviceFacts) -> StartupConfig:
    text = raw_output(facts, "show startup-config").output
    if not text.strip():
        raise Unknown("`show startup-config` is empty", ("show startup-config",))
    return StartupConfig([line.strip() for line in text.splitlines()
                          if line.startswith(("failover", "no failover"))])
