"""`--format html`: one self-contained, escaped, redacted file with the text report's content."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from netriage.cli import main
from tests.conftest import DEMO, RECORDINGS
from tests.secrets_plant import planted, write_captures

SHOP = RECORDINGS / "realistic" / "firewalls" / \
    "asa5506x-9.12-shop-base-licence-no-failover-session.log"


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parsed(html: str) -> _Tags:
    tags = _Tags()
    tags.feed(html)
    return tags


def report(tmp_path, capsys, *args, fmt="html", name="report.html"):
    out = tmp_path / name
    code = main(["analyze", *map(str, args), "--format", fmt, "-o", str(out)])
    capsys.readouterr()
    return code, out.read_text(encoding="utf-8")


def test_one_self_contained_file_with_nothing_to_fetch(tmp_path, capsys):
    code, html = report(tmp_path, capsys, DEMO)
    assert code == 1
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    tags = parsed(html)
    names = {tag for tag, _attrs in tags.tags}
    assert "style" in names and {"script", "link", "img", "iframe"}.isdisjoint(names)
    # no attribute points anywhere: no src, no external href
    assert not [a for _t, attrs in tags.tags for k, a in attrs.items()
                if k in ("src", "href") or (a and "://" in a)]
    assert "details" in names  # evidence folds, open so it prints


def test_the_same_content_as_the_text_report(tmp_path, capsys):
    _code, html = report(tmp_path, capsys, SHOP)
    text = "".join(parsed(html).text)
    data = json.loads(report(tmp_path, capsys, SHOP, fmt="json", name="r.json")[1])
    for device in data["devices"]:
        assert f"{device['hostname']}: {device['platform']} {device['version']}" in text
    for finding in data["findings"]:
        assert finding["title"] in text and finding["id"] in text
        for fix in finding["fix"]:
            for line in fix["commands"] + fix["verify"]:
                assert line.strip() in text
    for u in data["undecided"]:
        if u["question"]:
            assert u["question"] in text
            assert f"--answer {u['tree']}.{u['node']}=ANSWER" in text
            assert f"ANSWER is one of: {', '.join(u['choices'])}" in text
        elif u["capture"]:
            assert f"capture {u['capture']}" in text  # the <code> tags are gone in text


def test_capture_text_is_escaped(tmp_path, capsys):
    capture = tmp_path / "evil.log"
    capture.write_text(DEMO.read_text().replace(
        "Interface dmz (0.0.0.0): Normal (Waiting)",
        "Interface dmz (0.0.0.0): Normal (Waiting) <script>alert(1)</script>"))
    _code, html = report(tmp_path, capsys, capture)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html
    assert "script" not in {tag for tag, _attrs in parsed(html).tags}


def test_secrets_are_masked_as_in_the_other_formats(tmp_path, capsys):
    folder = tmp_path / "planted"
    folder.mkdir()
    write_captures(folder)
    secrets = planted()
    clear = report(tmp_path, capsys, "--merge", folder, "--no-redact", name="clear.html")[1]
    assert sum(s in clear for s in secrets) > 10  # the report does quote them unmasked
    masked = report(tmp_path, capsys, "--merge", folder, name="masked.html")[1]
    assert [s for s in secrets if s in masked] == []
    assert re.search(r"&lt;psk-\d+&gt;", masked)
    text = report(tmp_path, capsys, "--merge", folder, fmt="text", name="r.txt")[1]
    said = re.search(r"Secrets masked: .*", text).group(0)
    assert said in "".join(parsed(masked).text)
