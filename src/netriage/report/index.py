"""The index of a batch: one row per capture (file, devices, platform, version, worst severity,
counts, its report), the files skipped with their reason, and notes — in every format."""

from __future__ import annotations

import json
from collections import Counter
from html import escape
from typing import Any

from netriage.engine.findings import SEVERITIES, severity_rank
from netriage.report.html_page import page
from netriage.report.markdown_safe import cell, text


def index_row(label: str, report: dict[str, Any], written: str = "") -> dict[str, Any]:
    """One capture's row, from its report dict (what the report itself says); a pair's
    verdict counts like a finding (it holds the findings it folded)."""
    severities = [f["severity"] for f in report["findings"]]
    severities += [p["severity"] for p in report.get("pairs") or [] if p.get("severity")]
    counts = Counter(severities)
    return {
        "file": label,
        "devices": [d["hostname"] for d in report["devices"]],
        "platforms": sorted({d["platform"] for d in report["devices"] if d["platform"]}),
        "versions": sorted({d["version"] for d in report["devices"] if d["version"]}),
        "worst": max(severities, key=severity_rank, default=""),
        "counts": {s: counts[s] for s in reversed(SEVERITIES) if counts[s]},
        "findings": len(report["findings"]),
        "pairs": len(report.get("pairs") or []),
        "undecided": len(report["undecided"]),
        "report": written,
    }


def _counts(row: dict[str, Any]) -> str:
    return ", ".join(f"{n} {s}" for s, n in row["counts"].items()) or "none"


def _worst(row: dict[str, Any]) -> str:
    return row["worst"].upper() if row["worst"] else "no finding"


def render_index(rows: list[dict[str, Any]], skipped: list[str], notes: list[str],
                 fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"index": rows, "skipped": skipped, "notes": notes}, indent=2) + "\n"
    if fmt == "html":
        return page("netriage batch index", index_html(rows, skipped, notes))
    markdown = fmt == "markdown"
    out = ["# netriage batch index" if markdown else "Index", ""]
    header = ["file", "devices", "platform", "version", "worst", "findings by severity"]
    if any(r["report"] for r in rows):
        header.append("report")
    if markdown:
        out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        cells = [r["file"], ", ".join(r["devices"]), ", ".join(r["platforms"]) or "unknown",
                 ", ".join(r["versions"]) or "unknown", _worst(r), _counts(r)]
        cells += [r["report"]] if "report" in header else []
        if markdown:
            link = cells.pop() if "report" in header else ""
            cells = [cell(c) for c in cells]  # `|` escaped, prose markup escaped
            cells += [f"[{cell(link)}]({link})"] if link else []
            out.append("| " + " | ".join(cells) + " |")
        else:
            out.append("  " + " — ".join(cells))
    if skipped:
        out += ["", "## Skipped" if markdown else "Skipped (not analysed):", ""]
        out += [f"- {text(s)}" if markdown else f"  - {s}" for s in skipped]
    if notes:
        out += ["", "## Notes" if markdown else "Notes:", ""]
        out += [f"- {text(n)}" if markdown else f"  - {n}" for n in notes]
    return "\n".join(out).rstrip() + "\n"


def index_html(rows: list[dict[str, Any]], skipped: list[str], notes: list[str]) -> list[str]:
    def e(value: Any) -> str:
        return escape(str(value), quote=True)

    out = ["<h1>netriage batch index</h1>", "<table><tr><th>file</th><th>devices</th>"
           "<th>platform</th><th>version</th><th>worst</th><th>findings by severity</th></tr>"]
    for r in rows:
        name = (f'<a href="{e(r["report"])}">{e(r["file"])}</a>' if r["report"]
                else e(r["file"]))
        out.append(f'<tr class="{e(r["worst"] or "none")}"><td>{name}</td>'
                   f"<td>{e(', '.join(r['devices']))}</td>"
                   f"<td>{e(', '.join(r['platforms']) or 'unknown')}</td>"
                   f"<td>{e(', '.join(r['versions']) or 'unknown')}</td>"
                   f'<td class="sev">{e(_worst(r))}</td><td>{e(_counts(r))}</td></tr>')
    out.append("</table>")
    if skipped:
        out += ["<h2>Skipped</h2>", "<ul>", *[f"<li>{e(s)}</li>" for s in skipped], "</ul>"]
    if notes:
        out += ["<h2>Notes</h2>", "<ul>", *[f"<li>{e(n)}</li>" for n in notes], "</ul>"]
    return out
