"""HTML and Markdown as the issue asks, on several recordings through the real CLI.

HTML: parsed with html.parser — evidence in <details>/<summary>, print CSS (black on white,
a page per device, evidence printed), nothing external, severities that read in greyscale
(the word always printed, a border style and weight of its own). Markdown: read by
markdown-it-py (CommonMark with GFM tables and strikethrough, as GitHub and GitLab read it):
no raw HTML for them to strip, fences balanced, `|` escaped in tables.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt  # Textual's own Markdown parser

from netriage.cli import main
from netriage.report.markdown import render as render_markdown
from netriage.report.markdown_safe import code, fence, text
from tests.conftest import DEMO, RECORDINGS

SPLIT_BRAIN = RECORDINGS / "pairs" / "failover-split-brain"
ROUTER = RECORDINGS / "realistic" / "routers-switches" / "isr4331-branch-vpn-rtr-session.log"
DIST = RECORDINGS / "realistic" / "firewalls" / \
    "asa5525x-9.12-dist-pair-primary-both-active-after-power-cut-session.log"
SEVERAL = [DEMO, SPLIT_BRAIN, ROUTER, DIST]
SEVERITIES = ("critical", "high", "medium", "low", "info")


def run(tmp_path, capsys, path, fmt: str) -> str:
    out = tmp_path / f"report.{fmt}"
    main(["analyze", str(path), "--format", fmt, "-o", str(out)])
    capsys.readouterr()
    return out.read_text(encoding="utf-8")


class Page(HTMLParser):
    """Elements with their attributes, parents and text, as a browser builds them."""

    VOID = {"meta", "br", "img", "link", "input", "hr"}

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[dict] = []
        self.stack: list[dict] = []
        self.css = ""

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": [], "parents": list(self.stack)}
        self.elements.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1]["tag"] == "style":
            self.css += data
        for element in self.stack:
            element["text"].append(data)

    def having(self, tag: str, cls: str = "") -> list[dict]:
        return [e for e in self.elements if e["tag"] == tag
                and cls in (e["attrs"].get("class") or "").split() + [""]]


def page_of(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def words(element: dict) -> str:
    return "".join(element["text"])


@pytest.mark.parametrize("path", SEVERAL, ids=lambda p: p.name)
def test_html_evidence_folds_and_every_severity_word_is_printed(tmp_path, capsys, path):
    page = page_of(run(tmp_path, capsys, path, "html"))
    data = json.loads(run(tmp_path, capsys, path, "json"))
    findings = page.having("section", "finding")
    assert len(findings) == len(data["findings"])
    for section, finding in zip(findings, data["findings"], strict=True):
        assert finding["severity"] in section["attrs"]["class"].split()
        assert finding["severity"].upper() in words(section)  # not told by colour alone
        if finding["evidence"]:
            [details] = [d for d in page.having("details") if section in d["parents"]]
            assert "open" in details["attrs"]
            assert [s for s in page.having("summary") if details in s["parents"]]
    # a section (a printed page) per device, each holding that device's findings
    devices = page.having("section", "per-device")
    for device in data["devices"]:
        [mine] = [d for d in devices if words(d).strip().startswith(f"{device['hostname']}: ")]
        inside = [f for f in findings if mine in f["parents"]]
        assert len(inside) == sum(f["device"] == device["hostname"] for f in data["findings"])


def test_html_prints_in_black_a_page_per_device_with_evidence_shown(tmp_path, capsys):
    page = page_of(run(tmp_path, capsys, SPLIT_BRAIN, "html"))
    assert len(page.having("section", "per-device")) >= 3  # two units and the pair
    css = re.sub(r"\s+", "", page.css)
    printed = css[css.index("@mediaprint{"):]
    assert "color:#000!important" in printed and "background:#fff!important" in printed
    assert ".per-device+.per-device" in printed and "break-before:page" in printed
    assert "details::details-content{content-visibility:visible" in printed


def test_html_severities_differ_by_border_style_and_weight(tmp_path, capsys):
    css = re.sub(r"\s+", " ", page_of(run(tmp_path, capsys, DEMO, "html")).css)
    borders = {}
    for severity in SEVERITIES:
        rule = re.search(rf"\.{severity}\{{border-left:([^;}}]+)", css)
        assert rule, severity
        width, style = rule.group(1).split()[:2]
        borders[severity] = (style, width)
    # in greyscale each severity keeps a style (double, solid, dashed, dotted) and a weight
    assert len(set(borders.values())) == len(SEVERITIES)
    assert [borders[s][0] for s in ("critical", "medium", "low")] == \
        ["double", "dashed", "dotted"]


def test_html_fetches_nothing(tmp_path, capsys):
    for path in SEVERAL:
        html = run(tmp_path, capsys, path, "html")
        page = page_of(html)
        assert not {"script", "link", "img", "iframe", "object", "embed"} & \
            {e["tag"] for e in page.elements}
        assert not [v for e in page.elements for k, v in e["attrs"].items()
                    if k in ("src", "href", "srcset", "action") or (v and "://" in v)]
        assert "url(" not in page.css and "@import" not in page.css


def _tokens(markdown: str) -> list:
    parser = MarkdownIt("gfm-like")
    flat = []
    for token in parser.parse(markdown):
        flat += [token, *(token.children or [])]
    return flat


def _fences_balanced(markdown: str) -> bool:
    opened = ""
    for line in markdown.splitlines():
        run_ = re.match(r"^(`{3,})", line)
        if run_ and not opened:
            opened = run_.group(1)
        elif run_ and line.strip() == opened:
            opened = ""
    return opened == ""


@pytest.mark.parametrize("path", SEVERAL, ids=lambda p: p.name)
def test_markdown_has_no_html_and_balanced_fences(tmp_path, capsys, path):
    markdown = run(tmp_path, capsys, path, "markdown")
    assert _fences_balanced(markdown)
    tokens = _tokens(markdown)
    assert not [t for t in tokens if t.type in ("html_inline", "html_block")]
    data = json.loads(run(tmp_path, capsys, path, "json"))
    # every fix line is inside a fence, as typed
    fenced = "\n".join(t.content for t in tokens if t.type == "fence")
    for finding in data["findings"]:
        for fix in finding["fix"]:
            for line in fix["verify"]:
                assert line in fenced


def test_markdown_escapes_what_a_capture_or_a_token_would_turn_into_markup():
    from netriage.analysis import analyze_paths
    from netriage.report.model import report_dict

    report = report_dict(analyze_paths([DEMO]), redact=True)
    finding = report["findings"][0]
    finding["title"] = "key <psk-1> on *outside* & [vpn] ~old~ if_name _x_"
    finding["explanation"] = "line `a``b` and <b>bold</b>"
    finding["evidence"][0]["text"] = "```\n<script>alert(1)</script>"
    markdown = render_markdown(report)
    assert _fences_balanced(markdown)
    assert not [t for t in _tokens(markdown) if t.type in ("html_inline", "html_block",
                                                           "s_open", "link_open")]
    html = MarkdownIt("gfm-like").render(markdown)
    assert "key &lt;psk-1&gt; on *outside* &amp; [vpn] ~old~ if_name _x_" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<code>a``b</code>" in html


def test_markdown_helpers():
    assert text("fw_edge and _x_ <t>") == "fw_edge and \\_x\\_ \\<t\\>"
    assert text("capture `show run | i x_y` now") == "capture `show run | i x_y` now"
    assert text("# not a heading") == "\\# not a heading"
    assert code("a`b") == "``a`b``" and code("`x") == "`` `x ``"
    assert fence(["```", "x"])[0] == "````"


def test_markdown_index_escapes_pipes_in_table_cells(tmp_path, capsys):
    folder = tmp_path / "captures"
    folder.mkdir()
    shutil.copy(DEMO, folder / "edge|dmz.log")
    shutil.copy(ROUTER, folder / "branch_rtr.log")
    out = tmp_path / "out"
    main(["analyze", str(folder), "--batch", "-o", str(out), "--format", "markdown"])
    capsys.readouterr()
    index = (out / "index.md").read_text()
    assert "edge\\|dmz.log" in index
    tokens = _tokens(index)
    rows = [t for t in tokens if t.type == "tr_open"]
    cells = [t for t in tokens if t.type in ("td_open", "th_open")]
    assert len(rows) == 3 and len(cells) == 3 * 7  # header + 2 captures, 7 columns each
    inline = [t.content for t in tokens if t.type == "inline"]
    assert "edge|dmz.log" in inline  # one cell, the pipe shown
