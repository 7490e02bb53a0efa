"""YAML reading with libyaml's C parser where PyYAML has it (the trees load 7x faster).

Every tree file is parsed on each `netriage analyze`: with the pure-Python parser that alone
took half a second. Both loaders are "safe" (plain data only), and give the same result.
"""

from __future__ import annotations

from typing import Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a SafeLoader (C or Python)
