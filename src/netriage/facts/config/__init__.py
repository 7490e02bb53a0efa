"""Configuration facts: one public entry for the rest of netriage.

The running-config as a tree of numbered lines (`tree`), and the hygiene observations judged
from it (passwords, ACLs, management access). Outside this package, import from here only.
Each name is imported from its module when first used (`lazy_exports`).
"""

from typing import TYPE_CHECKING

from netriage.facts.lazy_exports import exports

if TYPE_CHECKING:
    from netriage.facts.config.build import ConfigFacts
    from netriage.facts.config.captured import config_captured
    from netriage.facts.config.fact import config_facts
    from netriage.facts.config.iface_names import iface_key
    from netriage.facts.config.tree import ConfigLine, RunningConfig

WHERE = {"ConfigFacts": "build", "config_facts": "fact", "ConfigLine": "tree",
         "RunningConfig": "tree", "iface_key": "iface_names",
         "config_captured": "captured"}
__getattr__ = exports(__name__, WHERE)

__all__ = ["ConfigFacts", "ConfigLine", "RunningConfig", "config_captured", "config_facts",
           "iface_key"]
