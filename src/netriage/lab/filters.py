"""`| include`, `| exclude`, `| begin`, `| section`, `| count`, `| grep` on recorded output.

A recorded unfiltered output answers any filtered form of the same command, as the device
would: the filter's argument is a regular expression, as on IOS and ASA.
"""

from __future__ import annotations

import re


def _pattern(text: str) -> re.Pattern[str]:
    try:
        return re.compile(text)
    except re.error:
        return re.compile(re.escape(text))


def apply_filter(output: str, filter_: str) -> str:
    """Apply a normalised filter (`| include x`, as `capture.commands.resolve` gives)."""
    words = filter_.lstrip("| ").split(None, 1)
    if not words:
        return output
    keyword, argument = words[0], words[1] if len(words) > 1 else ""
    lines = output.split("\n")
    if keyword == "grep":
        invert = argument.startswith("-v ")
        pattern = _pattern(argument[3:] if invert else argument)
        return "\n".join(x for x in lines if bool(pattern.search(x)) != invert)
    pattern = _pattern(argument)
    if keyword == "include":
        return "\n".join(x for x in lines if pattern.search(x))
    if keyword == "exclude":
        return "\n".join(x for x in lines if not pattern.search(x))
    if keyword == "begin":
        for index, line in enumerate(lines):
            if pattern.search(line):
                return "\n".join(lines[index:])
        return ""
    if keyword == "count":
        return f"Number of lines which match regexp = {sum(bool(pattern.search(x)) for x in lines)}"
    if keyword == "section":
        kept: list[str] = []
        keeping = False
        for line in lines:
            if line and not line[0].isspace():
                keeping = bool(pattern.search(line))
            elif not keeping and pattern.search(line):
                kept.append(line)
                continue
            if keeping:
                kept.append(line)
        return "\n".join(kept)
    return output
