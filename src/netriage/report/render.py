"""Render the report dict as text, Markdown, HTML or JSON (one module per format)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from netriage.analysis import Analysis
from netriage.report import html_page, markdown, text
from netriage.report.model import report_dict


def _json(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2) + "\n"


FORMATS: dict[str, Callable[[dict[str, Any]], str]] = {
    "text": text.render, "markdown": markdown.render, "html": html_page.render, "json": _json,
}


def render_report(analysis: Analysis, fmt: str = "text", *, redact: bool = True) -> str:
    """The report in `fmt`; secrets (keys, passwords, communities) masked unless redact=False."""
    return FORMATS[fmt](report_dict(analysis, redact=redact))
