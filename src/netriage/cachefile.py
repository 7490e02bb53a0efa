"""Data built from shipped files, kept in the user's cache dir between runs.

Parsing the decision trees and the command vocabularies (YAML, then regex sources) costs a
few tenths of a second at every start. What they build is pickled under the cache dir
(`userdirs.cache_dir`), keyed by the blake2b hash of every source file's name and bytes, of the
netriage modules that build and define what is pickled (`code_files`: an upgrade or an edit
that changes a class or how it is built must not unpickle the old shape), netriage's version
and the Python version: an edited, added or removed file makes a new key, so a stale build is
never read, and a damaged or unreadable cache file is simply built again. A few builds of each
kind are kept, so two installs (or checkouts) sharing one cache dir do not rebuild each
other's at every start.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

try:  # hashlib's own blake2b, from its small built-in module: hashlib loads OpenSSL (~5 ms)
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

from netriage.gcpause import paused

T = TypeVar("T")

_KEEP = 3  # builds of one kind kept side by side (the newest)


def code_files(*names: str) -> list[Path]:
    """Source files of netriage modules, named from the package ("engine/tree.py"), found
    without importing them: part of a cache key, so changed code builds afresh."""
    root = Path(__file__).parent
    return [root / name for name in names]


def content_key(paths: list[Path], salt: str = "") -> str:
    from netriage import __version__

    # blake2b: not worth importing hashlib (OpenSSL) for ~0.7 MB, hashed about as fast
    digest = blake2b(f"{sys.version_info[:2]}|{__version__}|{salt}".encode(), digest_size=32)
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:  # e.g. an install shipping bytecode only: the name still counts
            data = b"\0missing"
        digest.update(f"\0{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def cache_file(kind: str, key: str, suffix: str = ".pickle") -> Path:
    from netriage.userdirs import cache_dir

    return cache_dir() / f"{kind}-{key}{suffix}"


def cached(kind: str, paths: list[Path], build: Callable[[], T], salt: str = "",
           valid: Callable[[object], bool] = lambda _value: True) -> T:
    """`build()`, or what an earlier run built from the same files (`valid` checks its type)."""
    path = cache_file(kind, content_key(paths, salt))
    try:
        with path.open("rb") as handle, paused():
            value = pickle.load(handle)  # noqa: S301 - our own file in the user's cache dir
        if valid(value):
            return value
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
            TypeError, ValueError, IndexError):
        pass  # missing, damaged or from another netriage: built again below
    value = build()
    _store(kind, path, value)
    return value


def _store(kind: str, path: Path, value: object) -> None:
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except pickle.PicklingError:
        return
    write_atomic(path, data, kind)


def write_atomic(path: Path, data: bytes, kind: str) -> None:
    """Best effort: a read-only or full cache dir costs the next start its speed, not more."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _prune(kind, path.parent, path.suffix)
        part = path.with_suffix(f".{os.getpid()}.part")
        part.write_bytes(data)
        os.replace(part, path)  # whole or not at all, even with two runs at once
    except OSError:
        pass


def _prune(kind: str, folder: Path, suffix: str = ".pickle") -> None:
    """Leave room for one more build of `kind`: the oldest beyond the newest _KEEP - 1 go."""
    def age(old: Path) -> float:
        try:
            return old.stat().st_mtime
        except OSError:
            return 0.0

    builds = sorted(folder.glob(f"{kind}-*{suffix}"), key=age, reverse=True)
    for old in builds[_KEEP - 1:]:
        old.unlink(missing_ok=True)
