"""Secrets out of everything netriage writes: saved captures, reports, their manifests.

    from netriage.redact import TokenMap, redact_text
    tokens = TokenMap()
    result = redact_text("crypto isakmp key s3cret address 192.0.2.1", tokens, "r1.log")
    result.text      # 'crypto isakmp key <psk-1> address 192.0.2.1'
    result.manifest  # [Masked(source='r1.log', line=1, kind='psk', token='<psk-1>')]
"""

from typing import TYPE_CHECKING

from netriage.redact.apply import (
    capture_secrets,
    mask_value,
    redact_capture,
    redact_report,
    redact_tree,
)
from netriage.redact.engine import TokenMap, is_token, redact_text

if TYPE_CHECKING:
    from netriage.redact.manifest import Masked, Redacted


def __getattr__(name: str) -> type:
    # the manifest records are imported when first named (`manifest`): an analysis whose
    # outputs hold no secret never builds one
    if name in ("Masked", "Redacted"):
        from netriage.redact import manifest

        return getattr(manifest, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
           "Masked",
           "Redacted",
           "TokenMap",
           "capture_secrets",
           "is_token",
           "mask_value",
           "redact_capture",
           "redact_report",
           "redact_text",
           "redact_tree",
]
