"""Views of an analysis that are not interactive: text, Markdown, JSON (and later HTML)."""

from netriage.report.render import FORMATS, render_report

__all__ = ["FORMATS", "render_report"]
