"""Whether live mode can connect (the optional `netriage.live` package is installed).

Its own module: the start screen asks at its first frame, and `live_bridge` (the sessions,
their dataclasses and patterns) is imported with the first connection, not before.
"""

from __future__ import annotations

import importlib.util


def live_available() -> bool:
    try:
        return importlib.util.find_spec("netriage.live") is not None
    except (ImportError, ValueError):
        return False
