"""Folding: a one-ended finding a pair explains leaves `findings` and lives in the pair.

A pair lists `folds` ((device, catalog id) it explains). A finding is folded only when its
device is one end of the pair and, for IPsec, it is about that tunnel: its title or evidence
names an address of the other end, or the device has no other peer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netriage.engine.findings import Finding
    from netriage.pairs.model import Pair


def _about(finding: Finding, addresses: set[str]) -> bool:
    if not addresses:
        return True
    texts = [finding.title, *(e.text for e in finding.evidence)]
    return any(address in text for address in addresses for text in texts)


def fold(findings: list[Finding], pairs: list[Pair]) -> list[Finding]:
    """`findings` without those a pair explains."""
    return [f for f in findings
            if not any((f.device, f.id) in pair.folds
                       and _about(f, pair.scope.get(f.device, set())) for pair in pairs)]
