"""The `config` fact of one device: the configuration first, the judged facts only then.

Without a captured configuration `running_config` raises Unknown, and nothing of the judges
or of `ConfigFacts` (58 fields) is imported: a capture without one pays nothing for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netriage.facts.config.tree import running_config
from netriage.platforms import get_platform

if TYPE_CHECKING:
    from netriage.facts import DeviceFacts
    from netriage.facts.config.build import ConfigFacts


def config_facts(device_facts: DeviceFacts) -> ConfigFacts:
    """The `config` fact of one device (raises Unknown when no configuration was captured)."""
    device = device_facts.device
    config = running_config(device, device_facts.family)
    from netriage.facts.config.build import build_config

    facts = build_config(config)
    facts.platform = get_platform(device.platform).tag if device.platform else ""
    return facts
