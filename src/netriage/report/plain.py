"""A dataclass of the engine as a plain dict for the report, quickly.

`dataclasses.asdict` deep-copies through every value recursively; the records a report
copies (evidence lines, fix blocks, undecided checks) hold only strings, numbers and lists
of strings, and a batch of 1,000 captures copies ~30,000 of them. Same keys, same order,
same values; anything else falls back to `asdict`.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from typing import Any

_SCALARS = (str, int, float, bool, type(None))


def plain(record: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if isinstance(value, _SCALARS):
            out[f.name] = value
        elif isinstance(value, list) and all(isinstance(v, _SCALARS) for v in value):
            out[f.name] = list(value)
        else:
            return asdict(record)  # nested records: the general way
    return out

