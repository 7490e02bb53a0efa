"""Platform names: netmiko's device types, their parsing family and the catalog's tags."""

from __future__ import annotations

from typing import NamedTuple

from netriage.errors import NetriageError


class Platform(NamedTuple):  # a record, not a fact: made ~5x faster than a dataclass
    """A platform netriage knows: its template family, catalog tag and netmiko type."""

    name: str  # netriage's name; equal to netmiko's device type except cisco_pix
    family: str  # which templates parse it: cisco_asa or cisco_ios
    tag: str  # the fault catalog's platform tag: asa, ftd, pix, ios
    netmiko: str  # netmiko device_type used for a live session
    label: str


PLATFORMS: dict[str, Platform] = {
    p.name: p
    for p in (
        Platform("cisco_asa", "cisco_asa", "asa", "cisco_asa", "Cisco ASA"),
        Platform("cisco_ftd", "cisco_asa", "ftd", "cisco_ftd", "Cisco Firepower Threat Defense"),
        # PIX 7.x speaks ASA; PIX 6.x differs in a few outputs, handled by variant templates.
        Platform("cisco_pix", "cisco_asa", "pix", "cisco_asa", "Cisco PIX"),
        Platform("cisco_ios", "cisco_ios", "ios", "cisco_ios", "Cisco IOS"),
        Platform("cisco_xe", "cisco_ios", "ios", "cisco_xe", "Cisco IOS-XE"),
    )
}

_ALIASES = {"asa": "cisco_asa", "ftd": "cisco_ftd", "pix": "cisco_pix", "ios": "cisco_ios",
            "xe": "cisco_xe", "ios-xe": "cisco_xe", "iosxe": "cisco_xe", "cisco_iosxe": "cisco_xe"}


def get_platform(name: str) -> Platform:
    """Look up a platform by netmiko name or a short alias; a clear error for anything else."""
    key = _ALIASES.get(name.strip().lower(), name.strip().lower())
    try:
        return PLATFORMS[key]
    except KeyError:
        known = ", ".join(sorted(PLATFORMS))
        raise NetriageError(f"unknown platform {name!r}; use one of: {known}") from None


def family(name: str) -> str:
    return get_platform(name).family if name else ""
