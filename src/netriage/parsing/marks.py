"""Marks netriage writes into capture text, shared by the writer, the loader and the parser.

Kept free of imports so the capture and live packages can use them without loading TextFSM.
"""

from __future__ import annotations

# Written by `netriage collect` right after the last line of an output the session lost
# (dropped, stalled): the loader marks the entry truncated and the parser reports the
# output as partial, so nothing reads half an output as a whole one.
CUT_SHORT = "! netriage: output cut short here"


def cut_short_line(why: str) -> str:
    return f"{CUT_SHORT} ({why}); the lines above are all that arrived"


def is_cut_short(line: str) -> bool:
    return line.startswith(CUT_SHORT)
