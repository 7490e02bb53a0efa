"""Interface facts: one public entry for the rest of netriage.

Per-interface state, counters, speed/duplex and role (failover link, nameif, trunk) from the
interface show outputs, the configuration and the log. Outside this package, import from here
only.
"""

from netriage.facts.interfaces.build import INTERFACE_COMMANDS, InterfaceFacts, interface_facts

__all__ = ["INTERFACE_COMMANDS", "InterfaceFacts", "interface_facts"]
