"""Captures as people paste them (`recordings/pasted/`): what each must still be found to hold.

Every file there is a post, a chat, a mail or a ticket with one damaged form (see the
folder's README). For each: the faults planted in it are found on the right device, every
output is read whole (the damage left no line not understood), and every evidence line points
at the line of the file that shows it — the same text once the paste's damage is undone.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

from netriage.analysis import analyze_paths
from netriage.capture.cleanup_rules import markup, typography
from netriage.report.model import report_dict
from tests.conftest import RECORDINGS

PASTED = RECORDINGS / "pasted"

# file -> device -> ids that must fire there (planted, or a consequence stated in the README)
EXPECTED: dict[str, dict[str, set[str]]] = {
    "company-a-6509-pix63-forum-post.txt": {
        "Company A 6509": {
            "config.enable-password-cleartext", "crypto.manual-keying-used",
            "crypto.manual-key-length", "config.session-key-cleartext", "crypto.map-incomplete",
            "config.acl-shadowed-after-deny-any", "config.telnet-enabled",
            "config.vty-no-access-class", "config.vty-password-only", "config.psk-cleartext",
            "config.snmp-community-public", "config.enable-secret-missing"},
        "pixfirewall": {
            "crypto.manual-keying-used", "crypto.manual-key-length",
            "config.session-key-cleartext", "config.telnet-enabled", "config.pix-default-passwd",
            "config.snmp-community-public"},
    },
    "ios-asa-uppercase-aliased-commands-chat.txt": {
        "br-lyon-rtr01": {"crypto.ike-p1-no-response", "crypto.p1-up-state-ok"},
        "dc1-vpn-fw": {"crypto.ike-p1-no-response", "crypto.ike-p1-psk-mismatch",
                       "crypto.ike-p1-responder-wait3", "crypto.ike-p1-dh-nat-t",
                       "crypto.ikev2-in-neg", "crypto.ikev2-delete"},
    },
    "asa-bare-hash-prompt-failover.txt": {
        # no hostname anywhere: the device is named after the file
        "asa-bare-hash-prompt-failover": {"failover.mate-failed", "failover.not-monitored",
                                          "failover.state-xerr"},
    },
    "asa-failover-markdown-issue.txt": {
        "hq-edge-fw/pri": {"failover.mate-failed", "failover.not-monitored",
                           "failover.state-xerr"},
    },
    "ftd-failover-html-source-post.txt": {
        "ftd": {"failover.cold-standby"},
    },
    "asa-vpn-email-reply-quoted.txt": {
        "dc1-vpn-fw": {"crypto.ike-p1-no-response", "crypto.ike-p1-psk-mismatch",
                       "crypto.ike-p1-up-no-p2", "crypto.encaps-no-decaps",
                       "crypto.decaps-no-encaps", "crypto.ike-p1-responder-wait3"},
    },
    "ios-shop-router-smart-quotes-fr-forum.txt": {
        "shop114-rtr": {"crypto.ike-disabled-ios", "config.acl-undefined-applied",
                        "config.acl-shadowed-after-deny-any", "iface.runts-giants"},
    },
    "asa-hub-isakmp-poster-annotations.txt": {
        "dc1-vpn-fw": {"crypto.ike-p1-no-response", "crypto.ike-p1-psk-mismatch",
                       "crypto.ike-p1-responder-wait3", "crypto.encaps-no-decaps",
                       "crypto.decaps-no-encaps"},
    },
    "asa-failover-double-spaced-forum.txt": {
        "hq-edge-fw/pri": {"failover.mate-failed", "failover.not-monitored",
                           "failover.state-xerr"},
    },
    "ios-branch-router-email-wrapped-72.txt": {
        # the same as the unwrapped excerpt gives: the `Main mode failed` message (a log line
        # wrapped in two) says why the peer in MM_NO_STATE never answers
        "br-lyon-rtr01": {"crypto.ike-p1-proposal-mismatch", "iface.output-drops",
                          "crypto.p1-up-state-ok"},
    },
    "asa-ios-lost-indentation-ticket.txt": {
        "hq-edge-fw/pri": {"failover.mate-failed", "failover.not-monitored",
                           "failover.state-xerr"},
        "br-lyon-rtr01": {"crypto.encaps-no-decaps", "crypto.ike-p1-no-response"},
    },
    "asa-hub-ipsec-sa-lost-indentation-chat.txt": {
        "dc1-vpn-fw": {"crypto.encaps-no-decaps", "crypto.decaps-no-encaps"},
    },
    "ios-2811-config-capitalised-email.txt": {
        "Router": {"config.vty-no-login", "config.console-no-login", "config.aux-no-login",
                   "config.telnet-enabled", "config.psk-cleartext", "config.no-aaa-new-model",
                   "config.enable-secret-weak-hash", "config.legacy-services",
                   "config.default-hostname"},
    },
    "pix63-failover-no-show-version-post.txt": {
        "pix-lyon": {"failover.pix-cable-status", "failover.syslog-switching-active"},
    },
}


# Cases that fail only for want of another part of netriage (remove the mark once it is in).
NEEDS: dict[str, str] = {}


def _cases() -> list:
    return [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=NEEDS[name]))
            if name in NEEDS else name for name in sorted(EXPECTED)]


@functools.cache
def _report(name: str) -> dict:
    return report_dict(analyze_paths([str(PASTED / name)]))


def test_every_pasted_recording_has_a_case_and_a_readme_row():
    files = sorted(p.name for p in PASTED.iterdir() if p.suffix == ".txt")
    assert files == sorted(EXPECTED)
    readme = (PASTED / "README.md").read_text(encoding="utf-8")
    assert [f for f in files if f"`{f}`" not in readme] == []


@pytest.mark.parametrize("name", _cases())
def test_planted_faults_found_on_their_device(name: str):
    report = _report(name)
    fired: dict[str, set[str]] = {}
    for finding in report["findings"]:
        fired.setdefault(finding["device"], set()).add(finding["id"])
    # A one-ended finding a two-ended verdict explains is folded into the pair (issue 15): it
    # still fired on each device of that pair.
    for pair in report.get("pairs", []):
        for device in pair["devices"]:
            fired.setdefault(device, set()).update(pair["findings"])
    assert {d["hostname"] for d in report["devices"]} == set(EXPECTED[name])
    for device, ids in EXPECTED[name].items():
        assert ids - fired.get(device, set()) == set(), device


@pytest.mark.parametrize("name", _cases())
def test_damage_leaves_no_line_not_understood(name: str):
    left = {(d["hostname"], c["command"]): c["not_understood"]
            for d in _report(name)["devices"] for c in d["commands"] if c["not_understood"]}
    assert left == {}


def _plain(text: str) -> str:
    """A line as compared: paste damage undone, case and spacing ignored."""
    text = markup(typography(text)) or ""
    text = re.sub(r"^(?:> ?)+", "", text)
    return " ".join(text.split()).lower()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_evidence_points_at_the_file_line_that_shows_it(name: str):
    lines = (PASTED / name).read_text(encoding="utf-8").split("\n")
    checked = 0
    for finding in _report(name)["findings"]:
        for ev in finding["evidence"]:
            if not ev.get("line") or Path(ev.get("source", "")).name != name:
                continue
            there, said = _plain(lines[ev["line"] - 1]), _plain(ev["text"])
            # a repaired line holds the file line (a wrap joined, a merged line split, a note
            # cut off) or is held by it
            assert there and (said in there or there in said), (finding["id"], ev)
            checked += 1
    assert checked >= len(_report(name)["findings"])


def test_prose_and_notes_are_set_aside_and_reported():
    report = analyze_paths([str(PASTED / "asa-hub-isakmp-poster-annotations.txt")])
    skipped = " ".join(report.capture.skipped)
    assert "a note added to the output ('<-- here, stuck')" in skipped
    assert "'<<YOUR SIDE BROUGHT THE VPN UP'" in skipped
    assert "a person's words between outputs" in skipped
