"""Every figure a finding quotes from the capture is on one of its evidence lines (issue 11,
Tests: "a test … of the figures its explanation quotes").

Over every finding on every recording (each tree's own finding, before findings two trees
reach alike are merged: each must stand on its own evidence), the values the facts filled into
its title and explanation are cut out (the node's `{expr}` placeholders, matched against the
rendered text), and every figure in them — an IPv4 address or mask, a time of day, a number (a
counter, a sequence, a packet count, an SPI, a day or year) — must appear, as a whole token, in
the finding's evidence lines. A figure the engineer cannot find among the lines shown is a
claim they cannot check.

Not quotes, so not looked for:
- counts netriage makes of the rows it lists (`{len(...)}`: "2 `set session-key` lines");
- the figures in `ALLOWED`: advice or fixed text in the facts, or a value computed from the
  capture rather than printed by the device, each with its reason.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from netriage.engine.expr import PLACEHOLDER
from netriage.engine.findings import Evidence, Finding
from netriage.engine.tree import Node
from tests.recordings_index import analysis_of, list_recordings

RECORDINGS = Path(__file__).resolve().parents[1] / "recordings"

# (finding id, regex over the rendered title or explanation): figures inside a match are not
# from a capture line. Each entry says why; `test_every_allowance_is_still_needed` drops stale
# ones.
ALLOWED: dict[tuple[str, str], str] = {
    ("config.ssh-v1", r"no `ip ssh version 2` \(IOS answers 1\.99\)"):
        "the fact's fixed sentence about IOS: it names the missing line and what IOS answers",
    ("crypto.ike-p1-no-response", r"UDP 500\b"):
        "the IKE port, named to say what the peer does not answer",
    ("crypto.nat-t-disabled", r"crypto isakmp nat-traversal \d+"):
        "the command advised, with the recommended keepalive, not a line of the capture",
    ("config.weak-psk", r"only \d+ characters"):
        "the key's length, counted: the key itself is masked in every view",
    ("crypto.manual-key-length", r"\d+ hex digits|needs \d+"):
        "a key's length, counted (keys are masked), and the length its algorithm requires",
    ("config.ip-route-incomplete", r"\(the network is [\d.]+\)"):
        "the network the address and mask give, computed to show what was meant",
    ("failover.interface-policy", r"needs \d+ to fail"):
        "how many failures the policy (shown) requires of the monitored interfaces (shown)",
    ("failover.flapping", r"\(\d+ changes within an hour\)"):
        "a count of the Active rows listed as evidence, within one hour",
    ("iface.flapping", r"went down \d+ times in the log"):
        "a count of the down messages listed as evidence",
    ("iface.admin-down", r"counted \d+ packets"):
        "the sum of the input and output packet counters, both lines in the evidence",
}

_ADDRESS = re.compile(r"(?<![\w.:])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]\d)")
_TIME = re.compile(r"(?<![\w:])\d{1,2}:\d{2}:\d{2}(?![\d:])")
_NUMBER = re.compile(r"(?<![\w.:/-])\d+(?:\.\d+)?(?![\w/:(]|\.\d)")


def figures(text: str) -> list[str]:
    """Addresses, times and numbers in `text`, each once, in order."""
    found: list[str] = []
    for pattern in (_ADDRESS, _TIME):
        found += pattern.findall(text)
        text = pattern.sub(" ", text)
    found += _NUMBER.findall(text)
    return list(dict.fromkeys(found))


def _token(figure: str) -> re.Pattern[str]:
    """`figure` as a whole token (10 is not in 10.1.0.0 nor in 100, 1500 not in 15000)."""
    return re.compile(r"(?<![\d.])" + re.escape(figure) + r"(?!\d|\.\d)")


def shown(figure: str, lines: str) -> bool:
    return _token(figure).search(lines) is not None


def filled(template: str, rendered: str) -> list[tuple[str, str, tuple[int, int]]]:
    """(expression, value, span in `rendered`) of each placeholder `template` filled."""
    template = template.strip()
    parts = PLACEHOLDER.split(template)  # literal, expr, literal, expr, ..., literal
    pattern = "".join(re.escape(part) if i % 2 == 0 else "(.*?)" for i, part in enumerate(parts))
    match = re.fullmatch(pattern, rendered.strip(), re.DOTALL)
    if match is None:  # not this template's text: nothing to say which part was filled
        return []
    return [(parts[2 * i + 1], match.group(i + 1), match.span(i + 1))
            for i in range(len(parts) // 2)]


def unquoted(finding: Finding, node: Node) -> list[str]:
    """Figures the finding's title or explanation quotes that none of its evidence shows."""
    lines = "\n".join(e.text for e in finding.evidence)
    allowed = [pattern for (fid, pattern) in ALLOWED if fid == finding.id]
    missing: list[str] = []
    for template, text in ((node.title, finding.title), (node.explanation, finding.explanation)):
        exempt = [m.span() for p in allowed for m in re.finditer(p, text.strip())]
        for expr, value, (start, _end) in filled(template, text):
            if expr.strip().startswith("len("):
                continue  # a count netriage made of the rows it lists
            for figure in figures(value):
                where = [start + m.start() for m in _token(figure).finditer(value)]
                if all(any(a <= at < b for a, b in exempt) for at in where):
                    continue
                if not shown(figure, lines):
                    missing.append(f"{figure} (from {{{expr}}})")
    return missing


def _node_of(finding: Finding, nodes: dict[str, Node]) -> Node:
    [step] = [s for s in finding.path if s.outcome == "finding"][-1:]
    return nodes[step.node]


@cache
def _walked(target: Path) -> tuple[tuple[Finding, Node], ...]:
    """Every tree's own findings on one recording, with the node that raised each."""
    out = []
    for item in analysis_of(target).devices:
        for walk in item.walks:
            out += [(f, _node_of(f, walk.tree.nodes)) for f in walk.findings]
    return tuple(out)


TARGETS = list(list_recordings())


@pytest.mark.parametrize("target", TARGETS, ids=lambda p: str(p.relative_to(RECORDINGS)))
def test_every_quoted_figure_is_on_an_evidence_line(target):
    problems = [f"{f.id} on {f.device}: {missing}" for f, node in _walked(target)
                if (missing := unquoted(f, node))]
    assert problems == []


def test_the_check_finds_a_figure_no_evidence_line_shows():
    node = Node(id="n", kind="finding", title="Tunnel to {peer} is one-way",
                explanation="{peer}: {count} encrypted, 0 decrypted; {len(items)} SA(s).")
    finding = Finding(
        id="crypto.encaps-no-decaps", severity="high", device="fw",
        title="Tunnel to 203.0.113.2 is one-way",
        explanation="203.0.113.2: 184233 encrypted, 0 decrypted; 2 SA(s).",
        evidence=[Evidence("show crypto ipsec sa", 10, "current_peer: 203.0.113.2")])
    # the counter is quoted but no evidence line shows it; the literal 0 and the count are
    # not values read from the capture
    assert unquoted(finding, node) == ["184233 (from {count})"]
    finding.evidence.append(Evidence("show crypto ipsec sa", 14,
                                     "#pkts encaps: 184233, #pkts encrypt: 184233"))
    assert unquoted(finding, node) == []
    # a longer number holding the figure is not the figure
    finding.evidence[1] = Evidence("show crypto ipsec sa", 14, "#pkts encaps: 1842331,")
    assert unquoted(finding, node) == ["184233 (from {count})"]


def test_figures_are_whole_tokens():
    assert figures("10.1.0.0/255.255.255.0 -> 10.20.0.0: 1500 bytes at 02:37:15, map X 10") == [
        "10.1.0.0", "255.255.255.0", "10.20.0.0", "02:37:15", "1500", "10"]
    assert not shown("10", "remote ident (10.1.0.0/255.255.255.0/0/0)")
    assert shown("10", "crypto map MANUAL 10 ipsec-manual")
    assert not shown("1500", "mtu 15000")
    # interface names are names, not figures
    assert figures("GigabitEthernet0/1 and Gi1/0/21") == []


def test_every_allowance_is_still_needed():
    """An allowance no finding uses any more is removed, so the list stays the reasons."""
    used = set()
    for target in TARGETS:
        for finding, _node in _walked(target):
            for key in ALLOWED:
                fid, pattern = key
                text = finding.title + "\n" + finding.explanation
                if fid == finding.id and re.search(pattern, text):
                    used.add(key)
    assert sorted(set(ALLOWED) - used) == []
