"""Interface facts: one public entry for the rest of netriage.

Per-interface state, counters, speed/duplex and role (failover link, nameif, trunk) from the
interface show outputs, the configuration and the log. Outside this package, import from here
only. Each name is imported from its module when first used (`lazy_exports`): the fact
registry names `INTERFACE_COMMANDS` without the area.
"""

from typing import TYPE_CHECKING

from netriage.facts.interfaces.commands import INTERFACE_COMMANDS
from netriage.facts.lazy_exports import exports

if TYPE_CHECKING:
    from netriage.facts.interfaces.build import interface_facts
    from netriage.facts.interfaces.model import InterfaceFacts

WHERE = {"InterfaceFacts": "model", "interface_facts": "build"}
__getattr__ = exports(__name__, WHERE)

__all__ = ["INTERFACE_COMMANDS", "InterfaceFacts", "interface_facts"]
