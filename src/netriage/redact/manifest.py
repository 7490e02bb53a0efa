"""What redaction reports: the manifest rows (what kind of secret was masked where) and a
redacted text with its rows. Imported once something is redacted into a result, not by every
analysis that only checks its outputs for secrets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Masked:
    """One manifest row: what kind of secret was masked where. Never the secret itself."""

    source: str
    line: int
    kind: str
    token: str

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "line": self.line, "kind": self.kind,
                "token": self.token}


@dataclass
class Redacted:
    """A text with its secrets masked, and what was masked."""

    text: str
    manifest: list[Masked] = field(default_factory=list)
