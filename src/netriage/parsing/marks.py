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


def cut_at_bound_line(why: str) -> str:
    """The mark the loader puts after an output it stopped keeping at one of its bounds."""
    return f"{CUT_SHORT} ({why}); the lines above are all netriage kept of this output"


def cut_reason(line: str) -> str:
    """The why of a cut mark (the text in its parentheses), "" when the line is no mark."""
    if not is_cut_short(line):
        return ""
    rest = line[len(CUT_SHORT):].strip()
    if rest.startswith("(") and ")" in rest:
        return rest[1:rest.rfind(")")]
    return "cut short"
