"""Whether a device's capture holds any output that can show configuration.

Every configuration reader (the tree in `tree`, the crypto configuration sources) reads only
outputs of these commands: the full configuration (`show running-config`, ASA `more
system:running-config`, PIX `write terminal`), its sections (`show running-config crypto
map`) and filtered forms (`show run | section crypto`). A capture with none of them gets its
"not captured" answer from this cheap test, without importing the readers and their models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netriage.engine.expr import Unknown

if TYPE_CHECKING:
    from netriage.capture.model import Device

# What the trees name when no configuration was captured, and what they are told.
CONFIG_COMMANDS = ("show running-config",)
NOT_CAPTURED = "`show running-config` was not captured"
# Every command a configuration reader reads starts with one of these (full forms).
CONFIG_PREFIXES = ("show running-config", "more system:running-config", "write terminal")


def config_captured(device: Device) -> bool:
    """Is there any output, filtered or not, that a configuration reader would look at?"""
    return any(entry.command.startswith(CONFIG_PREFIXES) for entry in device.entries)


def config_absent(device: Device) -> Unknown | None:
    """The tree's own answer for a device with no configuration output at all (see
    `tree.running_config`), or None when a reader must look."""
    if config_captured(device):
        return None
    return Unknown(NOT_CAPTURED, CONFIG_COMMANDS)
