"""Secrets out of everything netriage writes: saved captures, reports, their manifests.

    from netriage.redact import TokenMap, redact_text
    tokens = TokenMap()
    result = redact_text("crypto isakmp key s3cret address 192.0.2.1", tokens, "r1.log")
    result.text      # 'crypto isakmp key <psk-1> address 192.0.2.1'
    result.manifest  # [Masked(source='r1.log', line=1, kind='psk', token='<psk-1>')]
"""

from netriage.redact.apply import (
    capture_secrets,
    mask_value,
    redact_capture,
    redact_report,
    redact_tree,
)
from netriage.redact.engine import Masked, Redacted, TokenMap, is_token, redact_text

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
