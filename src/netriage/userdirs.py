"""Every path netriage keeps for the user, in one place (platformdirs; nothing at import time).

- state: `recent.json` (recently opened captures), `settings.json` (the theme)
- data: `sessions/` (saved walkthroughs), `captures/` (outputs collected live)
- config: `inventory.yaml` (hosts offered by the connect screen, besides `~/.ssh/config`)
- cache: `trees-<sha256>.pickle` (the decision trees as loaded, keyed by their files' content)

Tests isolate HOME and the XDG variables (tests/conftest.py), so they never touch real files.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path
from typing import Any

APP = "netriage"
RECENT_LIMIT = 10


def state_dir() -> Path:
    import platformdirs

    return platformdirs.user_state_path(APP)


def data_dir() -> Path:
    import platformdirs

    return platformdirs.user_data_path(APP)


def config_dir() -> Path:
    import platformdirs

    return platformdirs.user_config_path(APP)


def cache_dir() -> Path:
    """What can be rebuilt at any time (the decision trees, compiled): deleting it is safe."""
    fast = _linux_cache_dir()
    if fast is not None:
        return fast
    import platformdirs

    return platformdirs.user_cache_path(APP)


def _linux_cache_dir() -> Path | None:
    """platformdirs' answer on (non-Android) Linux in the plain cases, without importing it.

    Every run asks for the cache dir (the trees and the template index are read from it), and
    importing platformdirs (its XDG and Android logic, tempfile, random) was ~3 % of the
    demo's start-up. An absolute $XDG_CACHE_HOME, else an absolute $HOME's `.cache`, as
    platformdirs reads them; anything else (no or a relative HOME, another system) is left to
    platformdirs itself. tests/test_userdirs_fast.py holds the two to the same answer.
    """
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") or (
            os.environ.get("ANDROID_DATA") == "/data"
            and os.environ.get("ANDROID_ROOT") == "/system"):
        return None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(os.path.join(xdg, APP))
    if not os.path.isabs(os.environ.get("HOME", "")):
        return None
    return Path(os.path.join(os.path.expanduser("~/.cache"), APP))


def sessions_dir(*, create: bool = False) -> Path:
    return _dir(data_dir() / "sessions", create)


def captures_dir(*, create: bool = False) -> Path:
    return _dir(data_dir() / "captures", create)


def inventory_path() -> Path:
    return config_dir() / "inventory.yaml"


def ssh_config_path() -> Path:
    return Path.home() / ".ssh" / "config"


def _dir(path: Path, create: bool) -> Path:
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def _read_json(path: Path, default: Any) -> Any:
    import json  # not at import: an analysis asks this module for the cache dir only

    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return default


def _write_json(path: Path, value: Any) -> None:
    import json

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(value, indent=2) + "\n")
    tmp.replace(path)


# -- recent captures ------------------------------------------------------------------------
def recent_files() -> list[Path]:
    """Recently opened captures, newest first, that still exist."""
    items = _read_json(state_dir() / "recent.json", [])
    if not isinstance(items, list):
        return []
    return [Path(p) for p in items if isinstance(p, str) and Path(p).exists()][:RECENT_LIMIT]


def remember_recent(paths: list[str]) -> None:
    """Put `paths` at the top of the recent list (absolute, deduplicated, capped)."""
    fresh = [str(Path(p).resolve()) for p in paths]
    items = _read_json(state_dir() / "recent.json", [])
    old = [p for p in items if isinstance(p, str)] if isinstance(items, list) else []
    merged = fresh + [p for p in old if p not in fresh]
    with contextlib.suppress(OSError):  # a read-only home must not stop troubleshooting
        _write_json(state_dir() / "recent.json", merged[:RECENT_LIMIT])


# -- settings -------------------------------------------------------------------------------
def load_setting(name: str, default: str = "") -> str:
    settings = _read_json(state_dir() / "settings.json", {})
    value = settings.get(name, default) if isinstance(settings, dict) else default
    return value if isinstance(value, str) else default


def save_setting(name: str, value: str) -> None:
    settings = _read_json(state_dir() / "settings.json", {})
    settings = settings if isinstance(settings, dict) else {}
    settings[name] = value
    with contextlib.suppress(OSError):
        _write_json(state_dir() / "settings.json", settings)


# -- saved walkthroughs ---------------------------------------------------------------------
def new_session_path(device: str, tree: str) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in f"{device}-{tree}")
    return sessions_dir(create=True) / f"{safe}-{stamp}.json"


def saved_sessions(limit: int = 8) -> list[Path]:
    """Saved walkthroughs, newest first."""
    folder = sessions_dir()
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    return files[:limit]
