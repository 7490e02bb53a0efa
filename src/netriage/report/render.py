"""Render the report dict as text, Markdown, HTML or JSON (one module per format)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from netriage.analysis import Analysis
from netriage.report.model import report_dict


# Each format's module (and json) is imported when a report is rendered in it: a run renders
# one format, and the others' imports were part of every start (issue 13, start-up).
def _text(report: dict[str, Any]) -> str:
    from netriage.report import text

    return text.render(report)


def _markdown(report: dict[str, Any]) -> str:
    from netriage.report import markdown

    return markdown.render(report)


def _html(report: dict[str, Any]) -> str:
    from netriage.report import html_page

    return html_page.render(report)


def _json(report: dict[str, Any]) -> str:
    import json

    return json.dumps(report, indent=2) + "\n"


FORMATS: dict[str, Callable[[dict[str, Any]], str]] = {
    "text": _text, "markdown": _markdown, "html": _html, "json": _json,
}


def render_report(analysis: Analysis, fmt: str = "text", *, redact: bool = True) -> str:
    """The report in `fmt`; secrets (keys, passwords, communities) masked unless redact=False."""
    return FORMATS[fmt](report_dict(analysis, redact=redact))
