"""Default severities of the catalog ids a pair carries (checks/catalog.tsv)."""

from __future__ import annotations

import functools


@functools.cache
def _severities() -> dict[str, str]:
    from netriage.engine.lint import load_catalog

    return {key: entry.severity for key, entry in load_catalog().items()}


def severity_of(finding_id: str) -> str:
    return _severities().get(finding_id, "medium")
