"""The issues of a crypto list, which may be Unknown: apart from `issues` so that the fact's
gates (`CryptoFacts.ask_*`, read by every analysis) need not load the issue, configuration
and SA models of a device with nothing crypto to read."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netriage.facts.crypto.issues import Issue, IssueList


def _items(value: IssueList) -> list[Issue]:
    return value if isinstance(value, list) else []
