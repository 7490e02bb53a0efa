"""What the `crypto` fact reads (the commands a check names when it is undecided): kept apart
from `model` so the fact registry can name them without importing the area, and the cheap
tests that spare a device with nothing crypto to read the readers' imports."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netriage.capture.model import Device

COMMANDS = ("show running-config", "show crypto isakmp sa", "show crypto ipsec sa")

# Outputs read whole for crypto messages (`facts.crypto.log`): the log buffer and debug output.
LOG_PREFIXES = ("show log", "debug crypto")
# Why the crypto configuration is unknown when no output shows configuration.
NO_CONFIG = "no running-config (or crypto section of it) was captured"


def read_whole(command: str) -> bool:
    return command.startswith(LOG_PREFIXES)


def logs_captured(device: Device) -> bool:
    return any(read_whole(e.command) for e in device.entries)
