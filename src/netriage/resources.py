"""Where the data directories live: inside the wheel (`netriage/data/...`) or in a checkout.

The wheel maps the top-level `parsers/`, `checks/` and `recordings/` into `netriage/data/`
(see pyproject.toml); an editable install or a test run from the source tree finds them at
the project root.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The directory `name` (parsers, checks, recordings), wherever this install keeps it."""
    for candidate in (_PACKAGE / "data" / name, _PACKAGE.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"netriage data directory {name!r} is missing from this install")


def demo_capture() -> Path:
    return data_dir("recordings") / "demo" / "asa-pair-failover.log"
