"""Fix blocks by platform and release: the device's own platform and version pick the block,
with a note when none fits or when an unknown version leaves several variants on show."""

from __future__ import annotations

import textwrap
from pathlib import Path

from netriage.analysis import start_walk
from netriage.capture import load_paths
from netriage.engine.fixes import choose
from netriage.engine.tree import FixTemplate, load_tree
from netriage.facts import DeviceFacts

OLD = FixTemplate(("asa",), ("nat (inside) 0 access-list NONAT",), versions="<8.3")
NEW = FixTemplate(("asa",), ("nat (inside,outside) source static A A destination static B B",),
                  versions=">=8.3")
MATE = FixTemplate(("asa",), ("failover lan unit secondary",), device="mate")
IOS = FixTemplate(("ios",), ("crypto isakmp enable",))


def test_the_version_picks_one_block_per_target():
    choice = choose((OLD, NEW, MATE, IOS), "asa", "9.12(4)58")
    assert choice.chosen == (NEW, MATE)
    assert choice.note == ""
    assert choose((OLD, NEW), "asa", "8.2(5)").chosen == (OLD,)


def test_an_unknown_version_shows_every_variant_and_says_why():
    choice = choose((OLD, NEW), "asa", "")
    assert choice.chosen == (OLD, NEW)
    assert "version is not known" in choice.note


def test_no_block_for_the_platform_or_release_is_said_not_hidden():
    assert choose((IOS,), "asa", "9.8(4)").note == "no fix is written for asa"
    choice = choose((NEW,), "asa", "8.2(5)")
    assert choice.chosen == ()
    assert "8.2(5)" in choice.note and ">=8.3" in choice.note
    assert choose((), "asa", "9.8(4)").note == ""  # a finding that needs no change


TREE = """
tree: t
title: t
platforms: [asa]
start: f
nodes:
  f:
    finding: failover.standby-ip-missing
    severity: medium
    title: standby missing
    explanation: x
    each: "[i for i in failover.mate.interfaces]"
    as: i
    fix:
      - platforms: [asa]
        versions: "<9.0"
        commands: ["! old syntax"]
      - platforms: [asa]
        versions: ">=9.0"
        impact: "none: the standby address is added live"
        commands: ["failover"]
        verify: ["show failover"]
"""


def _walk(tmp_path: Path, capture: str):
    tree_file = tmp_path / "t.yaml"
    tree_file.write_text(textwrap.dedent(TREE))
    source = tmp_path / "cap.log"
    source.write_text(textwrap.dedent(capture))
    device = load_paths([source]).devices[0]
    return start_walk(load_tree(tree_file), DeviceFacts(device)).run()


SHOW_FAILOVER = """\
    fw# show version
    Cisco Adaptive Security Appliance Software Version 9.16(4)
    fw# show failover
    Failover On
    Failover unit Primary
    Failover LAN Interface: folink GigabitEthernet0/3 (up)
            This host: Primary - Active
                    Interface inside (10.0.0.1): Normal (Monitored)
                    Interface dmz (172.16.0.1): Normal (Monitored)
            Other host: Secondary - Standby Ready
                    Interface inside (10.0.0.2): Normal (Monitored)
                    Interface dmz (172.16.0.2): Normal (Monitored)
    fw#
"""


def test_the_walk_renders_the_block_for_the_device_release_once(tmp_path):
    walk = _walk(tmp_path, SHOW_FAILOVER)
    [finding] = walk.findings
    [fix] = finding.fix
    assert (fix.versions, fix.heading) == (">=9.0", "asa >=9.0")
    # two items rendered the same lines: the block is said once, not once per interface
    assert fix.commands == ["failover"]
    assert fix.impact.startswith("none")
    assert finding.fix_note == ""


def test_the_walk_says_when_the_version_is_unknown(tmp_path):
    walk = _walk(tmp_path, SHOW_FAILOVER.replace(
        "    fw# show version\n    Cisco Adaptive Security Appliance Software Version 9.16(4)\n",
        ""))
    [finding] = walk.findings
    assert [f.versions for f in finding.fix] == ["<9.0", ">=9.0"]
    assert "version is not known" in finding.fix_note
