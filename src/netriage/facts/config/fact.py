"""The `config` fact of one device: the configuration first, the judged facts only then.

Without a captured configuration the fact is Unknown, and nothing of the tree, the judges
or `ConfigFacts` (58 fields) is imported: a capture without one pays nothing for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netriage.facts.config.captured import config_absent
from netriage.platforms import get_platform

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts
    from netriage.facts.config.build import ConfigFacts


def config_facts(device_facts: DeviceFacts) -> ConfigFacts:
    """The `config` fact of one device (raises Unknown when no configuration was captured)."""
    device = device_facts.device
    absent = config_absent(device)
    if absent is not None:  # the tree's models are imported once there is a config to read
        raise absent
    from netriage.facts.config.tree import running_config

    config = running_config(device, device_facts.family)
    from netriage.facts.config.build import build_config

    facts = build_config(config)
    facts.platform = get_platform(device.platform).tag if device.platform else ""
    return facts
