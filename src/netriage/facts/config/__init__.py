"""Configuration facts: one public entry for the rest of netriage.

The running-config as a tree of numbered lines (`tree`), and the hygiene observations judged
from it (passwords, ACLs, management access). Outside this package, import from here only.
"""

from netriage.facts.config.build import ConfigFacts, config_facts
from netriage.facts.config.tree import ConfigLine, RunningConfig, iface_key

__all__ = ["ConfigFacts", "ConfigLine", "RunningConfig", "config_facts", "iface_key"]
