"""Garbage collection paused while long-lived objects are made (issue 13, start-up).

Importing ~100 modules and unpickling the cached trees and vocabularies make objects that live
as long as the process. The collector runs once per ~700 new objects and scans every object
made since, finding nothing to free: ~5 % of a small analysis. `paused()` turns it off around
such work and restores the state it found. In the command's own process (`own_process()`, set
by the CLI: the process ends with the command), what a pause made is also frozen
(`gc.freeze`): later collections never scan it again. A library caller or a test keeps its
collector as it was, with nothing frozen.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_state = {"freeze": False}


def own_process() -> None:
    """This process ends when its command does: what a pause makes is frozen after it."""
    _state["freeze"] = True


@contextmanager
def paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _state["freeze"]:
            gc.freeze()
        if was:
            gc.enable()
