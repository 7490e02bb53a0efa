"""The HTML report: one self-contained file (inline CSS, no script, nothing fetched), every
text escaped, the same content as the text report, one section per device (its header, its
findings, what would decide more there).

Severities are told by their word (always printed) and by the border's style and weight —
critical double, high solid, medium dashed, low dotted, info thin — as well as a colour, so a
greyscale print tells them apart. Evidence folds under `<details>`, open; printed, colours
give way to black on white, each device starts a page, and evidence prints even when folded
on screen (`::details-content`, where the browser has it).
"""

from __future__ import annotations

from html import escape
from typing import Any

from netriage.report import common
from netriage.report.pairs import pairs_lines

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;max-width:62rem;margin:1.5rem auto;padding:0 1rem;
color:#111}
h1{font-size:1.5rem}h2{font-size:1.25rem;border-bottom:1px solid #999;margin-top:2rem}
h3,h4{font-size:1.05rem;margin:.2rem 0}h5{font-size:.95rem;margin:.6rem 0 .2rem}
code,pre{font:13px/1.4 ui-monospace,Menlo,Consolas,monospace}
pre{background:#f4f4f4;border:1px solid #ccc;padding:.5rem;white-space:pre-wrap;
overflow-wrap:anywhere}
.device,.finding{border:1px solid #bbb;border-left-width:.5rem;padding:.4rem .8rem;
margin:.8rem 0;break-inside:avoid;page-break-inside:avoid}
.sev{font-weight:700;letter-spacing:.05em}
.critical{border-left:.7rem double #7a0000}.critical .sev{color:#7a0000;font-weight:900}
.high{border-left:.5rem solid #c00000}.high .sev{color:#c00000}
.medium{border-left:.4rem dashed #b35900}.medium .sev{color:#b35900}
.low{border-left:.3rem dotted #3a5f8a}.low .sev{color:#3a5f8a;font-weight:600}
.info{border-left:2px solid #777}.info .sev{font-weight:400}
.none{border-left:1px solid #bbb}.none .sev{font-weight:400}
.deciding{font-weight:700}
summary{cursor:pointer;font-weight:600}
table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2rem .5rem;text-align:left}
@media print{
body{margin:0;max-width:none;font-size:10.5pt}
*{color:#000!important;background:#fff!important}
.per-device+.per-device,.report+.report{break-before:page;page-break-before:always}
h2,h3,h4,h5{break-after:avoid;page-break-after:avoid}
details>*{display:block}
details::details-content{content-visibility:visible;display:contents}
summary{list-style:none}summary::-webkit-details-marker{display:none}
pre{border:1px solid #000}
}
"""


def escaped(value: Any) -> str:
    return escape(str(value), quote=True)


def _code(text: str) -> str:
    """`show run` in a sentence → <code>; the rest escaped."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an odd backtick: show the sentence as it is
        return escaped(text)
    return "".join(f"<code>{escaped(p)}</code>" if i % 2 else escaped(p)
                   for i, p in enumerate(parts))


def _pre(lines: list[str]) -> str:
    return "<pre>" + escaped("\n".join(lines)) + "</pre>"


def _device(device: dict[str, Any]) -> list[str]:
    worst = device.get("worst") or "none"
    out = [f'<section class="device {escaped(worst)}">',
           f"<h2>{escaped(common.device_title(device))}</h2>",
           f'<p class="sev">{escaped(common.severity_summary(device))}</p>']
    if common.guess(device):
        out.append(f"<p>Platform {_code(common.guess(device))}.</p>")
    out.append("<ul>")
    for command, line in zip(device["commands"], common.commands_lines(device), strict=True):
        extra = "".join(f"<li>not understood, {_code(t)}</li>"
                        for t in common.not_understood(command, True))
        out.append(f"<li>{escaped(line)}" + (f"<ul>{extra}</ul>" if extra else "") + "</li>")
    out.append("</ul>")
    if device.get("undecided"):
        out.append(f"<p>{device['undecided']} check(s) not decided on this device "
                   "(see <em>What would decide more</em>).</p>")
    return [*out, "</section>"]


def _fixes(f: dict[str, Any]) -> list[str]:
    out = [f"<p><em>Fix: {_code(f['fix_note'])}.</em></p>"] if f.get("fix_note") else []
    for view in map(common.fix_view, f["fix"]):
        out.append(f"<h5>{_code(common.fix_label(view))}</h5>")
        if view.impact:
            out.append(f"<p><strong>Change impact:</strong> {_code(view.impact)}</p>")
        if view.manager:
            out.append("<p>In the manager:</p><ol>"
                       + "".join(f"<li>{_code(m)}</li>" for m in view.manager) + "</ol>")
        if view.commands:
            out.append(_pre(view.commands))
        for name, lines in (("Verify", view.verify), ("Rollback", view.rollback)):
            if lines:
                out += [f"<p>{name}:</p>", _pre(lines)]
    return out


def _finding(number: int, f: dict[str, Any]) -> list[str]:
    out = [f'<section class="finding {escaped(f["severity"])}">',
           f'<h4><span class="sev">{number}. {escaped(f["severity"].upper())}</span> '
           f"{escaped(f['title'])}</h4>",
           f"<p><code>{escaped(f['id'])}</code> on <strong>{escaped(f['device'])}</strong></p>"]
    out += [f"<p><em>{_code(note)}</em></p>" for note in common.partial_notes(f)]
    out.append(f"<p>{_code(f['explanation'])}</p>")
    if f["evidence"]:
        rows = "".join(
            f'<tr class="{"deciding" if e.get("deciding") else ""}"><td>{escaped(e["command"])}'
            f"</td><td>{escaped(e['line'])}</td><td><code>{escaped(e['text'])}</code></td></tr>"
            for e in f["evidence"])
        more = common.more_evidence(f)
        out.append("<details open><summary>Evidence (the deciding lines first, in bold)"
                   "</summary><table><tr><th>command</th><th>line</th><th>text</th></tr>"
                   f"{rows}</table>"
                   + (f"<p>... and {more} more line(s)</p>" if more else "") + "</details>")
    return [*out, *_fixes(f), "</section>"]


def _decide_more(groups: list[common.Group]) -> list[str]:
    if not groups:
        return []
    out = ["<h3>What would decide more</h3>", "<ul>"]
    out += [f"<li>{_code(g.sentence())}</li>" for g in groups[:common.GROUPS_SHOWN]]
    if len(groups) > common.GROUPS_SHOWN:
        out.append(f"<li>... and {len(groups) - common.GROUPS_SHOWN} more group(s) "
                   "(<code>--format json</code> lists every check)</li>")
    return [*out, "</ul>"]


def _questions(questions: list[dict[str, Any]]) -> list[str]:
    if not questions:
        return []
    out = ["<h3>Questions only you can answer</h3>", "<ul>"]
    out += [f"<li><strong>{escaped(q['device'])}</strong>: {_code(q['question'])}<br>"
            f"<code>{escaped(common.answer_form(q))}</code> "
            f"({escaped(common.choices_text(q))})</li>"
            for q in questions]
    return [*out, "</ul>"]


def _owner(item: dict[str, Any] | common.Group) -> str:
    return item.device if isinstance(item, common.Group) else item["device"]


def _per_device(report: dict[str, Any]) -> list[str]:
    """A section per device (a printed page each): header, findings, what would decide more,
    questions; then whatever names no listed device."""
    numbered = list(enumerate(report["findings"], 1))  # the text report's numbers
    groups, questions = common.undecided_groups(report), common.questions(report)
    names = {d["hostname"] for d in report["devices"]}
    out: list[str] = []
    for device in [*report["devices"], None]:
        def mine(item: dict[str, Any] | common.Group, device=device) -> bool:
            if device is None:  # the last section: what names no listed device
                return _owner(item) not in names
            return _owner(item) == device["hostname"]

        part = _device(device) if device else []
        findings = [(n, f) for n, f in numbered if mine(f)]
        if findings:
            part.append("<h3>Findings</h3>")
            for number, f in findings:
                part += _finding(number, f)
        part += _decide_more([g for g in groups if mine(g)])
        part += _questions([q for q in questions if mine(q)])
        if part:
            out += ['<section class="per-device">', *part, "</section>"]
    return out


def page(title: str, body: list[str]) -> str:
    """A whole HTML document around `body`: the CSS inline, nothing fetched."""
    head = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escaped(title)}</title>", f"<style>{_CSS}</style></head><body>"]
    return "\n".join([*head, *body, "</body></html>"]) + "\n"


def body(report: dict[str, Any], heading: str = "netriage report") -> list[str]:
    """One report's HTML, without the document around it (a batch page holds several)."""
    sources = ", ".join(f"<code>{escaped(s)}</code>" for s in report["sources"])
    out = ['<article class="report">',
           f"<h1>{escaped(heading)}</h1><p>netriage {escaped(report['netriage'])}: {sources}</p>"]
    if common.skipped_lines(report):
        out += ["<p>Not loaded:</p><ul>",
                *[f"<li>{_code(s)}</li>" for s in common.skipped_lines(report)], "</ul>"]
    if common.undecided_line(report):
        out.append(f"<p><strong>{escaped(common.undecided_line(report))}</strong></p>")
    out += _per_device(report)
    pairs = pairs_lines(report)  # the same words as the text report, escaped
    if pairs:
        out += ['<section class="per-device">', f"<h2>{escaped(pairs[0])}</h2>",
                _pre(pairs[2:]), "</section>"]
    return [*out, f"<p>{_code(common.redaction_line(report))}</p>", "</article>"]


def render(report: dict[str, Any]) -> str:
    return page(f"netriage report: {', '.join(report['sources'])}", body(report))
