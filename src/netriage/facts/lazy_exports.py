"""A facts area's public names, imported from the module that defines them when first used.

Each area (`facts.failover`, `facts.crypto`, `facts.interfaces`, `facts.config`) is entered
through its package `__init__` only (tests/test_import_graph.py). Importing that `__init__`
must not import the whole area: a capture without a crypto output or a configuration reads
nothing from most of those modules, and importing every area cost the demo ~0.1 s of its
start-up (issue 13). An `__init__` names where each public name lives and sets
`__getattr__ = exports(__name__, WHERE)` (PEP 562): `from netriage.facts.crypto import
CryptoFacts` works as before and imports `facts.crypto.model` at that moment.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any


def exports(package: str, where: dict[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package`: `name` is read from `package.<where[name]>`,
    then kept in the package's namespace (the look-up runs once per name)."""
    namespace = sys.modules[package].__dict__

    def lookup(name: str) -> Any:
        module = where.get(name)
        if module is None:  # also how `from package import submodule` finds a submodule
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    return lookup
