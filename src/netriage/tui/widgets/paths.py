"""Completion of file system paths in an Input (accept with Right arrow)."""

from __future__ import annotations

from pathlib import Path

from textual.suggester import Suggester


class PathSuggester(Suggester):
    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value or (value.endswith("/") and not Path(value).expanduser().is_dir()):
            return None
        typed = Path(value).expanduser()
        folder, prefix = (typed, "") if value.endswith("/") else (typed.parent, typed.name)
        try:
            names = sorted(p.name + ("/" if p.is_dir() else "") for p in folder.iterdir()
                           if p.name.startswith(prefix) and not p.name.startswith("."))
        except OSError:
            return None
        if not names or names[0] == prefix:
            return None
        return value + names[0][len(prefix):]
