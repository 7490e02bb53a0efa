"""One spelling per interface name, for comparing names across outputs and the config.

Kept apart from the configuration tree (`tree`): the interface readers compare names on
every capture, configuration or not, and should not pay for the tree's models to do so.
"""

from __future__ import annotations


def iface_key(name: str) -> str:
    """One spelling per interface for comparing names across outputs and the config.

    netutils expands abbreviations (`Gi0/1`, `Te1/1/1`, `Po1`); its `VLAN10` for `Vl10` and
    IOS's `Vlan10` differ only in case, hence the lower-casing.
    """
    name = name.strip()
    if not name:
        return ""
    # imported on first use: netutils brings importlib.metadata with it (start-up time)
    from netutils.interface import canonical_interface_name

    try:
        full = canonical_interface_name(name)
    except (ValueError, TypeError):  # a name netutils cannot split: keep it as printed
        full = name
    return full.lower()
