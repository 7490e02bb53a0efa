"""YAML reading with libyaml's C parser where PyYAML has it (the trees load 7x faster).

Every tree file is parsed on each `netriage analyze`: with the pure-Python parser that alone
took half a second. Both loaders are "safe" (plain data only), and give the same result.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _loader() -> Any:
    # imported on first use: the trees come from the user's cache dir (netriage.cachefile),
    # and importing PyYAML was a tenth of a start-up that reads no YAML
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    import yaml

    return yaml.load(text, Loader=_loader())  # noqa: S506 - a SafeLoader (C or Python)
