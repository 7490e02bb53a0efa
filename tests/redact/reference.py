"""The redaction path before its fast path, kept as the reference a fast path must equal.

netutils' `sanitize_config` with every rule over every whole text, no keyword test anywhere.
tests/redact/test_fast_path.py compares against it; benchmarks/redaction_bench.py times it.
"""

from __future__ import annotations

from netutils.config.clean import sanitize_config

from netriage.redact import TokenMap, engine
from netriage.redact.rules import RULES


def reference_mask(text: str, tokens: TokenMap, command: str = "") -> tuple[str, list]:
    """Every rule over the whole text, through netutils, with no keyword test anywhere."""
    rows: list = []
    lines = engine._Lines()
    if engine._has_private_key(text):
        text = engine._private_keys(text, tokens, rows)
    text = engine._prompted(text, tokens, rows, command)
    filters = [{"regex": rule.regex, "replace": engine._replacer(rule, tokens, rows, lines)}
               for rule in RULES]
    out = sanitize_config(text, filters)  # type: ignore[arg-type]
    out = engine._bare_keys(out, tokens, rows, lines)
    if command.startswith("show crypto isakmp key"):
        out = engine._isakmp_key_table(out, tokens, rows, lines)
    return engine.mask_known(out, tokens, rows, lines), sorted(rows)
