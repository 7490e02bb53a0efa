"""Errors the user can act on. Views turn these into one clear sentence, never a traceback."""

from __future__ import annotations


class NetriageError(Exception):
    """Base for every error netriage reports to the user as a plain message."""

    exit_code = 2


class CaptureError(NetriageError):
    """A capture file or directory cannot be used (empty, binary, unreadable, unknown format)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class TreeError(NetriageError):
    """A decision tree file is malformed."""
